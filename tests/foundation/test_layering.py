"""The architecture, enforced: the domain core, storage, ingest, reports and CLI never import Textual."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "pcntui"
HEADLESS = ["domain", "store", "ingest", "export", "report", "reference", "demo", "cli"]


def modules_in(folder: str) -> list[str]:
    return sorted(
        "pcntui." + ".".join(p.relative_to(PKG).with_suffix("").parts).removesuffix(".__init__")
        for p in (PKG / folder).rglob("*.py")
    )


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", HEADLESS)
def test_no_textual_in_source(folder):
    for path in (PKG / folder).rglob("*.py"):
        for name in imported_names(path):
            if name.split(".")[0] in {"textual", "rich"}:
                # the CLI may import the TUI lazily, inside the one function that launches it
                assert folder == "cli" and path.name == "main.py", f"{path} imports {name}"


def test_domain_imports_no_storage():
    for path in (PKG / "domain").rglob("*.py"):
        for name in imported_names(path):
            assert not name.startswith(("pcntui.store", "pcntui.cli", "pcntui.tui", "pcntui.report", "sqlite")), (
                f"{path} imports {name}"
            )


def test_store_does_not_import_cli_or_tui():
    for folder in ("store", "ingest", "report", "export"):
        for path in (PKG / folder).rglob("*.py"):
            for name in imported_names(path):
                assert not name.startswith(("pcntui.cli", "pcntui.tui")), f"{path} imports {name}"


def test_headless_modules_load_without_textual():
    mods = [m for f in HEADLESS for m in modules_in(f)]
    code = (
        "import sys, importlib\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        "from pcntui.cli.main import build_parser; build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.parametrize("argv", [["--help"], ["status", "--help"], ["--version"]])
def test_cli_commands_do_not_import_textual(argv, demo_path):
    code = (
        "import sys\nfrom pcntui.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"main(['status', '--db', {str(demo_path)!r}])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "sys.stderr.write(str(bad[:3])); sys.exit(1 if bad else 0)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr

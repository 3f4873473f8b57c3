"""The architecture, enforced: the domain core, storage, ingest, reports and CLI never import Textual;
the layers of issue 9 (inputs, views, export, services) import only the layers below them
(docs/architecture.md has the table)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "pcntui"
HEADLESS = ["domain", "store", "ingest", "export", "report", "reference", "demo", "cli", "catalog", "inputs", "views",
            "services"]


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


def top_level_imports(path: Path) -> set[str]:
    """Every module `path` imports, in functions too, except under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


# layer → the pcntui layers it may import (besides itself, pcntui.errors and pcntui.catalog), and
# the third-party packages it must not import (§2.2 of the design of issue 9).
LAYERS = {
    "inputs": ({"domain", "reference"}, {"sqlite3", "sqlite_utils", "textual", "rich"}),
    "views": ({"domain", "reference", "store"}, {"pydantic", "textual", "rich"}),
    "export": ({"domain", "views"}, {"pydantic", "sqlite3", "sqlite_utils", "textual", "rich"}),
    "services": ({"domain", "reference", "inputs", "ingest", "store", "export", "demo"}, {"textual", "rich"}),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_new_layer_imports_only_the_layers_below_it(layer):
    allowed, banned = LAYERS[layer]
    wrong = []
    for path in sorted((PKG / layer).rglob("*.py")):
        for name in top_level_imports(path):
            parts = name.split(".")
            if parts[0] == "pcntui" and len(parts) > 1:
                if parts[1] not in {layer, "errors", "catalog", *allowed}:
                    wrong.append(f"{path.relative_to(PKG)} imports {name}")
            elif parts[0] in banned:
                wrong.append(f"{path.relative_to(PKG)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_view_framework_loads_no_pydantic_sqlite_utils_or_textual():
    code = (
        "import sys\n"
        "import pcntui.views.base, pcntui.views.load, pcntui.views.format, pcntui.views.status.base\n"
        "import pcntui.export.views, pcntui.export.text\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'sqlite_utils', 'textual'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.parametrize("front", ["tui", "cli"])
def test_the_front_ends_use_only_the_storage_layers_public_entry(front):
    """Issue 9: `tui/` and `cli/` import `pcntui.store` (open_store, Store, Mode) and nothing below it."""
    wrong = [f"{path.relative_to(PKG)} imports {name}" for path in sorted((PKG / front).rglob("*.py"))
             for name in sorted(top_level_imports(path)) if name.startswith("pcntui.store.")]
    assert not wrong, "\n".join(wrong)


SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA\s)", re.S)


def strings(path: Path) -> list[ast.Constant]:
    """The string literals of a module, its docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("front", ["tui", "cli"])
def test_the_front_ends_hold_no_sql(front):
    wrong = [f"{path.relative_to(PKG)}:{node.lineno}" for path in sorted((PKG / front).rglob("*.py"))
             for node in strings(path) if SQL.search(node.value)]
    assert not wrong, "SQL in a front end: " + ", ".join(wrong)

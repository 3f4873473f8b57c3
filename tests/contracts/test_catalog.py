"""The registries are data (pcntui/catalog/*.toml): one list each, no side effects, every target
real, every KIND documented; `pcntui import|export --help` reads them without loading an importer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pcntui.catalog import AREAS, import_kinds, resolve, status_blocks, view_kinds

ROOT = Path(__file__).resolve().parents[2]


def test_each_area_owns_one_file_and_the_lists_follow_their_order():
    files = sorted(p.stem for p in (ROOT / "pcntui" / "catalog").glob("*.toml"))
    assert files == sorted(AREAS)
    for kinds in (import_kinds(), view_kinds(), status_blocks()):
        areas = [k.area for k in kinds]
        assert areas == sorted(areas, key=AREAS.index)


@pytest.mark.parametrize("entry", [*import_kinds(), *view_kinds(), *status_blocks()],
                         ids=lambda e: f"{type(e).__name__}:{getattr(e, 'kind', getattr(e, 'key', ''))}")
def test_every_target_is_a_function(entry):
    assert callable(resolve(entry.target))


def test_kinds_are_unique():
    for names in ([k.kind for k in import_kinds()], [k.kind for k in view_kinds()], [b.key for b in status_blocks()]):
        assert len(names) == len(set(names)), names
    assert "all" not in {k.kind for k in view_kinds()}  # `export all` is the command's own word


def test_the_readme_names_every_kind():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    imports = re.search(r"Import KINDs:(.*?)Export KINDs:", text, re.S).group(1)
    exports = re.search(r"Export KINDs:(.*?)\n\n", text, re.S).group(1)
    assert set(re.findall(r"`([\w-]+)`", imports)) == {k.kind for k in import_kinds()}
    assert set(re.findall(r"`([\w-]+)`", exports)) == {k.kind for k in view_kinds()} | {"all"}


def test_listing_the_kinds_loads_no_implementation():
    code = ("import sys\nfrom pcntui.catalog import import_kinds, view_kinds, status_blocks\n"
            "assert import_kinds() and view_kinds() and status_blocks()\n"
            "from pcntui.cli.main import main\n"
            "for argv in (['import', '--help'], ['export', '--help']):\n"
            "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('pcntui.store.', 'pcntui.report', 'pcntui.ingest',"
            " 'sqlite_utils', 'pydantic')))\n"
            "sys.stderr.write(repr(bad)); sys.exit(1 if bad else 0)\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-2000:]

"""What `pcntui status` right after a staff change costs besides its figures (issue 12: the
check-in must cost little even when it recomputes): the code it loads (about half its time at
40x was importing) and the cyclic collector's passes."""

from __future__ import annotations

import ast
import shutil
import importlib.util
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.period import Period
from pcntui.report import status
from pcntui.store import open_store
from pcntui.store.staff import change_terms
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, demo_template) -> list[str]:
    """The pcntui modules a `pcntui status` right after a change of someone's terms loads."""
    path = tmp_path_factory.mktemp("imports") / "demo.db"
    shutil.copyfile(demo_template, path)
    with open_store(path) as store:
        status.current(store, Period.make(TODAY))
        change_terms(store, store.scalar("SELECT min(id) FROM staff WHERE end_date IS NULL"), date(2026, 10, 1),
                     wte=Decimal("0.6"))
    code = ("import sys\nfrom pcntui.cli.main import main\n"
            f"main(['status', '--db', {str(path)!r}, '--as-of', {TODAY.isoformat()!r}])\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('pcntui'))))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return eval(p.stderr.strip().splitlines()[-1])  # noqa: S307 - our own repr of a list of names


def undocumented_dataclasses(module: str) -> list[str]:
    source = importlib.util.find_spec(module).origin
    tree = ast.parse(open(source, encoding="utf-8").read())
    return [f"{module}.{node.name}" for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any("dataclass" in ast.unparse(d) for d in node.decorator_list) and ast.get_docstring(node) is None]


def test_every_dataclass_status_loads_has_a_docstring(loaded):
    """A dataclass without a docstring gets one made from `inspect.signature` when its module is
    imported (1-3 ms each; 18 of them on this path cost about 15 ms of every uncached status)."""
    assert len(loaded) > 40
    assert [name for module in loaded for name in undocumented_dataclasses(module)] == []


def test_status_holds_the_collector_while_it_runs_and_gives_it_back(demo_db, monkeypatch, capsys):
    import gc

    from pcntui.cli.main import main

    seen = []
    real = status.current
    monkeypatch.setattr(status, "current", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    assert gc.isenabled()
    assert main(["status", "--db", str(demo_db), "--as-of", TODAY.isoformat()]) == 0
    assert seen == [False] and gc.isenabled() and "Demo PCN" in capsys.readouterr().out
    gc.disable()
    try:
        assert main(["status", "--db", str(demo_db), "--as-of", TODAY.isoformat()]) == 0
        assert not gc.isenabled()  # (held by the caller: left as it was)
    finally:
        gc.enable()


def test_status_freezes_what_the_process_made_once_at_its_exit(demo_db):
    """(So the collections at exit pass over none of it; once however many statuses ran.)"""
    code = ("import gc, sys\nfrom pcntui.cli.main import main\n"
            "gc.freeze = lambda: sys.stderr.write('frozen at exit\\n')\n"
            f"for _ in range(2):\n    main(['status', '--db', {str(demo_db)!r}, '--as-of', {TODAY.isoformat()!r}])\n"
            "sys.stderr.write('statuses done\\n')\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0 and p.stderr.splitlines()[-2:] == ["statuses done", "frozen at exit"], p.stderr
    assert p.stderr.count("frozen at exit") == 1

"""The status cache (issue 12 item 2): never stale, written only when the file is free, never by
a read-only open, and `pcntui status`, hit or miss, loads no sqlite-utils, pydantic or dateutil."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.domain.period import Period
from pcntui.report import status
from pcntui.store import open_store
from pcntui.services.interventions.codesign import add_action, complete_action
from pcntui.services.interventions.core import create_intervention
from pcntui.store.staff import change_terms
from pcntui.views.status.cache import cached
from tests.conftest import TODAY

ENV_TODAY = {"PCNTUI_TODAY": TODAY.isoformat()}
PERIODS = [Period.make(TODAY), Period.make(date(2026, 6, 30)), Period.make(TODAY - timedelta(days=400))]


def rows(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM status_cache").fetchone()[0]
    finally:
        conn.close()


def take_step(store, path, what: str, other: str, n: int, change, changes) -> None:
    """One step of a property test's sequence: one of `changes` (made by `change`), undo or redo,
    or `other` made by another connection to the file at `path`, as another pcntui would."""
    from pcntui.errors import UserError

    if what in changes:
        change(store, what, n)
    elif what in ("undo", "redo"):
        with contextlib.suppress(UserError):  # nothing before a forget can be undone
            getattr(store, what)()
    elif what == "other copy":
        with open_store(path) as copy:
            change(copy, other, n)


def fresh(path, period: Period) -> list:
    """The blocks computed now, without the cache (on a copy of the file with nothing kept)."""
    copy = path.with_name(f"{path.name}.fresh.db")
    with contextlib.closing(sqlite3.connect(path)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)
        target.execute("DELETE FROM status_block")
        target.execute("DELETE FROM status_cache")
        target.commit()
    try:
        with open_store(copy) as store:
            return status.build(store, period)
    finally:
        for p in copy.parent.glob(f"{copy.name}*"):
            p.unlink()


def change(store, step: int) -> None:
    """One real change to the figures (ARRS terms, an intervention and its actions), whatever
    earlier undos left."""
    staff = store.query("SELECT id FROM staff ORDER BY id")
    open_ = store.query("SELECT id FROM intervention_action WHERE done_on IS NULL ORDER BY id")
    first = store.scalar("SELECT min(id) FROM intervention")
    if step % 3 == 0 and staff:
        change_terms(store, staff[step % len(staff)]["id"], date(2026, 4 + step % 6, 1), wte=Decimal("0.5"))
    elif step % 3 == 2 and open_:
        complete_action(store, open_[0]["id"], {"on": date(2026, 11, 1)}, today=TODAY)
    elif first is not None:
        add_action(store, first, {"description": f"Chase {step}", "due_on": date(2026, 10, 1)}, today=TODAY)
    else:
        create_intervention(store, {"title": f"Outreach {step}"}, today=TODAY, on=date(2026, 5, 1))


STEP = st.sampled_from(["change", "undo", "redo", "other copy", "status"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(STEP, st.integers(0, 8), st.sampled_from(range(len(PERIODS)))),
                      min_size=1, max_size=7))
def test_cached_figures_are_always_the_fresh_ones(demo_template, tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("cache") / "pcn.db"
    shutil.copyfile(demo_template, path)
    with open_store(path) as mine:
        for what, n, p in steps:
            period = PERIODS[p]
            if what == "change":
                change(mine, n)
            elif what == "undo":
                mine.undo()
            elif what == "redo":
                mine.redo()
            elif what == "other copy":  # another connection writes, as another pcntui would
                with open_store(path) as other:
                    change(other, n)
            # the dashboard's read (this store) and `pcntui status`'s (the file alone)
            now = fresh(path, period)
            assert status.current(mine, period) == now
            hit = cached(path, period)
            assert hit is None or hit == now
            assert status.as_json(status.current(mine, period), period) == status.as_json(now, period)
            assert cached(path, period) == now  # kept: the file was free


def test_another_process_write_is_never_hidden_by_the_cache(demo_db):
    period = Period.make(TODAY)
    run = lambda *a: subprocess.run([sys.executable, "-m", "pcntui", *a, "--db", str(demo_db)],  # noqa: E731
                                    capture_output=True, text=True, env={**os.environ, **ENV_TODAY})
    first = run("status", "--json")
    assert first.returncode == 0 and rows(demo_db) == 1
    before = json.loads(first.stdout)
    p = run("arrs", "entitlement", "--fy", period.fy.label, "--amount", "123456.78")
    assert p.returncode == 0, p.stderr
    assert rows(demo_db) == 0  # the action emptied the cache in its own transaction
    after = json.loads(run("status", "--json").stdout)
    assert after["arrs"]["entitlement"] == 123456.78 != before["arrs"]["entitlement"]
    assert after == json.loads(run("status", "--json").stdout)  # now from the cache
    assert after == status.as_document(fresh(demo_db, period), period)


def test_a_busy_file_is_not_waited_on_and_read_only_opens_write_nothing(demo_db):
    period = Period.make(TODAY)
    blocker = sqlite3.connect(demo_db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another copy in the middle of saving
    try:
        with open_store(demo_db) as store:
            store.conn.execute("PRAGMA busy_timeout = 5000")
            started = time.perf_counter()
            blocks = status.current(store, period)
            assert time.perf_counter() - started < 4  # no wait for the lock
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert blocks == fresh(demo_db, period) and rows(demo_db) == 0
    with open_store(demo_db, mode="ro") as store:
        status.current(store, period)
    assert rows(demo_db) == 0
    with open_store(demo_db) as store:
        status.current(store, period)
    assert rows(demo_db) == 1 and cached(demo_db, period) == fresh(demo_db, period)


@pytest.mark.parametrize("case", ["hit", "miss", "miss after a backdated change"])
def test_status_loads_no_sqlite_utils_pydantic_or_dateutil_even_when_it_recomputes(demo_db, case):
    """A hit reads the cache; a miss computes every block; after a backdated change of someone's
    terms it also rebuilds the ARRS figures as they were before it (the recalculation)."""
    period = Period.make(TODAY)
    with open_store(demo_db) as store:
        if case == "hit":
            status.current(store, period)
        elif case != "miss":
            change_terms(store, store.scalar("SELECT min(id) FROM staff"), date(2026, 5, 1), wte=Decimal("0.5"))
            assert status.build(store, period)[1].data["recalculation"] is not None
    code = ("import sys\nfrom pcntui.cli.main import main\n"
            f"main(['status', '--db', {str(demo_db)!r}, '--as-of', {TODAY.isoformat()!r}])\n"
            "heavy = sorted(m for m in ('sqlite_utils', 'pydantic', 'dateutil') if m in sys.modules)\n"
            "sys.stderr.write(repr(heavy))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = eval(p.stderr.strip().splitlines()[-1])  # noqa: S307 - our own repr of a list of names
    assert loaded == [], loaded

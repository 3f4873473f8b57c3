"""The status cache per block (issue 12 item 2): each block is kept with the tables it reads, and
read again only while no action has written one of them, so a change to one area recomputes
that area's blocks alone, and the figures are always the fresh ones, block by block."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.catalog import resolve, status_blocks
from pcntui.domain.period import Period
from pcntui.report import status
from pcntui.services.interventions.codesign import add_action
from pcntui.services.smr.worklist import delete_worklist_entry
from pcntui.store import open_store
from pcntui.store.forget import forget_worklist
from pcntui.store.staff import change_terms
from tests.conftest import TODAY
from tests.status.test_status_cache import PERIODS, fresh, take_step

# Read by a block but keyed otherwise: the schema (its version is in the key); the status cache
# itself, for a part of a block kept on its own (store.status_cache.kept: its stamps read the
# history); and the ARRS recalculation's look-up of the latest ARRS change (the block's stamp,
# and the tables that change wrote: its `reads`).
KEYED_OTHERWISE = {"sqlite_master", "status_block", "meta", "json_each", "action", "change"}


def reads_of(path, build) -> set[str]:
    """The tables `build(store)` reads, on its own connection to `path`."""
    seen: set[str] = set()

    def note(action, table, _column, _db, _trigger):
        if action == sqlite3.SQLITE_READ:
            seen.add(table)
        return sqlite3.SQLITE_OK

    with open_store(path) as store:
        store.conn.set_authorizer(note)
        build(store)
    return seen


def tables_read(path, kind, period: Period) -> tuple[set[str], tuple[str, ...]]:
    """The tables the block `kind` reads when built on its own connection, and the extra tables
    it says it rests on."""
    built = []
    seen = reads_of(path, lambda store: built.append(resolve(kind.target)(store, period)))
    return seen, built[0].reads


def test_every_block_reads_only_the_tables_its_catalog_entry_names(demo_db, tmp_path):
    """The cache's key for a block is its `reads`: a table it read but did not name would let a
    change to that table leave the block stale. Checked on the demo, after a backdated change
    (the ARRS recalculation reads the history) and on a new empty file."""
    empty = tmp_path / "empty.db"
    open_store(empty, mode="create").close()
    with open_store(demo_db) as store:
        change_terms(store, store.scalar("SELECT min(id) FROM staff"), date(2026, 5, 1), wte=Decimal("0.5"))
    for path in (demo_db, empty):
        for period in PERIODS:
            for kind in status_blocks():
                seen, extra = tables_read(path, kind, period)
                allowed = set(kind.reads) | set(extra) | KEYED_OTHERWISE
                assert seen <= allowed, (kind.key, sorted(seen - allowed))
                assert kind.reads, kind.key


def change(store, what: str, n: int) -> None:
    """One real change of one area, whatever earlier steps (undo, forget) left."""
    if what == "staff":
        on = date(2026, 4 + n % 6, 1).isoformat()
        staff = [r["id"] for r in store.query("SELECT id FROM staff WHERE start_date <= ? AND coalesce(end_date, ?) >= ? "
                                             "ORDER BY id", [on, on, on])]
        if staff:
            change_terms(store, staff[n % len(staff)], date.fromisoformat(on), wte=Decimal(n % 9 + 1) / 10)
    elif what == "smr counts":  # (the latest snapshot of the cohort `n` picks)
        with store.action(f"SMR counts {n}") as tx:
            tx.db.execute("UPDATE smr_count SET completed = ? WHERE rowid = (SELECT max(rowid) FROM smr_count WHERE "
                          "cohort_code = (SELECT DISTINCT cohort_code FROM smr_count ORDER BY 1 LIMIT 1 OFFSET ?))",
                          [n, n % 6])
    elif what == "smr snapshot":  # a snapshot added to one cohort's counts, or a cohort's latest taken away
        with store.action(f"SMR snapshot {n}") as tx:
            latest = "(SELECT max(rowid) FROM smr_count WHERE cohort_code = (SELECT min(cohort_code) FROM smr_count))"
            if n % 2:
                tx.db.execute(f"DELETE FROM smr_count WHERE rowid = {latest}")
            else:
                tx.db.execute("INSERT OR REPLACE INTO smr_count (practice_code, cohort_code, as_of, eligible, completed) "
                              f"SELECT practice_code, cohort_code, ?, eligible, completed + ? FROM smr_count "
                              f"WHERE rowid = {latest}", [f"2026-11-{10 + n}", n])
    elif what == "worklist":
        first = store.scalar("SELECT min(id) FROM smr_worklist")
        if first is not None:
            delete_worklist_entry(store, first)
    elif what == "forget":
        forget_worklist(store)
    elif what == "smr target":  # (the SMR cohorts, kept apart from the capacity, read targets and settings)
        with store.action(f"SMR target and minutes {n}") as tx:
            tx.db.execute("UPDATE smr_target SET value = min(100, value + 1) "
                          "WHERE rowid = (SELECT min(rowid) FROM smr_target)")
            tx.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('smr.minutes_per_review', ?)",
                          [str(15 + n)])
    elif what == "pcn":
        with store.action(f"Rename the PCN {n}") as tx:
            tx.db.execute("UPDATE pcn SET name = ?", [f"PCN {n}"])
    elif what == "requirement":
        with store.action(f"Requirement {n}") as tx:
            tx.db.execute("UPDATE des_requirement SET status = CASE status WHEN 'done' THEN 'not_started' "
                          "ELSE 'done' END WHERE rowid = (SELECT min(rowid) FROM des_requirement)")
    elif what == "intervention":
        first = store.scalar("SELECT min(id) FROM intervention")
        if first is not None:
            add_action(store, first, {"description": f"Chase {n}", "due_on": date(2026, 10, 1)}, today=TODAY)


AREAS = ["staff", "smr counts", "smr snapshot", "smr target", "worklist", "forget", "pcn", "requirement", "intervention"]
STEP = st.sampled_from([*AREAS, "undo", "redo", "other copy", "status"])


def rebuilds(store, monkeypatch):
    """A check that `status.current` gives the fresh blocks, returning the keys of those it built
    (not read from the cache)."""
    built: list[str] = []
    real = status.resolve

    def resolving(target):
        built.extend(k.key for k in status_blocks() if k.target == target)
        return real(target)

    def check() -> list[str]:
        now = fresh(store.path, PERIODS[0])
        built.clear()
        monkeypatch.setattr(status, "resolve", resolving)
        try:
            assert status.current(store, PERIODS[0]) == now
        finally:
            monkeypatch.setattr(status, "resolve", real)
        return built

    return check


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(STEP, st.sampled_from(AREAS), st.integers(0, 8), st.sampled_from(range(len(PERIODS)))),
                      min_size=1, max_size=8))
def test_each_cached_block_is_always_the_fresh_one(demo_template, tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("blocks") / "pcn.db"
    shutil.copyfile(demo_template, path)
    with open_store(path) as mine:
        for what, area, n, p in steps:
            period = PERIODS[p]
            take_step(mine, path, what, area, n, change, AREAS)
            now = fresh(path, period)
            got = status.current(mine, period)  # the whole status emptied by any action: block by block
            for block, want in zip(got, now, strict=True):
                assert (block.key, block) == (want.key, want)
            with open_store(path, mode="ro") as reader:  # a read-only open (the roll-up) reads them too
                assert status.current(reader, period) == now


def test_a_change_to_one_area_builds_only_the_blocks_that_read_its_tables(demo_db, monkeypatch):
    with open_store(demo_db) as store:
        check = rebuilds(store, monkeypatch)
        assert check() == [k.key for k in status_blocks()]
        assert check() == []  # the whole status, kept
        first = store.scalar("SELECT min(id) FROM intervention")
        add_action(store, first, {"description": "Chase", "due_on": date(2026, 10, 1)}, today=TODAY)
        assert check() == ["interventions"]  # (the requirements read interventions, not their actions)
        change(store, "smr counts", 3)
        assert check() == ["smr"]
        change(store, "staff", 2)  # SMR capacity is staff time too
        assert check() == ["arrs", "smr"]
        change(store, "intervention", 2)  # the ARRS recalculation does not rest on interventions
        assert check() == ["interventions"]
        store.undo()
        assert check() == ["interventions"]
        store.undo()
        assert check() == ["arrs", "smr"]
        change(store, "pcn", 1)
        assert check() == ["pcn", "arrs", "iif"]


def test_read_only_opens_and_busy_files_keep_no_block(demo_db):
    def kept() -> int:
        with sqlite3.connect(demo_db) as conn:
            return conn.execute("SELECT count(*) FROM status_block").fetchone()[0]

    with open_store(demo_db, mode="ro") as store:
        status.current(store, PERIODS[0])
    assert kept() == 0
    blocker = sqlite3.connect(demo_db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with open_store(demo_db) as store:
            status.current(store, PERIODS[0])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert kept() == 0
    with open_store(demo_db) as store:
        status.current(store, PERIODS[0])
    assert kept() == len(status_blocks()) + 3  # and the SMR worklist's counts, the SMR cohorts apart from
    # capacity, the ARRS people's years


def modules_of_status(path, prefixes: tuple[str, ...]) -> list[str]:
    """The modules named with one of `prefixes` that `pcntui status --json` loads, in a new
    process (whose output is checked against the fresh figures)."""
    code = ("import sys\nfrom pcntui.cli.main import main\n"
            f"main(['status', '--json', '--db', {str(path)!r}, '--as-of', {TODAY.isoformat()!r}])\n"
            f"sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert status.as_json(fresh(path, PERIODS[0]), PERIODS[0]) + "\n" == p.stdout
    return eval(p.stderr.strip().splitlines()[-1])  # noqa: S307 - our own repr of a list of names


def test_status_after_an_intervention_change_loads_no_other_areas_code(demo_db):
    """Right after a change to an intervention, `pcntui status` builds the interventions and
    requirements blocks and reads the others from the cache: it imports no ARRS or SMR code."""
    with open_store(demo_db) as store:
        status.current(store, PERIODS[0])
        first = store.scalar("SELECT min(id) FROM intervention")
        add_action(store, first, {"description": "Chase", "due_on": date(2026, 10, 1)}, today=TODAY)
    assert modules_of_status(demo_db, ("pcntui.report.arrs", "pcntui.report.smr", "pcntui.store.arrs",
                                       "pcntui.store.smr", "pcntui.domain.claims")) == []


def test_status_after_a_staff_change_loads_no_smr_cohort_code(demo_db):
    """Right after a staff change, the SMR block works out its capacity only: the cohorts' progress
    is kept, so neither it nor the cohort and IIF rules are loaded."""
    with open_store(demo_db) as store:
        status.current(store, PERIODS[0])
        change(store, "staff", 2)
    assert modules_of_status(demo_db, ("pcntui.store.smr_progress", "pcntui.domain.smr_progress",
                                       "pcntui.domain.cohort", "pcntui.domain.iif")) == []


def test_status_after_smr_counts_loads_no_arrs_figures_code(demo_db):
    """Right after SMR counts change, the SMR block is built (its capacity names the ARRS roles)
    without the ARRS rules and figures: the IIF indicators and role names need none of them."""
    with open_store(demo_db) as store:
        status.current(store, PERIODS[0])
        change(store, "smr counts", 3)
    assert modules_of_status(demo_db, ("pcntui.store.arrs", "pcntui.domain.arrs_rules", "pcntui.domain.forecast",
                                       "pcntui.domain.claimable")) == []


def test_a_forget_counts_for_every_block_though_it_erases_history(demo_db, monkeypatch):
    """Forgetting the worklist deletes its history too, so the latest change left to the SMR tables
    is an earlier one (the demo's load), the one the SMR block was kept at: the forget itself is
    in every block's stamp."""
    with open_store(demo_db) as store:
        check = rebuilds(store, monkeypatch)
        check()
        change(store, "forget", 0)
        assert check() == [k.key for k in status_blocks()]


def test_the_arrs_block_is_kept_on_the_other_tables_its_latest_change_wrote(demo_db, monkeypatch):
    """The recalculation compares with the state before the latest ARRS change only while that
    change's rows in other tables are as it left them (as undo checks): a later change to them
    ends the comparison, so it must rebuild the ARRS block."""
    with open_store(demo_db) as store:
        check = rebuilds(store, monkeypatch)
        with store.action("A pay cut and a note") as tx:  # one action: an ARRS table and another
            tx.db.execute("UPDATE staff_terms SET fte_salary_pence = fte_salary_pence - 1000000 "
                          "WHERE rowid = (SELECT t.rowid FROM staff_terms t JOIN staff s ON s.id = t.staff_id "
                          "WHERE s.end_date IS NULL AND s.arrs_funded AND t.effective_from = (SELECT max(effective_from) "
                          "FROM staff_terms u WHERE u.staff_id = t.staff_id AND u.effective_from <= '2026-05-01') "
                          "ORDER BY s.id LIMIT 1)")
            tx.db.execute("UPDATE intervention SET title = 'Renamed' WHERE id = (SELECT min(id) FROM intervention)")
        check()
        assert status.current(store, PERIODS[0])[1].data["recalculation"] is not None
        with store.action("Rename again") as tx:
            tx.db.execute("UPDATE intervention SET title = 'Renamed again' WHERE id = (SELECT min(id) FROM intervention)")
        assert "arrs" in check()
        assert status.current(store, PERIODS[0])[1].data["recalculation"] is None


def kept_apart(path, monkeypatch, module, name: str, steps: tuple[tuple[str, bool], ...]) -> None:
    """After each change of `steps` (area, whether `module.name` must run again), the status is
    the fresh one and that part of a block, kept apart, was worked out again or not."""
    ran: list[int] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a: ran.append(1) or real(*a))
    with open_store(path) as store:
        status.current(store, PERIODS[0])
        assert ran
        for area, again in steps:
            change(store, area, 1)
            now = fresh(path, PERIODS[0])
            ran.clear()
            assert status.current(store, PERIODS[0]) == now
            assert bool(ran) == again, area


def test_the_worklists_counts_are_kept_apart_from_the_smr_block(demo_db, monkeypatch):
    """The SMR block reads staff (capacity) and counts; its worklist part, the costly one, reads the
    worklist alone: a staff or counts change builds the SMR block without counting the worklist again."""
    from pcntui.store import smr_progress

    kept_apart(demo_db, monkeypatch, smr_progress, "worklist_snapshots",
               (("staff", False), ("smr counts", False), ("worklist", True), ("staff", False)))


def test_the_smr_cohorts_are_kept_apart_from_the_capacity(demo_db, monkeypatch):
    """A staff change moves the SMR capacity only: the SMR block is built again without working
    out each cohort's progress, which reads only the tables it is kept on."""
    from pcntui.report import smr_status
    from pcntui.store import smr_progress

    kept_apart(demo_db, monkeypatch, smr_progress, "smr_overview",
               (("staff", False), ("smr counts", True), ("staff", False), ("requirement", False),
                ("smr target", True)))
    seen = reads_of(demo_db, lambda store: smr_progress.smr_overview(store, PERIODS[0]))
    assert seen - KEYED_OTHERWISE <= set(smr_status.COHORT_READS)


def test_a_change_to_one_cohorts_counts_works_out_that_cohort_alone_again(demo_db, monkeypatch):
    """The SMR cohorts part is kept cohort by cohort: a change to one cohort's counts (or its undo)
    works out that cohort's progress again and no other's; a change to another table they read
    (a target) works them all out."""
    from pcntui.store import smr_progress

    worked: list[str] = []
    real = smr_progress._cohort_progress
    monkeypatch.setattr(smr_progress, "_cohort_progress", lambda c, *a: worked.append(c.code) or real(c, *a))

    def after(step) -> list[str]:
        step()
        now = fresh(demo_db, PERIODS[0])
        worked.clear()
        assert status.current(store, PERIODS[0]) == now
        return sorted(worked)

    with open_store(demo_db) as store:
        every = after(lambda: None)
        counted = [r["cohort_code"] for r in store.query("SELECT DISTINCT cohort_code FROM smr_count ORDER BY 1")]
        assert len(every) == 7 and len(counted) == 6  # (one cohort with no counts yet)
        for n in range(4):
            assert after(lambda: change(store, "smr counts", n)) == [counted[n]]
        assert after(lambda: change(store, "smr snapshot", 0)) == [counted[0]]
        assert after(store.undo) == [counted[0]]
        assert after(lambda: change(store, "smr target", 1)) == every


def test_a_status_build_keeps_its_blocks_and_their_parts_in_one_commit(demo_db):
    """The parts of blocks kept apart (the worklist's counts, the SMR cohorts) are written with the
    blocks, in the one transaction of the build: one commit (one sync of the file), not one each."""
    def commits(store) -> int:
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        status.current(store, PERIODS[0])
        store.conn.set_trace_callback(None)
        return sum(1 for s in seen if s.strip().upper().startswith("COMMIT"))

    with open_store(demo_db) as store:
        assert commits(store) == 1  # every block and part built
        change(store, "smr counts", 2)
        assert commits(store) == 1
        assert commits(store) == 0  # (the whole status, kept)
        assert status.current(store, PERIODS[0]) == fresh(demo_db, PERIODS[0])


def test_a_new_pcn_without_entitlement_is_asked_for_it(empty_copy, tmp_path):
    """Nothing entered yet: the ARRS block is one gentle line, but its one alert asks for the
    entitlement, so the dashboard's 'No alerts' never sits under an entitlement marked '!'."""
    path = empty_copy(tmp_path / "new.db")
    with open_store(path) as store:
        blocks = status.build(store, PERIODS[0])
    arrs = next(b for b in blocks if b.key == "arrs")
    assert arrs.lines == ["No ARRS staff or entitlement yet: 'pcntui import staff FILE', 'pcntui arrs entitlement'."]
    assert [(a.kind, a.severity) for a in arrs.alerts] == [("no_entitlement", "warning")]

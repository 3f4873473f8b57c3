"""Issue 12: the worklist row keeps its cohorts (`smr_worklist.cohorts`, schema 11), so the export
reads no subquery. The column never disagrees with the cohort links, whatever wrote them: the form
save, the import (rows added, cohorts changed), a delete, undo and redo of each (the column is not
audited: every replay recomputes it), and undo of actions made before the column existed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.domain.worklist import WorklistEntry
from pcntui.store import open_store
from pcntui.store.worklist import get_entry, remove_entry, worklist_rows, write_entry
from pcntui.store.worklist_import import import_worklist

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COHORTS = ("CARE_HOME", "MED_ERRORS", "POLYPHARMACY")
PRACTICES = ("Y90001", "Y90002", "Y90003")
# what the export's subquery gave before schema 11 (group_concat over the links' primary key)
LINKS = "coalesce((SELECT group_concat(c.cohort_code, ';') FROM smr_worklist_cohort c WHERE c.worklist_id = w.id), '')"


def disagreeing(store) -> list[tuple]:
    """Rows whose cohorts column is not what their links give (none, always)."""
    return store.query(f"SELECT w.id, w.reference, w.cohorts, {LINKS} AS links FROM smr_worklist w "
                       f"WHERE w.cohorts IS NOT {LINKS}")


def cohorts_of(store, reference: str) -> str | None:
    return store.scalar("SELECT cohorts FROM smr_worklist WHERE reference = ?", [reference])


codes = st.lists(st.sampled_from(COHORTS), min_size=1, max_size=3, unique=True).map(tuple)
step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), codes),
    st.tuples(st.just("edit"), st.integers(0, 10_000), codes, st.booleans()),  # cohorts, and the status or not
    st.tuples(st.just("import"), st.lists(st.tuples(st.integers(-3, 10_000), codes), min_size=1, max_size=6)),
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def _do(store, step: tuple, n: int, folder: Path) -> None:
    ids = [r for (r,) in store.conn.execute("SELECT id FROM smr_worklist ORDER BY id")]
    kind = step[0]
    if kind == "add":
        with store.action(f"add {n}") as tx:
            write_entry(tx, WorklistEntry(None, PRACTICES[step[1]], f"H{n}", cohorts=step[2]))
    elif kind == "edit" and ids:
        entry = get_entry(store, ids[step[1] % len(ids)])
        with store.action(f"edit {n}") as tx:
            write_entry(tx, replace(entry, cohorts=step[2], status="invited" if step[3] else entry.status))
    elif kind == "import":
        rows = []
        for k, cohorts in step[1]:  # k < 0: a new patient; else the k-th one there is
            if k < 0 or not ids:
                practice, reference = PRACTICES[k % 3], f"I{n}-{k}"
            else:
                practice, reference = store.conn.execute("SELECT practice_code, reference FROM smr_worklist "
                                                         "WHERE id = ?", [ids[k % len(ids)]]).fetchone()
            if all(r[1].casefold() != reference.casefold() or r[0] != practice for r in rows):
                rows.append((practice, reference, ";".join(cohorts)))
        path = folder / f"import-{n}.csv"
        text = "practice_code,reference,cohort\n" + "".join(f"{','.join(r)}\n" for r in rows)
        path.write_text(text, encoding="utf-8")
        import_worklist(store, path)
    elif kind == "delete" and ids:
        with store.action(f"delete {n}") as tx:
            remove_entry(tx, ids[step[1] % len(ids)])
    elif kind == "undo" and store.undo_target().label != "Load the demo PCN":  # (the practices stay)
        store.undo()
    elif kind == "redo":
        store.redo()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_the_cohorts_column_follows_the_links_through_every_write_undo_and_redo(demo_template, tmp_path_factory,
                                                                                 steps):
    folder = tmp_path_factory.mktemp("cohorts")
    shutil.copyfile(demo_template, folder / "pcn.db")
    store = open_store(folder / "pcn.db")
    try:
        assert disagreeing(store) == []  # the demo's
        for n, one in enumerate(steps):
            _do(store, one, n, folder)
            assert disagreeing(store) == [], one
        exported = {row[1]: row[3] for batch in worklist_rows(store) for row in batch}
        assert exported == {r["reference"]: r["links"] for r in store.query(
            f"SELECT w.reference, {LINKS} AS links FROM smr_worklist w")}
        for (entry_id,) in store.conn.execute("SELECT id FROM smr_worklist ORDER BY id DESC LIMIT 1"):  # as a form
            entry = get_entry(store, entry_id)
            links = store.scalar(f"SELECT {LINKS} FROM smr_worklist w WHERE w.id = ?", [entry_id])
            assert ";".join(entry.cohorts) == links
    finally:
        store.close()


def test_every_earlier_release_migrates_with_each_rows_cohorts(tmp_path):
    """Filled from the links by the migration; and its latest action (schema9.db's: an import recorded
    one change per row) undone and redone leaves them right."""
    for name in ("v0.1", "schema7", "schema8", "schema9", "schema10"):
        path = tmp_path / f"{name}.db"
        shutil.copyfile(FIXTURES / f"{name}.db", path)
        with open_store(path) as store:
            assert store.scalar("SELECT count(*) FROM smr_worklist WHERE cohorts != ''") > 40, name
            assert disagreeing(store) == [], name
            assert store.scalar("SELECT count(*) FROM smr_worklist WHERE cohorts LIKE '%;%'") > 0, name
            assert store.undo() is not None and disagreeing(store) == [], name
            assert store.redo() is not None and disagreeing(store) == [], name


def test_undo_and_redo_of_actions_made_before_the_column_leave_it_right(tmp_path):
    """schema10.db's last three actions, made at schema 10 (images without the column): a delete of a
    patient in two cohorts, an edit that added a cohort, an import recorded as runs that added patients
    and a cohort to one already there; each undone, then each redone."""
    path = tmp_path / "schema10.db"
    shutil.copyfile(FIXTURES / "schema10.db", path)
    with open_store(path) as store:
        now = {ref: cohorts_of(store, ref) for ref in ("001-SMR-011", "S9-001", "S10-001", "S10-002", "001-SMR-012")}
        assert now == {"001-SMR-011": "CARE_HOME;MED_ERRORS", "S9-001": "CARE_HOME;MED_ERRORS",
                       "S10-001": "CARE_HOME;POLYPHARMACY", "S10-002": "MED_ERRORS;POLYPHARMACY", "001-SMR-012": None}
        assert store.undo().label == "Delete SMR worklist Y90001 001-SMR-012"
        assert cohorts_of(store, "001-SMR-012") == "CARE_HOME;POLYPHARMACY"
        assert disagreeing(store) == []
        assert store.undo().label == "Edit SMR worklist Y90001 S9-001"
        assert cohorts_of(store, "S9-001") == "MED_ERRORS"
        assert disagreeing(store) == []
        assert store.undo().label == "Import SMR worklist from wl10.csv"
        assert (cohorts_of(store, "001-SMR-011"), cohorts_of(store, "S10-001")) == ("CARE_HOME", None)
        assert disagreeing(store) == []
        for _ in range(3):
            assert store.redo() is not None
            assert disagreeing(store) == []
        assert {ref: cohorts_of(store, ref) for ref in now} == now
        assert store.undo().label == "Redo: Delete SMR worklist Y90001 001-SMR-012"
        assert cohorts_of(store, "001-SMR-012") == "CARE_HOME;POLYPHARMACY" and disagreeing(store) == []


def test_the_audit_trail_leaves_the_derived_column_out(demo_store):
    """The column is derived, not audited: an edit of cohorts alone records only its links (the row
    itself is unchanged, as before the column), and undo puts the column back from them."""
    entry = get_entry(demo_store, demo_store.scalar("SELECT min(id) FROM smr_worklist"))
    with demo_store.action("cohorts only") as tx:
        write_entry(tx, replace(entry, cohorts=("MED_ERRORS", "POLYPHARMACY")))
    action = demo_store.history(1)[0].id
    tables = demo_store.query("SELECT DISTINCT table_name AS t FROM change WHERE action_id = ?", [action])
    assert [r["t"] for r in tables] == ["smr_worklist_cohort"]
    assert demo_store.scalar("SELECT count(*) FROM change WHERE table_name = 'smr_worklist' AND "
                             "(before LIKE '%\"cohorts\"%' OR after LIKE '%\"cohorts\"%')") == 0
    assert get_entry(demo_store, entry.id).cohorts == ("MED_ERRORS", "POLYPHARMACY")
    demo_store.undo()
    assert get_entry(demo_store, entry.id).cohorts == entry.cohorts
    assert disagreeing(demo_store) == []


def test_check_says_and_puts_right_cohorts_changed_outside_pcntui(demo_db, capsys):
    """A tool other than pcntui (the sqlite3 shell) changes a patient's cohort links: the row's kept
    cohorts then disagree, and the export would show the old ones. `pcntui check` says so and, the
    file being writable, puts them right from the links; a read-only check only says so."""
    import sqlite3

    from pcntui.cli.main import main

    with sqlite3.connect(demo_db) as conn:  # the audit triggers need an open action: set them aside, as such a tool might
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DELETE FROM smr_worklist_cohort WHERE rowid = (SELECT max(rowid) FROM smr_worklist_cohort WHERE "
                     "worklist_id = (SELECT worklist_id FROM smr_worklist_cohort GROUP BY worklist_id "
                     "HAVING count(*) > 1 ORDER BY worklist_id LIMIT 1))")  # one of two cohorts taken away
        conn.execute("DELETE FROM smr_worklist_cohort WHERE worklist_id = (SELECT max(id) FROM smr_worklist)")  # all
    with open_store(demo_db) as store:
        stale = len(disagreeing(store))
    assert stale == 2
    with open_store(demo_db, mode="ro") as store:  # (as the roll-up opens a file)
        said = store.check()
    assert said == [f"{stale:,} SMR worklist patients' cohorts kept on their rows differed from their cohort links "
                    "(changed outside pcntui, or by an older pcntui that had the file open when it was upgraded); open the file writable and check again to put them right."]
    with open_store(demo_db) as store:
        assert len(disagreeing(store)) == stale  # a read-only check changed nothing
    assert main(["check", "--db", str(demo_db)]) == 1
    assert "put right from the links" in capsys.readouterr().out
    with open_store(demo_db) as store:
        assert disagreeing(store) == []
    assert main(["check", "--db", str(demo_db)]) == 0

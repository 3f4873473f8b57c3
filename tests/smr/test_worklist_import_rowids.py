"""A worklist import that removes a patient's cohort link holding the table's highest rowid, then
adds links: every row added gets a rowid above the highest before the import, so the audit
trail (runs of rowids above it) records each one, and undo and redo are exact. Before, SQLite
gave the next link the freed rowid: unrecorded, so undo was refused for ever ("changed since"),
or (the link of a new patient in a later batch) undo and redo changed different rows."""

from __future__ import annotations

import pytest

from pcntui.store import audit, open_store
from pcntui.ingest import worklist_csv
from pcntui.store.worklist_import import import_worklist
from tests.smr.test_worklist_bulk_import import first_file, tables


def highest_link(store) -> tuple[int, str, str]:
    """The cohort link with the highest rowid: (rowid, practice, reference)."""
    row = store.query("SELECT c.rowid AS r, w.practice_code AS p, w.reference AS ref FROM smr_worklist_cohort c "
                      "JOIN smr_worklist w ON w.id = c.worklist_id ORDER BY c.rowid DESC LIMIT 1")[0]
    return row["r"], row["p"], row["ref"]


def undone_and_redone(store, before, after) -> None:
    store.undo()
    assert tables(store) == before
    store.redo()
    assert tables(store) == after


def test_the_demo_patient_holding_the_highest_cohort_link_changes_cohort_and_undoes(smr_demo, write_csv):
    """The reviewer's case: the demo's patient 44 holds links 49 and 50 (the highest); a file
    giving it one other cohort removes both and adds one (link 51, recorded), and undo puts the
    table back exactly (before: "0 updated, 1 unchanged" and undo refused)."""
    with open_store(smr_demo) as store:
        top, practice, reference = highest_link(store)
        entry = store.query("SELECT id, rev FROM smr_worklist WHERE practice_code = ? AND reference = ?",
                            [practice, reference])[0]
        assert (entry["id"], top) == (44, 50)
        before = tables(store)
        report = import_worklist(store, write_csv("one.csv", f"practice_code,reference,cohort\n"
                                                             f"{practice},{reference},ADDICTIVE\n"))
        assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
        after = tables(store)
        assert [(r["rowid_"], r["worklist_id"], r["cohort_code"]) for r in after["smr_worklist_cohort"]
                if r["worklist_id"] == 44] == [(51, 44, "ADDICTIVE")]
        # two links removed, one added, the patient's rev moved on (a form open on it must not save over)
        assert store.history(1)[0].changes == 4
        assert store.scalar("SELECT rev FROM smr_worklist WHERE id = 44") == entry["rev"] + 1
        undone_and_redone(store, before, after)


def test_a_link_replacing_the_highest_is_recorded_and_undo_and_redo_are_exact(pcn_store, write_csv):
    """The last patient's only link is the highest; changing its cohort counts 3 row changes
    (the link removed, one added, the patient's rev), all undone and redone exactly."""
    import_worklist(pcn_store, first_file(write_csv))
    top, practice, reference = highest_link(pcn_store)
    before = tables(pcn_store)
    report = import_worklist(pcn_store, write_csv("one.csv", f"practice_code,reference,cohort\n"
                                                             f"{practice},{reference},ADDICTIVE\n"))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 0)
    after = tables(pcn_store)
    assert after["smr_worklist_cohort"][-1]["rowid_"] == top + 1
    assert pcn_store.history(1)[0].changes == 3
    undone_and_redone(pcn_store, before, after)


def test_a_new_patients_link_in_a_later_batch_is_above_a_link_freed_before(pcn_store, write_csv, monkeypatch):
    """One row a batch: the first removes the highest link (a patient keeps one of its two
    cohorts), the next adds a new patient with a link: History counts the 4 rows and undo and
    redo each change those 4 (before: 3 counted, 2 undone, 3 redone)."""
    monkeypatch.setattr(worklist_csv, "CHUNK", 1)  # read and saved a row at a time
    import_worklist(pcn_store, first_file(write_csv, rows=299))  # the last patient has two cohorts
    top, practice, reference = highest_link(pcn_store)
    kept = pcn_store.query("SELECT c.cohort_code FROM smr_worklist_cohort c JOIN smr_worklist w ON w.id = c.worklist_id "
                           "WHERE w.reference = ? AND c.rowid < ?", [reference, top])[0]["cohort_code"]
    before = tables(pcn_store)
    report = import_worklist(pcn_store, write_csv("two.csv", f"practice_code,reference,cohort\n"
                                                             f"{practice},{reference},{kept}\nY90001,NEW1,ADDICTIVE\n"))
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 0)
    after = tables(pcn_store)
    assert pcn_store.history(1)[0].changes == 4
    assert after["smr_worklist_cohort"][-1]["rowid_"] == top + 1
    undone = pcn_store.undo()
    assert (undone.changes, tables(pcn_store)) == (4, before)
    redone = pcn_store.redo()
    assert (redone.changes, tables(pcn_store)) == (4, after)


def test_a_patient_whose_cohorts_alone_change_counts_as_updated(pcn_store, write_csv):
    """The report counts a patient whose cohorts changed (no other value did) as updated, once;
    the same file again changes nothing."""
    import_worklist(pcn_store, first_file(write_csv, rows=10))
    text = "practice_code,reference,cohort,status\nY90001,R0000,ADDICTIVE,completed\nY90002,R0001,ADDICTIVE,\nY90003,R0002,Polypharmacy;Severe frailty,\n"
    report = import_worklist(pcn_store, write_csv("three.csv", text))
    assert (report.inserted, report.updated, report.unchanged) == (0, 2, 1)
    report = import_worklist(pcn_store, write_csv("three.csv", text))
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 3)


def test_rows_inserted_but_not_above_the_highest_rowid_refuse_the_action(pcn_store, write_csv):
    """The guard: a block of bulk_inserts whose rows above the old highest rowid are not the rows
    it inserted raises, and the action (rows and triggers) rolls back."""
    import_worklist(pcn_store, first_file(write_csv, rows=10))
    before = tables(pcn_store)
    triggers = pcn_store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    with pytest.raises(RuntimeError, match="1 rows inserted but 0 above rowid 15 recorded"):
        with pcn_store.action("Reuse the highest rowid") as tx, \
                audit.bulk_inserts(tx.db, "smr_worklist_cohort", as_runs=True) as inserted:
            tx.execute("DELETE FROM smr_worklist_cohort WHERE rowid = 15")
            tx.execute("INSERT INTO smr_worklist_cohort (worklist_id, cohort_code) VALUES (1, 'ADDICTIVE')")
            inserted.add("smr_worklist_cohort", 1)
    with pytest.raises(RuntimeError, match="0 rows inserted but 1 above"):  # a row inserted and not counted
        with pcn_store.action("Uncounted") as tx, audit.bulk_inserts(tx.db, "smr_worklist_cohort"):
            tx.execute("INSERT INTO smr_worklist_cohort (worklist_id, cohort_code) VALUES (1, 'ADDICTIVE')")
    assert tables(pcn_store) == before
    assert pcn_store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") == triggers

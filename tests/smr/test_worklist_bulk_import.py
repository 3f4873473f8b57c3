"""`import smr-worklist` in bulk (issue 12 item 4): rows saved by executemany inside the one action,
the added rows recorded in the audit trail by one statement per table instead of one trigger per
row, with a history (and so an undo and redo) exactly what row-by-row saving recorded."""

from __future__ import annotations

import contextlib

import pytest

from pcntui.store import audit
from pcntui.store.worklist_import import import_worklist

HEADER = "practice_code,reference,cohort,status,identified_on,reviewed_on,stopped,note\n"


def first_file(write_csv, rows: int = 300):
    lines = [f"Y9000{1 + i % 3},R{i:04d},{'Care home residents' if i % 2 else 'Polypharmacy;Severe frailty'},"
             f"{'completed' if i % 5 == 0 else ''},2026-05-{1 + i % 28:02d},{'2026-06-01' if i % 5 == 0 else ''},"
             f"{i % 3 if i % 5 == 0 else ''},{'note ' + str(i) if i % 7 == 0 else ''}" for i in range(rows)]
    return write_csv("first.csv", HEADER + "\n".join(lines) + "\n")


def second_file(write_csv):
    """Updates (status and cohorts change, some unchanged), and new patients."""
    lines = ["practice_code,reference,cohort,status"]
    lines += [f"Y9000{1 + i % 3},r{i:04d},Care home residents,{'invited' if i % 4 == 0 else ''}" for i in range(0, 60)]
    lines += [f"Y90002,NEW{i},Severe frailty;Care home residents,booked" for i in range(20)]
    return write_csv("second.csv", "\n".join(lines) + "\n")


def tables(store) -> dict[str, list[dict]]:
    return {t: store.query(f"SELECT rowid AS rowid_, * FROM {t} ORDER BY rowid")
            for t in ("smr_worklist", "smr_worklist_cohort")}


def changes(store) -> list[tuple]:
    """The audit trail of the last action, as a set of (table, row, op, before, after, last row of a run)."""
    rows = store.query("SELECT table_name, row_id, op, before, after, last_row_id FROM change WHERE action_id = "
                       "(SELECT max(id) FROM action) ORDER BY table_name, row_id, op")
    return [tuple(r.values()) for r in rows]


def test_the_added_rows_are_recorded_as_runs_one_change_per_run_not_one_per_row(pcn_store, write_csv):
    """Issue 12: 100,000 rows wrote 215,000 changes holding each row (38 MB, a quarter of the
    import's time); the rows added are recorded as runs of rowids, a few changes whatever the
    number of rows, and History still counts every row."""
    seen: list[str] = []
    pcn_store.conn.set_trace_callback(seen.append)
    report = import_worklist(pcn_store, first_file(write_csv, rows=3000))
    pcn_store.conn.set_trace_callback(None)
    assert report.inserted == 3000
    assert not [s for s in seen if s.startswith("-- TRIGGER audit_smr_worklist")]
    assert not [s for s in seen if "OVER" in s]  # rowids one after another: counted, no window over the rows
    assert [c for c in changes(pcn_store) if c[0].startswith("smr_worklist")] == [
        ("smr_worklist", 1, "insert", None, None, 3000), ("smr_worklist_cohort", 1, "insert", None, None, 4500)]
    # 3,000 patients and 4,500 cohort links (and the reference cohorts the first import adds)
    assert pcn_store.history(1)[0].changes == 3000 + 4500 + pcn_store.scalar("SELECT count(*) FROM smr_cohort")
    # the triggers are back after the import, exactly as installed
    names = {r["name"] for r in pcn_store.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_smr_worklist_insert", "audit_smr_worklist_cohort_insert"} <= names


def trail(store, action_id: int) -> list[tuple]:
    return [tuple(r.values()) for r in store.query(
        "SELECT table_name, row_id, op, before, after, last_row_id FROM change WHERE action_id = ? ORDER BY id",
        [action_id])]


def test_runs_undo_and_redo_to_exactly_what_a_change_per_row_gives(pcn_store, write_csv, monkeypatch, tmp_path):
    """The same file saved with a change per row added (as before runs): the same rows, the same
    count in History, and its undo and redo record the same changes (a row each) and leave the
    same rows. Rows recorded one change each (files of earlier versions) still undo."""
    from pcntui.store import open_store

    import_worklist(pcn_store, first_file(write_csv))
    copy = pcn_store.backup(tmp_path / "copy.db")
    before = tables(pcn_store)
    report = import_worklist(pcn_store, second_file(write_csv))
    assert (report.inserted, report.updated, report.unchanged) == (20, 36, 24)  # 30 whose cohorts change
    after, runs = tables(pcn_store), changes(pcn_store)
    assert [c for c in runs if c[5] is not None] == [("smr_worklist", 301, "insert", None, None, 320),
                                                      ("smr_worklist_cohort", 451, "insert", None, None, 520)]
    results = []
    with open_store(copy) as other:  # the same file, saved with a change per row added
        one_each = audit.bulk_inserts
        monkeypatch.setattr(audit, "bulk_inserts", lambda db, *tables, **_: one_each(db, *tables))
        import_worklist(other, second_file(write_csv))
        monkeypatch.undo()
        assert tables(other) == after
        per_row = changes(other)
        assert [c for c in per_row if c[2] != "insert"] == [c for c in runs if c[2] != "insert"]
        for store in (pcn_store, other):
            counted = store.history(1)[0].changes
            store.undo()
            undone, undo_trail = tables(store), trail(store, store.history(1)[0].id)
            store.redo()
            results.append((counted, undone, undo_trail, tables(store), trail(store, store.history(1)[0].id)))
    assert results[0] == results[1]
    assert results[0][0] == len(per_row)  # History counts rows, not changes
    assert results[0][1] == before and results[0][3] == after


def test_a_refused_file_leaves_the_triggers_and_the_data_as_they_were(pcn_store, write_csv):
    import_worklist(pcn_store, first_file(write_csv))
    before = tables(pcn_store)
    triggers = pcn_store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    bad = write_csv("bad.csv", "practice_code,reference,cohort\nY90001,Z1,Care home residents\nY90001,Z2,Gout\n")
    with contextlib.suppress(Exception):
        import_worklist(pcn_store, bad)
    assert tables(pcn_store) == before
    assert pcn_store.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") == triggers


def test_rows_are_read_as_values_without_an_entry_per_row(pcn_store, write_csv, monkeypatch):
    """The import checks each row's values with the domain's rules (value_problems) and never
    builds a WorklistEntry per row (issue 12: that cost half the time of 100,000 rows)."""
    from pcntui.domain import worklist

    made = []
    original = worklist.WorklistEntry.__init__
    monkeypatch.setattr(worklist.WorklistEntry, "__init__", lambda self, *a, **k: (made.append(1), original(self, *a, **k)))
    report = import_worklist(pcn_store, first_file(write_csv))
    assert report.inserted == 300 and not made
    row = pcn_store.query("SELECT * FROM smr_worklist WHERE reference = 'R0005'")[0]
    assert (row["status"], row["identified_on"], row["reviewed_on"], row["meds_stopped"], row["note"]) == (
        "completed", "2026-05-06", "2026-06-01", 2, None)


def indexes(store) -> list[tuple]:
    return [tuple(r.values()) for r in store.query(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")]


def test_a_file_larger_than_the_worklist_is_saved_with_its_indexes_set_aside_and_built_again(pcn_store, write_csv):
    before = indexes(pcn_store)
    seen: list[str] = []
    pcn_store.conn.set_trace_callback(seen.append)
    import_worklist(pcn_store, first_file(write_csv))  # 300 rows into an empty worklist
    pcn_store.conn.set_trace_callback(None)
    assert [s for s in seen if s.startswith("DROP INDEX")] == [
        f'DROP INDEX "{name}"' for name in ("smr_worklist_cohort_by_cohort", "smr_worklist_follow_up",
                                            "smr_worklist_nhs", "smr_worklist_status")]
    assert indexes(pcn_store) == before
    assert pcn_store.scalar("PRAGMA integrity_check") == "ok"
    seen.clear()
    pcn_store.conn.set_trace_callback(seen.append)
    import_worklist(pcn_store, second_file(write_csv))  # 20 new rows into 300: kept up to date as they come
    pcn_store.conn.set_trace_callback(None)
    assert not [s for s in seen if s.startswith("DROP INDEX")]
    assert indexes(pcn_store) == before


def test_a_failed_save_leaves_the_indexes_as_they_were(pcn_store, write_csv, monkeypatch):
    from pcntui.store import worklist_import

    before, data = indexes(pcn_store), tables(pcn_store)

    def fail(self, batch):
        raise RuntimeError("disk full")

    monkeypatch.setattr(worklist_import._Saver, "save", fail)
    with contextlib.suppress(RuntimeError):
        import_worklist(pcn_store, first_file(write_csv))
    assert indexes(pcn_store) == before and tables(pcn_store) == data


def test_the_cycle_collector_rests_while_a_file_is_read_and_saved_and_wakes_after(pcn_store, write_csv, monkeypatch):
    """A 100,000-row import makes a million objects in no cycle: collecting as they grow cost an
    eighth of its time (issue 12). The collector is back on after, a refused file included."""
    import gc

    from pcntui.store import worklist_import

    seen = []
    real = worklist_import._Saver.save
    monkeypatch.setattr(worklist_import._Saver, "save", lambda self, batch: (seen.append(gc.isenabled()),
                                                                              real(self, batch)))
    assert gc.isenabled()
    import_worklist(pcn_store, first_file(write_csv))
    assert seen and not any(seen) and gc.isenabled()
    bad = write_csv("bad.csv", "practice_code,reference,cohort\nY90001,Z1,Gout\n")
    with contextlib.suppress(Exception):
        import_worklist(pcn_store, bad)
    assert gc.isenabled()


def test_a_unique_index_is_never_set_aside():
    """An index that checks the rows (CREATE UNIQUE INDEX) stays in place while rows are added."""
    import sqlite3

    from pcntui.store.bulk import indexes_set_aside

    conn = sqlite3.connect(":memory:")
    conn.executescript("CREATE TABLE t (a, b); CREATE UNIQUE INDEX t_a ON t(a); CREATE INDEX t_b ON t(b);")
    with indexes_set_aside(conn, "t"):
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")] == ["t_a"]
        conn.execute("INSERT INTO t VALUES (1, 1)")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO t VALUES (1, 2)")
    assert sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")) == ["t_a", "t_b"]


def test_references_match_as_the_column_compares_them_ascii_letters_alone_in_either_case(pcn_store, write_csv):
    """The reference column is COLLATE NOCASE (the form's rule): 'ab1' and 'AB1' are one patient,
    but 'ä1' and 'Ä1', or 'straße' and 'STRASSE', are two. The import matches and refuses by the same
    rule: it never updates another patient's entry, nor refuses a row the form would save."""
    from pcntui.errors import ImportFileError

    head = "practice_code,reference,cohort,status\n"
    import_worklist(pcn_store, write_csv("a.csv", head + "Y90001,ä1,LD,\nY90001,straße,LD,\nY90001,ab1,LD,\n"))
    report = import_worklist(pcn_store, write_csv("b.csv", head + "Y90001,Ä1,Severe frailty,completed\n"
                                                                   "Y90001,STRASSE,LD,\nY90001,AB1,LD,booked\n"))
    assert (report.inserted, report.updated) == (2, 1)
    rows = pcn_store.query("SELECT reference, status FROM smr_worklist ORDER BY id")
    assert [(r["reference"], r["status"]) for r in rows] == [
        ("ä1", "identified"), ("straße", "identified"), ("ab1", "booked"), ("Ä1", "completed"), ("STRASSE", "identified")]
    with pytest.raises(ImportFileError) as refused:
        import_worklist(pcn_store, write_csv("c.csv", head + "Y90002,ö2,LD,\nY90002,Ö2,LD,\nY90002,x9,LD,\nY90002,X9,LD,\n"))
    assert refused.value.problems == ["row 5: reference X9 at Y90002 is already on row 4."]


def test_entries_another_copy_adds_or_removes_while_the_file_is_read_are_matched_as_they_are(
        pcn_store, write_csv, monkeypatch):
    """The file is read before the action begins: a patient another copy of pcntui adds meanwhile
    is updated (not added twice: the import used to fail on the unique key), and one it removes
    meanwhile is added again (its cohorts were linked to an entry no longer there)."""
    from pcntui.ingest import worklist_csv
    from pcntui.store import open_store

    head = "practice_code,reference,cohort,status\n"
    import_worklist(pcn_store, write_csv("a.csv", head + "Y90001,GONE1,LD,\n"))
    reading = worklist_csv.WorklistFile.__iter__
    meanwhile = []

    def read_while_another_copy_saves(self):
        for chunk in reading(self):
            if not meanwhile:
                meanwhile.append(1)
                with open_store(pcn_store.path) as other:
                    import_worklist(other, write_csv("b.csv", head + "Y90002,NEW1,LD,invited\n"))
                    with other.action("remove") as tx:
                        tx.execute("DELETE FROM smr_worklist WHERE reference = 'GONE1'")
            yield chunk

    monkeypatch.setattr(worklist_csv.WorklistFile, "__iter__", read_while_another_copy_saves)
    report = import_worklist(pcn_store, write_csv("c.csv", head + "Y90002,new1,Severe frailty,booked\nY90001,gone1,LD,\n"))
    assert meanwhile and (report.inserted, report.updated) == (1, 1)
    rows = pcn_store.query("SELECT reference, status, (SELECT group_concat(cohort_code) FROM smr_worklist_cohort "
                           "WHERE worklist_id = w.id) AS cohorts FROM smr_worklist w ORDER BY reference")
    assert [tuple(r.values()) for r in rows] == [("gone1", "identified", "LEARNING_DISABILITY"),
                                                  ("NEW1", "booked", "SEVERE_FRAILTY")]

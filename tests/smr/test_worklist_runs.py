"""A worklist import's added rows recorded as runs of rowids (issue 12: a change holding each of
100,000 rows was a quarter of the import): a run is checked against the later changes the audit
trail holds, undone and redone, counted in History, shown in an action's rows, and forgotten."""

from __future__ import annotations

import pytest

from pcntui.errors import ConflictError
from pcntui.services.smr.worklist import delete_worklist_entry, save_worklist_entry
from pcntui.store import audit
from pcntui.store.forget import forget_worklist, worklist_data
from pcntui.store.worklist_import import import_worklist
from pcntui.views.base import ViewQuery
from pcntui.views.history import history_action
from tests.smr.conftest import TODAY
from tests.smr.test_worklist_bulk_import import first_file, tables


@pytest.fixture
def imported(pcn_store, write_csv):
    """300 patients (450 cohort links) imported; the import's id."""
    import_worklist(pcn_store, first_file(write_csv))
    return pcn_store.history(1)[0].id


def runs_of(store, action_id: int) -> list[audit.Change]:
    return [c for c in audit.changes_of(store.conn, action_id) if c.last_row_id is not None]


def check(store, action_id: int) -> None:
    """What undo checks before it removes the import's rows."""
    audit.check_unchanged(store.conn, audit.changes_of(store.conn, action_id), "Import", "undo")


def test_a_run_is_checked_against_the_later_changes_still_in_effect(pcn_store, imported):
    """A patient of the run edited since (and the edit standing) refuses; once that edit is undone
    the row is as the import left it again, and the import undoes (its rows gone, each recorded)."""
    assert [(c.table, c.row_id, c.last_row_id) for c in runs_of(pcn_store, imported)] == [
        ("smr_worklist_cohort", 1, 450), ("smr_worklist", 1, 300)]
    save_worklist_entry(pcn_store, {"note": "seen"}, today=TODAY, entry=150)
    save_worklist_entry(pcn_store, {"note": "seen again"}, today=TODAY, entry=150)
    with pytest.raises(ConflictError, match="has been changed since"):
        check(pcn_store, imported)
    pcn_store.undo()
    with pytest.raises(ConflictError, match="has been changed since"):
        check(pcn_store, imported)
    pcn_store.undo()
    check(pcn_store, imported)
    undone = pcn_store.undo()
    assert undone.id == imported and tables(pcn_store) == {"smr_worklist": [], "smr_worklist_cohort": []}
    undo_id, rows = pcn_store.history(1)[0].id, 750 + 6  # and the 6 reference cohorts the import added
    assert pcn_store.scalar("SELECT count(*) FROM change WHERE action_id = ? AND op = 'delete' "
                            "AND before IS NOT NULL", [undo_id]) == rows
    assert pcn_store.history(1)[0].changes == rows


def test_a_row_removed_and_put_back_since_is_as_the_import_left_it(pcn_store, imported):
    after = tables(pcn_store)
    delete_worklist_entry(pcn_store, 7)
    with pytest.raises(ConflictError):
        check(pcn_store, imported)
    pcn_store.undo()  # the patient and its cohorts back, with their rowids
    assert tables(pcn_store) == after
    check(pcn_store, imported)
    pcn_store.undo()
    pcn_store.redo()
    assert tables(pcn_store) == after


def test_history_counts_the_rows_of_a_run_and_shows_it_as_one_line(pcn_store, imported):
    assert pcn_store.action_summary(imported).changes == 300 + 450 + pcn_store.scalar(
        "SELECT count(*) FROM smr_cohort")  # the first import adds the reference cohorts
    view = history_action(pcn_store, ViewQuery(None, item=str(imported)))
    what = {row.values[1]: row.values[4] for row in view.iter_rows()}
    assert what["smr_worklist"] == "rows 1–300 added (300 rows)"
    assert what["smr_worklist_cohort"] == "rows 1–450 added (450 rows)"
    assert f"{pcn_store.action_summary(imported).changes:,} rows changed" in view.summary[1][0].text


def test_an_actions_csv_names_the_first_and_last_row_of_a_run(pcn_store, imported, tmp_path):
    import csv

    from pcntui.cli.main import main

    out = tmp_path / "action.csv"
    assert main(["export", "history-action", "--id", str(imported), "--db", str(pcn_store.path), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["table"], r["row_id"], r["op"], r["before"], r["after"], r["last_row_id"]) for r in rows
            if r["table"].startswith("smr_worklist")] == [("smr_worklist", "1", "insert", "", "", "300"),
                                                          ("smr_worklist_cohort", "1", "insert", "", "", "450")]
    assert all(r["last_row_id"] == "" and r["after"] for r in rows if r["table"] == "smr_cohort")


def test_forget_counts_and_erases_the_runs(pcn_store, imported):
    assert worklist_data(pcn_store).history_rows == 750
    report = forget_worklist(pcn_store)
    assert report.history_rows == 750
    assert pcn_store.scalar("SELECT count(*) FROM change WHERE table_name LIKE 'smr_worklist%'") == 0
    assert worklist_data(pcn_store).empty


def test_rowids_with_gaps_between_them_make_one_run_each_and_undo_and_redo_exactly(pcn_store, imported):
    from pcntui.store.worklist import TABLES

    before = tables(pcn_store)
    with pcn_store.action("Add with gaps") as tx, audit.bulk_inserts(tx.db, *TABLES, as_runs=True) as inserted:
        for i in (301, 302, 305, 306, 307, 309, 310):
            tx.execute("INSERT INTO smr_worklist (id, practice_code, reference) VALUES (?, 'Y90001', ?)", [i, f"N{i}"])
        inserted.add("smr_worklist", 7)
    action = pcn_store.history(1)[0]
    assert [(c.row_id, c.last_row_id) for c in runs_of(pcn_store, action.id)] == [(309, 310), (305, 307), (301, 302)]
    assert action.changes == 7
    after = tables(pcn_store)
    pcn_store.undo()
    assert tables(pcn_store) == before
    pcn_store.redo()
    assert tables(pcn_store) == after

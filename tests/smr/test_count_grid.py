"""The month-end counts grid (issue 11 item 3): practices × cohorts for one date, each cell
checked as a CountIn with its message at (row, column, field), saved as one action."""

from __future__ import annotations

import pytest

from pcntui.errors import UserError, ValidationFailed
from pcntui.services.smr.counts import save_count_grid
from tests.smr.conftest import PRACTICES, TODAY

COHORTS = ("CARE_HOME", "SEVERE_FRAILTY")


def saved_rows(store) -> list[tuple]:
    return [tuple(r.values()) for r in store.query(
        "SELECT practice_code, cohort_code, as_of, completed, eligible FROM smr_count ORDER BY 1, 2")]


def test_a_grid_is_saved_as_one_action_and_undone_as_one(pcn_store):
    cells = {(0, 0): "40/70", (0, 1): " 3/10 ", (2, 1): "0/5", (1, 0): ""}
    before = pcn_store.scalar("SELECT count(*) FROM action")
    saved = save_count_grid(pcn_store, "31/10/2026", cells, PRACTICES, COHORTS, today=TODAY)
    assert saved.value == 3 and saved.note == "Saved SMR counts on 2026-10-31 for 3 practice and cohort pairs."
    assert saved_rows(pcn_store) == [("Y90001", "CARE_HOME", "2026-10-31", 40, 70),
                                     ("Y90001", "SEVERE_FRAILTY", "2026-10-31", 3, 10),
                                     ("Y90003", "SEVERE_FRAILTY", "2026-10-31", 0, 5)]
    assert pcn_store.scalar("SELECT count(*) FROM action") == before + 1
    pcn_store.undo()
    assert saved_rows(pcn_store) == []


def test_every_bad_cell_is_named_by_row_column_and_field_and_nothing_is_saved(pcn_store):
    cells = {(0, 0): "80/70", (1, 1): "forty", (2, 0): "3/x²", (2, 1): "1/9"}
    with pytest.raises(ValidationFailed) as refused:
        save_count_grid(pcn_store, "2026-10-31", cells, PRACTICES, COHORTS, today=TODAY)
    found = {m.loc: m.text for m in refused.value.messages}
    assert set(found) == {(0, 0, "completed"), (1, 1, "completed"), (2, 0, "eligible")}
    assert found[(0, 0, "completed")].startswith("80 is more than the 70 eligible")
    assert "completed/eligible" in found[(1, 1, "completed")]
    assert saved_rows(pcn_store) == []


def test_a_bad_date_is_said_once_and_warnings_are_placed_by_cell(pcn_store):
    with pytest.raises(ValidationFailed) as refused:
        save_count_grid(pcn_store, "31/02/2026", {(0, 0): "1/2", (1, 0): "1/2"}, PRACTICES, COHORTS, today=TODAY)
    assert [m.loc for m in refused.value.messages] == [("as_of",)]
    save_count_grid(pcn_store, "2026-09-30", {(0, 0): "20/50"}, PRACTICES, COHORTS, today=TODAY)
    later = save_count_grid(pcn_store, "2026-10-31", {(0, 0): "15/50"}, PRACTICES, COHORTS, today=TODAY)
    assert [(w.loc, w.level) for w in later.warnings] == [((0, 0, "completed"), "warning")]
    with pytest.raises(UserError, match="Nothing to save"):
        save_count_grid(pcn_store, "2026-10-31", {(0, 0): " "}, PRACTICES, COHORTS, today=TODAY)


# ---------------------------------------------------------------- a pasted block, the grid's CSV
GRID_PRACTICES = [("Y90001", "Riverside Medical Centre"), ("Y90002", "Harbour Street Surgery")]
GRID_COHORTS = [("CARE_HOME", "Care home residents"), ("SEVERE_FRAILTY", "Severe frailty"),
                ("POLYPHARMACY", "Complex polypharmacy")]


def test_a_pasted_block_fills_from_the_cursor_by_tabs_or_commas_and_counts_what_falls_outside():
    from pcntui.ingest.count_grid import paste_block

    cells, outside = paste_block("40/70\t12/30\r\n3/9\t\t8/8\n", (0, 0), (2, 3))
    assert cells == {(0, 0): "40/70", (0, 1): "12/30", (1, 0): "3/9", (1, 1): "", (1, 2): "8/8"} and outside == 0
    cells, outside = paste_block("1/2, 3/4\n5/6,7/8", (1, 1), (2, 3))  # commas too; a row past the grid
    assert cells == {(1, 1): "1/2", (1, 2): "3/4"} and outside == 2


def test_the_grid_csv_reads_back_what_it_writes_with_cohorts_by_name_or_code(tmp_path):
    from pcntui.export.csvfile import write_csv
    from pcntui.ingest.count_grid import grid_table, read_grid

    cells = {(0, 0): "40/70", (1, 2): "5/9", (1, 0): "'3/10"}
    columns, rows = grid_table(GRID_PRACTICES, GRID_COHORTS, cells)
    assert columns == ["practice_code", "practice", "Care home residents", "Severe frailty", "Complex polypharmacy"]
    path = write_csv(tmp_path / "grid.csv", columns, rows) or tmp_path / "grid.csv"
    assert read_grid(path, GRID_PRACTICES, GRID_COHORTS) == {(0, 0): "40/70", (1, 2): "5/9", (1, 0): "'3/10"}
    by_code = tmp_path / "codes.csv"
    by_code.write_text("Practice_Code,severe_frailty\ny90002,7/7\n", encoding="utf-8")
    assert read_grid(by_code, GRID_PRACTICES, GRID_COHORTS) == {(1, 1): "7/7"}


def test_a_grid_csv_of_another_practice_or_cohort_is_refused_naming_every_row_and_column(tmp_path):
    from pcntui.errors import ImportFileError
    from pcntui.ingest.count_grid import read_grid

    bad = tmp_path / "bad.csv"
    bad.write_text("practice_code,Care home residents,Dementia\nY90001,1/2,\nY99999,3/4,\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_grid(bad, GRID_PRACTICES, GRID_COHORTS)
    assert refused.value.problems == [
        "column dementia: not one of the year's cohorts (Care home residents, Severe frailty, Complex polypharmacy).",
        "row 3, column practice_code: Y99999 is not one of this PCN's practices."]

"""`export smr-worklist` of a file edited outside pcntui: every value still goes through the Excel rule.

The fast path of a streamed export (export.csvfile.plain_text) writes a batch as SQLite gives it
only when nothing in it needs the rule or quoting. A CHECK constraint is no guarantee here (another
tool can write with `PRAGMA ignore_check_constraints`, or without foreign keys), so this file puts a
formula, a quote-breaking value or a value of the wrong type into every exported column, the
status, the counts, the NHS number and a cohort code included, and expects what the cell-by-cell
writer makes of them.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from pcntui.cli.main import main
from pcntui.domain.text import SPREADSHEET_RISKY
from pcntui.export.csvfile import write_csv
from pcntui.store import derived, open_store
from pcntui.store.worklist import ROW_FIELDS, worklist_rows

HOSTILE = {  # stored column -> value written straight into the file
    "reference": '=HYPERLINK("http://x","y")',
    "nhs_number": "123456,=1+1",  # masked: "*** *** ,=1+1", one cell
    "status": "@SUM(A1)",
    "identified_on": "-2+3",
    "invited_on": "'quoted",
    "booked_on": "\tTAB",
    "reviewed_on": "+1",
    "reviewer": "=cmd|' /C calc'!A0",
    "meds_stopped": "=1+1",  # text in a whole-number column
    "meds_changed": 1234567.5,  # a real number (written as csvfile.cell writes one)
    "meds_started": b"\x00\xff",  # a blob
    "follow_up_due": "\r=x",
    "note": 'a,b "c"\nd',
}


def _hostile(demo_db: Path, values: dict[str, object], cohort: str | None = None) -> None:
    """Write `values` into the first worklist row (and `cohort` as one of its codes) past the schema's checks."""
    conn = sqlite3.connect(demo_db, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        row_id = conn.execute("SELECT min(id) FROM smr_worklist").fetchone()[0]
        audit = conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN "
                             "('audit_smr_worklist_update', 'audit_smr_worklist_cohort_insert')").fetchall()
        for name, _ in audit:  # as another tool writes: no action recorded (and JSON cannot hold the blob)
            conn.execute(f"DROP TRIGGER {name}")
        if values:
            sets = ", ".join(f"{column} = ?" for column in values)
            conn.execute(f"UPDATE smr_worklist SET {sets} WHERE id = ?", [*values.values(), row_id])
        if cohort:
            conn.execute("INSERT INTO smr_worklist_cohort (worklist_id, cohort_code) VALUES (?, ?)", [row_id, cohort])
            derived.refresh(conn, [row_id])  # the row keeps its cohorts (store/derived.py), as pcntui's writers do
        for _, sql in audit:
            conn.execute(sql)
    finally:
        conn.close()


def _exported(demo_db: Path, tmp_path: Path) -> list[dict[str, str]]:
    """`pcntui export smr-worklist`, checked to be the same bytes as the cell-by-cell writer makes of
    the same values; its rows as read back."""
    out = tmp_path / "worklist.csv"
    assert main(["export", "smr-worklist", "--db", str(demo_db), "--out", str(out)]) == 0
    with open_store(demo_db, mode="ro") as store:  # the same values, each through csvfile.cell
        rows = [row for batch in worklist_rows(store) for row in batch]
    expected = write_csv(tmp_path / "cell-by-cell.csv", list(ROW_FIELDS), rows)
    assert out.read_bytes() == expected.read_bytes()
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(table) == len(rows) + 1 and all(len(r) == len(ROW_FIELDS) for r in table)
    formula = tuple(set(SPREADSHEET_RISKY) - {"'"})  # (a leading ' is the rule's own quote)
    for r in table[1:]:  # no cell starts a formula (a canonical number like -2 would be allowed)
        assert not any(c.startswith(formula) and not c.lstrip("-").isdigit() for c in r), r
    return [dict(zip(table[0], r)) for r in table[1:]]


@pytest.mark.parametrize("column", sorted(HOSTILE))
def test_one_hostile_value_is_written_by_the_excel_rule(column, demo_db, tmp_path, capsys):
    """Each value alone (a batch is written as it is unless one of its values needs the rule)."""
    _hostile(demo_db, {column: HOSTILE[column]})
    _exported(demo_db, tmp_path)


def test_a_hostile_row_is_written_by_the_excel_rule(demo_db, tmp_path, capsys):
    _hostile(demo_db, HOSTILE, cohort="=EVIL")
    hostile = next(r for r in _exported(demo_db, tmp_path) if "HYPERLINK" in r["reference"])
    assert hostile["reference"] == "'" + HOSTILE["reference"]
    assert hostile["nhs_number_masked"] == "*** *** ,=1+1"
    assert hostile["cohorts"].startswith("'=EVIL;")
    assert hostile["status"] == "'@SUM(A1)"
    assert hostile["invited_on"] == "''quoted"
    assert hostile["meds_stopped"] == "'=1+1"
    assert hostile["meds_changed"] == "1.23457e+06"
    assert hostile["follow_up_due"] == "'\r=x"
    assert hostile["note"] == HOSTILE["note"]


def test_a_hostile_cohort_code_alone(demo_db, tmp_path, capsys):
    _hostile(demo_db, {}, cohort="=EVIL")
    assert any(r["cohorts"].startswith("'=EVIL") for r in _exported(demo_db, tmp_path))

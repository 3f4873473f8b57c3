"""Every import KIND refuses a structurally broken CSV by name, and leaves the database as it was.

For each KIND a small good file imports (so the broken variants fail for their structure alone);
then a header-only file, a column named twice, a row with more cells than the header and a quote
left open are each refused with one sentence naming the file, the row and the column, exit 2,
and the database's content is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from pcntui.cli.main import main
from pcntui.ingest.csvfile import read_rows

GOOD = {
    "practices": ("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME",
                  "GP_PRAC_PAT_LIST,01Jul2026,Y90001,Meadowbank Surgery,ZZ1 1ZZ,U99901,Riverside PCN"),
    "list-sizes": ("PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS",
                   "GP_PRAC_PAT_LIST,2026-07-01,GP,Y90001,,,ALL,ALL,9000"),
    "imd": ("PRACTICE_CODE,PRACTICE_NAME,IMD_YEAR,IMD_SCORE", "Y90001,Meadowbank Surgery,2025,20.5"),
    "staff": ("name,role,wte,start_date,end_date,fte_salary,oncost_pct,arrs_funded",
              "Zoe Test,Clinical Pharmacist,1,2026-04-01,,50000,,yes"),
    "rates": ("role,effective_from,annual_max,reimbursement_pct", "Clinical Pharmacist,2026-04-01,60000,100"),
    "workforce": ("Data_source,CENSUS_YEAR,CENSUS_MONTH,PCN_CODE,PCN_NAME,STAFF_GROUP,STAFF_ROLE,"
                  "DETAILED_STAFF_ROLE,FTE,UNIQUE_IDENTIFIER",
                  "NWRS Staff,2026,6,U99901,RIVERSIDE PCN,Direct Patient Care,Pharmacists,Clinical Pharmacist,1,X1"),
    "smr-counts": ("practice_code,cohort,as_of,eligible,completed", "Y90001,Care home residents,2026-10-31,10,5"),
    "smr-worklist": ("practice_code,reference,cohort", "Y90001,REF-NEW-1,Care home residents"),
    "claims": ("month,name,role,amount_claimed,amount_paid,status", "2026-04,Aisha Khan,Care Coordinator,3000.00,,submitted"),
    "iif": ("ORGANISATION_TYPE,ORGANISATION_CODE,ORGANISATION_NAME,QUALITY_SERVICE,ACH_DATE,IND_CODE,MEASURE,VALUE",
            "PCN,U99901,Riverside PCN,IIF,31/03/2026,NCD026,Numerator,120"),
    "iif-indicators": ("fy,indicator,ind_code,description,numerator_measure,denominator_measure,lower_threshold,"
                       "upper_threshold,points,pound_per_point,higher_is_better",
                       "2026/27,ACC-08,,Trial,Numerator,Denominator,85,90,71,198,yes"),
}
KINDS = sorted(GOOD)


def test_every_import_kind_is_tried():
    from pcntui.catalog import import_kinds

    assert set(GOOD) == {k.kind for k in import_kinds()}


def content(db: Path) -> str:
    """A fingerprint of everything stored (not the file's bytes: WAL pages may move)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, demo_template) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy2(demo_template, path)
    return path


def run_import(kind: str, text: str, tmp_path: Path, demo_db: Path, capsys) -> tuple[int, str, bool]:
    """Import `text` as KIND into a copy of the demo: (exit code, stderr, database unchanged)."""
    db = tmp_path / "db.db"
    shutil.copy(demo_db, db)
    before = content(db)
    csv_file = tmp_path / f"{kind}.csv"
    csv_file.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["import", kind, str(csv_file), "--db", str(db)])
    err = capsys.readouterr().err
    return code, err, content(db) == before


@pytest.mark.parametrize("kind", KINDS)
def test_good_file_imports(kind, tmp_path, demo_db, capsys):
    header, row = GOOD[kind]
    code, err, unchanged = run_import(kind, f"{header}\n{row}\n", tmp_path, demo_db, capsys)
    assert code == 0, err
    assert not unchanged


def broken(kind: str) -> dict[str, tuple[str, list[str]]]:
    """name → (file text, words the refusal must contain)."""
    header, row = GOOD[kind]
    first = header.split(",")[0]
    last = row.split(",")[-1]
    cut = row[: len(row) - len(last)]
    return {
        "header only": (f"{header}\n", [f"{kind}.csv", "header but no rows"]),
        "header only, blank lines": (f"{header}\n,,,\n\n", [f"{kind}.csv", "header but no rows"]),
        "column twice": (f"{header},{first.lower()}\n{row},x\n", [f"{kind}.csv", f"'{first.lower()}' twice",
                                                                  f"columns 1 and {len(header.split(',')) + 1}"]),
        "extra cells": (f"{header}\n{row},surplus\n", [f"{kind}.csv", "row 2", "column "
                                                       f"{len(header.split(',')) + 1} holds 'surplus'"]),
        "quote left open": (f"{header}\n{row}\n{cut}\"{last}\n{row}\n",
                            [f"{kind}.csv", "row 3", f"column {header.split(',')[-1]}", "never closed"]),
        "text after a quote": (f"{header}\n{cut}\"{last}\"x\n",
                               [f"{kind}.csv", "row 2", f"column {header.split(',')[-1]}", "closing quote"]),
    }


CASES = [(kind, name) for kind in KINDS for name in broken(kind)]


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_broken_file_refused_by_name_and_nothing_changes(kind, case, tmp_path, demo_db, capsys):
    text, words = broken(kind)[case]
    code, err, unchanged = run_import(kind, text, tmp_path, demo_db, capsys)
    assert code == 2, err
    assert unchanged
    assert "Traceback" not in err and err.count("\n") == 1, err
    for w in words:
        assert w in err, (w, err)


def test_setup_refuses_a_header_only_practice_map(tmp_path, capsys):
    header, _ = GOOD["practices"]
    f = tmp_path / "map.csv"
    f.write_text(header + "\n", encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["setup", "--pcn", "U99901", "--practices", str(f), "--db", str(db)]) == 2
    assert "header but no rows" in capsys.readouterr().err


def test_rows_shorter_than_the_header_read_as_blank_cells(tmp_path):
    """A spreadsheet that drops trailing empty cells loses nothing: the missing cells are blank."""
    f = tmp_path / "short.csv"
    f.write_text("a,b,c\n1,2\n3,4,\n", encoding="utf-8")
    rows = list(read_rows(f, ["a"], kind="test"))
    assert [(r.number, r.get("a"), r.get("c")) for r in rows] == [(2, "1", ""), (3, "3", "")]


def test_a_quoted_cell_over_two_lines_keeps_the_row_numbers(tmp_path):
    f = tmp_path / "multi.csv"
    f.write_text('a,b\n"x\ny",1\n"z,2\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"row 3, column a: a quote"):
        list(read_rows(f, ["a"], kind="test"))


def test_spreadsheet_quote_and_control_characters_removed_on_import(tmp_path):
    f = tmp_path / "q.csv"
    f.write_text("\ufeffname,note\n'=Zoe,\"line\x1b[2J one\r\nline two\"\n''O'Brien,\x07\n", encoding="utf-8")
    rows = list(read_rows(f, ["name"], kind="test"))
    assert [(r.get("name"), r.get("note")) for r in rows] == [("=Zoe", "line[2J one\nline two"), ("'O'Brien", "")]

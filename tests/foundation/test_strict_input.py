"""Bad numbers and dates are refused whole, everywhere (issue 8, items 5 and 6): each reproduction
from the issue, through the real command line on the demo, with the database left unchanged;
the TUI forms refusing exactly what the CLI flags refuse is each area's parity test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import cli, content_sha

BIG = "12345678901234567890123456"  # 26 digits: more than SQLite's integer holds


@pytest.fixture(scope="module")
def _demo(tmp_path_factory, demo_template) -> Path:
    path = tmp_path_factory.mktemp("strict") / "demo.db"
    shutil.copy2(demo_template, path)
    return path


@pytest.fixture
def db(_demo, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy2(_demo, path)
    return path


def refused(capsys, db: Path, *argv) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, nothing changed."""
    before = content_sha(db)
    code, _, err = cli(capsys, *argv, "--db", db)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert content_sha(db) == before
    return err


def csv_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ 26 digits: OverflowError tracebacks before
IMPORTS = {
    "list-sizes": "EXTRACT_DATE,ORG_TYPE,ORG_CODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS\n"
                  "2026-10-01,GP,Y90001,ALL,ALL,{n}\n",
    "smr-counts": "practice_code,cohort,as_of,eligible,completed\nY90001,CARE_HOME,2026-10-31,{n},1\n",
    "smr-worklist": "practice_code,reference,cohort,meds_stopped\nY90001,R-1,CARE_HOME,{n}\n",
    "rates": "role,effective_from,annual_max,reimbursement_pct\nCP,2026-04-01,{n},100\n",
}


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_a_26_digit_number_in_an_import_is_one_sentence(kind, db, tmp_path, capsys):
    path = csv_file(tmp_path, f"{kind}.csv", IMPORTS[kind].format(n=BIG))
    before = content_sha(db)
    code, _, err = cli(capsys, "import", kind, path, "--db", db)
    assert code == 2 and "Traceback" not in err and "OverflowError" not in err
    assert f"{BIG} must be" in err  # names the value and what is expected
    assert content_sha(db) == before


@pytest.mark.parametrize("argv", [
    ["intervention", "show", BIG], ["arrs", "show", BIG], ["requirement", "set", BIG, "--status", "done"],
    ["history", "--limit", BIG], ["intervention", "reading", BIG, "5"], ["smr", "share", BIG, "--percent", "10"],
    ["requirement", "link", "1", "--intervention", BIG], ["smr", "worklist", "--limit", BIG],
])
def test_a_26_digit_id_or_limit_on_the_command_line_is_one_sentence(argv, db, capsys):
    err = refused(capsys, db, *argv)
    assert BIG in err and "must be" in err


# ------------------------------------------------------------------ odd digits, signs, NaN, separators, bounds
@pytest.mark.parametrize("argv", [
    ["smr", "counts", "Y90001", "CARE_HOME", "--date", "2026-10-31", "--eligible", "١٢", "--completed", "1"],
    ["smr", "counts", "Y90001", "CARE_HOME", "--date", "2026-10-31", "--eligible", "2²", "--completed", "1"],
    ["smr", "counts", "Y90001", "CARE_HOME", "--date", "2026-10-31", "--eligible", "10", "--completed", "-1"],
    ["smr", "counts", "Y90001", "CARE_HOME", "--date", "2026-10-31", "--eligible", "1e5", "--completed", "1"],
    ["intervention", "add", "--title", "x", "--budget=--5"],
    ["intervention", "add", "--title", "x", "--budget", "1,2,3"],
    ["intervention", "add", "--title", "x", "--budget", "£10,000,000.01"],
    ["intervention", "add", "--title", "x", "--size", "１２"],
    ["intervention", "spend", "1", "0"],
    ["intervention", "reading", "1", "NaN"],
    ["intervention", "reading", "1", "-Infinity"],
    ["intervention", "measure", "1", "--name", "x", "--baseline", "inf", "--baseline-on", "2026-04-01",
     "--target", "1"],
    ["arrs", "change", "1", "--from", "2026-12-01", "--wte", "1e30"],
    ["arrs", "change", "1", "--from", "2026-12-01", "--wte", "NaN"],
    ["arrs", "change", "1", "--from", "2026-12-01", "--wte", "1.5"],
    ["arrs", "change", "1", "--from", "2026-12-01", "--salary", "NaN"],
    ["arrs", "change", "1", "--from", "2026-12-01", "--oncost-pct", "100"],
    ["arrs", "entitlement", "--weighted-population", "0"],
    ["arrs", "entitlement", "--amount", "-5"],
    ["arrs", "entitlement", "--weighted-population", "52000", "--rate-per-patient", "Infinity"],
    ["smr", "iif", "CARE_HOME", "--lower", "NaN"],
    ["smr", "target", "CARE_HOME", "--percent", "NaN"],
    ["smr", "target", "CARE_HOME", "--count", "1e3"],
    ["smr", "settings", "--minutes-per-review", "nan"],
    ["smr", "settings", "--hours-per-wte", "1e3"],
    ["status", "--fy", "9999/00"],
    ["status", "--fy", "２０２４/25"],
])
def test_hostile_numbers_on_the_command_line_are_refused(argv, db, capsys):
    err = refused(capsys, db, *argv)
    assert "could not be used" not in err  # refused as a value, not by the database


def test_hostile_numbers_in_import_files_are_named_and_refused(db, tmp_path, capsys):
    path = csv_file(tmp_path, "c.csv", "practice_code,cohort,as_of,eligible,completed,invited\n"
                                       "Y90001,CARE_HOME,2026-10-31,١٢,1,\nY90002,CARE_HOME,2026-10-31,12,2²,\n"
                                       "Y90003,CARE_HOME,2026-10-31,1,2,\"1,2,3\"\n")
    code, _, err = cli(capsys, "import", "smr-counts", path, "--db", db)
    assert code == 2
    assert "row 2, column eligible: '١٢' is not a whole number of patients" in err
    assert "row 3, column completed: '2²' is not a whole number of patients" in err
    rates = csv_file(tmp_path, "r.csv", "role,effective_from,annual_max,reimbursement_pct\n"
                                        "CP,2026-04-01,--5,100\nPA,2026-04-01,\"1,2,3\",100\nFCP,2026-04-01,50000,NaN\n")
    code, _, err = cli(capsys, "import", "rates", rates, "--db", db)
    assert code == 2
    assert "row 2, column annual_max: '--5' is not an amount of money" in err
    assert "row 3, column annual_max: '1,2,3' is not an amount of money" in err
    assert "row 4, column reimbursement_pct: 'NaN' is not a number" in err


# ------------------------------------------------------------------ dates from 1948 to 2100
@pytest.mark.parametrize("day", ["1900-01-01", "31/12/1947", "2101-01-01", "01Jan9999"])
def test_implausible_dates_are_refused_where_they_mean_something(day, db, tmp_path, capsys):
    staff = csv_file(tmp_path, "s.csv", "name,role,wte,start_date,end_date,fte_salary,oncost_pct,arrs_funded\n"
                                        f"Ann,CP,1,{day},,50000,,yes\n")
    counts = csv_file(tmp_path, "c.csv", f"practice_code,cohort,as_of,eligible,completed\nY90001,CARE_HOME,{day},10,1\n")
    for argv in (["import", "staff", staff], ["import", "smr-counts", counts],
                 ["intervention", "session", "1", "--on", day, "--group", "Residents=3"],
                 ["intervention", "reading", "1", "5", "--on", day],
                 ["arrs", "leave", "1", "--on", day]):
        before = content_sha(db)
        code, _, err = cli(capsys, *argv, "--db", db)
        assert code == 2 and "must be from 1948 to 2100" in err, (argv, err)
        assert content_sha(db) == before


# ------------------------------------------------------------------ NHS number 0000000000
def test_an_all_zeros_nhs_number_is_refused(db, tmp_path, capsys):
    path = csv_file(tmp_path, "w.csv", "practice_code,reference,cohort,nhs_number\nY90001,Z-1,CARE_HOME,000 000 0000\n")
    before = content_sha(db)
    code, _, err = cli(capsys, "import", "smr-worklist", path, "--db", db)
    assert code == 2 and "'0000000000' is a placeholder, not anyone's NHS number" in err
    assert content_sha(db) == before


# ------------------------------------------------------------------ NWRS FTE 1e30: refused before committing
NWRS = ("Data_source,CENSUS_YEAR,CENSUS_MONTH,PCN_CODE,PCN_NAME,STAFF_GROUP,STAFF_ROLE,DETAILED_STAFF_ROLE,FTE,"
        "UNIQUE_IDENTIFIER\nNWRS Staff,2026,9,U99901,Demo,Other Direct Patient Care staff,Pharmacists,Pharmacist,{fte},"
        "999\nNWRS Staff,2026,9,U99901,Demo,Other Direct Patient Care staff,Pharmacists,Pharmacist,0.5,998\n")


@pytest.mark.parametrize("fte", ["1e30", "NaN", "3", "0", "-1", "", "١"])
def test_a_workforce_fte_out_of_bounds_is_refused_before_anything_is_stored(fte, db, tmp_path, capsys):
    path = csv_file(tmp_path, "wf.csv", NWRS.format(fte=fte))
    before = content_sha(db)
    code, _, err = cli(capsys, "import", "workforce", path, "--pcn", "U99901", "--db", db)
    assert code == 2 and "row 2, column FTE:" in err and "Traceback" not in err, err
    assert content_sha(db) == before
    assert cli(capsys, "arrs", "reconcile", "--db", db)[0] == 0


def test_reconcile_survives_a_bad_fte_already_stored(db, tmp_path, capsys):
    """A file written before FTEs were checked: the bad record is left out and named, never a crash."""
    path = csv_file(tmp_path, "wf.csv", NWRS.format(fte="0.8"))
    assert cli(capsys, "import", "workforce", path, "--pcn", "U99901", "--db", db)[0] == 0
    from pcntui.store import open_store

    store = open_store(db)  # what the import before this change stored for FTE 1e30
    with store.action("an older pcntui's import") as tx:
        tx.execute("UPDATE nwrs_record SET fte = '1000000000000000000000000000000' WHERE unique_identifier = '999'")
    store.close()
    code, out, err = cli(capsys, "arrs", "reconcile", "--db", db)
    assert code == 0, err
    out = " ".join(out.split())
    assert "NWRS record 999 (Pharmacist) is left out" in out and "import the census file again" in out
    assert "0.50" in out  # the other record still counts
    code, out, err = cli(capsys, "arrs", "seed-roster", "--dry-run", "--db", db)
    assert code == 0 and "NWRS record 999" in out, err

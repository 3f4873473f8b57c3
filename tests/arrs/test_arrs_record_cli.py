"""`pcntui arrs add|edit`: a person's band and own reimbursement %, checked as an import checks them,
confirming an estimated record, and `export staff` → `import staff` keeping all of it."""

import json

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store

from .helpers import read_csv_text


@pytest.fixture
def db(db_path):
    open_store(db_path, mode="create").close()
    return str(db_path)


def run(capsys, *argv, code=0) -> tuple[str, str]:
    capsys.readouterr()
    try:
        got = main([*argv])
    except SystemExit as exc:  # argparse refuses a flag's value
        got = exc.code
    assert got == code
    out = capsys.readouterr()
    return out.out, out.err


def staff_rows(capsys, db) -> dict[str, dict]:
    return {r["name"]: r for r in read_csv_text(run(capsys, "export", "staff", "--db", db)[0])}


def test_add_a_second_mhp_at_100_percent_and_a_banded_nurse(db, capsys):
    out, _ = run(capsys, "arrs", "add", "--name", "Bea Birch", "--role", "Mental Health Practitioner", "--wte", "0.8",
                 "--start", "01/04/2026", "--salary", "60000", "--reimbursement-pct", "100%", "--band", "Band 7",
                 "--db", db)
    assert "Bea Birch (MHP, band 7, reimbursed at 100%)" in out
    run(capsys, "arrs", "add", "--name", "Nia", "--role", "GPN", "--wte", "1", "--start", "2026-04-01",
        "--salary", "36000", "--oncost-pct", "20", "--band", "6", "--db", db)
    rows = staff_rows(capsys, db)
    assert (rows["Bea Birch"]["reimbursement_pct"], rows["Bea Birch"]["band"]) == ("100", "7")
    assert (rows["Nia"]["reimbursement_pct"], rows["Nia"]["band"]) == ("", "6")
    # Bea's months use her 100%: 60,000 × 0.8 / 12 × (1 + default on-cost) is above the cap, which
    # scales with 100/50 from the shipped MHP maximum
    months = read_csv_text(run(capsys, "export", "arrs", "--fy", "2026/27", "--db", db)[0])
    bea = [m for m in months if m["name"] == "Bea Birch"]
    assert bea and all(m["reimbursement_pct"] == "100" and m["role_pct"] == "50" for m in bea)


@pytest.mark.parametrize("flag, value, expected", [
    ("--reimbursement-pct", "0", "--reimbursement-pct: 0 must be more than 0 and at most 100"),
    ("--reimbursement-pct", "100.5", "--reimbursement-pct: 100.5 must be more than 0 and at most 100"),
    ("--reimbursement-pct", "half", "--reimbursement-pct: 'half' is not a number"),
    ("--band", "10", "--band: '10' is not an Agenda for Change band"),
])
def test_a_bad_percentage_or_band_is_one_sentence_and_nothing_is_saved(db, capsys, flag, value, expected):
    _, err = run(capsys, "arrs", "add", "--name", "X", "--role", "MHP", "--wte", "1", "--start", "2026-04-01",
                 "--salary", "40000", flag, value, "--db", db, code=2)
    assert expected in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert staff_rows(capsys, db) == {}


def test_edit_sets_and_drops_a_person_percentage(db, capsys):
    run(capsys, "arrs", "add", "--name", "Bea", "--role", "MHP", "--wte", "1", "--start", "2026-04-01",
        "--salary", "50000", "--db", db)
    run(capsys, "arrs", "edit", "Bea", "--reimbursement-pct", "100", "--band", "7", "--db", db)
    assert (staff_rows(capsys, db)["Bea"]["reimbursement_pct"], staff_rows(capsys, db)["Bea"]["band"]) == ("100", "7")
    run(capsys, "arrs", "edit", "Bea", "--role-pct", "--db", db)
    assert staff_rows(capsys, db)["Bea"]["reimbursement_pct"] == ""
    _, err = run(capsys, "arrs", "edit", "Bea", "--db", db, code=2)
    assert "Give something to change" in err


def test_confirming_salary_and_start_clears_estimated(db, capsys):
    out, _ = run(capsys, "arrs", "add", "--name", "Gus", "--role", "CP", "--wte", "1", "--start", "2026-04-01",
                 "--salary", "45000", "--estimated", "--db", db)
    assert "estimated: confirm salary and start date" in out
    status = json.loads(run(capsys, "status", "--json", "--db", db)[0])["arrs"]
    assert status["estimated_staff"] == 1 and status["estimated_claimable"] > 0
    run(capsys, "arrs", "edit", "Gus", "--salary", "47000", "--start", "2026-05-01", "--confirm", "--db", db)
    row = staff_rows(capsys, db)["Gus"]
    assert (row["estimated"], row["fte_salary"], row["start_date"]) == ("no", "47000.00", "2026-05-01")
    status = json.loads(run(capsys, "status", "--json", "--db", db)[0])["arrs"]
    assert (status["estimated_staff"], status["estimated_claimable"]) == (0, 0)
    assert not [a for a in status["alerts"] if a["kind"] == "estimated_records"]


def test_export_staff_round_trips_band_percentage_and_estimated(db, capsys, tmp_path):
    run(capsys, "arrs", "add", "--name", "Bea", "--role", "MHP", "--wte", "0.8", "--start", "2026-04-01",
        "--salary", "50000", "--reimbursement-pct", "87.5", "--band", "8a", "--db", db)
    run(capsys, "arrs", "add", "--name", "Gus", "--role", "CP", "--wte", "1", "--start", "2026-04-01",
        "--salary", "45000", "--estimated", "--db", db)
    out = tmp_path / "staff.csv"
    run(capsys, "export", "staff", "--out", str(out), "--db", db)
    other = tmp_path / "other.db"
    open_store(other, mode="create").close()
    run(capsys, "import", "staff", str(out), "--db", str(other))
    again = {k: {c: v for c, v in r.items() if c != "staff_id"} for k, r in staff_rows(capsys, str(other)).items()}
    first = {k: {c: v for c, v in r.items() if c != "staff_id"} for k, r in staff_rows(capsys, db).items()}
    assert again == first
    assert (first["Bea"]["reimbursement_pct"], first["Bea"]["band"], first["Gus"]["estimated"]) == ("87.5", "8a", "yes")

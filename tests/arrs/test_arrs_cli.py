"""The ARRS command line as a manager (or the held-back hand-worked years) drive it."""

import json
from decimal import Decimal

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store

from .helpers import RATES_HEADER, STAFF_HEADER, read_csv_text, write_csv


@pytest.fixture
def empty_db(db_path):
    open_store(db_path, mode="create").close()
    return str(db_path)


@pytest.fixture
def worked_year(empty_db, tmp_path, capsys):
    """A hand-worked 2024/25 loaded through the CLI exactly as a user would."""
    rates = write_csv(tmp_path / "rates.csv", RATES_HEADER, [
        ["Clinical Pharmacist", "2024-04-01", "60000", "100"],
        ["Clinical Pharmacist", "01/10/2024", "63000", "100"],
        ["Social Prescribing Link Worker", "2024-04-01", "40159", "100"],
        ["Mental Health Practitioner", "2024-04-01", "30000", "50"],
    ])
    staff = write_csv(tmp_path / "staff.csv", STAFF_HEADER + ["supervisor"], [
        ["Asha Patel", "Clinical Pharmacist", "1", "01/04/2024", "", "70000", "20", "yes", "Dr A"],
        ["Ben Jones", "Social Prescribing Link Worker", "0.8", "17/06/2024", "15/01/2025", "30000", "20", "yes", ""],
        ["Cara Lee", "Mental Health Practitioner", "1", "2024-04-01", "", "40000", "30", "yes", "Trust"],
        ["Dan Roe", "Clinical Pharmacist", "1", "2019-01-01", "", "50000", "25", "no", "Dr A"],
    ])
    assert main(["import", "rates", str(rates), "--db", empty_db]) == 0
    assert main(["import", "staff", str(staff), "--db", empty_db]) == 0
    assert main(["arrs", "entitlement", "--fy", "2024/25", "--weighted-population", "50000",
                 "--rate-per-patient", "22.894", "--db", empty_db]) == 0
    out = capsys.readouterr().out
    assert "£1,144,700.00 (50,000 weighted patients × £22.894)" in out
    return empty_db


def test_hand_worked_year_summary_to_the_penny(worked_year, capsys):
    """Asha: 6 × 5,000 + 6 × 5,250 = 61,500.00; Ben: 16,681.29 (part months); Cara (50%): 12 × 2,166.67 =
    26,000.04; Dan (baseline): 0. Total 104,181.33; headroom 1,144,700.00 − 104,181.33 = 1,040,518.67."""
    assert main(["export", "arrs-summary", "--fy", "2024/25", "--as-of", "2025-04-30", "--db", worked_year]) == 0
    rows = {r["role"]: r for r in read_csv_text(capsys.readouterr().out)}
    assert rows["Clinical Pharmacist"]["claimable"] == "61500.00"
    assert rows["Social Prescribing Link Worker"]["claimable"] == "16681.29"
    assert rows["Mental Health Practitioner"]["claimable"] == "26000.04"
    total = rows["TOTAL"]
    assert (total["claimable"], total["entitlement"], total["headroom"]) == ("104181.33", "1144700.00", "1040518.67")
    assert total["forecast"] == "104181.33"


def test_hand_worked_year_status_json(worked_year, capsys):
    assert main(["status", "--json", "--fy", "2024/25", "--as-of", "2025-04-30", "--db", worked_year]) == 0
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert arrs["entitlement"] == 1144700.00 and arrs["claimable"] == 104181.33
    assert arrs["headroom"] == 1040518.67 and arrs["forecast"] == 104181.33 and arrs["months_to_date"] == 12
    assert {a["kind"] for a in arrs["alerts"]} >= {"underspend", "no_supervisor"}
    assert str(Decimal(str(arrs["underspend"]))) == "1040518.67"


def test_per_staff_month_export(worked_year, capsys, tmp_path):
    out = tmp_path / "arrs.csv"
    assert main(["export", "arrs", "--fy", "2024/25", "--as-of", "2025-04-30", "--out", str(out), "--db", worked_year]) == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    rows = read_csv_text(out.read_text(encoding="utf-8-sig"))
    assert list(rows[0])[:9] == ["fy", "month", "name", "role", "wte", "days_in_post", "actual_cost",
                                 "max_reimbursable", "claimable"]
    ben_jan = next(r for r in rows if r["name"] == "Ben Jones" and r["month"] == "2025-01")
    assert (ben_jan["days_in_post"], ben_jan["wte"], ben_jan["claimable"]) == ("15", "0.8", "1161.29")
    assert sum(Decimal(r["claimable"]) for r in rows) == Decimal("104181.33")
    dan = [r for r in rows if r["name"] == "Dan Roe"]
    assert len(dan) == 12 and all(r["claimable"] == "0.00" and r["arrs_funded"] == "no" for r in dan)


def test_staff_export_round_trips_through_import(worked_year, capsys, tmp_path):
    assert main(["arrs", "change", "Asha Patel", "--from", "2024-11-01", "--wte", "0.6", "--db", worked_year]) == 0
    out = tmp_path / "staff.csv"
    assert main(["export", "staff", "--out", str(out), "--db", worked_year]) == 0
    rows = read_csv_text(out.read_text(encoding="utf-8-sig"))
    asha = [r for r in rows if r["name"] == "Asha Patel"]
    assert [(r["start_date"], r["end_date"], r["wte"]) for r in asha] == [("2024-04-01", "2024-10-31", "1"),
                                                                           ("2024-11-01", "", "0.6")]
    capsys.readouterr()
    assert main(["import", "staff", str(out), "--db", worked_year]) == 0
    assert "0 added, 0 updated, 4 unchanged" in capsys.readouterr().out


def test_malformed_staff_file_exit_2_db_unchanged(worked_year, tmp_path, capsys):
    store = open_store(worked_year)
    before = list(store.conn.iterdump())
    store.close()
    bad = write_csv(tmp_path / "bad.csv", STAFF_HEADER, [
        ["X", "Unicorn Handler", "1.4", "31/02/2024", "", "40000", "", "yes"]])
    assert main(["import", "staff", str(bad), "--db", worked_year]) == 2
    err = capsys.readouterr().err
    assert "row 2, column role" in err and "row 2, column wte" in err and "row 2, column start_date" in err
    assert "Traceback" not in err
    store = open_store(worked_year)
    assert list(store.conn.iterdump()) == before
    store.close()


def test_entitlement_amount_and_errors(empty_db, capsys):
    assert main(["arrs", "entitlement", "--fy", "2025/26", "--weighted-population", "40,000", "--db", empty_db]) == 0
    assert "£1,065,240.00 (40,000 weighted patients × £26.631)" in capsys.readouterr().out
    assert main(["arrs", "entitlement", "--fy", "2026/27", "--amount", "£1,200,000", "--db", empty_db]) == 0
    assert "£1,200,000.00 (amount entered)" in capsys.readouterr().out
    assert main(["arrs", "entitlement", "--fy", "2026/27", "--db", empty_db]) == 0
    assert "£1,200,000.00" in capsys.readouterr().out
    assert main(["arrs", "entitlement", "--fy", "2027/28", "--weighted-population", "40000", "--db", empty_db]) == 2
    assert "no rate per weighted patient on record for 2027/28" in capsys.readouterr().err
    assert main(["arrs", "entitlement", "--fy", "2025/26", "--weighted-population", "1", "--amount", "1",
                 "--rate-per-patient", "2", "--db", empty_db]) == 2
    assert "--rate-per-patient: Give either a rate per patient or an amount, not both." in capsys.readouterr().err


def test_roster_changes_plans_and_what_if(worked_year, capsys):
    assert main(["arrs", "leave", "Cara Lee", "--on", "2024-12-31", "--db", worked_year]) == 0
    assert main(["arrs", "staff", "--fy", "2024/25", "--as-of", "2025-03-31", "--db", worked_year]) == 0
    out = capsys.readouterr().out
    assert "Cara Lee" in out and "2024-12-31" in out and all(len(line) <= 80 for line in out.splitlines())
    assert main(["arrs", "what-if", "--role", "Care Coordinator", "--wte", "1", "--start", "2025-01-01",
                 "--salary", "28000", "--oncost-pct", "25", "--fy", "2024/25", "--as-of", "2024-12-15",
                 "--db", worked_year]) == 0
    out = capsys.readouterr().out
    # Jan–Mar: min(28,000/12 × 1.25 = 2,916.666…, shipped estimate 35,290/12 = 2,940.83) → 3 × 2,916.67
    assert "Adds £8,750.01 claimable this year (3 months" in out
    assert main(["arrs", "plan", "--role", "CC", "--wte", "1", "--start", "2025-01-01", "--salary", "28000",
                 "--oncost-pct", "25", "--status", "advertised", "--db", worked_year]) == 0
    assert main(["arrs", "plans", "--db", worked_year]) == 0
    assert "advertised" in capsys.readouterr().out
    assert main(["status", "--json", "--fy", "2024/25", "--as-of", "2024-12-15", "--db", worked_year]) == 0
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert arrs["planned_rest_of_year"] == 8750.01 and arrs["planned_posts"] == 1
    assert arrs["forecast"] == round(arrs["claimable"] + arrs["roster_rest_of_year"] + 8750.01, 2)


def test_show_person_grid_and_rule_listings(worked_year, capsys):
    assert main(["arrs", "show", "Ben Jones", "--fy", "2024/25", "--db", worked_year]) == 0
    out = capsys.readouterr().out
    assert "Jun 2024" in out and "£1,120.00" in out and "£16,681.29" in out
    for args in (["arrs", "roles"], ["arrs", "rates", "--role", "CP"], ["arrs", "caps", "--fy", "2024/25"],
                 ["arrs", "alerts", "--fy", "2024/25"], ["arrs", "--fy", "2024/25"]):
        assert main([*args, "--db", worked_year]) == 0, args
        out = capsys.readouterr().out
        assert out and all(len(line) <= 80 for line in out.splitlines()), args
    assert main(["arrs", "rates", "--role", "CP", "--db", worked_year]) == 0
    out = capsys.readouterr().out
    # the user's CP rows are marked; the shipped CP estimate dated after them (2025/26) is set aside,
    # earlier shipped placeholders (2021/22, 2022/23) stay and are marked
    assert "2024-10-01" in out and "yours" in out and "2025-04-01" not in out
    assert all("unconfirmed" not in line for line in out.splitlines() if "yours" in line)
    assert "2021-04-01" in out and "unconfirmed" in out
    assert main(["arrs", "rates", "--role", "Pharmacy Technician", "--db", worked_year]) == 0
    assert "unconfirmed" in capsys.readouterr().out


def test_formula_cells_are_neutralised(empty_db, tmp_path, capsys):
    path = write_csv(tmp_path / "s.csv", STAFF_HEADER, [["=HYPERLINK(1)", "CP", "1", "2024-04-01", "", "48000", "", "yes"]])
    assert main(["import", "staff", str(path), "--db", empty_db]) == 0
    capsys.readouterr()
    assert main(["export", "staff", "--db", empty_db]) == 0
    assert "'=HYPERLINK(1)" in capsys.readouterr().out


def test_unknown_staff_member_is_a_clear_error(empty_db, capsys):
    assert main(["arrs", "show", "Nobody", "--db", empty_db]) == 2
    assert "no staff member called 'Nobody'" in capsys.readouterr().err

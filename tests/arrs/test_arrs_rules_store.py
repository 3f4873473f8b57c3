"""Issue 10 through the store and the CLI: schema 3 and the upgrade of a v0.1 file, `import staff`
with `reimbursement_pct`, `import rates` with `band`, the GP pot (`arrs entitlement --gp-rate`),
`status` and the roster saying what rests on unconfirmed figures, NWRS seeding of estimated split posts."""

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pcntui.cli.main import main
from pcntui.errors import ImportFileError
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.store.arrs import arrs_view, import_rates, load_rulebook
from pcntui.store import open_store
from pcntui.store.staff import confirm_staff, import_staff, list_staff
from pcntui.store.workforce import import_workforce, seed_roster, split_fte

from .helpers import D, RATES_HEADER, STAFF_HEADER, read_csv_text, write_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def v01(tmp_path) -> Path:
    path = tmp_path / "v0.1.db"
    shutil.copyfile(FIXTURES / "v0.1.db", path)
    path.chmod(0o600)
    return path


def _columns(conn, table):
    return [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({table})").fetchall()]


def test_a_v01_file_migrates_to_exactly_the_schema_of_a_new_file(v01, tmp_path):
    open_store(v01).close()
    open_store(tmp_path / "new.db", mode="create").close()
    old, new = sqlite3.connect(v01), sqlite3.connect(tmp_path / "new.db")
    tables = [r[0] for r in new.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        assert _columns(old, table) == _columns(new, table), table
    indexes = "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    assert old.execute(indexes).fetchall() == new.execute(indexes).fetchall()
    pk = [r[1] for r in old.execute("PRAGMA table_info(arrs_rate)").fetchall() if r[5]]
    assert pk == ["role_code", "band", "effective_from"]


def test_the_users_own_maximum_survives_the_upgrade_and_can_still_be_undone(v01, capsys):
    store = open_store(v01)
    try:
        mine = store.query("SELECT role_code, band, effective_from, annual_max_pence FROM arrs_rate")
        assert mine == [{"role_code": "CP", "band": "", "effective_from": "2026-04-01", "annual_max_pence": 6950000}]
        rules = load_rulebook(store)
        assert rules.rate_on("CP", date(2026, 5, 1)).annual_max == D("69500")  # still wins
        assert rules.rate_on("CP", date(2025, 5, 1)).annual_max == D("69383")  # the shipped 2025/26 estimate
    finally:
        store.close()
    # undo back through the four latest actions, the last being the rates import (written by v0.1)
    for _ in range(4):
        assert main(["undo", "--db", str(v01)]) == 0
    assert "Import rates from rates.csv" in capsys.readouterr().out
    store = open_store(v01)
    try:
        assert store.query("SELECT * FROM arrs_rate") == []
        assert load_rulebook(store).rate_on("CP", date(2026, 5, 1)).origin == "shipped"
    finally:
        store.close()


def test_a_2024_25_entitlement_gets_the_years_gp_pot_on_upgrade(v01, capsys):
    conn = sqlite3.connect(v01)  # a v0.1 user had entered 2024/25 by weighted population (inside an action)
    conn.execute("INSERT INTO action(label, at, state) VALUES ('Set ARRS entitlement 2024/25', 'x', 'open')")
    conn.execute("INSERT INTO arrs_entitlement(fy, weighted_population, rate_per_patient, amount_pence) "
                 "VALUES ('2024/25', 50000, '22.894', 114470000)")
    conn.execute("UPDATE action SET state = 'done' WHERE state = 'open'")
    conn.commit()
    conn.close()
    assert main(["status", "--json", "--fy", "2024/25", "--as-of", "2026-11-23", "--db", str(v01)]) in (0, 1)
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    # 50,000 × 1.303 = 65,150.00; no GP on this roster
    assert (arrs["entitlement"], arrs["gp_entitlement"], arrs["gp_claimable"], arrs["gp_headroom"]) == (
        1144700.0, 65150.0, 0.0, 65150.0)
    assert arrs["gp_rate_per_patient"] == 1.303 and arrs["gp_rate_confirmed"] is True
    assert main(["undo", "--db", str(v01)]) == 0  # the entitlement, added before the upgrade, undoes cleanly
    store = open_store(v01)
    try:
        assert store.query("SELECT * FROM arrs_entitlement WHERE fy = '2024/25'") == []
    finally:
        store.close()


# ---------------------------------------------------------------------- a hand-worked 2026/27 through the CLI
RATES = [["Mental Health Practitioner", "", "2026-04-01", "30000", "50"],
         ["MHP", "", "15/10/2026", "33000", "50"],
         ["General Practitioner", "", "2026-04-01", "96000", "100"],
         ["GP", "", "2026-10-15", "102000", "100"]]
STAFF = [["Ann", "MHP", "1", "2026-04-01", "", "60000", "20", "yes", ""],
         ["Bea", "Mental Health Practitioner", "0.8", "2026-04-01", "", "60000", "20", "yes", "100"],
         ["Dr Cole", "General Practitioner", "1", "2026-04-01", "", "100000", "20", "yes", ""]]


def test_a_hand_worked_2026_27_imported_matches_to_the_penny(store, db_path, tmp_path, capsys):
    """The figures of test_arrs_rules_2024_27's GP and two MHPs, this time from CSV files."""
    db = str(db_path)
    rates = write_csv(tmp_path / "rates.csv", ["role", "band", *RATES_HEADER[1:]], RATES)
    staff = write_csv(tmp_path / "staff.csv", [*STAFF_HEADER, "reimbursement_pct"], STAFF)
    store.close()
    assert main(["import", "rates", str(rates), "--db", db]) == 0
    assert main(["import", "staff", str(staff), "--db", db]) == 0
    capsys.readouterr()
    assert main(["status", "--json", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", db]) in (0, 1)
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert (arrs["claimable"], arrs["claimable_year"]) == (101500.0, 179750.0)
    assert arrs["maxima_confirmed"] is True and arrs["gp_entitlement"] is None
    assert main(["export", "arrs", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", db]) == 0
    rows = {(r["name"], r["month"]): r for r in read_csv_text(capsys.readouterr().out)}
    bea = rows[("Bea", "2026-10")]
    assert (bea["claimable"], bea["max_reimbursable"], bea["reimbursement_pct"], bea["role_pct"]) == (
        "4000.00", "4000.00", "100", "50")
    assert rows[("Bea", "2026-11")]["claimable"] == "4400.00" and rows[("Ann", "2026-11")]["claimable"] == "2750.00"
    assert main(["export", "arrs-summary", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", db]) == 0
    total = [r for r in read_csv_text(capsys.readouterr().out) if r["role"] == "TOTAL"][0]
    assert (total["claimable"], total["forecast"]) == ("101500.00", "179750.00")
    # export staff → import staff changes nothing (the person's % goes round)
    assert main(["export", "staff", "--out", str(tmp_path / "back.csv"), "--db", db]) == 0
    assert main(["import", "staff", str(tmp_path / "back.csv"), "--dry-run", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "3 unchanged" in out and "updated" not in out.replace("0 updated", "")


def test_bad_reimbursement_pct_rows_are_named_and_nothing_is_imported(store, tmp_path):
    path = write_csv(tmp_path / "s.csv", [*STAFF_HEADER, "reimbursement_pct"], [
        ["A", "MHP", "1", "2026-04-01", "", "40000", "", "yes", "150"],
        ["B", "MHP", "1", "2026-04-01", "", "40000", "", "yes", "0"],
        ["C", "MHP", "1", "2026-04-01", "", "40000", "", "yes", "lots"],
    ])
    with pytest.raises(ImportFileError) as err:
        import_staff(store, path)
    text = "\n".join(err.value.problems)
    assert "row 2, column reimbursement_pct: Reimbursement %: 150 must be more than 0 and at most 100." in text
    assert "row 3, column reimbursement_pct" in text and "row 4, column reimbursement_pct" in text
    assert list_staff(store) == []


def test_rates_with_bands_upsert_on_role_band_and_date(store, tmp_path):
    header = ["role", "band", "effective_from", "annual_max", "reimbursement_pct", "inner_london_max",
              "outer_london_max"]
    path = write_csv(tmp_path / "r.csv", header, [
        ["General Practice Nurse", "5", "2026-04-01", "46000", "100", "52000", "50000"],
        ["General Practice Nurse", "Band 6", "2026-04-01", "57000", "100", "", ""],
    ])
    assert import_rates(store, path).inserted == 2
    rules = load_rulebook(store)
    five = rules.rate_on("GPN", date(2026, 5, 1), "5")
    assert (five.annual_max, five.inner_london_max, five.outer_london_max) == (D("46000"), D("52000"), D("50000"))
    assert rules.rate_on("GPN", date(2026, 5, 1), "6").annual_max == D("57000")
    assert rules.rate_on("GPN", date(2025, 5, 1), "6").annual_max == D("55238")  # shipped 2025/26 stays before
    assert import_rates(store, path).unchanged == 2
    bad = write_csv(tmp_path / "bad.csv", header[:5], [
        ["GPN", "5", "2026-04-01", "46000", "100"], ["GPN", "5", "2026-04-01", "47000", "100"],
        ["GPN", "nine", "2026-04-01", "47000", "100"]])
    with pytest.raises(ImportFileError) as err:
        import_rates(store, bad)
    text = "\n".join(err.value.problems)
    assert "row 3: GPN band 5 from 2026-04-01 is also on row 2" in text and "row 4, column band" in text


def test_entitlement_gp_rate_and_the_gp_pot_in_status(store, db_path, capsys):
    db = str(db_path)
    store.close()
    assert main(["arrs", "entitlement", "--fy", "2024/25", "--weighted-population", "50000", "--db", db]) == 0
    assert "ring-fenced GP pot £65,150.00 (× £1.303)" in capsys.readouterr().out
    assert main(["arrs", "entitlement", "--fy", "2024/25", "--weighted-population", "50000", "--gp-rate", "1.5",
                 "--db", db]) == 0
    assert "ring-fenced GP pot £75,000.00 (× £1.5)" in capsys.readouterr().out
    assert main(["status", "--json", "--fy", "2024/25", "--as-of", "2025-01-15", "--db", db]) in (0, 1)
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert (arrs["gp_entitlement"], arrs["gp_claimable"], arrs["gp_headroom"]) == (75000.0, 0.0, 75000.0)
    assert arrs["gp_rate_confirmed"] is True  # the user's own GP rate
    assert main(["status", "--fy", "2024/25", "--as-of", "2025-01-15", "--db", db]) in (0, 1)
    text = " ".join(capsys.readouterr().out.split())
    assert "GP pot (ring-fenced) £75,000.00 (50,000 × £1.5)" in text and "GP claims count against the GP pot" in text
    assert main(["arrs", "entitlement", "--fy", "2025/26", "--weighted-population", "50000", "--db", db]) == 0
    capsys.readouterr()
    assert main(["status", "--json", "--fy", "2025/26", "--as-of", "2025-11-23", "--db", db]) in (0, 1)
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert arrs["gp_entitlement"] is None and arrs["gp_headroom"] is None and arrs["rate_confirmed"] is True
    assert main(["arrs", "entitlement", "--fy", "2024/25", "--weighted-population", "50000", "--gp-rate", "0",
                 "--db", db]) == 2
    assert "--gp-rate: 0 must be more than £0" in capsys.readouterr().err
    assert main(["arrs", "entitlement", "--fy", "2024/25", "--amount", "100000", "--gp-rate", "1.5", "--db", db]) == 2
    assert "give the weighted population" in capsys.readouterr().err


def _status(path: Path, capsys) -> str:
    assert main(["status", "--as-of", "2026-11-23", "--db", str(path)]) in (0, 1)
    return capsys.readouterr().out


def _roster_summary(path: Path, capsys) -> str:
    from pcntui.tui.widgets.entitlement_bar import money_summary

    store = open_store(path)
    try:
        return money_summary(arrs_view(store, Period(date(2026, 11, 23), FinancialYear(2026))))
    finally:
        store.close()


@pytest.mark.parametrize("said_by", [_status, _roster_summary], ids=["status", "roster"])
def test_the_status_and_the_roster_say_which_figures_rest_on_unconfirmed_numbers(said_by, demo_path, capsys):
    """The demo's 2026/27 rests on the 2025/26 rate per patient carried forward and on maxima not
    published for the year: `pcntui status` and the ARRS roster's summary say so in the same words
    (the flags in `status --json`: test_arrs_demo_reference.py)."""
    text = " ".join(said_by(demo_path, capsys).split())
    assert "No published maxima for 2026/27 are on record" in text
    assert "Unconfirmed: the £26.631 rate per patient (so the entitlement); maxima (so claimable and forecast)" in text


# ---------------------------------------------------------------------- NWRS: estimated, split posts
NWRS_HEADER = ["Data_source", "CENSUS_YEAR", "CENSUS_MONTH", "PCN_CODE", "PCN_NAME", "STAFF_GROUP", "STAFF_ROLE",
               "DETAILED_STAFF_ROLE", "FTE", "UNIQUE_IDENTIFIER"]


def _nwrs(tmp_path, *rows):
    return write_csv(tmp_path / "nwrs.csv", NWRS_HEADER, [
        ["NWRS Staff", "2026", "6", "U12345", "Test PCN", "Direct Patient Care", role, role, fte, uid]
        for role, fte, uid in rows], bom=True)


def test_split_fte():
    assert split_fte(D("1.6")) == [D(1), D("0.6")]
    assert split_fte(D("2")) == [D(1), D(1)] and split_fte(D("0.75")) == [D("0.75")]
    assert split_fte(D("1.146666667")) == [D(1), D("0.1467")]


def test_nwrs_records_above_1_fte_are_seeded_as_estimated_split_posts(store, tmp_path):
    import_workforce(store, _nwrs(tmp_path, ("Pharmacist", "1.6", "77"), ("Care Coordinator", "0.5", "78")),
                     pcn="U12345")
    report = seed_roster(store, "U12345")
    assert report.inserted == 3
    staff = {m.name: m for m in list_staff(store)}
    assert set(staff) == {"NWRS 77 post 1", "NWRS 77 post 2", "NWRS 78"}
    assert [staff["NWRS 77 post 1"].terms[0].wte, staff["NWRS 77 post 2"].terms[0].wte] == [D(1), D("0.6")]
    assert {m.nwrs_id for m in staff.values()} == {"77#1", "77#2", "78"} and all(m.estimated for m in staff.values())
    assert seed_roster(store, "U12345").inserted == 0  # seeding again adds nobody
    person = confirm_staff(store, staff["NWRS 78"].id)
    assert not person.estimated and store.history(1)[0].label == "Confirm NWRS 78's salary and start date"


def test_an_nwrs_staff_record_above_2_fte_is_refused_with_its_row(store, tmp_path):
    with pytest.raises(ImportFileError) as err:
        import_workforce(store, _nwrs(tmp_path, ("Pharmacist", "2.5", "77")), pcn="U12345")
    assert err.value.problems == ["row 2, column FTE: 2.5 must be more than 0 and at most 2."]


def test_estimated_money_is_shown_apart_in_status(store, db_path, tmp_path, capsys):
    import_workforce(store, _nwrs(tmp_path, ("Pharmacist", "1.6", "77")), pcn="U12345")
    seed_roster(store, "U12345")
    store.close()
    assert main(["status", "--json", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", str(db_path)]) in (0, 1)
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    assert arrs["estimated_staff"] == 2 and arrs["estimated_claimable"] == arrs["claimable"] > 0
    assert [a["kind"] for a in arrs["alerts"]].count("estimated_records") == 1
    assert main(["status", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", str(db_path)]) in (0, 1)
    text = " ".join(capsys.readouterr().out.split())
    assert f"of which estimated £{arrs['estimated_claimable']:,.0f}" in text and "2 estimated" in text

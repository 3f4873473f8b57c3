"""Hand-worked years of 2024/25–2026/27 through the program a user drives: `import rates`,
`import staff` (with the `reimbursement_pct` and `band` columns), `arrs entitlement`, then
`export arrs`, `export arrs-summary` and `status --json`, to the penny."""

import json

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store

from .helpers import RATES_HEADER, STAFF_HEADER, read_csv_text, write_csv


@pytest.fixture
def empty_db(db_path):
    open_store(db_path, mode="create").close()
    return str(db_path)


def run(capsys, *argv) -> str:
    capsys.readouterr()
    assert main([*argv]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.fixture
def year_2026(empty_db, tmp_path, capsys):
    """A GP and two MHPs (one at 100%) across maxima that change on 1 October 2026.

    Rates (the user's, confirmed): MHP £30,000 at 50% from 1 Apr, £33,000 from 1 Oct;
    GP £96,000 at 100% from 1 Apr, £102,000 from 1 Oct. Weighted population 10,000 × £27.00
    = entitlement £270,000.00. As of 23 Nov 2026: April–October (7 months) have ended.

    Ann, MHP at the role's 50%, 1 WTE, £60,000, on-cost 20%: actual 60,000 / 12 × 1.2 = 6,000.00;
    half is 3,000.00 but the cap is 30,000 / 12 = 2,500.00 (Apr–Sep), 33,000 / 12 = 2,750.00 (Oct–Mar).
    To date 6 × 2,500 + 2,750 = 17,750.00; year 6 × 2,500 + 6 × 2,750 = 31,500.00.

    Bea, the second MHP at her own 100%, 0.8 WTE, £60,000, 20%: actual 4,800.00; cap scales with
    100/50: 30,000 × 2 × 0.8 / 12 = 4,000.00, from Oct 33,000 × 2 × 0.8 / 12 = 4,400.00.
    To date 6 × 4,000 + 4,400 = 28,400.00; year 6 × 4,000 + 6 × 4,400 = 50,400.00.

    Dr Cole, GP, 1 WTE, £100,000, 20%, starts 15 June (16 of 30 days): June actual
    10,000 × 16/30 = 5,333.33, cap 8,000 × 16/30 = 4,266.666… → 4,266.67; Jul–Sep 8,000.00 (cap
    96,000 / 12 under the actual 10,000.00); Oct–Mar 8,500.00. To date 4,266.67 + 3 × 8,000 +
    8,500 = 36,766.67; year 4,266.67 + 24,000 + 6 × 8,500 = 79,266.67.

    Claimable to date 17,750 + 28,400 + 36,766.67 = 82,916.67; forecast 31,500 + 50,400 +
    79,266.67 = 161,166.67; headroom 270,000 − 82,916.67 = 187,083.33; forecast headroom
    270,000 − 161,166.67 = 108,833.33.
    """
    rates = write_csv(tmp_path / "rates.csv", RATES_HEADER, [
        ["Mental Health Practitioner", "2026-04-01", "30000", "50"],
        ["Mental Health Practitioner", "01/10/2026", "33000", "50"],
        ["General Practitioner", "2026-04-01", "96000", "100"],
        ["General Practitioner", "01/10/2026", "102000", "100"],
    ])
    staff = write_csv(tmp_path / "staff.csv", STAFF_HEADER + ["reimbursement_pct", "band"], [
        ["Ann Ash", "Mental Health Practitioner", "1", "2026-04-01", "", "60000", "20", "yes", "", "7"],
        ["Bea Birch", "Mental Health Practitioner", "0.8", "2026-04-01", "", "60000", "20", "yes", "100", "7"],
        ["Dr Cole", "General Practitioner", "1", "15/06/2026", "", "100000", "20", "yes", "", ""],
    ])
    run(capsys, "import", "rates", str(rates), "--db", empty_db)
    run(capsys, "import", "staff", str(staff), "--db", empty_db)
    run(capsys, "arrs", "entitlement", "--fy", "2026/27", "--weighted-population", "10000",
        "--rate-per-patient", "27.00", "--db", empty_db)
    return empty_db


def test_a_gp_and_two_mhps_across_a_mid_year_change_in_export_arrs(year_2026, capsys):
    rows = read_csv_text(run(capsys, "export", "arrs", "--fy", "2026/27", "--db", year_2026))
    got = {(r["name"], r["month"]): r for r in rows}
    bea_sep, bea_oct = got[("Bea Birch", "2026-09")], got[("Bea Birch", "2026-10")]
    assert (bea_sep["actual_cost"], bea_sep["max_reimbursable"], bea_sep["claimable"]) == ("4800.00", "4000.00", "4000.00")
    assert (bea_oct["max_reimbursable"], bea_oct["claimable"]) == ("4400.00", "4400.00")
    assert (bea_oct["reimbursement_pct"], bea_oct["role_pct"], bea_oct["annual_max"]) == ("100", "50", "33000.00")
    assert [got[("Ann Ash", m)]["claimable"] for m in ("2026-09", "2026-10")] == ["2500.00", "2750.00"]
    june = got[("Dr Cole", "2026-06")]
    assert (june["days_in_post"], june["actual_cost"], june["claimable"]) == ("16", "5333.33", "4266.67")
    assert [got[("Dr Cole", m)]["claimable"] for m in ("2026-09", "2026-10")] == ["8000.00", "8500.00"]


def test_a_gp_and_two_mhps_across_a_mid_year_change_in_the_summary_and_status(year_2026, capsys):
    rows = {r["role"]: r for r in read_csv_text(run(capsys, "export", "arrs-summary", "--fy", "2026/27",
                                                    "--db", year_2026))}
    mhp, gp, total = rows["Mental Health Practitioner"], rows["General Practitioner"], rows["TOTAL"]
    assert (mhp["claimable"], mhp["forecast"]) == ("46150.00", "81900.00")  # 17,750 + 28,400; 31,500 + 50,400
    assert (gp["claimable"], gp["forecast"]) == ("36766.67", "79266.67")
    assert (total["claimable"], total["forecast"], total["entitlement"]) == ("82916.67", "161166.67", "270000.00")
    assert (total["headroom"], total["forecast_unclaimed"]) == ("187083.33", "108833.33")
    arrs = json.loads(run(capsys, "status", "--json", "--fy", "2026/27", "--db", year_2026))["arrs"]
    assert (arrs["claimable"], arrs["forecast"], arrs["headroom"]) == (82916.67, 161166.67, 187083.33)
    assert arrs["rate_confirmed"] is True and arrs["maxima_confirmed"] is True
    assert arrs["gp_entitlement"] is None  # one pot in 2026/27


def test_a_2024_25_year_with_the_ring_fenced_gp_pot(empty_db, tmp_path, capsys):
    """Shipped 2024/25 rates: main pot 50,000 × £22.894 = 1,144,700.00; GP pot 50,000 × £1.303 = 65,150.00.

    Asha, CP, £48,000, on-cost 25%: 48,000 / 12 × 1.25 = 5,000.00 a month (under the cap), Apr–Dec
    to 15 Jan 2025: 9 × 5,000 = 45,000.00; year 60,000.00.
    Dr Bell, GP from 1 Oct 2024, £80,000, 25%: actual 8,333.33, cap 92,462 / 12 = 7,705.1666… →
    7,705.17. Oct–Dec 3 × 7,705.17 = 23,115.51 against the GP pot: GP headroom 65,150.00 − 23,115.51
    = 42,034.49; GP forecast Oct–Mar 6 × 7,705.17 = 46,231.02, GP forecast headroom 18,918.98.
    The main pot leaves GP claims out: headroom 1,144,700.00 − 45,000.00 = 1,099,700.00.
    """
    staff = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [
        ["Asha", "Clinical Pharmacist", "1", "2024-04-01", "", "48000", "25", "yes"],
        ["Dr Bell", "General Practitioner", "1", "2024-10-01", "", "80000", "25", "yes"],
    ])
    run(capsys, "import", "staff", str(staff), "--db", empty_db)
    out = run(capsys, "arrs", "entitlement", "--fy", "2024/25", "--weighted-population", "50000", "--db", empty_db)
    assert "1,144,700.00" in out
    arrs = json.loads(run(capsys, "status", "--json", "--fy", "2024/25", "--as-of", "2025-01-15",
                          "--db", empty_db))["arrs"]
    assert (arrs["gp_entitlement"], arrs["gp_claimable"], arrs["gp_headroom"]) == (65150.00, 23115.51, 42034.49)
    assert (arrs["gp_forecast"], arrs["gp_forecast_headroom"]) == (46231.02, 18918.98)
    assert (arrs["entitlement"], arrs["claimable"], arrs["headroom"]) == (1144700.00, 68115.51, 1099700.00)
    rows = {r["role"]: r for r in read_csv_text(run(capsys, "export", "arrs-summary", "--fy", "2024/25",
                                                    "--as-of", "2025-01-15", "--db", empty_db))}
    assert rows["General Practitioner"]["claimable"] == "23115.51"

"""The claims ledger through the CLI, hand-worked to the penny: `import claims`, `arrs claims`,
`status --json`, `export arrs-claims` and `export all` (PRODUCT.md "Claims").

The roster: Asha Patel, Clinical Pharmacist, £70,000 full-time, on-costs 25%: 70,000 × 1.25 / 12
= 7,291.67 a month, capped at 60,000 / 12 = £5,000.00 (100%). Ben Jones, Social Prescribing
Link Worker from 1 May 2025, £30,000, on-costs 25%: 30,000 × 1.25 / 12 = £3,125.00 (under the
£40,000 cap). As of 20 August 2025 the ended months are April to July.

Claims: Asha April 5,000 paid; May 4,800 approved (claimed short by 200); June 5,000 rejected
(so June is unclaimed: 5,000 to claim); July 5,000 submitted. Ben April 3,125 (not in post:
claimable 0, over-claimed 3,125); May 3,125 paid; June none (3,125 to claim); July 3,125.
to_claim = 200 + 5,000 + 3,125 = 8,325.00; over_claimed = 3,125.00; claimed_to_date (not
rejected) = 14,800 + 9,375 = 24,175.00; paid_to_date = 5,000 + 3,125 = 8,125.00.
Then the CP maximum rises to £62,160 backdated to 1 April (cap £5,180.00): Asha's four ended
months each gain 180.00 of arrears, to_claim 9,045.00; an arrears claim of 180.00 for April
under its own reference brings it to 8,865.00.
"""

import csv
import io
import json
from decimal import Decimal

import pytest

from pcntui.cli.main import main
from tests.arrs.helpers import RATES_HEADER, STAFF_HEADER, write_csv

D = Decimal
AS_OF = ["--fy", "2025/26", "--as-of", "2025-08-20"]
HEADER = ["month", "name", "role", "amount_claimed", "status", "amount_paid", "submitted_on", "reference"]
CLAIMS = [
    ["2025-04", "Asha Patel", "CP", "5000", "paid", "5000", "2025-05-03", ""],
    ["May 2025", "asha patel", "Clinical Pharmacist", "4800", "approved", "", "2025-06-03", ""],
    ["June 2025", "Asha Patel", "CP", "5000", "rejected", "", "2025-07-03", ""],
    ["2025-07", "Asha Patel", "CP", "5000", "submitted", "", "2025-08-03", ""],
    ["2025-04", "Ben Jones", "SPLW", "3125", "submitted", "", "2025-05-02", ""],
    ["2025-05", "Ben Jones", "SPLW", "3125", "paid", "3125", "2025-06-02", ""],
    ["2025-07", "Ben Jones", "SPLW", "3125", "approved", "", "2025-08-01", ""],
]


@pytest.fixture
def ledger(store, db_path, tmp_path, capsys):
    store.close()
    rates = write_csv(tmp_path / "r.csv", RATES_HEADER, [["CP", "2025-04-01", "60000", "100"],
                                                         ["SPLW", "2025-04-01", "40000", "100"]])
    staff = write_csv(tmp_path / "s.csv", STAFF_HEADER, [
        ["Asha Patel", "Clinical Pharmacist", "1", "2024-04-01", "", "70000", "25", "yes"],
        ["Ben Jones", "SPLW", "1", "2025-05-01", "", "30000", "25", "yes"],
    ])
    for kind, path in (("rates", rates), ("staff", staff), ("claims", write_csv(tmp_path / "c.csv", HEADER, CLAIMS))):
        assert main(["import", kind, str(path), "--db", str(db_path)]) == 0
    capsys.readouterr()
    return db_path


def run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def status(db, capsys) -> dict:
    return json.loads(run(capsys, "status", "--json", *AS_OF, "--db", str(db)))


def export_rows(db, capsys) -> dict[tuple[str, str], dict]:
    text = run(capsys, "export", "arrs-claims", *AS_OF, "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["fy", "month", "name", "role", "claimable", "claimed", "paid", "status", "difference"]
    return {(r["name"], r["month"]): r for r in rows}


def test_status_json_gains_the_four_keys_to_the_penny(ledger, capsys):
    doc = status(ledger, capsys)
    arrs = doc["arrs"]
    assert (arrs["claimed_to_date"], arrs["paid_to_date"], arrs["to_claim"], arrs["over_claimed"]) == (
        24175.00, 8125.00, 8325.00, 3125.00)
    kinds = sorted(a["kind"] for a in arrs["alerts"] if a["kind"].startswith("claim_"))
    # Ben April over; Asha June (rejected) and Ben June missing; Ben April (110 days) and Asha May
    # (approved 3 June, due 2 August) unpaid after 60 days; Asha July and Ben July not yet due
    assert kinds == ["claim_missing", "claim_missing", "claim_over", "claim_unpaid", "claim_unpaid"]
    messages = [a["message"] for a in doc["alerts"] if a["area"] == "arrs"]
    assert any("Ben Jones" in m and "Apr 2025" in m and "£3,125.00 above" in m for m in messages)
    assert any("Asha Patel" in m and "Jun 2025" in m and "1 rejected" in m for m in messages)
    assert sum("unpaid" in m for m in messages) == 2


def test_export_arrs_claims_rows_to_the_penny(ledger, capsys):
    rows = export_rows(ledger, capsys)
    line = ",".join
    assert line(rows[("Asha Patel", "2025-05")].values()) == \
        "2025/26,2025-05,Asha Patel,Clinical Pharmacist,5000.00,4800.00,0.00,approved,200.00"
    assert line(rows[("Asha Patel", "2025-06")].values()) == \
        "2025/26,2025-06,Asha Patel,Clinical Pharmacist,5000.00,0.00,0.00,rejected,5000.00"
    assert line(rows[("Ben Jones", "2025-04")].values()) == \
        "2025/26,2025-04,Ben Jones,Social Prescribing Link Worker,0.00,3125.00,0.00,submitted,-3125.00"
    assert line(rows[("Ben Jones", "2025-06")].values()) == \
        "2025/26,2025-06,Ben Jones,Social Prescribing Link Worker,3125.00,0.00,0.00,unclaimed,3125.00"
    # August has begun, not ended: claimable shown, no difference yet
    assert line(rows[("Asha Patel", "2025-08")].values()) == \
        "2025/26,2025-08,Asha Patel,Clinical Pharmacist,5000.00,0.00,0.00,unclaimed,"
    assert len(rows) == 12 + 12  # every month of the year for Asha; Ben's eleven and his April claim
    diffs = [D(r["difference"]) for r in rows.values() if r["difference"]]
    assert sum(d for d in diffs if d > 0) == D("8325.00") and -sum(d for d in diffs if d < 0) == D("3125.00")


def test_backdated_uplift_creates_arrears_then_an_arrears_claim_settles_one(ledger, tmp_path, capsys):
    uplift = write_csv(tmp_path / "uplift.csv", RATES_HEADER, [["CP", "2025-04-01", "62160", "100"]])
    assert main(["import", "rates", str(uplift), "--db", str(ledger)]) == 0
    capsys.readouterr()
    assert status(ledger, capsys)["arrs"]["to_claim"] == 9045.00  # 8,325 + 4 × 180
    assert export_rows(ledger, capsys)[("Asha Patel", "2025-04")]["difference"] == "180.00"
    arrears = write_csv(tmp_path / "arrears.csv", HEADER,
                        [["2025-04", "Asha Patel", "CP", "180", "submitted", "", "2025-08-15", "ARR-UPLIFT"]])
    assert main(["import", "claims", str(arrears), "--db", str(ledger)]) == 0
    capsys.readouterr()
    arrs = status(ledger, capsys)["arrs"]
    assert (arrs["to_claim"], arrs["claimed_to_date"]) == (8865.00, 24355.00)
    april = export_rows(ledger, capsys)[("Asha Patel", "2025-04")]
    # one row per person and month: the arrears claim is summed in; the least advanced status shows
    assert (april["claimable"], april["claimed"], april["paid"], april["status"], april["difference"]) == (
        "5180.00", "5180.00", "5000.00", "submitted", "0.00")


def test_arrs_claims_text_fits_80_columns_and_gives_the_totals(ledger, capsys):
    out = run(capsys, "arrs", "claims", *AS_OF, "--db", str(ledger))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Asha Patel · Clinical Pharmacist" in out and "Ben Jones · Social Prescribing Link Worker" in out
    for label, amount in (("Claimed to date", "£24,175.00"), ("Paid to date", "£8,125.00"),
                          ("To claim", "£8,325.00"), ("Over-claimed", "£3,125.00"),
                          ("Claimable to date", "£29,375.00")):  # 4 × 5,000 + 3 × 3,125
        assert any(line.startswith(label) and amount in line for line in out.splitlines()), label
    assert "-£3,125.00" in out and "not in post" in out
    assert "£3,125.00 above what may be claimed" in out  # the alerts follow


def test_status_text_has_the_claims_line_and_export_all_writes_the_ledger(ledger, tmp_path, capsys):
    out = run(capsys, "status", *AS_OF, "--db", str(ledger))
    assert "Claims: claimed to date £24,175.00, paid £8,125.00; to claim £8,325.00" in out
    assert run(capsys, "export", "all", *AS_OF, "--db", str(ledger), "--out", str(tmp_path / "all")) is not None
    written = (tmp_path / "all" / "arrs-claims.csv").read_bytes()
    assert written == "\ufeff".encode() + run(capsys, "export", "arrs-claims", *AS_OF, "--db", str(ledger)).encode()


def test_without_claims_status_says_nothing_about_the_ledger(demo_db, capsys):
    out = run(capsys, "status", "--db", str(demo_db))
    assert "Claims:" not in out and "claim_" not in out
    arrs = json.loads(run(capsys, "status", "--json", "--db", str(demo_db)))["arrs"]
    assert arrs["claimed_to_date"] == 0 and arrs["to_claim"] == arrs["claimable"]

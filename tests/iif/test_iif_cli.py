"""IIF through the CLI, hand-worked to the penny: `import iif-indicators`, `import iif`, `pcntui iif`,
`export iif` and the `iif` block of `status --json` (PRODUCT.md "IIF").

The PCN U99901 has three practices with 20,000 + 21,234 + 20,000 = 61,234 patients, so the
list size adjustment against a reference list of 50,000 is 1.22468. Indicators for 2025/26:
  H1 higher is better, 60–80%, 20 points at £200: practices only, (300 + 400) / (1,000 + 1,000)
     = 35% → below the lower threshold: 0 points (a practice-level measure summed to the PCN)
  H2 higher, 60–80%, 20 points, reference list 50,000: PCN 733 / 1,000 = 73.3% → 13.3 / 20 of
     20 = 13.30 points × £200 = £2,660.00; × 1.22468 = 3,257.6488 → £3,257.65
  H3 higher, 60–80%, 20 points: PCN 900 / 1,000 = 90% → above the upper: 20.00 points, £4,000.00
  L1 lower is better, 2–1%, 10 points at £100: 250 / 10,000 = 2.5% → worse than 2%: 0 points
  L2 lower, 2–1%: 137 / 10,000 = 1.37% → (1.37 − 2) / (1 − 2) = 0.63 → 6.30 points, £630.00
  L3 lower, 2–1%, reference list 50,000: 50 / 10,000 = 0.5% → better than 1%: 10.00 points,
     £1,000.00; × 1.22468 → £1,224.68
Totals: 49.60 of 90 points, £8,290.00, adjusted £9,112.33.
"""

import csv
import io
import json
from datetime import date

import pytest

from pcntui.cli.main import main
from pcntui.ingest.national import ListSize
from pcntui.store.pcn import write_list_sizes
from pcntui.store.tx import WriteReport

AS_OF = ["--fy", "2025/26", "--as-of", "2026-06-30"]
IND = ("fy,indicator,ind_code,description,numerator_measure,denominator_measure,lower_threshold,upper_threshold,"
       "points,pound_per_point,higher_is_better,reference_list_size\n"
       "2025/26,H1,NCDX1,Practice level,H1 Numerator,H1 Denominator,60,80,20,200,yes,\n"
       "2025/26,H2,NCDX2,Between,H2 Numerator,H2 Denominator,60,80,20,200,yes,50000\n"
       "2025/26,H3,NCDX3,Above,H3 Numerator,H3 Denominator,60,80,20,200,yes,\n"
       "2025/26,L1,NCDX4,Lower worse,L1 Numerator,L1 Denominator,2,1,10,100,no,\n"
       "2025/26,L2,NCDX5,Lower between,L2 Numerator,L2 Denominator,2,1,10,100,no,\n"
       "2025/26,L3,NCDX6,Lower better,L3 Numerator,L3 Denominator,2,1,10,100,no,50000\n")
HEAD = "ORGANISATION_TYPE,ORGANISATION_CODE,ORGANISATION_NAME,QUALITY_SERVICE,ACH_DATE,IND_CODE,MEASURE,VALUE\n"
ROWS = [
    ("GP practice", "Y90001", "NCDX1", "H1 Numerator", 300), ("GP practice", "Y90001", "NCDX1", "H1 Denominator", 1000),
    ("GP practice", "Y90002", "NCDX1", "H1 Numerator", 400), ("GP practice", "Y90002", "NCDX1", "H1 Denominator", 1000),
    ("GP practice", "Z99999", "NCDX1", "H1 Numerator", 999),  # not a member: left out
    ("PCN", "U99901", "NCDX2", "H2 Numerator", 733), ("PCN", "U99901", "NCDX2", "H2 Denominator", 1000),
    ("PCN", "U99901", "NCDX3", "H3 Numerator", 900), ("PCN", "U99901", "NCDX3", "H3 Denominator", 1000),
    ("PCN", "U99901", "NCDX4", "L1 Numerator", 250), ("PCN", "U99901", "NCDX4", "L1 Denominator", 10000),
    ("PCN", "U99901", "NCDX5", "L2 Numerator", 137), ("PCN", "U99901", "NCDX5", "L2 Denominator", 10000),
    ("PCN", "U99901", "NCDX6", "L3 Numerator", 50), ("PCN", "U99901", "NCDX6", "L3 Denominator", 10000),
]
EXPECTED = [
    "2025/26,H1,700,2000,35.00,60,80,20,0.00,0.00,1.000000,0.00",
    "2025/26,H2,733,1000,73.30,60,80,20,13.30,2660.00,1.224680,3257.65",
    "2025/26,H3,900,1000,90.00,60,80,20,20.00,4000.00,1.000000,4000.00",
    "2025/26,L1,250,10000,2.50,2,1,10,0.00,0.00,1.000000,0.00",
    "2025/26,L2,137,10000,1.37,2,1,10,6.30,630.00,1.000000,630.00",
    "2025/26,L3,50,10000,0.50,2,1,10,10.00,1000.00,1.224680,1224.68",
]


@pytest.fixture
def iif_db(pcn_store, db_path, write_csv, capsys):
    with pcn_store.action("test: list sizes") as tx:
        write_list_sizes(tx.db, [ListSize(practice_code=c, extract_date=date(2026, 4, 1), patients=n)
                                 for c, n in (("Y90001", 20000), ("Y90002", 21234), ("Y90003", 20000))],
                         WriteReport("list sizes"))
    pcn_store.close()
    body = HEAD + "".join(f"{t},{c},NAME,NCD2526,31/03/2026,{i},{m},{v}\n" for t, c, i, m, v in ROWS)
    assert main(["import", "iif-indicators", str(write_csv("ind.csv", IND)), "--db", str(db_path)]) == 0
    assert main(["import", "iif", str(write_csv("iif.csv", body, bom=True)), "--db", str(db_path)]) == 0
    capsys.readouterr()
    return db_path


def run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_export_iif_to_the_penny(iif_db, capsys):
    out = run(capsys, "export", "iif", *AS_OF, "--db", str(iif_db))
    lines = out.splitlines()
    assert lines[0] == ("fy,indicator,numerator,denominator,achievement_pct,lower_threshold,upper_threshold,"
                        "points_available,points_achieved,pounds,adjustment,pounds_adjusted")
    assert lines[1:] == EXPECTED


def test_status_json_iif_block(iif_db, capsys):
    doc = json.loads(run(capsys, "status", "--json", *AS_OF, "--db", str(iif_db)))
    iif = doc["iif"]
    assert (iif["fy"], iif["ach_date"]) == ("2025/26", "2026-03-31")
    assert (iif["points_available"], iif["points_achieved"], iif["pounds"], iif["pounds_adjusted"]) == (
        90.0, 49.6, 8290.0, 9112.33)
    by = {i["indicator"]: i for i in iif["indicators"]}
    assert (by["H1"]["numerator"], by["H1"]["denominator"], by["H1"]["numerator_level"]) == (700, 2000, "practices")
    assert by["H2"]["numerator_level"] == "PCN" and by["H2"]["adjustment"] == 1.22468
    assert (by["L2"]["achievement_pct"], by["L2"]["points_achieved"], by["L2"]["pounds"]) == (1.37, 6.3, 630.0)
    assert by["L3"]["higher_is_better"] is False and by["L3"]["pounds_adjusted"] == 1224.68
    assert [a for a in doc["alerts"] if a["area"] == "iif"] == []


def test_iif_text_fits_80_columns(iif_db, capsys):
    out = run(capsys, "iif", *AS_OF, "--db", str(iif_db))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "achievement file of 2026-03-31" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()}
    assert "73.3%" in rows["H2"] and "60–80% ↑" in rows["H2"] and "13.30 / 20" in rows["H2"] \
        and "£2,660.00" in rows["H2"] and "£3,257.65" in rows["H2"]
    assert "2–1% ↓" in rows["L2"] and "6.30 / 10" in rows["L2"]
    assert "£8,290.00" in rows["Total"] and "£9,112.33" in rows["Total"] and "49.60 / 90" in rows["Total"]
    assert "H1 Numerator 700 (practices, 2 rows)" in out


def test_export_all_includes_iif_with_the_same_bytes(iif_db, tmp_path, capsys):
    run(capsys, "export", "all", *AS_OF, "--db", str(iif_db), "--out", str(tmp_path / "all"))
    stdout = run(capsys, "export", "iif", *AS_OF, "--db", str(iif_db))
    assert (tmp_path / "all" / "iif.csv").read_bytes() == "\ufeff".encode() + stdout.encode()
    assert list(csv.reader(io.StringIO(stdout)))[1][1] == "H1"


def test_a_year_without_a_file_or_a_pcn_says_so(store, db_path, capsys):
    store.close()
    doc = json.loads(run(capsys, "status", "--json", "--fy", "2025/26", "--db", str(db_path)))
    assert doc["iif"] is None
    out = run(capsys, "export", "iif", "--fy", "2025/26", "--db", str(db_path))
    assert out.splitlines()[1].startswith("2025/26,CAN-04,,,,65,80,22,,,")
    assert "no achievement file for 2025/26" in run(capsys, "iif", "--fy", "2025/26", "--db", str(db_path))

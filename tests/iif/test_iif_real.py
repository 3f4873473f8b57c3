"""The published 2023/24 IIF achievement file (../shared/data) for EVERY PCN in it.

Each PCN is set up from the real practice map (with its list sizes) when the map has it; the
map covers Sussex only, so the file's Cornwall PCNs get a PCN record and no practices (their
practice-level measures then have no rows, which the result must say). The figures are
checked against sums taken straight from the CSV here, by another code path.
"""

import csv
import shutil
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

import pytest

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.ingest.iif_file import read_iif_file
from pcntui.store import open_store
from pcntui.store.iif import import_iif, import_iif_indicators
from pcntui.views.iif import iif_view
from pcntui.ingest.national import read_list_sizes
from pcntui.store.pcn import setup, write_list_sizes
from pcntui.store.tx import WriteReport
from tests.conftest import AGE_FILE, MAP_FILE

pytestmark = pytest.mark.realdata

IIF_FILE = "iif-indicators-annual_2023-24_sussex-cornwall.csv"
FY = FinancialYear(2023)
# Thresholds the shipped table does not hold: a PCN-level measure (ACC-10, lower is better,
# with a list size adjustment) beside the practice-level ACC-08 (higher is better).
INDICATORS = (
    "fy,indicator,ind_code,description,numerator_measure,denominator_measure,lower_threshold,upper_threshold,"
    "points,pound_per_point,higher_is_better,reference_list_size\n"
    "2023/24,ACC-08,NCD026,Two weeks,ACC-08 Numerator,ACC-08 Denominator,85,90,71,198.00,yes,\n"
    "2023/24,ACC-10,NCDMI210,Test,ACC-10 standardised numerator,ACC-10 denominator,1.5,1.0,10,200.00,no,50000\n"
)


def csv_rows(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def published(shared_data):
    data = shared_data
    rows = csv_rows(data / IIF_FILE)
    members = defaultdict(set)
    for r in csv_rows(data / MAP_FILE):
        members[r["PCN_CODE"]].add(r["PRACTICE_CODE"])
    sizes = {r["ORG_CODE"]: int(r["NUMBER_OF_PATIENTS"]) for r in csv_rows(data / AGE_FILE)
             if r["ORG_TYPE"] == "GP" and r["SEX"] == "ALL" and r["AGE_GROUP_5"] == "ALL"}
    pcns = {r["ORGANISATION_CODE"]: r["ORGANISATION_NAME"] for r in rows if r["ORGANISATION_TYPE"] == "PCN"}
    return data, rows, members, sizes, pcns


def hand_sum(rows, pcn, practices, measure) -> tuple[Decimal | None, str]:
    own = [Decimal(r["VALUE"]) for r in rows if r["ORGANISATION_CODE"] == pcn and r["MEASURE"] == measure]
    if own:
        return sum(own), "PCN"
    theirs = [Decimal(r["VALUE"]) for r in rows if r["ORGANISATION_CODE"] in practices and r["MEASURE"] == measure]
    return (sum(theirs), "practices") if theirs else (None, "")


def make_pcn(tmp_path, data, code, name, list_sizes):
    """The PCN from the real map, with its practices' list sizes (read once, by the caller), in a
    copy of one empty database (creating 54 from scratch is slow)."""
    empty = tmp_path / "empty.db"
    if not empty.exists():
        open_store(empty, mode="create").close()
    shutil.copyfile(empty, tmp_path / f"{code}.db")
    (tmp_path / f"{code}.db").chmod(0o600)
    store = open_store(tmp_path / f"{code}.db")
    if list_sizes is not None:
        setup(store, code, data / MAP_FILE)
        codes = {r["code"] for r in store.query("SELECT code FROM practice")}
        with store.action("test: list sizes") as tx:
            write_list_sizes(tx.db, [s for s in list_sizes if s.practice_code in codes], WriteReport("list sizes"))
    else:
        with store.action(f"test: PCN {code} (not in the Sussex map)") as tx:
            tx.db["pcn"].insert({"code": code, "name": name})
    return store


def test_the_file_is_read_as_published(published):
    data, rows, members, _, pcns = published
    assert len(rows) == 990 and len(pcns) == 54
    some = "U01092"
    got = read_iif_file(data / IIF_FILE, some, members[some])
    expected = [r for r in rows if r["ORGANISATION_CODE"] == some or r["ORGANISATION_CODE"] in members[some]]
    assert len(got.values) == len(expected) and got.other_rows == len(rows) - len(expected)
    assert {v.ach_date.isoformat() for v in got.values} == {"2024-03-31"}


def test_every_pcn_in_the_file(published, tmp_path):
    data, rows, members, sizes, pcns = published
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(INDICATORS, encoding="utf-8")
    with_practices = 0
    all_sizes = read_list_sizes(data / AGE_FILE)
    for code, name in sorted(pcns.items()):
        store = make_pcn(tmp_path, data, code, name, all_sizes if code in members else None)
        try:
            practices = members.get(code, set())
            report = import_iif(store, data / IIF_FILE)
            kept = [r for r in rows if r["ORGANISATION_CODE"] == code or r["ORGANISATION_CODE"] in practices]
            assert report.inserted == len(kept), code
            shipped = iif_view(store, FY)
            assert [r.indicator.indicator for r in shipped.results] == ["ACC-08", "VI-02", "VI-03", "HI-03", "CAN-02"]
            import_iif_indicators(store, indicators)
            year = iif_view(store, FY)
            assert [r.indicator.indicator for r in year.results] == ["ACC-08", "ACC-10"], code
            list_size = sum(sizes[p] for p in practices if p in sizes) or None
            for r in year.results:
                ind = r.indicator
                num, num_level = hand_sum(rows, code, practices, ind.numerator_measure)
                den, _ = hand_sum(rows, code, practices, ind.denominator_measure)
                assert (r.numerator.total, r.denominator.total) == (num, den), (code, ind.indicator)
                if num is None or den is None:
                    assert r.points_achieved is None and "no rows for" in r.reason, code
                    continue
                assert r.numerator.level == num_level
                if den == 0:
                    assert r.achievement is None and "is 0" in r.reason
                    continue
                assert r.achievement == Fraction(100) * Fraction(num) / Fraction(den)
                assert Decimal(0) <= r.points_achieved <= ind.points
                assert r.pounds == (r.points_achieved * ind.pound_per_point).quantize(Decimal("0.01"))
                if ind.reference_list_size is None:
                    assert r.pounds_adjusted == r.pounds
                elif list_size:
                    assert r.adjustment == Fraction(list_size, ind.reference_list_size)
                else:
                    assert r.pounds_adjusted is None and "list size" in r.reason
            acc08 = year.results[0]
            if practices & {r["ORGANISATION_CODE"] for r in rows}:
                with_practices += 1
                assert acc08.numerator.level == "practices" and acc08.points_achieved is not None, code
            assert year.results[1].numerator.level == "PCN", code  # ACC-10 is published for PCNs only
        finally:
            store.close()
    assert with_practices >= 35  # the Sussex PCNs in the map


def test_cissbury_by_hand(published, tmp_path, capsys):
    """U01092 (4 practices): ACC-08 = 188,246 / 196,106 = 95.99% ≥ 90% → all 71 points × £198."""
    data, *_ = published
    db = tmp_path / "cissbury.db"
    assert main(["setup", "--pcn", "U01092", "--practices", str(data / MAP_FILE), "--list-sizes",
                 str(data / AGE_FILE), "--db", str(db)]) == 0
    assert main(["import", "iif", str(data / IIF_FILE), "--db", str(db)]) == 0
    assert "Kept 6 rows for PCN U01092 and 12 for 4 of its 4 practices" in capsys.readouterr().out
    store = open_store(db)
    try:
        acc08 = iif_view(store, FY).results[0]
    finally:
        store.close()
    assert (acc08.numerator.total, acc08.denominator.total) == (Decimal(188246), Decimal(196106))
    assert (acc08.points_achieved, acc08.pounds) == (Decimal("71.00"), Decimal("14058.00"))
    # shipped: reference list 50,000 (an estimate); Cissbury's list in July 2026 is 49,253
    assert acc08.pounds_adjusted == Decimal("13847.97")  # 14,058 × 49,253 / 50,000 = 13,847.9740


def test_cissbury_through_the_cli_export_and_status(published, tmp_path, capsys):
    """The same figures as `test_cissbury_by_hand`, as `export iif`, `status --json` and `pcntui iif` give them."""
    import json

    data, *_ = published
    db = str(tmp_path / "cissbury.db")
    for argv in (["setup", "--pcn", "U01092", "--practices", str(data / MAP_FILE), "--list-sizes", str(data / AGE_FILE)],
                 ["import", "iif", str(data / IIF_FILE)]):
        assert main([*argv, "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "iif", "--fy", "2023/24", "--db", db]) == 0
    rows = capsys.readouterr().out.splitlines()
    # 188,246 / 196,106 = 95.9920…% ≥ 90: 71 points × £198; × 49,253 / 50,000 = 0.98506
    assert rows[1] == "2023/24,ACC-08,188246,196106,95.99,85,90,71,71.00,14058.00,0.985060,13847.97"
    assert main(["status", "--json", "--fy", "2023/24", "--db", db]) == 0
    iif = json.loads(capsys.readouterr().out)["iif"]
    assert iif["ach_date"] == "2024-03-31" and iif["indicators"][0]["pounds_adjusted"] == 13847.97
    assert main(["iif", "--fy", "2023/24", "--db", db]) == 0
    out = capsys.readouterr().out
    assert max(map(len, out.splitlines())) <= 80 and "ACC-08 Numerator 188246 (practices, 4 rows)" in out

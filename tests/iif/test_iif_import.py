"""`pcntui import iif FILE` (the published achievement file) and `pcntui import iif-indicators FILE`:
all-or-nothing, every bad row and column named, the database unchanged when refused."""

import re
from decimal import Decimal

import pytest

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.errors import ImportFileError, UserError
from pcntui.reference.iif_reference import shipped_indicators
from pcntui.store.iif import import_iif, import_iif_indicators, load_indicators, load_values
from pcntui.views.iif import iif_view
from tests.conftest import file_sha

D = Decimal
FY = FinancialYear(2023)
IIF_HEADER = "ORGANISATION_TYPE,ORGANISATION_CODE,ORGANISATION_NAME,QUALITY_SERVICE,ACH_DATE,IND_CODE,MEASURE,VALUE\n"
IND_HEADER = ("fy,indicator,ind_code,description,numerator_measure,denominator_measure,lower_threshold,"
              "upper_threshold,points,pound_per_point,higher_is_better,reference_list_size\n")


def iif_row(org, code, ind, measure, value, day="31/03/2024"):
    return f"{org},{code},NAME,NCD2324,{day},{ind},{measure},{value}\n"


GOOD = (IIF_HEADER
        + iif_row("PCN", "U99901", "NCDMI210", "ACC-10 standardised numerator", "630")
        + iif_row("PCN", "U99901", "NCDMI210", "ACC-10 denominator", "49636")
        + iif_row("GP practice", "Y90001", "NCD026", "ACC-08 Numerator", "900")
        + iif_row("GP practice", "Y90001", "NCD026", "ACC-08 Denominator", "1000")
        + iif_row("GP practice", "Y90002", "NCD026", "ACC-08 Numerator", "850")
        + iif_row("GP practice", "Y90002", "NCD026", "ACC-08 Denominator", "1000")
        + iif_row("GP practice", "Z99999", "NCD026", "ACC-08 Numerator", "not a number")  # not ours: not checked
        + iif_row("PCN", "U00001", "NCDMI210", "ACC-10 denominator", "5"))

INDICATORS = (IND_HEADER
              + "2023/24,ACC-08,NCD026,Two weeks,ACC-08 Numerator,ACC-08 Denominator,85,90,71,198,yes,\n"
              + "2023/24,ACC-10,NCDMI210,Lower is better,ACC-10 standardised numerator,ACC-10 denominator,"
                "2,1,10,£100.00,no,50000\n")


def test_keeps_the_pcn_and_its_practices_rows_and_computes(pcn_store, write_csv):
    report = import_iif(pcn_store, write_csv("iif.csv", GOOD, bom=True))
    assert report.inserted == 6
    assert "2 rows for PCN U99901 and 4 for 2 of its 3 practices; 2 rows of other organisations" in report.notes[0]
    assert "No rows for practice Y90003." in report.notes
    assert {v.org_code for v in load_values(pcn_store, FY)} == {"U99901", "Y90001", "Y90002"}
    import_iif_indicators(pcn_store, write_csv("ind.csv", INDICATORS))
    acc08, acc10 = iif_view(pcn_store, FY).results
    # ACC-08 from the two practices: 1,750 / 2,000 = 87.5% → (87.5 − 85) / 5 × 71 = 35.50 points × £198
    assert (acc08.numerator.total, acc08.denominator.total, acc08.numerator.level) == (D(1750), D(2000), "practices")
    assert (acc08.points_achieved, acc08.pounds, acc08.pounds_adjusted) == (D("35.50"), D("7029.00"), D("7029.00"))
    # ACC-10 from the PCN's rows: 630 / 49,636 = 1.2692…% against 2 → 1 (lower is better): 0.7307… of 10
    assert acc10.numerator.level == "PCN" and acc10.points_achieved == D("7.31") and acc10.pounds == D("731.00")
    assert acc10.pounds_adjusted is None and "list size" in acc10.reason  # the test PCN has no list sizes


def test_reimport_replaces_that_dates_rows_and_undo_restores(pcn_store, write_csv):
    import_iif(pcn_store, write_csv("iif.csv", GOOD))
    newer = IIF_HEADER + iif_row("PCN", "U99901", "NCDMI210", "ACC-10 denominator", "50000")
    report = import_iif(pcn_store, write_csv("iif2.csv", newer))
    assert report.updated == 1 and any("5 earlier rows" in n for n in report.notes)
    assert [(v.measure, v.value) for v in load_values(pcn_store, FY)] == [("ACC-10 denominator", D("50000"))]
    pcn_store.undo()
    assert len(load_values(pcn_store, FY)) == 6


def test_bad_rows_of_the_pcn_named_and_nothing_changed(pcn_store, write_csv, db_path, capsys):
    import_iif(pcn_store, write_csv("iif.csv", GOOD))
    pcn_store.close()
    before = file_sha(db_path)
    bad = (IIF_HEADER
           + iif_row("PCN", "U99901", "NCDMI210", "ACC-10 denominator", "abc")
           + iif_row("PCN", "U99901", "NCDMI210", "ACC-10 baseline", "1", day="31/13/2024")
           + iif_row("GP practice", "Y90001", "", "ACC-08 Numerator", "1")
           + iif_row("GP practice", "Y90001", "NCD026", "ACC-08 Denominator", "1")
           + iif_row("GP practice", "Y90001", "NCD026", "ACC-08 Denominator", "2"))
    assert main(["import", "iif", str(write_csv("bad.csv", bad)), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    for expected in ("row 2, column VALUE: 'abc' is not a number", "row 3, column ACH_DATE", "row 4, column IND_CODE",
                     "row 6: Y90001 NCD026 'ACC-08 Denominator' for 2024-03-31 is also on row 5"):
        assert expected in err, expected
    assert file_sha(db_path) == before


@pytest.mark.parametrize("text,message", [
    (IIF_HEADER, "has a header but no rows"),
    (IIF_HEADER + iif_row("PCN", "U00001", "X", "Y", "1"), "has no rows for PCN U99901 or its 3 practices"),
    ("ORGANISATION_CODE,MEASURE,VALUE\nU99901,X,1\n", "ACH_DATE, IND_CODE"),
])
def test_wrong_files_named(pcn_store, write_csv, text, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        import_iif(pcn_store, write_csv("x.csv", text))


def test_needs_a_pcn_and_the_right_one(store, pcn_store, write_csv):
    with pytest.raises(UserError, match="set up for PCN U99901, not U12345"):
        import_iif(pcn_store, write_csv("iif.csv", GOOD), pcn="U12345")


def test_indicators_of_a_year_replace_the_shipped_ones_for_that_year_only(pcn_store, write_csv):
    shipped_2324 = [i.indicator for i in shipped_indicators() if i.fy == FY]
    assert shipped_2324 == ["ACC-08", "VI-02", "VI-03", "HI-03", "CAN-02"]
    report = import_iif_indicators(pcn_store, write_csv("ind.csv", INDICATORS))
    assert report.inserted == 2 and "shipped indicators not in it are set aside: VI-02, VI-03, HI-03, CAN-02" in report.notes[0]
    merged = load_indicators(pcn_store)
    assert [i.indicator for i in merged if i.fy == FY] == ["ACC-08", "ACC-10"]
    assert all(i.origin == "user" and i.confirmed for i in merged if i.fy == FY)
    assert [i.indicator for i in merged if i.fy == FinancialYear(2025)] == ["CAN-04", "HI-03"]
    acc10 = next(i for i in merged if i.indicator == "ACC-10")
    assert (acc10.pound_per_point, acc10.higher_is_better, acc10.reference_list_size) == (D("100.00"), False, 50000)
    assert import_iif_indicators(pcn_store, write_csv("ind.csv", INDICATORS)).unchanged == 2


def test_malformed_indicators_refused_whole(pcn_store, write_csv, db_path, capsys):
    import_iif_indicators(pcn_store, write_csv("ok.csv", INDICATORS))
    pcn_store.close()
    before = file_sha(db_path)
    bad = (IND_HEADER
           + "2023/24,OK-01,,,N,D,60,80,10,198,yes,\n"
           + "2023-2025,A,,,N,D,60,80,10,198,yes,\n"
           + "2023/24,B,,,N,D,80,60,10,198,yes,\n"
           + "2023/24,C,,,N,D,5,10,10,198,no,\n"
           + "2023/24,D,,,,D,60,120,0,-1,maybe,lots\n"
           + "2023/24,ok-01,,,N,D,60,80,10,198,yes,\n")
    assert main(["import", "iif-indicators", str(write_csv("bad.csv", bad)), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    for expected in ("row 3, column fy", "row 4, column lower_threshold: 80 is above the upper threshold 60",
                     "row 5, column lower_threshold: 5 is below the upper threshold 10", "row 6, column numerator_measure",
                     "row 6, column upper_threshold", "row 6, column pound_per_point", "row 6, column higher_is_better", "row 6, column points",
                     "row 6, column reference_list_size", "row 7: ok-01 for 2023/24 is also on row 2"):
        assert expected in err, expected
    assert file_sha(db_path) == before


def test_header_only_indicators_file(pcn_store, write_csv):
    with pytest.raises(ImportFileError, match="has a header but no rows"):
        import_iif_indicators(pcn_store, write_csv("ind.csv", IND_HEADER))


def test_cli_end_to_end(pcn_store, write_csv, db_path, capsys):
    pcn_store.close()
    assert main(["import", "iif-indicators", str(write_csv("ind.csv", INDICATORS)), "--db", str(db_path)]) == 0
    assert main(["import", "iif", str(write_csv("iif.csv", GOOD)), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "IIF indicators: 2 added" in out and "IIF achievement: 6 added" in out

"""The shipped IIF indicator definitions: valid by the import's own rules, sourced, honest."""

from decimal import Decimal

from pcntui.domain.fy import FinancialYear
from pcntui.reference.iif_reference import shipped_indicators


def by_year() -> dict[str, list]:
    out: dict[str, list] = {}
    for i in shipped_indicators():
        out.setdefault(i.fy.label, []).append(i)
    return out


def test_the_shipped_table_passes_the_whole_import_check_and_reads_as_the_import_reads_it():
    """It is read without pydantic (every `status` reads it): the import's reader, with every
    check (each column, each row's thresholds, no indicator twice a year), gives the same rows."""
    from importlib import resources

    from pcntui.ingest.iif_indicators_csv import read_indicators

    with resources.as_file(resources.files("pcntui.reference").joinpath("iif_indicators.csv")) as path:
        assert shipped_indicators() == tuple(read_indicators(path, origin="shipped"))


def test_years_and_indicators_known():
    years = by_year()
    assert {fy: [i.indicator for i in rows] for fy, rows in years.items()} == {
        "2023/24": ["ACC-08", "VI-02", "VI-03", "HI-03", "CAN-02"],  # the five 2023/24 payment indicators [S58]
        "2024/25": ["HI-03", "CAN-02"],  # LD health checks and FIT [S80][S84]
        "2025/26": ["CAN-04", "HI-03"],
        "2026/27": ["CAN-04", "HI-03"],
    }


def test_2024_25_is_58_points_at_198_pounds():
    rows = by_year()["2024/25"]
    assert sum(i.points for i in rows) == 58 and {i.pound_per_point for i in rows} == {Decimal("198.00")}


def test_acc_08_measures_are_those_of_the_published_file():
    acc08 = by_year()["2023/24"][0]
    assert (acc08.ind_code, acc08.numerator_measure, acc08.denominator_measure) == (
        "NCD026", "ACC-08 Numerator", "ACC-08 Denominator")
    assert (acc08.lower_threshold, acc08.upper_threshold, acc08.points) == (85, 90, 71)


def test_every_row_sourced_and_unconfirmed_ones_say_why():
    for i in shipped_indicators():
        assert i.source and i.origin == "shipped" and i.fy >= FinancialYear(2023)
        if not i.confirmed:
            assert "estimate" in i.note or "not found" in i.note or "assumed" in i.note or "carries" in i.note, i

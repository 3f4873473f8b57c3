"""IIF achievement in points and pounds, hand-worked (PRODUCT.md "IIF")."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, IifValue, achievement_of, check_indicator, iif_year

D = Decimal
FY = FinancialYear(2023)
END = date(2024, 3, 31)
PCN = "U12345"
PRACTICES = ("A11111", "B22222")


def indicator(lower="60", upper="80", points="20", ppp="200.00", higher=True, ref=None, code="XX-01",
              num="XX-01 Numerator", den="XX-01 Denominator", ind_code="") -> IifIndicator:
    return IifIndicator(FY, code, num, den, D(lower), D(upper), D(points), D(ppp), higher, ind_code=ind_code,
                        reference_list_size=ref)


def pcn_rows(num, den, *, day=END, code="XX-01") -> list[IifValue]:
    return [IifValue("PCN", PCN, "NCD1", f"{code} Numerator", D(num), day),
            IifValue("PCN", PCN, "NCD1", f"{code} Denominator", D(den), day)]


def result(ind, values, list_size=None):
    return achievement_of(ind, values, PCN, PRACTICES, list_size)


@pytest.mark.parametrize("num,den,points,pounds", [
    ("50", "100", "0.00", "0.00"),  # 50% is below the lower threshold 60%
    ("2", "3", "6.67", "1334.00"),  # 66.67%: (66.67 − 60) / 20 × 20 = 6.666… → 6.67 points → 6.67 × 200
    ("9", "10", "20.00", "4000.00"),  # 90% is above the upper threshold 80%
])
def test_higher_is_better_below_between_above(num, den, points, pounds):
    r = result(indicator(), pcn_rows(num, den))
    assert r.achievement == 100 * Fraction(int(num), int(den))
    assert (r.points_achieved, r.pounds, r.pounds_adjusted, r.reason) == (D(points), D(pounds), D(pounds), "")
    assert r.adjustment == 1


@pytest.mark.parametrize("num,den,points,pounds", [
    ("12", "100", "0.00", "0.00"),  # 12% is worse than the lower threshold 10%
    ("7", "100", "6.00", "1188.00"),  # (7 − 10) / (5 − 10) = 0.6 of 10 points, × £198
    ("3", "100", "10.00", "1980.00"),  # 3% is better than the upper threshold 5%
])
def test_lower_is_better_below_between_above(num, den, points, pounds):
    ind = indicator(lower="10", upper="5", points="10", ppp="198", higher=False)
    r = result(ind, pcn_rows(num, den))
    assert (r.points_achieved, r.pounds) == (D(points), D(pounds))


def test_points_round_half_up_to_two_places():
    # achievement 10% against 0–80%: 1/8 of 1 point = 0.125 → 0.13 (half-up; half-even would give 0.12)
    r = result(indicator(lower="0", upper="80", points="1", ppp="1.00"), pcn_rows("1", "10"))
    assert r.fraction == Fraction(1, 8) and r.points_achieved == D("0.13") and r.pounds == D("0.13")


def test_practice_level_measure_summed_to_the_pcn():
    rows = [
        IifValue("GP practice", "A11111", "NCD1", "XX-01 Numerator", D("300"), END),
        IifValue("GP practice", "B22222", "NCD1", "XX-01 Numerator", D("400"), END),
        IifValue("GP practice", "C33333", "NCD1", "XX-01 Numerator", D("9999"), END),  # not a member
        IifValue("GP practice", "A11111", "NCD1", "XX-01 Denominator", D("500"), END),
        IifValue("GP practice", "B22222", "NCD1", "XX-01 Denominator", D("500"), END),
    ]
    r = result(indicator(), rows)
    assert (r.numerator.total, r.numerator.level, r.numerator.rows) == (D("700"), "practices", 2)
    assert r.denominator.total == D("1000") and r.achievement == 70
    assert r.points_achieved == D("10.00") and r.pounds == D("2000.00")


def test_pcn_rows_win_over_practice_rows_for_the_same_measure():
    rows = pcn_rows("80", "100") + [IifValue("GP practice", "A11111", "NCD1", "XX-01 Numerator", D("1"), END)]
    r = result(indicator(), rows)
    assert r.numerator.level == "PCN" and r.numerator.total == D("80") and r.points_achieved == D("20.00")


def test_measure_names_match_ignoring_case_and_ind_code_tells_twins_apart():
    rows = pcn_rows("7", "10") + [IifValue("PCN", PCN, "NCDMI9", "XX-01 Numerator", D("1"), END)]
    assert result(indicator(num="xx-01  numerator", ind_code="NCD1"), rows).numerator.total == D("7")
    assert result(indicator(), rows).numerator.total == D("8")  # no ind_code given: every row of the measure


@pytest.mark.parametrize("list_size,adjusted", [
    (60000, "2400.00"),  # £2,000 × 60,000 / 50,000
    (49253, "1970.12"),  # £2,000 × 0.98506 = 1,970.12
])
def test_reference_list_size_adjustment(list_size, adjusted):
    r = result(indicator(ref=50000), pcn_rows("7", "10"), list_size)
    assert r.pounds == D("2000.00") and r.adjustment == Fraction(list_size, 50000)
    assert r.pounds_adjusted == D(adjusted)


def test_adjusted_pounds_round_half_up():
    # 1 point × £0.17 = £0.17; × 25,000 / 50,000 = 0.085 → 0.09
    r = result(indicator(points="1", ppp="0.17", ref=50000), pcn_rows("9", "10"), 25000)
    assert r.pounds_adjusted == D("0.09")


def test_without_a_list_size_the_adjusted_pounds_are_not_guessed():
    r = result(indicator(ref=50000), pcn_rows("7", "10"), None)
    assert r.pounds == D("2000.00") and r.pounds_adjusted is None and "list size" in r.reason


def test_zero_denominator_gives_no_achievement_and_says_why():
    r = result(indicator(), pcn_rows("0", "0"))
    assert r.achievement is None and r.points_achieved is None and "denominator" in r.reason and "is 0" in r.reason


def test_missing_measure_named():
    r = result(indicator(), pcn_rows("7", "10")[:1])
    assert r.points_achieved is None and "'XX-01 Denominator'" in r.reason


def test_single_threshold_is_all_or_nothing():
    ind = indicator(lower="26", upper="26")
    assert result(ind, pcn_rows("26", "100")).points_achieved == D("20.00")
    assert result(ind, pcn_rows("25", "100")).points_achieved == D("0.00")


def test_year_uses_the_latest_achievement_date_and_totals():
    early = pcn_rows("1", "10", day=date(2023, 9, 30))
    late = pcn_rows("9", "10") + pcn_rows("7", "10", code="YY-02")
    other = indicator(code="YY-02", num="YY-02 Numerator", den="YY-02 Denominator")
    y = iif_year([indicator(), other], early + late, FY, PCN, PRACTICES, None)
    assert y.ach_date == END
    assert [r.points_achieved for r in y.results] == [D("20.00"), D("10.00")]
    assert (y.points_available, y.points_achieved, y.pounds) == (D("40"), D("30.00"), D("6000.00"))


def test_year_without_a_file_says_so():
    y = iif_year([indicator()], [], FY, PCN, PRACTICES, None)
    assert y.ach_date is None and "no IIF achievement file imported for 2023/24" in y.results[0].reason


@pytest.mark.parametrize("kwargs,column", [
    ({"lower": "80", "upper": "60"}, "lower_threshold"),  # higher is better: lower must not exceed upper
    ({"lower": "5", "upper": "10", "higher": False}, "lower_threshold"),
    ({"upper": "101"}, "upper_threshold"),
    ({"points": "0"}, "points"),
    ({"ref": 0}, "reference_list_size"),
])
def test_definition_rules(kwargs, column):
    assert column in [c for c, _ in check_indicator(indicator(**kwargs))]
    assert check_indicator(indicator()) == []

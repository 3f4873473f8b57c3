"""Plain unit tests of the domain core: financial years, money, ODS codes, IMD ranks (parsing: test_parse.py)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain import ods
from pcntui.domain.deprivation import NATIONAL_MINIMUM, rank_scores, weighted_mean
from pcntui.domain.fy import FinancialYear, month_label
from pcntui.domain.money import from_pence, gbp, plain, round_penny, to_pence
from pcntui.errors import UserError


class TestFinancialYear:
    def test_label_and_bounds(self):
        fy = FinancialYear(2024)
        assert fy.label == "2024/25"
        assert (fy.start, fy.end) == (date(2024, 4, 1), date(2025, 3, 31))

    @pytest.mark.parametrize(
        "day,label",
        [(date(2024, 3, 31), "2023/24"), (date(2024, 4, 1), "2024/25"), (date(2025, 1, 15), "2024/25")],
    )
    def test_of(self, day, label):
        assert FinancialYear.of(day).label == label

    @pytest.mark.parametrize("text", ["2024/25", "2024-25", "2024/2025", " 2024 / 25 "])
    def test_parse(self, text):
        assert FinancialYear.parse(text) == FinancialYear(2024)

    def test_century(self):
        assert FinancialYear.parse("1999/00").label == "1999/00"

    @pytest.mark.parametrize("text", ["2024", "2024/26", "24/25", "", "abcd/ef"])
    def test_parse_rejects(self, text):
        with pytest.raises(UserError):
            FinancialYear.parse(text)

    def test_months_april_to_march(self):
        months = FinancialYear(2024).months()
        assert len(months) == 12
        assert months[0] == date(2024, 4, 1) and months[-1] == date(2025, 3, 1)
        assert month_label(months[0]) == "Apr 2024" and month_label(months[-1]) == "Mar 2025"

    def test_next_previous(self):
        assert FinancialYear(2024).next().label == "2025/26"
        assert FinancialYear(2024).previous().label == "2023/24"

    @given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
    def test_every_date_in_its_year(self, day):
        assert FinancialYear.of(day).contains(day)


class TestMoney:
    def test_half_up(self):
        assert round_penny(Decimal("0.005")) == Decimal("0.01")
        assert round_penny(Decimal("2.675")) == Decimal("2.68")
        assert round_penny(Decimal("-0.005")) == Decimal("-0.01")

    def test_pence_round_trip(self):
        assert to_pence(Decimal("1234.565")) == 123457
        assert from_pence(123457) == Decimal("1234.57")

    @given(st.integers(min_value=-(10**12), max_value=10**12))
    def test_pence_round_trip_property(self, pence):
        assert to_pence(from_pence(pence)) == pence

    def test_formats(self):
        assert gbp(Decimal("1234.5")) == "£1,234.50"
        assert gbp(Decimal("-12")) == "-£12.00"
        assert gbp(Decimal("1234.5"), pence=False) == "£1,235"
        assert plain(Decimal("3")) == "3.00"


class TestOds:
    @pytest.mark.parametrize("code", ["U12345", "u12345", " U01092 "])
    def test_pcn_codes(self, code):
        assert ods.check_pcn_code(code) == code.strip().upper()

    @pytest.mark.parametrize("code", ["U1234", "X12345", "U123456", "U", ""])
    def test_bad_pcn_codes(self, code):
        with pytest.raises(UserError):
            ods.check_pcn_code(code)

    @pytest.mark.parametrize("code", ["G81001", "Y90001", "h82076"])
    def test_practice_codes(self, code):
        assert ods.is_practice_code(code)

    @pytest.mark.parametrize("code", ["G8100", "81001A", "GG1001", "U"])
    def test_bad_practice_codes(self, code):
        assert not ods.is_practice_code(code)
        with pytest.raises(UserError):
            ods.check_practice_code(code)


class TestDeprivation:
    def test_rank_highest_score_is_most_deprived(self):
        ranks = rank_scores({"A": 10.0, "B": 40.0, "C": 25.0})
        assert (ranks["B"].rank, ranks["C"].rank, ranks["A"].rank) == (1, 2, 3)
        assert all(r.of == 3 and r.quintile is None for r in ranks.values())
        assert "in the imported file" in ranks["B"].describe()

    def test_ties_share_rank(self):
        ranks = rank_scores({"A": 5.0, "B": 5.0, "C": 1.0})
        assert ranks["A"].rank == ranks["B"].rank == 1 and ranks["C"].rank == 3

    def test_quintiles_only_for_national_coverage(self):
        n = NATIONAL_MINIMUM
        ranks = rank_scores({f"P{i}": float(i) for i in range(n)})
        assert ranks[f"P{n - 1}"].quintile == 1  # most deprived
        assert ranks["P0"].quintile == 5
        counts = [sum(1 for r in ranks.values() if r.quintile == q) for q in range(1, 6)]
        assert counts == [n // 5] * 5
        assert "in England" in ranks["P0"].describe()

    def test_weighted_mean(self):
        assert weighted_mean([(10.0, 1000), (40.0, 3000)]) == pytest.approx(32.5)
        assert weighted_mean([]) is None


def test_days_in_month_are_the_calendars():
    """Worked out without `calendar` (its import was time before the dashboard's figures)."""
    import calendar
    from datetime import date

    from pcntui.domain.fy import days_in_month

    for year in range(1948, 2101):
        for month in range(1, 13):
            assert days_in_month(date(year, month, 1)) == calendar.monthrange(year, month)[1], (year, month)

"""Hand-worked ARRS figures, to the penny (PRODUCT.md "Rules behind the figures")."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from pcntui.domain.claimable import (
    BASELINE, NO_RATE, NOT_ELIGIBLE, Piece, default_oncost_pct, member_month, member_year, month_claim, to_penny, total,
)
from pcntui.domain.fy import FinancialYear
from pcntui.reference.arrs import shipped_rulebook

from .helpers import D, member, rules_with

FY23, FY24 = FinancialYear(2023), FinancialYear(2024)


def months_of(rows):
    return {r.month.strftime("%Y-%m"): r for r in rows}


def test_rounding_is_half_up_and_exact():
    assert to_penny(Fraction(5, 1000)) == D("0.01")  # 0.005 → 0.01 (not banker's 0.00)
    assert to_penny(Fraction(15, 1000)) == D("0.02")
    assert to_penny(Fraction(4999, 1000000)) == D("0.00")
    assert to_penny(D("2.675")) == D("2.68")


def test_rate_change_on_1_july_2023_cap_binds():
    """CP, 1 WTE, £60,000, 25% on-cost: actual £6,250/month is above the cap every month.

    Apr–Jun cap = 59,312 / 12 = 4,942.666… → £4,942.67; Jul–Mar cap = 62,340 / 12 = £5,195.00.
    Year = 3 × 4,942.67 + 9 × 5,195.00 = 14,828.01 + 46,755.00 = £61,583.01 (a sum of rounded months:
    the unrounded year is 61,583.00).
    """
    rows = member_year(member(salary="60000", oncost="25", start="2023-04-01"), shipped_rulebook(), FY23)
    by = months_of(rows)
    assert len(rows) == 12
    assert by["2023-04"].actual_cost == D("6250.00")
    assert by["2023-06"].max_reimbursable == D("4942.67") and by["2023-06"].claimable == D("4942.67")
    assert by["2023-07"].annual_max == D("62340") and by["2023-07"].claimable == D("5195.00")
    assert total(rows) == D("61583.01")


def test_rate_change_on_1_october_2024():
    """CP, 1 WTE, £70,000, 20% on-cost (actual £7,000/month): Apr–Sep £5,195.00, Oct–Mar 65,838/12 = £5,486.50."""
    rows = member_year(member(salary="70000", oncost="20", start="2024-01-01"), shipped_rulebook(), FY24)
    by = months_of(rows)
    assert by["2024-09"].claimable == D("5195.00")
    assert by["2024-10"].claimable == D("5486.50")
    assert total(rows) == D("64089.00")  # 6 × 5,195 + 6 × 5,486.50


def test_part_month_starter_and_leaver_uk_dates_in_a_file_are_the_same_dates():
    """SPLW 0.8 WTE from 17 June 2024 to 15 January 2025, £30,000, 20% on-cost; the maximum is set to
    £40,159 all year (a user row from 1 April 2024) so the figures are hand-workable:

      June:   30,000 × 0.8 / 12 × 14/30 × 1.2 = 1,120.00   (cap 40,159 × 0.8 / 12 × 14/30 = 1,249.39)
      Jul–Dec: 2,400.00 each (cap 2,677.27)
      January: 2,400 × 15/31 = 1,161.290… → 1,161.29
      Year = 1,120.00 + 6 × 2,400.00 + 1,161.29 = 16,681.29
    """
    rules = rules_with(("SPLW", "2024-04-01", "40159", "100"))
    m = member(name="Ben Jones", role="SPLW", wte="0.8", start="2024-06-17", end="2025-01-15", salary="30000",
               oncost="20")
    rows = member_year(m, rules, FY24)
    by = months_of(rows)
    assert [r.month.month for r in rows] == [6, 7, 8, 9, 10, 11, 12, 1]
    assert (by["2024-06"].days_in_post, by["2024-06"].days_in_month) == (14, 30)
    assert by["2024-06"].claimable == D("1120.00") and by["2024-06"].max_reimbursable == D("1249.39")
    assert by["2024-07"].claimable == D("2400.00") and by["2024-07"].max_reimbursable == D("2677.27")
    assert by["2025-01"].days_in_post == 15 and by["2025-01"].claimable == D("1161.29")
    assert total(rows) == D("16681.29")


def test_fifty_percent_role():
    """MHP, 1 WTE, £40,000, 30% on-cost, maximum £30,000 at 50% (user row):
    actual 4,333.333…; × 50% = 2,166.666… → £2,166.67 (cap 2,500 does not bind); year 12 × 2,166.67 = £26,000.04."""
    rules = rules_with(("MHP", "2024-04-01", "30000", "50"))
    rows = member_year(member(name="Cara Lee", role="MHP", salary="40000", oncost="30"), rules, FY24)
    assert all(r.claimable == D("2166.67") and r.actual_cost == D("4333.33") for r in rows)
    assert rows[0].reimbursement_pct == D("50")
    assert total(rows) == D("26000.04")


def test_fifty_percent_role_whose_cap_binds():
    """MHP £60,000, 25%: actual 6,250 × 50% = 3,125 > cap 30,000/12 = 2,500 → £2,500.00."""
    rules = rules_with(("MHP", "2024-04-01", "30000", "50"))
    row = member_month(member(role="MHP", salary="60000", oncost="25"), rules, date(2024, 5, 1))
    assert row.claimable == D("2500.00")


def test_seventy_percent_clinical_pharmacist_2019():
    """2019/20 CP at 70% of cost up to £37,810: £40,000 + 25% → 4,166.666… × 70% = 2,916.666… → £2,916.67,
    under the cap 37,810 / 12 = 3,150.83."""
    row = member_month(member(salary="40000", oncost="25", start="2019-07-01"), shipped_rulebook(), date(2019, 8, 1))
    assert row.reimbursement_pct == D("70")
    assert row.claimable == D("2916.67") and row.max_reimbursable == D("3150.83")


def test_baseline_staff_claim_nothing_but_cost_is_shown():
    row = member_month(member(funded=False, salary="48000", oncost="25"), shipped_rulebook(), date(2024, 5, 1))
    assert row.claimable == D("0.00") and row.max_reimbursable == D("0.00")
    assert row.actual_cost == D("5000.00") and row.reason == BASELINE


def test_wte_change_mid_month_splits_the_month_by_days():
    """CP £48,000, 25%: 1 WTE to 15 Sep 2024, 0.5 WTE from 16 Sep.
    actual = 4,000 × 15/30 × 1.25 + 2,000 × 15/30 × 1.25 = 2,500 + 1,250 = 3,750.00;
    cap = 5,195 × (15/30 × 1 + 15/30 × 0.5) = 3,896.25; claimable 3,750.00; WTE shown day-weighted 0.75."""
    m = member(salary="48000", oncost="25", changes=[("2024-09-16", "0.5", "48000")])
    row = member_month(m, shipped_rulebook(), date(2024, 9, 1))
    assert row.actual_cost == D("3750.00") and row.max_reimbursable == D("3896.25")
    assert row.claimable == D("3750.00") and row.wte == D("0.75")
    assert member_month(m, shipped_rulebook(), date(2024, 10, 1)).wte == D("0.5")


def test_salary_rise_mid_month_cap_binding_only_on_the_month_total():
    """Month-level minimum: the month's claim is min(Σ actual × %, Σ cap), not Σ of per-piece minima."""
    claim = month_claim(30, [Piece(15, D(1), D("48000"), D(0)), Piece(15, D(1), D("80000"), D(0))], D("60000"), D(100))
    # actual = 2,000 + 3,333.33… = 5,333.33…; cap = 5,000 → 5,000.00
    assert claim.claimable == D("5000.00")


def test_default_oncost_from_employer_ni_and_pension():
    """2024/25: pension 14.38% + NI 13.8% above £9,100: on £30,000 → 14.38 + 13.8 × 20,900/30,000 = 23.994 → 23.99%."""
    rule = shipped_rulebook().oncost_for(FY24)
    assert default_oncost_pct(rule, D("30000")) == D("23.99")
    row = member_month(member(salary="30000", oncost=None), shipped_rulebook(), date(2024, 4, 1))
    assert row.oncost_default and row.oncost_pct == D("23.99")
    assert row.actual_cost == to_penny(Fraction(30000, 12) * Fraction(12399, 10000))


def test_not_eligible_months_claim_nothing():
    """GPs joined ARRS on 1 October 2024: a GP's months before then claim nothing."""
    rules = rules_with(("GP", "2024-10-01", "82000", "100"))  # replaces the shipped 1 Oct 2024 GP maximum
    rows = months_of(member_year(member(role="GP", salary="80000", oncost="20"), rules, FY24))
    assert rows["2024-09"].reason == NOT_ELIGIBLE and rows["2024-09"].claimable == D("0.00")
    assert rows["2024-10"].reason == "" and rows["2024-10"].claimable == D("6833.33")


def test_no_rate_on_record_claims_nothing():
    """A role with no maximum on record: the month claims nothing and says why."""
    from dataclasses import replace

    rules = shipped_rulebook()
    without_gp = replace(rules, rates=tuple(r for r in rules.rates if r.role_code != "GP"))
    row = member_month(member(role="GP", salary="80000", oncost="20"), without_gp, date(2024, 11, 1))
    assert row.reason == NO_RATE and row.claimable == D("0.00")
    # the shipped GP maximum from 1 Oct 2024 (£92,462): 80,000 × 1.2 / 12 = 8,000 > 92,462 / 12 = 7,705.17
    row = member_month(member(role="GP", salary="80000", oncost="20"), rules, date(2024, 11, 1))
    assert row.reason == "" and row.claimable == D("7705.17") and row.rate_confirmed


def test_london_weighting_uses_the_zone_maximum():
    row = member_month(member(salary="90000", oncost="25"), shipped_rulebook(), date(2024, 11, 1), zone="inner")
    assert row.annual_max == D("76313") and row.claimable == to_penny(D("76313") / 12)


@pytest.mark.parametrize("start,expected_days", [("2024-02-29", 31), ("2024-03-31", 1)])
def test_days_in_post_inclusive(start, expected_days):
    row = member_month(member(start=start, end="2024-03-31", salary="40000"), shipped_rulebook(), date(2024, 3, 1))
    assert row.days_in_post == expected_days


def test_shipped_maxima_for_1_july_2023_and_1_october_2024_are_exact():
    rules = shipped_rulebook()
    assert rules.rate_on("CP", date(2023, 6, 30)).annual_max == D("59312")
    assert rules.rate_on("CP", date(2023, 7, 1)).annual_max == D("62340")
    assert rules.rate_on("CP", date(2024, 9, 30)).annual_max == D("62340")
    assert rules.rate_on("CP", date(2024, 10, 1)).annual_max == D("65838")
    assert rules.rate_on("PT", date(2024, 10, 1)).outer_london_max == D("48991")
    assert rules.rate_on("MHP", date(2024, 5, 1)).reimbursement_pct == Decimal(50)


def test_shipped_maxima_carried_past_the_last_known_year_are_unconfirmed():
    rules = shipped_rulebook()
    # 2025/26 maxima are estimates of the Aug 2025 uplift (unconfirmed): the last published year is 2024/25
    assert rules.rates_known_until == FinancialYear(2024)
    cp = member(salary="50000", start="2024-04-01")
    assert member_month(cp, rules, date(2025, 3, 1)).rate_confirmed
    assert not member_month(cp, rules, date(2025, 4, 1)).rate_confirmed  # 2025/26: the uplift estimate
    assert not member_month(cp, rules, date(2026, 4, 1)).rate_confirmed  # 2026/27: 2025/26 estimate carried on
    mine = rules_with(("CP", "2026-04-01", "68000", "100"))
    assert member_month(cp, mine, date(2026, 4, 1)).rate_confirmed

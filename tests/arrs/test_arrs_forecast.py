"""Claimable to date, forecast to 31 March, headroom, what-if."""

from datetime import date
from decimal import Decimal

from pcntui.domain.entitlement import Entitlement, entitlement_amount, make_entitlement
from pcntui.domain.forecast import ArrsInputs, arrs_year, what_if
from pcntui.domain.fy import FinancialYear
from pcntui.domain.staff import PlannedPost
from pcntui.errors import UserError
from pcntui.reference.arrs import shipped_rulebook

from .helpers import D, member

import pytest

FY24 = FinancialYear(2024)


def post(**kw):
    base = dict(id=None, role_code="CC", wte=D(1), expected_start=date(2025, 1, 1), fte_salary=D(28000),
                oncost_pct=D(25))
    base.update(kw)
    return PlannedPost(**base)


def inputs(staff=(), planned=(), ent="1000000"):
    return ArrsInputs(shipped_rulebook(), tuple(staff), tuple(planned), (Entitlement(FY24, D(ent)),))


def test_to_date_is_months_ended_by_the_as_of_date():
    cp = member(salary="48000", oncost="25")  # £5,000 a month all year
    y = arrs_year(inputs([cp]), FY24, date(2024, 11, 23))
    assert y.months_to_date == 7 and y.claimable_to_date == D("35000.00")
    assert y.roster_rest_of_year == D("25000.00") and y.forecast == D("60000.00")
    assert y.headroom.headroom == D("965000.00") and y.headroom.forecast_headroom == D("940000.00")
    assert arrs_year(inputs([cp]), FY24, date(2024, 11, 30)).months_to_date == 8
    assert arrs_year(inputs([cp]), FY24, date(2024, 3, 1)).months_to_date == 0


def test_leaver_forecast_stops_at_end_date():
    y = arrs_year(inputs([member(salary="48000", oncost="25", end="2024-12-31")]), FY24, date(2024, 11, 23))
    assert y.forecast == D("45000.00")


def test_planned_posts_feed_the_forecast_until_filled():
    """CC from 1 Jan 2025: min(28,000/12 × 1.25 = 2,916.666…, 35,290/12 = 2,940.83) = 2,916.67 × 3."""
    open_post = post(id=1)
    y = arrs_year(inputs(planned=[open_post]), FY24, date(2024, 11, 23))
    assert y.planned_rest_of_year == D("8750.01") and y.forecast == D("8750.01")
    for status in ("filled", "withdrawn"):
        y = arrs_year(inputs(planned=[post(id=1, status=status)]), FY24, date(2024, 11, 23))
        assert y.planned_rest_of_year == 0


def test_what_if_reports_the_change_in_headroom():
    base = inputs([member(salary="48000", oncost="25")], ent="70000")
    result = what_if(base, FY24, date(2024, 11, 23), post())
    assert result.added == D("8750.01")
    assert result.before.forecast_headroom == D("10000.00")
    assert result.after.forecast_headroom == D("1249.99")
    # an existing post is not counted twice
    existing = post(id=7)
    again = what_if(inputs(planned=[existing], ent="70000"), FY24, date(2024, 11, 23), existing)
    assert again.before.forecast == 0 and again.after.forecast == D("8750.01")


def test_entitlement():
    assert entitlement_amount(57127, D("26.631")) == D("1521349.14")  # 1,521,349.137 → .14
    ent = make_entitlement(FY24, weighted_population=50000, rules=shipped_rulebook())
    assert ent.amount == D("1144700.00") and ent.rate_per_patient == D("22.894")
    assert make_entitlement(FY24, weighted_population=None, amount=D("123.456")).amount == D("123.46")
    with pytest.raises(UserError, match="no rate per weighted patient on record for 2022/23"):
        make_entitlement(FinancialYear(2022), weighted_population=1000, rules=shipped_rulebook())
    with pytest.raises(UserError):
        make_entitlement(FY24, weighted_population=-5, rate_per_patient=D(1))

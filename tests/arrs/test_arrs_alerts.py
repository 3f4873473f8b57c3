"""ARRS alerts: money against the entitlement, caps, eligibility, compliance, planned posts."""

from datetime import date
from decimal import Decimal

from pcntui.domain.arrs_alerts import arrs_alerts
from pcntui.domain.arrs_caps import role_mix
from pcntui.domain.entitlement import Entitlement
from pcntui.domain.forecast import ArrsInputs, arrs_year
from pcntui.domain.fy import FinancialYear
from pcntui.domain.staff import PlannedPost
from pcntui.reference.arrs import shipped_rulebook

from .helpers import D, member, rules_with

FY24 = FinancialYear(2024)
GOOD = {"supervisor": "Dr A", "registration_number": "2071234", "training_pathway": "completed"}


def alerts(staff, *, fy=FY24, as_of=date(2024, 11, 23), rules=None, entitlement=None, planned=(), list_size=None):
    inputs = ArrsInputs(rules or shipped_rulebook(), tuple(staff), tuple(planned),
                        (Entitlement(fy, D(entitlement)),) if entitlement else (), list_size=list_size)
    year = arrs_year(inputs, fy, as_of)
    mix = role_mix(inputs.rules, inputs.staff, fy, as_of, list_size)
    return {a.kind: a for a in arrs_alerts(inputs, year, mix)}, year


def test_underspend_with_the_amount():
    found, year = alerts([member(**GOOD)], entitlement="100000")
    a = found["underspend"]
    assert a.severity == "warning" and a.amount == D("100000") - year.forecast
    assert "lost at 31 March 2025" in a.message


def test_overspend_is_a_problem_with_the_amount():
    found, year = alerts([member(**GOOD)], entitlement="50000")  # CP forecast 60,000.00 (12 × 5,000)
    assert year.forecast == D("60000.00")
    a = found["overspend"]
    assert a.severity == "problem" and a.amount == D("10000.00") and "not refunded" in a.message


def test_no_entitlement_warns():
    found, _ = alerts([member(**GOOD)])
    assert "no_entitlement" in found


def test_role_over_cap_for_year_and_pcn_size():
    """Advanced practitioners, 2023/24: cap 3 WTE under 100,000 patients, 6 at 100,000 or more."""
    aps = [member(name=f"AP {i}", role="AP", salary="60000", start="2023-04-01", id=i, **GOOD) for i in range(4)]
    found, _ = alerts(aps, fy=FinancialYear(2023), as_of=date(2023, 11, 1), list_size=60000)
    assert "over_cap" in found and "4 WTE" in found["over_cap"].message and "cap of 3 WTE" in found["over_cap"].message
    found, _ = alerts(aps, fy=FinancialYear(2023), as_of=date(2023, 11, 1), list_size=100000)
    assert "over_cap" not in found
    found, _ = alerts(aps, fy=FinancialYear(2024), as_of=date(2024, 11, 1), list_size=60000)  # no cap from 2024/25
    assert "over_cap" not in found


def test_role_not_eligible_that_year():
    rules = rules_with(("GP", "2024-04-01", "82000", "100"))
    found, _ = alerts([member(role="GP", salary="80000", **GOOD)], rules=rules)
    assert "not_eligible" in found and "Apr 2024 to Sep 2024" in found["not_eligible"].message


def test_no_rate_on_record():
    from dataclasses import replace

    rules = shipped_rulebook()
    without_gp = replace(rules, rates=tuple(r for r in rules.rates if r.role_code != "GP"))
    found, _ = alerts([member(role="GP", start="2024-10-01", salary="80000", **GOOD)], rules=without_gp)
    assert "no_rate" in found and "General Practitioner" in found["no_rate"].message
    found, year = alerts([member(role="GP", start="2024-10-01", salary="80000", **GOOD)])
    assert "no_rate" not in found and year.claimable_to_date > 0  # a GP maximum is shipped from 1 Oct 2024


def test_compliance_alerts():
    staff = [
        member(name="No Sup", id=1, registration_number="1", training_pathway="enrolled"),
        member(name="No Reg", id=2, supervisor="X", training_pathway="completed"),
        member(name="Expired", id=3, supervisor="X", training_pathway="completed", registration_number="1",
               registration_expiry=date(2024, 10, 31)),
        member(name="Expiring", id=4, supervisor="X", training_pathway="completed", registration_number="1",
               registration_expiry=date(2024, 12, 10)),
        member(name="No Path", id=5, supervisor="X", registration_number="1", training_pathway="not started"),
        member(name="Baseline", id=6, funded=False),  # baseline staff are not checked
        member(name="Care Co", id=7, role="CC", salary="28000", supervisor="X", training_pathway="completed"),
    ]
    inputs = ArrsInputs(shipped_rulebook(), tuple(staff))
    year = arrs_year(inputs, FY24, date(2024, 11, 23))
    got = {(a.kind, a.staff_id) for a in arrs_alerts(inputs, year, [])}
    assert ("no_supervisor", 1) in got and ("no_registration", 2) in got
    assert ("registration_expired", 3) in got and ("registration_expiring", 4) in got
    assert ("training_pathway", 5) in got
    assert not any(sid in (6, 7) for _, sid in got)  # a care coordinator needs no registration


def test_leaver_registration_checked_while_in_post_only():
    m = member(end="2024-06-30", registration_expiry=date(2024, 9, 1), **GOOD)
    found, _ = alerts([m])
    assert "registration_expired" not in found


def test_planned_post_overdue():
    post = PlannedPost(id=1, role_code="CC", wte=D(1), expected_start=date(2024, 9, 1), fte_salary=D(28000))
    found, year = alerts([member(**GOOD)], planned=[post], entitlement="200000")
    assert "planned_overdue" in found
    assert year.planned_months[0].days_in_post == 8  # counted from the as-of date (23–30 Nov)

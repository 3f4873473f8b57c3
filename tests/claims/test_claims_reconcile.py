"""Claims reconciled against claimable, hand-worked (PRODUCT.md "Claims").

The roster: Asha Patel, Clinical Pharmacist, 1 WTE, £40,000 full-time, on-costs 25%, maximum
£60,000 per WTE at 100%. Each month: actual cost = 40,000 / 12 × 1.25 = 4,166.666… and cap =
60,000 / 12 = 5,000, so claimable = £4,166.67. As of 15 July 2025 the ended months are April,
May and June (claimable to date 3 × 4,166.67 = £12,500.01).
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain.claimable import member_year, month_last
from pcntui.domain.claims import Claim, claim_key, match_staff, reconcile
from pcntui.domain.claims_alerts import claims_alerts
from pcntui.domain.fy import FinancialYear
from pcntui.errors import UserError
from tests.arrs.helpers import member, rules_with

D = Decimal
FY = FinancialYear(2025)
AS_OF = date(2025, 7, 15)
RULES = rules_with(("CP", "2025-04-01", "60000", "100"))
ASHA = member(name="Asha Patel", role="CP", salary="40000", oncost="25", start="2024-04-01", id=1)


def claim(month, amount, status="submitted", paid="0", who="Asha Patel", role="CP", ref="", submitted=None,
          staff_id=1) -> Claim:
    return Claim(month=date.fromisoformat(month + "-01"), name=who, role_code=role, amount_claimed=D(amount),
                 status=status, amount_paid=D(paid), reference=ref,
                 submitted_on=date.fromisoformat(submitted) if submitted else None, staff_id=staff_id)


def year_of(claims, *, people=(ASHA,), rules=RULES, as_of=AS_OF):
    months = [m for p in people for m in member_year(p, rules, FY)]
    return reconcile(months, claims, FY, as_of)


BASE = [
    claim("2025-04", "4166.67", "paid", "4166.67", submitted="2025-05-02"),
    claim("2025-05", "4000.00", "approved", submitted="2025-06-03"),  # claimed short by 166.67
    claim("2025-07", "4166.67", submitted="2025-07-10"),  # July has not ended on 15 July
]


def test_month_claimed_short_and_a_month_never_claimed():
    y = year_of(BASE)
    lines = {line.month.month: line for line in y.lines}
    assert lines[4].claimable == D("4166.67") and lines[4].difference == 0 and lines[4].status == "paid"
    assert lines[5].difference == D("166.67") and lines[5].status == "approved"
    assert lines[6].claimed == 0 and lines[6].status == "unclaimed" and lines[6].ended
    assert not lines[7].ended and lines[7].difference == D("0.00")
    assert y.claimable_to_date == D("12500.01")
    assert y.to_claim == D("166.67") + D("4166.67")  # short May + unclaimed June
    assert y.over_claimed == 0
    assert y.claimed_to_date == D("12333.34")  # April + May + July (begun by the as-of date)
    assert y.paid_to_date == D("4166.67")
    alerts = claims_alerts(y, RULES)
    assert [a.kind for a in alerts] == ["claim_missing"]
    assert "Jun 2025" in alerts[0].message and alerts[0].amount == D("4166.67")


def test_rejected_claim_counts_as_nothing_claimed():
    rejected = claim("2025-06", "4166.67", "rejected", submitted="2025-07-01")
    y = year_of([*BASE, rejected])
    june = next(line for line in y.lines if line.month.month == 6)
    assert june.claimed == 0 and june.status == "rejected" and june.difference == D("4166.67")
    assert y.to_claim == D("4333.34") and y.claimed_to_date == D("12333.34")
    (alert,) = claims_alerts(y, RULES)
    assert alert.kind == "claim_missing" and "1 rejected" in alert.message
    # re-claimed under its own reference: the month is whole again
    y = year_of([*BASE, rejected, claim("2025-06", "4166.67", ref="RESUB", submitted="2025-07-05")])
    assert y.to_claim == D("166.67") and y.claimed_to_date == D("16500.01")


def test_claim_for_a_month_with_no_claimable_is_over_claimed():
    starter = member(name="Ben Jones", role="CP", salary="40000", oncost="25", start="2025-05-01", id=2)
    y = year_of([claim("2025-04", "1000.00", who="Ben Jones", staff_id=2),
                 claim("2025-05", "4166.67", who="Ben Jones", staff_id=2)], people=(starter,))
    april = next(line for line in y.lines if line.month.month == 4)
    assert not april.in_post and april.claimable == 0 and april.difference == D("-1000.00")
    assert y.over_claimed == D("1000.00")
    assert y.to_claim == D("4166.67")  # June unclaimed
    over = [a for a in claims_alerts(y, RULES) if a.kind == "claim_over"]
    assert len(over) == 1 and "not in post" in over[0].message and over[0].severity == "problem"


def test_baseline_staff_claim_nothing_so_any_claim_is_over():
    baseline = member(name="Cara Doe", role="CP", funded=False, id=3)
    y = year_of([claim("2025-04", "100.00", who="Cara Doe", staff_id=3)], people=(baseline,))
    assert y.over_claimed == D("100.00") and y.to_claim == 0


def test_backdated_uplift_creates_arrears_exactly():
    """Cap-limited pay: 70,000 / 12 × 1.25 = 7,291.67 > cap 60,000 / 12 = 5,000.00. The uplift
    (maximum 62,160 = 60,000 × 1.036, back to 1 April) lifts the cap to 5,180.00: 180.00 arrears
    for each of the four ended months April–July."""
    capped = member(name="Asha Patel", role="CP", salary="70000", oncost="25", start="2024-04-01", id=1)
    claims = [claim(f"2025-0{m}", "5000.00", "paid", "5000.00", submitted=f"2025-0{m + 1}-03") for m in (4, 5, 6, 7)]
    as_of = date(2025, 8, 20)
    before = year_of(claims, people=(capped,), as_of=as_of)
    assert before.to_claim == 0 and before.claimable_to_date == D("20000.00")
    uplift = rules_with(("CP", "2025-04-01", "62160", "100"))
    after = year_of(claims, people=(capped,), rules=uplift, as_of=as_of)
    assert after.claimable_to_date == D("20720.00")
    assert after.to_claim - before.to_claim == D("720.00")
    # the arrears claimed once per month with their own reference: nothing left to claim
    arrears = [claim(f"2025-0{m}", "180.00", ref="UPLIFT", submitted="2025-08-10") for m in (4, 5, 6, 7)]
    settled = year_of(claims + arrears, people=(capped,), rules=uplift, as_of=as_of)
    assert settled.to_claim == 0 and settled.over_claimed == 0
    assert {line.status for line in settled.lines if line.ended} == {"submitted"}  # least advanced
    # the arrears claimed as one sum against August: each month is reconciled on its own
    lump = year_of(claims + [claim("2025-08", "5180.00"), claim("2025-08", "720.00", ref="UPLIFT")],
                   people=(capped,), rules=uplift, as_of=date(2025, 9, 5))
    assert lump.to_claim == D("720.00") and lump.over_claimed == D("720.00")


@pytest.mark.parametrize("submitted,as_of,overdue", [
    ("2025-05-01", "2025-06-30", False),  # 60 days after 1 May is 30 June: due that day
    ("2025-05-01", "2025-07-01", True),
    (None, "2025-06-29", False),  # no submission date: 60 days after 30 April = 29 June
    (None, "2025-06-30", True),
])
def test_overdue_for_payment_60_days_after_submission_or_month_end(submitted, as_of, overdue):
    c = claim("2025-04", "4166.67", submitted=submitted)
    assert c.overdue_on(date.fromisoformat(as_of)) is overdue
    y = year_of([c], as_of=date.fromisoformat(as_of))
    unpaid = [a for a in claims_alerts(y, RULES) if a.kind == "claim_unpaid"]
    assert len(unpaid) == (1 if overdue else 0)


@pytest.mark.parametrize("status", ["paid", "rejected"])
def test_paid_or_rejected_claims_are_never_overdue(status):
    c = claim("2025-04", "100.00", status, "100.00" if status == "paid" else "0", submitted="2025-05-01")
    assert not c.overdue_on(date(2026, 3, 31))


def test_no_claims_recorded_means_no_missing_claim_alerts():
    assert claims_alerts(year_of([]), RULES) == []


def test_claim_key_ignores_case_and_spaces_but_not_reference():
    a = claim_key(date(2025, 4, 1), " Asha  Patel ", "CP", "")
    assert a == claim_key(date(2025, 4, 1), "asha patel", "CP", "")
    assert a != claim_key(date(2025, 4, 1), "asha patel", "CP", "arrears")
    assert claim_key(date(2025, 4, 9), "A", "CP", "X") == claim_key(date(2025, 4, 1), "a", "CP", "x")


def test_claims_of_other_years_are_left_out():
    y = year_of([*BASE, claim("2025-03", "4166.67", "paid", "4166.67")])
    assert all(FY.contains(c.month) for c in y.claims) and y.claimed_to_date == D("12333.34")


def test_match_staff_prefers_the_spell_in_post_and_refuses_ambiguity():
    first = member(name="Asha Patel", start="2024-04-01", end="2025-03-31", id=1)
    second = member(name="Asha Patel", start="2025-06-01", id=2)
    assert match_staff([first, second], "ASHA PATEL", "CP", date(2025, 1, 1)).id == 1
    assert match_staff([first, second], "asha patel", "CP", date(2025, 7, 1)).id == 2
    assert match_staff([first, second], "asha patel", "CP", date(2025, 4, 1)).id == 1  # gap: latest started
    assert match_staff([first, second], "asha patel", "PT", date(2025, 7, 1)) is None
    twin = member(name="asha patel", start="2025-01-01", id=3)
    with pytest.raises(UserError, match="2 roster records"):
        match_staff([second, twin], "Asha Patel", "CP", date(2025, 7, 1))


@given(st.lists(st.tuples(st.integers(1, 12), st.sampled_from(["Asha Patel", "Ben Jones"]),
                          st.integers(0, 900000), st.sampled_from(["submitted", "approved", "paid", "rejected"]),
                          st.sampled_from(["", "A", "B"])), max_size=30, unique_by=lambda t: (t[0], t[1], t[4])),
       st.dates(date(2025, 4, 1), date(2026, 5, 1)))
def test_every_claim_lands_in_one_line_and_the_totals_agree(rows, as_of):
    """to_claim − over_claimed = claimable − claimed over the ended months, whatever the claims."""
    ben = member(name="Ben Jones", role="CP", salary="40000", oncost="25", start="2025-06-10", end="2025-12-20", id=2)
    claims = [claim(f"{2025 + (m < 4)}-{m:02d}", str(D(p) / 100), s, str(D(p) / 100) if s == "paid" else "0",
                    who=who, ref=ref, staff_id=1 if who == "Asha Patel" else 2) for m, who, p, s, ref in rows]
    y = year_of(claims, people=(ASHA, ben), as_of=as_of)
    assert sorted(c.key for line in y.lines for c in line.claims) == sorted(c.key for c in claims)
    ended_claimed = sum((c.amount_claimed for c in claims if c.counts and FY.contains(c.month)
                         and month_last(c.month) <= as_of), D(0))
    assert y.to_claim - y.over_claimed == y.claimable_to_date - ended_claimed
    assert y.to_claim >= 0 and y.over_claimed >= 0


def test_a_years_lines_work_out_each_name_once_not_once_a_month(monkeypatch):
    """The ledger has a line per person-month: the name each line sorts by is worked out once per
    name (10 people, 12 months each: 10 names, not 120), and the lines are as before."""
    from pcntui.domain import claims

    people = [member(name=f"Person {i:02}", role="CP", salary="40000", oncost="25", start="2024-04-01", id=i + 1)
              for i in range(10)]
    calls: list[str] = []
    real = claims.name_key
    monkeypatch.setattr(claims, "name_key", lambda name: calls.append(name) or real(name))
    year = year_of([claim("2025-04", "100", who="Person 03", staff_id=None)], people=people)
    lines = year.lines
    assert len(calls) == 2 + 10  # (the claim's order in the year and its person; then each name once)
    assert [(line.name, line.month.month) for line in lines] == [
        (f"Person {i:02}", m) for i in range(10) for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
        for _ in range(2 if (i, m) == (3, 4) else 1)]
    assert (year.to_claim, year.over_claimed) == (30 * D("4166.67"), D("100"))  # (a claim by name alone: not hers)


def test_a_year_without_claims_gives_its_figures_without_a_line_per_person_month():
    """The ledger not in use (no claim in the year): to claim is the claimable of the ended months,
    nothing is over-claimed and no alert is due, all without the year's lines (which the ledger's
    screen still gets, the same as ever)."""
    people = [member(name=f"Person {i:02}", role="CP", salary="40000", oncost="25", start="2024-04-01", id=i + 1)
              for i in range(3)]
    year = year_of([], people=people)
    assert (year.to_claim, year.over_claimed, year.claimable_to_date) == (9 * D("4166.67"), 0, 9 * D("4166.67"))
    assert claims_alerts(year, RULES) == []
    assert "lines" not in vars(year)
    assert len(year.lines) == 36 and sum(line.difference for line in year.lines if line.ended) == year.to_claim

"""Properties of the claim: never above the cap, never above actual × %, never negative; totals add up."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pcntui.domain.claimable import Piece, member_year, month_claim, to_penny, total
from pcntui.domain.forecast import ArrsInputs, arrs_year
from pcntui.domain.fy import FinancialYear
from pcntui.reference.arrs import shipped_rulebook

from .helpers import member

wte = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1), places=2)
salary = st.decimals(min_value=Decimal(1000), max_value=Decimal(150000), places=2)
oncost = st.decimals(min_value=Decimal(0), max_value=Decimal("40"), places=2)
pct = st.sampled_from([Decimal(50), Decimal(70), Decimal(100), Decimal("87.5")])
annual_max = st.decimals(min_value=Decimal(1000), max_value=Decimal(120000), places=0)


@st.composite
def month_pieces(draw):
    month_days = draw(st.sampled_from([28, 29, 30, 31]))
    n = draw(st.integers(1, 3))
    cuts = sorted(draw(st.lists(st.integers(1, month_days), min_size=n, max_size=n, unique=True)))
    days = [cuts[0]] + [b - a for a, b in zip(cuts, cuts[1:])]
    return month_days, [Piece(d, draw(wte), draw(salary), draw(oncost)) for d in days if d > 0]


@settings(max_examples=150, deadline=None)
@given(month_pieces(), annual_max, pct)
def test_claim_bounded_by_cap_and_actual_and_never_negative(mp, maximum, percent):
    month_days, pieces = mp
    c = month_claim(month_days, pieces, maximum, percent)
    assert c.claimable >= 0
    assert c.claimable <= to_penny(c.cap)
    assert c.claimable <= to_penny(c.actual_cost * percent / 100)
    assert c.claimable == c.claimable.quantize(Decimal("0.01"))
    # an exact rational oracle gives the very same penny
    actual = sum(Fraction(p.fte_salary) * Fraction(p.wte) / 12 * Fraction(p.days, month_days)
                 * (1 + Fraction(p.oncost_pct) / 100) for p in pieces)
    cap = sum(Fraction(maximum) * Fraction(p.wte) / 12 * Fraction(p.days, month_days) for p in pieces)
    exact = min(actual * Fraction(percent) / 100, cap)
    assert c.claimable == to_penny(max(exact, Fraction(0)))
    assert to_penny(c.actual_cost) == to_penny(actual) and to_penny(c.cap) == to_penny(cap)


dates = st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 3, 31))


@settings(max_examples=40, deadline=None)
@given(dates, st.integers(0, 500), wte, salary, oncost, st.sampled_from(["CP", "PT", "SPLW", "CC", "MHP", "AP"]),
       st.booleans())
def test_year_rows_obey_the_rules_and_total_is_the_sum_of_rounded_months(start, length, w, s, o, role, funded):
    end = start + timedelta(days=length)
    m = member(role=role, wte=str(w), start=start.isoformat(), end=end.isoformat(), salary=str(s), oncost=str(o),
               funded=funded)
    rules = shipped_rulebook()
    for fy in (FinancialYear(2023), FinancialYear(2024), FinancialYear(2025)):
        rows = member_year(m, rules, fy)
        for r in rows:
            assert 0 <= r.claimable <= r.max_reimbursable
            assert r.claimable <= to_penny(r.actual_cost * (r.reimbursement_pct or 0) / 100) + Decimal("0.01")
            assert 1 <= r.days_in_post <= r.days_in_month
            if not funded:
                assert r.claimable == 0
        assert sum(r.days_in_post for r in rows) == max(0, (min(end, fy.end) - max(start, fy.start)).days + 1)
        year = arrs_year(ArrsInputs(rules, (m,)), fy, date(2030, 1, 1))
        assert year.claimable_to_date == total(rows) == sum((r.claimable for r in rows), Decimal(0))
        assert year.forecast == year.claimable_to_date  # the year is over: nothing left to forecast


@settings(max_examples=60, deadline=None)
@given(dates, st.one_of(st.none(), st.integers(0, 700)), st.lists(st.tuples(st.integers(1, 600), wte, salary),
                                                                     max_size=3),
       st.sampled_from(["CP", "PT", "SPLW", "GP", "MHP"]), st.one_of(st.none(), oncost), st.booleans(),
       st.sampled_from(["national", "inner"]), st.integers(2023, 2026))
def test_a_year_is_its_months_each_worked_out_alone(start, length, changes, role, o, funded, zone, year):
    """member_year reuses a month's row for a later month in post throughout on the same terms and
    rules (same length): every row, every field, is the one worked out for that month alone."""
    from pcntui.domain.claimable import member_month

    when = sorted({start + timedelta(days=d) for d, _, _ in changes})
    terms = [(w.isoformat(), str(x), str(s)) for w, (_, x, s) in zip(when, changes)]
    end = None if length is None else (start + timedelta(days=length)).isoformat()
    m = member(role=role, start=start.isoformat(), end=end, oncost=None if o is None else str(o), funded=funded,
               changes=terms)
    rules, fy = shipped_rulebook(), FinancialYear(year)
    alone = [r for r in (member_month(m, rules, first, zone) for first in fy.months()) if r is not None]
    rows = member_year(m, rules, fy, zone)
    assert rows == alone and [vars(r) for r in rows] == [vars(r) for r in alone]


def test_a_year_on_the_same_terms_works_out_each_length_of_month_once(monkeypatch):
    """A year in post throughout on the same terms: 30-, 31- and 28-day months, three rows worked
    out, the other nine the same rows dated (the status right after a change works out every
    person's year)."""
    from pcntui.domain import claimable

    worked: list[int] = []
    real = claimable._rounded_claim
    monkeypatch.setattr(claimable, "_rounded_claim", lambda n, *a: worked.append(n) or real(n, *a))
    rows = member_year(member(start="2020-01-01"), shipped_rulebook(), FinancialYear(2025))
    assert sorted(worked) == [28, 30, 31] and len(rows) == 12
    assert [r.month.month for r in rows] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]

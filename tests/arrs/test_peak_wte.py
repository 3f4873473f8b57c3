"""The peak WTE against a role's cap: the highest ARRS-funded WTE in post on any day of the
year something starts or changes, and the first such day. Found in one sweep over the roster's
changes, it must equal counting everyone on every such day, and cost in step with the roster."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pcntui.domain.arrs_caps import peak_wte, wte_on
from pcntui.domain.staff import StaffMember, Terms

from .helpers import member

FIRST, LAST = date(2025, 4, 1), date(2026, 3, 31)


def counted_every_day(staff, first, last):
    """The definition: everyone counted on each day something starts or changes."""
    days = {first} | {s.start_date for s in staff} | {t.effective_from for s in staff for t in s.terms}
    best, best_day = Decimal(0), None
    for day in sorted(d for d in days if first <= d <= last):
        value = wte_on(staff, day)
        if value > best:
            best, best_day = value, day
    return best, best_day


day = st.integers(-200, 560).map(lambda n: FIRST + timedelta(days=n))
wte = st.sampled_from([Decimal("0"), Decimal("0.5"), Decimal("0.60"), Decimal("1"), Decimal("1.0"), Decimal("0.8333")])


@st.composite
def person(draw, i):
    start = draw(day)
    end = draw(st.one_of(st.none(), day.filter(lambda d: d >= start)))
    terms = tuple(Terms(draw(day), draw(wte), Decimal(30000)) for _ in range(draw(st.integers(0, 4))))
    return StaffMember(id=i, name=f"P{i}", role_code="CP", start_date=start, end_date=end, terms=terms)


roster = st.integers(0, 12).flatmap(lambda n: st.tuples(*(person(i) for i in range(n))))


@settings(max_examples=100, deadline=None)
@given(roster)
def test_the_sweep_finds_what_counting_every_day_finds(staff):
    found, expected = peak_wte(list(staff), FIRST, LAST), counted_every_day(list(staff), FIRST, LAST)
    assert found == expected
    assert str(found[0]) == str(expected[0])  # the same Decimal, as exported


def test_the_work_grows_in_step_with_the_roster_not_its_square(monkeypatch):
    """Each person starts on their own day: counting everyone on each of those days asked
    every person's terms n × n times; the sweep asks a few times per person."""
    asked = [0]
    terms_on = StaffMember.terms_on

    def counting(self, when):
        asked[0] += 1
        return terms_on(self, when)

    monkeypatch.setattr(StaffMember, "terms_on", counting)

    def cost(n: int) -> int:
        staff = [member(name=f"P{i}", id=i, start=(FIRST + timedelta(days=i % 360)).isoformat(),
                        changes=[((FIRST + timedelta(days=i % 360 + 1)).isoformat(), "0.5", "30000")])
                 for i in range(n)]
        asked[0] = 0
        peak, on = peak_wte(staff, FIRST, LAST)
        assert peak > 0 and on is not None
        return asked[0]

    assert cost(400) <= 5 * cost(100)

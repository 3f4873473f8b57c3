"""The roster of the year (KIND `arrs-roster`): everyone in post at some time in the year with
their role, WTE on the as-of date (or their last day), dates, funding and what can be claimed
for them this year. The roster screen shows it and `x` writes it; `pcntui export arrs-roster`
writes the same bytes."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.domain.staff import StaffMember
    from pcntui.store.arrs import ArrsView
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("staff_id", "Id", Kind.INT, screen=False),
    Column("name", "Name", priority=0),
    Column("role", "Role", priority=2),
    Column("wte", "WTE", Kind.WTE),
    Column("start_date", "Start", Kind.DATE),
    Column("end_date", "End", Kind.DATE),
    Column("funding", "Funding"),
    Column("claimable", "Claimable FY", Kind.MONEY, priority=0),
)


def funding(member: StaffMember) -> str:
    if not member.arrs_funded:
        return "baseline"
    return "ARRS est." if member.estimated else "ARRS"


def roster_of(view: ArrsView, period: Period) -> View:
    """The roster from the year already computed (the screen's one read)."""
    fy, as_of = period.fy, period.as_of
    rules = view.inputs.rules
    claim: dict[int, Decimal] = defaultdict(Decimal)
    for m in view.year.months:
        claim[m.staff_id] += m.claimable
    rows = []
    for s in view.inputs.staff:
        if not s.overlaps(fy.start, fy.end):
            continue
        day = min(max(min(max(as_of, fy.start), fy.end), s.start_date), s.end_date or fy.end)
        t = s.terms_on(day)
        rows.append(Row(str(s.id), (s.id, s.name, rules.role_name(s.role_code), t.wte if t else None, s.start_date,
                                    s.end_date, funding(s), claim.get(s.id, Decimal("0.00"))),
                        tags=frozenset() if s.arrs_funded else frozenset({"dim"}), opens=str(s.id)))
    return View("arrs-roster", f"ARRS roster {fy.label}", COLUMNS, tuple(rows))


def roster(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-roster`."""
    from pcntui.views.arrs.year import arrs_year

    return roster_of(arrs_year(reader, q.period), q.period)

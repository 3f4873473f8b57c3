"""The role mix against the caps on numbers for the year and the PCN's size.

The WTE counted against a cap is the ARRS-funded WTE in post; its peak over the year is
found by checking every day something starts or changes (an end only lowers it), in one
sweep over the roster's changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pcntui.domain.arrs_rules import LARGE_PCN, CapRow, RuleBook
from pcntui.domain.fy import FinancialYear
from pcntui.domain.staff import StaffMember


@dataclass(frozen=True)
class RoleMix:
    """One role's ARRS-funded staff in the year against its cap on numbers."""

    role_code: str
    role_name: str
    headcount: int  # ARRS-funded people in post at some time in the year
    wte_now: Decimal  # ARRS-funded WTE on the as-of date (clamped into the year)
    peak_wte: Decimal
    peak_on: date | None
    cap: Decimal | None  # None: no cap this year
    cap_row: CapRow | None
    eligible: bool  # the role is in the scheme at some time in the year

    @property
    def over_cap(self) -> bool:
        return self.cap is not None and self.peak_wte > self.cap

    @property
    def cap_text(self) -> str:
        if self.cap is None:
            return "no cap"
        flag = "" if self.cap_row is None or self.cap_row.confirmed else " (unconfirmed)"
        return f"{self.cap.normalize():f} WTE{flag}"


def wte_on(staff: list[StaffMember], day: date) -> Decimal:
    out = Decimal(0)
    for s in staff:
        if s.in_post_on(day):
            t = s.terms_on(day)
            if t is not None:
                out += t.wte
    return out


def _steps(s: StaffMember) -> list[tuple[date, Decimal]]:
    """(day, change) of the member's WTE in post: from their start, at each new term, after their end."""
    if not s.terms:
        return []
    points = sorted({s.start_date} | {t.effective_from for t in s.terms if t.effective_from > s.start_date
                                      and (s.end_date is None or t.effective_from <= s.end_date)})
    out, held = [], Decimal(0)
    for day in points:
        wte = s.terms_on(day).wte
        out.append((day, wte - held))
        held = wte
    if s.end_date is not None:
        out.append((s.end_date + timedelta(days=1), -held))
    return out


def peak_wte(staff: list[StaffMember], first: date, last: date) -> tuple[Decimal, date | None]:
    """The highest WTE in post on a day within [first, last], and the first day it is reached.
    One sweep over everyone's changes (not a count of everyone per day: that grew with the
    square of the roster); the sums are exact, and the peak is counted again on its day."""
    days = {first}
    for s in staff:
        days.add(s.start_date)
        days.update(t.effective_from for t in s.terms)
    changes = sorted((c for s in staff for c in _steps(s)), key=lambda c: c[0])
    best, best_day, value, i = Decimal(0), None, Decimal(0), 0
    for day in sorted(d for d in days if first <= d <= last):
        while i < len(changes) and changes[i][0] <= day:
            value += changes[i][1]
            i += 1
        if value > best:
            best, best_day = value, day
    return (best, None) if best_day is None else (wte_on(staff, best_day), best_day)


def role_mix(rules: RuleBook, staff: tuple[StaffMember, ...] | list[StaffMember], fy: FinancialYear,
             as_of: date, list_size: int | None) -> list[RoleMix]:
    """One line per role with ARRS-funded staff in the year, or a cap that year."""
    funded: dict[str, list[StaffMember]] = {}  # role → its people, in roster order
    for s in staff:
        if s.arrs_funded and s.overlaps(fy.start, fy.end):
            funded.setdefault(s.role_code, []).append(s)
    codes = set(funded) | {c.role_code for c in rules.caps if c.covers(fy)}
    day = min(max(as_of, fy.start), fy.end)
    out = []
    order = {r.code: i for i, r in enumerate(rules.roles)}
    for code in sorted(codes, key=lambda c: (order.get(c, 999), c)):
        people = funded.get(code, [])
        cap_row = rules.cap_for(code, fy)
        cap = cap_row.limit(list_size) if cap_row else None
        peak, peak_on = peak_wte(people, fy.start, fy.end)
        role = rules.role(code)
        eligible = role is not None and (role.eligible_on(fy.end) or role.eligible_on(fy.start))
        out.append(RoleMix(code, rules.role_name(code), len(people), wte_on(people, day), peak, peak_on,
                           cap, cap_row, eligible))
    return out


def size_label(list_size: int | None) -> str:
    if list_size is None:
        return "list size unknown, taken as under 100,000"
    return f"{'100,000 or more' if list_size >= LARGE_PCN else 'under 100,000'} patients"

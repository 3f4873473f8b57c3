"""A financial year of ARRS: claimable to date, forecast to 31 March, headroom, per role; what-if.

- A month counts as *to date* once it has ended on or before the as-of date; the as-of
  month itself and later months are the *rest of the year*.
- claimable_to_date = Σ rounded staff-months to date (roster staff).
- forecast = claimable_to_date + Σ roster staff-months for the rest of the year (each to
  their end date) + Σ open planned posts' months for the rest of the year (from their
  expected start, or the as-of date if that has passed).
- headroom = entitlement − claimable_to_date; forecast_headroom = entitlement − forecast.
- In a year with a ring-fenced GP pot (2024/25), General Practitioners' claims count against
  the GP pot only: gp_headroom = gp_entitlement − gp_claimable_to_date, and the main
  headroom = entitlement − (claimable_to_date − gp_claimable_to_date) (the same for the
  forecast). `claimable_to_date` and `forecast` stay the totals for every role.
- Estimated staff records (guessed salary and start date) count in every total; the
  `estimated_*` figures say how much of it they are.

Everything is a pure function of `ArrsInputs`, so the TUI can call it from a worker thread.
"""

from __future__ import annotations

from functools import cached_property

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.claimable import StaffMonth, member_year, total
from pcntui.domain.entitlement import GP_ROLE, Entitlement
from pcntui.domain.fy import FinancialYear, month_last
from pcntui.domain.headroom import Headroom
from pcntui.domain.money import Pounds, from_pence
from pcntui.domain.person_year import PersonMonth, PersonYear, YearSums, person_year, year_sums
from pcntui.domain.staff import PlannedPost, StaffMember


@dataclass(frozen=True)
class ArrsInputs:
    """Everything the figures depend on, read once from the database."""

    rules: RuleBook
    staff: tuple[StaffMember, ...] = ()
    planned: tuple[PlannedPost, ...] = ()
    entitlements: tuple[Entitlement, ...] = ()
    zone: str = "national"  # London high-cost area: 'national', 'inner', 'outer'
    list_size: int | None = None  # registered patients (caps differ from 100,000)

    def entitlement_for(self, fy: FinancialYear) -> Entitlement | None:
        return next((e for e in self.entitlements if e.fy == fy), None)

    def member(self, staff_id: int) -> StaffMember | None:
        return next((s for s in self.staff if s.id == staff_id), None)


@dataclass(frozen=True)
class RoleLine:
    """One role's figures for the year (roster and planned posts)."""

    role_code: str
    role_name: str
    staff: int  # roster people in post at some time in the year (ARRS-funded or not)
    wte: Decimal  # ARRS-funded WTE in post on the as-of date (clamped into the year)
    baseline_wte: Decimal  # WTE of baseline (not ARRS-funded) staff in post that day
    actual_cost_to_date: Decimal
    claimable_to_date: Decimal
    roster_rest_of_year: Decimal
    planned_rest_of_year: Decimal
    planned_posts: int

    @cached_property
    def claimable_year(self) -> Decimal:
        return self.claimable_to_date + self.roster_rest_of_year

    @cached_property
    def forecast(self) -> Decimal:
        return self.claimable_to_date + self.roster_rest_of_year + self.planned_rest_of_year


@dataclass(frozen=True)
class ArrsYear:
    """The year's figures, added up from each roster person's year in brief (`people`)."""

    fy: FinancialYear
    as_of: date
    people: tuple[PersonYear, ...]  # roster people in the year, by name then id
    planned_months: tuple[StaffMonth, ...]  # open planned posts, rest of the year only
    entitlement: Entitlement | None
    roles: tuple[RoleLine, ...]
    sums: YearSums = field(repr=False, compare=False)  # the people's years added up (the year's and the roles')
    inputs: ArrsInputs | None = field(default=None, repr=False, compare=False)  # for `months`
    worked_out: tuple[StaffMonth, ...] | None = field(default=None, repr=False, compare=False)  # `months`, if known

    def is_to_date(self, month_first: date) -> bool:
        return month_last(month_first) <= self.as_of

    @cached_property
    def months(self) -> tuple[StaffMonth, ...]:
        """Roster staff, every month of the year they are in post (by name, then id, then month):
        those arrs_year worked out with the people's years, else (a year added up from kept
        people's years) worked out from the inputs when first asked for."""
        if self.worked_out is not None:
            return self.worked_out
        i = self.inputs
        return tuple(m for s in roster(i.staff, self.fy) for m in member_year(s, i.rules, self.fy, i.zone))

    @cached_property
    def months_to_date(self) -> int:
        return months_ended(self.fy, self.as_of)

    @cached_property
    def claimable_to_date(self) -> Decimal:
        return from_pence(self.sums.claimable_to_date)

    @cached_property
    def actual_cost_to_date(self) -> Decimal:
        return from_pence(self.sums.actual_cost_to_date)

    @cached_property
    def roster_rest_of_year(self) -> Decimal:
        return from_pence(self.sums.rest_of_year)

    @cached_property
    def planned_rest_of_year(self) -> Decimal:
        return total(self.planned_months)

    @cached_property
    def claimable_year(self) -> Decimal:
        """The whole year's claimable for the roster (no planned posts)."""
        return from_pence(self.sums.claimable_to_date + self.sums.rest_of_year)

    @cached_property
    def forecast(self) -> Decimal:
        return self.claimable_to_date + self.roster_rest_of_year + self.planned_rest_of_year

    @cached_property
    def gp_claimable_to_date(self) -> Decimal:
        return from_pence(self.sums.gp_to_date)

    @cached_property
    def gp_forecast(self) -> Decimal:
        """GP claimable to date + the GP roster's and GP planned posts' rest of the year."""
        return from_pence(self.sums.gp_year) + total(m for m in self.planned_months if m.role_code == GP_ROLE)

    @cached_property
    def gp_pot(self) -> Headroom | None:
        """The ring-fenced GP pot against GP claims, in a year that has one (else None)."""
        if self.entitlement is None or not self.entitlement.has_gp_pot:
            return None
        return Headroom(self.entitlement.gp_amount, self.gp_claimable_to_date, self.gp_forecast)

    @cached_property
    def headroom(self) -> Headroom:
        """The main pot: every role's claims, less the GP claims in a year with a GP pot."""
        amount = self.entitlement.amount if self.entitlement else None
        if self.gp_pot is None:
            return Headroom(amount, self.claimable_to_date, self.forecast)
        return Headroom(amount, self.claimable_to_date - self.gp_claimable_to_date, self.forecast - self.gp_forecast)

    @cached_property
    def estimated_claimable_to_date(self) -> Decimal:
        return from_pence(self.sums.estimated_to_date)

    @cached_property
    def estimated_forecast(self) -> Decimal:
        """The part of the forecast resting on estimated staff records."""
        return from_pence(self.sums.estimated_year)

    def person(self, staff_id: int) -> list[StaffMonth]:
        """A person's month-by-month grid for the year."""
        return [m for m in self.months if m.staff_id == staff_id]

    def claim_months(self) -> Iterator[PersonMonth]:
        """Each roster person's months in post, as the claims ledger reads them."""
        firsts, pounds = self.fy.months(), Pounds()
        for p in self.people:
            for i, c, _ in p.months():
                yield PersonMonth(p.staff_id, p.name, p.role_code, firsts[i], pounds[c])

    def monthly_totals(self) -> list[tuple[date, Decimal, Decimal]]:
        """(month, roster claimable, planned claimable) for each month of the year."""
        planned = _by_month(self.planned_months)
        return [(first, from_pence(roster), total(planned.get(first, ())))
                for first, roster in zip(self.fy.months(), self.sums.by_month)]


def months_ended(fy: FinancialYear, as_of: date) -> int:
    """The months of `fy` that have ended on or before `as_of` (the months to date)."""
    return sum(1 for m in fy.months() if month_last(m) <= as_of)


def roster(staff: Iterable[StaffMember], fy: FinancialYear) -> list[StaffMember]:
    """The roster people in the year, by name then id (the order of the year's months)."""
    return sorted((s for s in staff if s.overlaps(fy.start, fy.end)), key=lambda s: (s.name.lower(), s.id or 0))


def person_of_member(member: StaffMember, fy: FinancialYear, rows: Iterable[StaffMonth]) -> PersonYear:
    """The member's year in brief from their month rows."""
    return person_year(member.id, member.name, member.role_code, member.estimated, fy, rows)


def _wte_on(staff: Iterable[StaffMember], day: date) -> Decimal:
    out = Decimal(0)
    for s in staff:
        if s.in_post_on(day):
            t = s.terms_on(day)
            out += t.wte if t else 0
    return out


def _by_month(rows: Iterable[StaffMonth]) -> dict[date, list[StaffMonth]]:
    out: dict[date, list[StaffMonth]] = {}
    for r in rows:
        out.setdefault(r.month, []).append(r)
    return out


def _by_role(rows: Iterable) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(r.role_code, []).append(r)
    return out


def _role_lines(inputs: ArrsInputs, fy: FinancialYear, as_of: date, sums: YearSums,
                planned_months: list[StaffMonth], open_posts: list[PlannedPost]) -> tuple[RoleLine, ...]:
    day = min(max(as_of, fy.start), fy.end)
    codes = set(sums.by_role) | {m.role_code for m in planned_months} | {p.role_code for p in open_posts}
    planned, posts = _by_role(planned_months), _by_role(open_posts)
    staff = _by_role(s for s in inputs.staff if s.overlaps(fy.start, fy.end))
    lines = []
    order = {r.code: i for i, r in enumerate(inputs.rules.roles)}
    for code in sorted(codes, key=lambda c: (order.get(c, 999), c)):
        people = staff.get(code, [])
        to_date, cost, rest = sums.by_role.get(code, (0, 0, 0))
        lines.append(RoleLine(
            role_code=code,
            role_name=inputs.rules.role_name(code),
            staff=len(people),
            wte=_wte_on([p for p in people if p.arrs_funded], day),
            baseline_wte=_wte_on([p for p in people if not p.arrs_funded], day),
            actual_cost_to_date=from_pence(cost),
            claimable_to_date=from_pence(to_date),
            roster_rest_of_year=from_pence(rest),
            planned_rest_of_year=total(planned.get(code, [])),
            planned_posts=len(posts.get(code, [])),
        ))
    return tuple(lines)


def planned_months(inputs: ArrsInputs, post: PlannedPost, fy: FinancialYear, as_of: date) -> list[StaffMonth]:
    """An open planned post's months in the rest of the year (not before the as-of date)."""
    if not post.is_open:
        return []
    rest = [m for m in fy.months() if month_last(m) > as_of]
    if not rest:
        return []
    member = post.as_member(inputs.rules, not_before=as_of if as_of >= post.expected_start else None)
    return member_year(member, inputs.rules, fy, inputs.zone, months=rest)


def arrs_year(inputs: ArrsInputs, fy: FinancialYear, as_of: date,
              people: Iterable[PersonYear] | None = None) -> ArrsYear:
    """All the year's figures for the roster and planned posts, as of a date; `people`: the roster
    people's years kept from an earlier run (the months are then worked out only if asked for)."""
    months: list[StaffMonth] = []  # by name, then id, then month: the people in that order, each's months in order
    if people is None:
        kept = []
        for member in roster(inputs.staff, fy):
            rows = member_year(member, inputs.rules, fy, inputs.zone)
            months.extend(rows)
            kept.append(person_of_member(member, fy, rows))
    else:
        by_id = {p.staff_id: p for p in people}
        kept = [by_id[member.id] for member in roster(inputs.staff, fy)]
    open_posts = [p for p in inputs.planned if p.is_open]
    planned: list[StaffMonth] = []
    for post in open_posts:
        planned.extend(planned_months(inputs, post, fy, as_of))
    sums = year_sums(kept, months_ended(fy, as_of))
    return ArrsYear(
        fy=fy, as_of=as_of, people=tuple(kept), planned_months=tuple(planned),
        entitlement=inputs.entitlement_for(fy), roles=_role_lines(inputs, fy, as_of, sums, planned, open_posts),
        sums=sums, inputs=inputs, worked_out=tuple(months) if people is None else None,
    )


@dataclass(frozen=True)
class WhatIf:
    """The effect of one more planned post on the year."""

    post: PlannedPost
    months: tuple[StaffMonth, ...]  # the post's own months (rest of the year)
    before: Headroom
    after: Headroom

    @property
    def added(self) -> Decimal:
        return total(self.months)

    @property
    def full_year_cost(self) -> Decimal:
        return total(self.months, "actual_cost")


def what_if(inputs: ArrsInputs, fy: FinancialYear, as_of: date, post: PlannedPost) -> WhatIf:
    """Forecast and headroom without and with `post` (nothing is saved).

    For a post already in `inputs.planned` (same id), "before" leaves it out. A GP post in a
    year with a ring-fenced GP pot is set against the GP pot.
    """
    if post.id is not None:
        inputs = replace(inputs, planned=tuple(p for p in inputs.planned if p.id != post.id))
    year = arrs_year(inputs, fy, as_of)
    candidate = replace(post, status="planned") if not post.is_open else post
    months = planned_months(inputs, candidate, fy, as_of)
    added = total(months)
    # a GP post in a year with a ring-fenced GP pot is measured against that pot
    before = year.gp_pot if candidate.role_code == GP_ROLE and year.gp_pot is not None else year.headroom
    after = Headroom(before.entitlement, before.claimable_to_date, before.forecast + added)
    return WhatIf(candidate, tuple(months), before, after)


"""One roster person's ARRS year in brief: what every year figure needs of their months.

A person's months (claimable.member_year) depend only on them, the rules and the London zone,
so their totals can be kept between runs and only a changed person's worked out again
(store/arrs_totals.py). Everything the year, its role lines, its alerts and its claims add up
is here: per month in post the claimable and actual cost in pence (to the penny, so sums in
pence are exact), and the facts the alerts and notes ask of the months.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from pcntui.domain.claimable import NO_BAND_RATE, NO_RATE, NOT_ELIGIBLE, StaffMonth
from pcntui.domain.entitlement import GP_ROLE
from pcntui.domain.fy import FinancialYear


def month_index(fy: FinancialYear, first: date) -> int:
    """0 for April of `fy` … 11 for March."""
    return (first.year - fy.start.year) * 12 + first.month - fy.start.month


@dataclass(frozen=True)
class PersonYear:
    """A roster person's year (their months in post, each as the month's index in the year)."""

    staff_id: int | None
    name: str
    role_code: str
    estimated: bool
    months: tuple[int, ...] = ()  # in order
    claimable: tuple[int, ...] = ()  # pence, one per month in post
    actual_cost: tuple[int, ...] = ()  # pence, one per month in post
    unconfirmed: bool = False  # a month that claims rests on an unconfirmed maximum
    oncost_default: bool = False  # an ARRS-funded month's on-cost is the default (from the year's rules)
    not_eligible: tuple[int, ...] = ()  # months whose role is not an ARRS role then
    no_rate: tuple[tuple[int, str], ...] = ()  # (month, reason) without a maximum on record

    def as_list(self) -> list:
        return [self.staff_id, self.name, self.role_code, self.estimated, self.months, self.claimable,
                self.actual_cost, self.unconfirmed, self.oncost_default, self.not_eligible, self.no_rate]

    @classmethod
    def of_list(cls, row: Sequence) -> PersonYear:
        return cls(row[0], row[1], row[2], row[3], tuple(row[4]), tuple(row[5]), tuple(row[6]), row[7], row[8],
                   tuple(row[9]), tuple((i, why) for i, why in row[10]))


def person_year(staff_id: int | None, name: str, role_code: str, estimated: bool, fy: FinancialYear,
                rows: Iterable[StaffMonth]) -> PersonYear:
    """The person's year from their month rows (member_year's)."""
    months, claim, cost, not_eligible, no_rate = [], [], [], [], []
    unconfirmed = oncost = False
    for m in rows:
        i = month_index(fy, m.month)
        months.append(i)
        claim.append(int(m.claimable * 100))
        cost.append(int(m.actual_cost * 100))
        if m.arrs_funded:
            unconfirmed = unconfirmed or (not m.reason and not m.rate_confirmed)
            oncost = oncost or m.oncost_default
        if m.reason == NOT_ELIGIBLE:
            not_eligible.append(i)
        elif m.reason in (NO_RATE, NO_BAND_RATE):
            no_rate.append((i, m.reason))
    return PersonYear(staff_id, name, role_code, estimated, tuple(months), tuple(claim), tuple(cost), unconfirmed,
                      oncost, tuple(not_eligible), tuple(no_rate))


class PersonMonth(NamedTuple):
    """A person's month as the claims ledger reconciles it (what it reads of a StaffMonth)."""

    staff_id: int | None
    name: str
    role_code: str
    month: date
    claimable: object  # Decimal


@dataclass(frozen=True)
class YearSums:
    """The roster's totals in pence over `people` with the first `ended` months of the year ended."""

    claimable_to_date: int
    actual_cost_to_date: int
    rest_of_year: int
    gp_to_date: int
    gp_year: int
    estimated_to_date: int
    estimated_year: int
    by_role: dict[str, tuple[int, int, int]]  # role → (claimable to date, actual cost to date, rest of year)
    by_month: tuple[int, ...]  # claimable per month of the year


def year_sums(people: Iterable[PersonYear], ended: int) -> YearSums:
    to_date = cost = rest = gp_to = gp_all = est_to = est_all = 0
    roles: dict[str, list[int]] = {}
    by_month = [0] * 12
    for p in people:
        if not p.months:
            continue
        c_to = c_cost = c_rest = 0
        for i, c, a in zip(p.months, p.claimable, p.actual_cost):
            by_month[i] += c
            if i < ended:
                c_to += c
                c_cost += a
            else:
                c_rest += c
        to_date += c_to
        cost += c_cost
        rest += c_rest
        if p.role_code == GP_ROLE:
            gp_to += c_to
            gp_all += c_to + c_rest
        if p.estimated:
            est_to += c_to
            est_all += c_to + c_rest
        r = roles.setdefault(p.role_code, [0, 0, 0])
        r[0] += c_to
        r[1] += c_cost
        r[2] += c_rest
    return YearSums(to_date, cost, rest, gp_to, gp_all, est_to, est_all, {k: tuple(v) for k, v in roles.items()},
                    tuple(by_month))

"""One roster person's ARRS year in brief: what every year figure needs of their months.

A person's months (claimable.member_year) depend only on them, the rules and the London zone,
so their totals can be kept between runs and only a changed person's worked out again
(store/arrs_totals.py). Everything the year, its role lines, its alerts and its claims add up
is here: per month in post the claimable and actual cost in pence (to the penny, so sums in
pence are exact; months alike in a row kept once, as most are), and the facts the alerts and
notes ask of the months.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
    """A roster person's year: their months in post (by index in the year) as runs of months alike."""

    staff_id: int | None
    name: str
    role_code: str
    estimated: bool
    runs: tuple[tuple[int, int, int, int], ...] = ()  # (first month, months, claimable pence, actual cost pence)
    unconfirmed: bool = False  # a month that claims rests on an unconfirmed maximum
    oncost_default: bool = False  # an ARRS-funded month's on-cost is the default (from the year's rules)
    not_eligible: tuple[int, ...] = ()  # months whose role is not an ARRS role then
    no_rate: tuple[tuple[int, str], ...] = ()  # (month, reason) without a maximum on record

    def months(self) -> Iterator[tuple[int, int, int]]:
        """(month, claimable pence, actual cost pence) of each month in post, in order."""
        for first, n, claim, cost in self.runs:
            for i in range(first, first + n):
                yield i, claim, cost

    def as_list(self) -> list:
        return [self.staff_id, self.name, self.role_code, self.estimated, self.runs, self.unconfirmed,
                self.oncost_default, self.not_eligible, self.no_rate]

    @classmethod
    def of_list(cls, row: Sequence) -> PersonYear:
        return cls(row[0], row[1], row[2], row[3], tuple(map(tuple, row[4])), row[5], row[6], tuple(row[7]),
                   tuple(map(tuple, row[8])))


def person_year(staff_id: int | None, name: str, role_code: str, estimated: bool, fy: FinancialYear,
                rows: Iterable[StaffMonth]) -> PersonYear:
    """The person's year from their month rows (member_year's)."""
    runs: list[list[int]] = []
    not_eligible, no_rate = [], []
    unconfirmed = oncost = False
    for m in rows:
        i, claim, cost = month_index(fy, m.month), int(m.claimable * 100), int(m.actual_cost * 100)
        last = runs[-1] if runs else None
        if last and last[0] + last[1] == i and last[2] == claim and last[3] == cost:
            last[1] += 1
        else:
            runs.append([i, 1, claim, cost])
        if m.arrs_funded:
            unconfirmed = unconfirmed or (not m.reason and not m.rate_confirmed)
            oncost = oncost or m.oncost_default
        if m.reason == NOT_ELIGIBLE:
            not_eligible.append(i)
        elif m.reason in (NO_RATE, NO_BAND_RATE):
            no_rate.append((i, m.reason))
    return PersonYear(staff_id, name, role_code, estimated, tuple(map(tuple, runs)), unconfirmed, oncost,
                      tuple(not_eligible), tuple(no_rate))


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
        if not p.runs:
            continue
        c_to = c_cost = c_rest = 0
        for first, n, claim, each in p.runs:
            for i in range(first, first + n):
                by_month[i] += claim
            done = min(max(ended - first, 0), n)  # of its months, those ended
            c_to += claim * done
            c_cost += each * done
            c_rest += claim * (n - done)
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

"""Recalculation: which ended months a change reaches back into, and by how much.

A rate row with a past effective date (such as the August 2025 pay-award uplift, backdated
to 1 April 2025) or a backdated edit of a person's WTE, salary or dates changes the
claimable of months that have already ended, whose claims may already be in. Given the
claimable per person-month before and after the change (the `StaffMonth` rows of the two
calculations), `recalculation` lists every ended month whose figure moved, person by
person, with the difference: positive is arrears to claim, negative an over-claim.
A person-month on one side only (a start date moved earlier, a leaver's date moved) counts
as £0 on the other. Months not yet ended are left out: nothing has been claimed for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pcntui.domain.claimable import ZERO, StaffMonth
from pcntui.domain.fy import month_last

PersonKey = tuple[str, object]  # ('staff', id), ('planned', id) or ('name', name)


def person_key(m: StaffMonth) -> PersonKey:
    if m.staff_id is not None:
        return ("staff", m.staff_id)
    if m.planned_post_id is not None:
        return ("planned", m.planned_post_id)
    return ("name", m.name)


@dataclass(frozen=True)
class MonthChange:
    """One person's ended month whose claimable moved."""

    person: PersonKey
    name: str
    role_code: str
    month: date  # the 1st
    before: Decimal
    after: Decimal

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass(frozen=True)
class Recalculation:
    """The ended months a change recalculated, person by person."""

    as_of: date
    changes: tuple[MonthChange, ...]  # by month, then name

    @property
    def total(self) -> Decimal:
        """Arrears (positive) or over-claim (negative) over every changed month."""
        return sum((c.difference for c in self.changes), ZERO)

    @property
    def months(self) -> list[date]:
        return sorted({c.month for c in self.changes})

    def by_month(self) -> list[tuple[date, Decimal]]:
        """(month, net difference) for each month that changed, in order."""
        return [(m, sum((c.difference for c in self.changes if c.month == m), ZERO)) for m in self.months]

    def __bool__(self) -> bool:
        return bool(self.changes)


def _index(rows: Iterable[StaffMonth], as_of: date) -> dict[tuple[PersonKey, date], StaffMonth]:
    out: dict[tuple[PersonKey, date], StaffMonth] = {}
    for m in rows:
        if month_last(m.month) <= as_of:
            key = (person_key(m), m.month)
            if key in out:  # a person has one row a month: two means the input is broken
                raise ValueError(f"two rows for {m.name} in {m.month.isoformat()}")
            out[key] = m
    return out


def recalculation(before: Iterable[StaffMonth], after: Iterable[StaffMonth], as_of: date) -> Recalculation:
    """The ended months (last day on or before `as_of`) whose claimable differs after a change."""
    old, new = _index(before, as_of), _index(after, as_of)
    changes = []
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        was = a.claimable if a else ZERO
        now = b.claimable if b else ZERO
        if was != now:
            row = b or a
            changes.append(MonthChange(key[0], row.name, row.role_code, key[1], was, now))
    changes.sort(key=lambda c: (c.month, c.name.lower(), str(c.person)))
    return Recalculation(as_of, tuple(changes))

"""Staff records and planned posts as the front ends look them up (by id, by name or id typed)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pcntui.store import staff as rows

if TYPE_CHECKING:
    from pcntui.domain.fy import FinancialYear
    from pcntui.domain.staff import PlannedPost, StaffMember
    from pcntui.store.staff import RosterLine
    from pcntui.store.tx import Reader


def member_by_id(reader: Reader, staff_id: int) -> StaffMember | None:
    return rows.get_staff(reader, staff_id)


def find_member(reader: Reader, text: str) -> StaffMember:
    """One staff member by id or by name (case-insensitive, unique); UserError naming the problem otherwise."""
    return rows.find_staff(reader, text)


def roster_lines(reader: Reader, as_of: date, *, fy: FinancialYear | None = None,
                 search: str | None = None) -> list[RosterLine]:
    """`pcntui arrs staff`: each person now (or at their end) with their current terms."""
    return rows.roster(reader, as_of, fy=fy, search=search)


def planned_posts(reader: Reader) -> list[PlannedPost]:
    return rows.list_planned(reader)


def everyone(reader: Reader) -> list[StaffMember]:
    """The whole roster, by name."""
    return rows.list_staff(reader)

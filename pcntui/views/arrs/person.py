"""One staff member's months in the year (KIND `arrs-person`, `--id STAFF_ID`): days in post, WTE,
actual cost, cap, claimable, whether the month has ended, the maximum and whether it is confirmed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.errors import UserError
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.arrs import ArrsView
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("month", "Month"),  # 2026-04
    Column("days_in_post", "Days", Kind.INT),
    Column("days_in_month", "Of", Kind.INT),
    Column("wte", "WTE", Kind.WTE),
    Column("actual_cost", "Actual cost", Kind.MONEY),
    Column("max_reimbursable", "Cap", Kind.MONEY),
    Column("claimable", "Claimable", Kind.MONEY),
    Column("to_date", "To date", Kind.BOOL),
    Column("annual_max", "Maximum", Kind.MONEY),
    Column("rate_confirmed", "Confirmed", Kind.BOOL),
    Column("reason", "Note"),
)


def months_of(view: ArrsView, staff_id: int) -> View:
    """The person's months from the year already computed (the screen's one read)."""
    year = view.year
    rows = tuple(Row(x.month.isoformat()[:7], (x.month.strftime("%Y-%m"), x.days_in_post, x.days_in_month, x.wte,
                                                x.actual_cost, x.max_reimbursable, x.claimable,
                                                year.is_to_date(x.month), x.annual_max, x.rate_confirmed, x.reason),
                     tags=frozenset() if year.is_to_date(x.month) else frozenset({"forecast"}))
                 for x in year.person(staff_id))
    return View("arrs-person", f"Staff member {staff_id} {year.fy.label}", COLUMNS, rows)


def person(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-person --id STAFF_ID`."""
    from pcntui.domain.parse import parse_id
    from pcntui.views.arrs.year import arrs_year

    if q.item is None:
        raise UserError("'export arrs-person' is about one staff member: give --id STAFF_ID ('pcntui arrs staff' "
                        "lists the ids).")
    staff_id = parse_id(q.item, "staff id")
    view = arrs_year(reader, q.period)
    if view.inputs.member(staff_id) is None:
        raise UserError(f"There is no staff member with id {staff_id}.")
    return months_of(view, staff_id)

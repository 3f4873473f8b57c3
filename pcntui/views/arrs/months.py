"""The ARRS year as files: every staff member's claim month by month (KIND `arrs`) and the year
by role with the PCN total (KIND `arrs-summary`, the role mix). Columns: docs/arrs.md."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.arrs import ArrsView
    from pcntui.store.tx import Reader

TOTAL = "TOTAL"  # the role of the summary's total row

MONTHS = (
    Column("fy", "Year"), Column("month", "Month", Kind.MONTH), Column("name", "Name", priority=0),
    Column("role", "Role", priority=2), Column("wte", "WTE", Kind.WTE), Column("days_in_post", "Days", Kind.INT),
    Column("actual_cost", "Actual cost", Kind.MONEY), Column("max_reimbursable", "Maximum", Kind.MONEY),
    Column("claimable", "Claimable", Kind.MONEY, priority=0), Column("staff_id", "Id", Kind.INT, screen=False),
    Column("role_code", "Role code", screen=False), Column("days_in_month", "Days in month", Kind.INT),
    Column("fte_salary", "FTE salary", Kind.MONEY), Column("oncost_pct", "On-cost %", Kind.PCT),
    Column("oncost_default", "On-cost default", Kind.BOOL), Column("annual_max", "Annual maximum", Kind.MONEY),
    Column("reimbursement_pct", "Reimbursed %", Kind.PCT), Column("arrs_funded", "ARRS funded", Kind.BOOL),
    Column("rate_confirmed", "Rate confirmed", Kind.BOOL), Column("to_date", "To date", Kind.BOOL),
    Column("reason", "Why nothing"), Column("role_pct", "Role %", Kind.PCT), Column("estimated", "Estimated", Kind.BOOL),
)
ROLES = (
    Column("fy", "Year"), Column("role", "Role", priority=0), Column("role_code", "Role code", screen=False),
    Column("staff", "Staff", Kind.COUNT), Column("wte", "WTE", Kind.WTE),
    Column("actual_cost", "Actual cost to date", Kind.MONEY), Column("claimable", "Claimable to date", Kind.MONEY),
    Column("roster_rest_of_year", "Roster rest of year", Kind.MONEY),
    Column("planned_rest_of_year", "Planned rest of year", Kind.MONEY),
    Column("forecast", "Forecast", Kind.MONEY, priority=0), Column("cap_wte", "Cap WTE", Kind.WTE),
    Column("peak_wte", "Peak WTE", Kind.WTE), Column("over_cap", "Over cap", Kind.BOOL),
    Column("entitlement", "Entitlement", Kind.MONEY), Column("headroom", "Headroom", Kind.MONEY),
    Column("forecast_unclaimed", "Forecast unclaimed", Kind.MONEY),
)


def exact(value: Decimal | None) -> Decimal | None:
    """A WTE or percentage as its plain number (0.80 → 0.8): files write it as held."""
    return None if value is None else value.normalize()


def months_of(view: ArrsView) -> View:
    y = view.year
    rules = view.inputs.rules
    rows = tuple(Row(f"{m.staff_id}|{m.month.isoformat()}|{i}", (
        y.fy.label, m.month, m.name, rules.role_name(m.role_code), exact(m.wte), m.days_in_post, m.actual_cost,
        m.max_reimbursable, m.claimable, m.staff_id, m.role_code, m.days_in_month, m.fte_salary, exact(m.oncost_pct),
        m.oncost_default, m.annual_max, exact(m.reimbursement_pct), m.arrs_funded, m.rate_confirmed,
        y.is_to_date(m.month), m.reason, exact(m.role_pct), m.estimated), opens=str(m.staff_id))
        for i, m in enumerate(y.months))
    return View("arrs", f"ARRS {y.fy.label} month by month", MONTHS, rows)


def roles_of(view: ArrsView) -> View:
    """One row per role, then the PCN's TOTAL row (entitlement, headroom and forecast unclaimed
    are the PCN's, so only the total has them)."""
    y = view.year
    h = y.headroom
    mix = {m.role_code: m for m in view.mix}
    rows = []
    for r in y.roles:
        m = mix.get(r.role_code)
        rows.append(Row(r.role_code, (
            y.fy.label, r.role_name, r.role_code, r.staff, exact(r.wte), r.actual_cost_to_date, r.claimable_to_date,
            r.roster_rest_of_year, r.planned_rest_of_year, r.forecast, exact(m.cap) if m else None,
            exact(m.peak_wte) if m else None, bool(m and m.over_cap), None, None, None)))
    rows.append(Row(TOTAL, (
        y.fy.label, TOTAL, "", sum(r.staff for r in y.roles), exact(sum((r.wte for r in y.roles), Decimal(0))),
        y.actual_cost_to_date, y.claimable_to_date, y.roster_rest_of_year, y.planned_rest_of_year, y.forecast,
        None, None, any(m.over_cap for m in view.mix), h.entitlement, h.headroom, h.forecast_headroom),
        frozenset({"total"})))
    return View("arrs-summary", f"ARRS {y.fy.label} by role", ROLES, tuple(rows))


def _year(reader: Reader, q: ViewQuery) -> ArrsView:
    from pcntui.views.arrs.year import arrs_year

    return arrs_year(reader, q.period)


def arrs(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs`."""
    return months_of(_year(reader, q))


def arrs_summary(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-summary`."""
    return roles_of(_year(reader, q))

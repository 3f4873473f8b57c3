"""The ARRS alerts of the year (KIND `arrs-alerts`): over- and underspend, caps, eligibility,
compliance, planned posts; problems and warnings, as the alerts screen lists them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.arrs import ArrsView
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("fy", "Year", screen=False),
    Column("kind", "Kind", screen=False),
    Column("severity", "Severity"),
    Column("message", "Alert", priority=0),
    Column("staff_id", "Staff", Kind.INT, screen=False),
    Column("role", "Role", screen=False),
    Column("amount", "Amount", Kind.MONEY, screen=False),
)


def alerts_of(view: ArrsView) -> View:
    fy = view.year.fy.label
    rows = tuple(Row(f"{i}:{a.staff_id or ''}", (fy, a.kind, a.severity, a.message, a.staff_id, a.role_code or None,
                                                 a.amount),
                     tags=frozenset({"problem" if a.severity == "problem" else "warning"}),
                     opens=str(a.staff_id) if a.staff_id else None)
                 for i, a in enumerate(view.alerts))
    return View("arrs-alerts", f"ARRS alerts {fy}", COLUMNS, rows)


def alerts(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-alerts`."""
    from pcntui.views.arrs.year import arrs_year

    return alerts_of(arrs_year(reader, q.period))

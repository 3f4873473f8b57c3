"""`smr-capacity`: the roster members who give time to SMRs, with the hours each gives a week
(WTE × hours per WTE week × SMR share, from `Clinician.hours_per_week`) — the capacity screen."""

from __future__ import annotations

from decimal import Decimal

from pcntui.store.smr_capacity import CapacityReport, capacity_report
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

COLUMNS = (
    Column("staff_id", "Id", Kind.INT), Column("name", "Name"), Column("role", "Role"),
    Column("wte", "WTE", Kind.WTE), Column("smr_share_pct", "SMR share %", Kind.PCT),
    Column("hours_per_week", "Hours/week", Kind.DECIMAL), Column("share_set", "Share set", Kind.BOOL),
)


def capacity_view(report: CapacityReport, fy: str) -> View:
    hours_per_wte = report.capacity.hours_per_wte
    rows = tuple(
        Row(str(m.staff_id), (m.staff_id, m.name, m.role, Decimal(f"{m.wte:.2f}"), m.share_pct,
                              Decimal(f"{m.clinician().hours_per_week(hours_per_wte):.2f}"), m.share_set),
            frozenset() if m.share_set else frozenset({"dim"}), opens=str(m.staff_id))
        for m in report.roster)
    return View("smr-capacity", f"SMR capacity {fy}", COLUMNS, rows)


def smr_capacity(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export smr-capacity`."""
    return capacity_view(read_capacity(reader, q), q.period.fy.label)


def read_capacity(reader: Reader, q: ViewQuery) -> CapacityReport:
    """The capacity report itself (the summary above the table, `pcntui smr capacity`)."""
    return capacity_report(reader, q.period)

"""Every alert of every status block (KIND `alerts`, the dashboard's `x`), and the blocks
themselves as the dashboard builds them: one builder that fails does not hide the others."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pcntui.catalog import resolve, status_blocks
from pcntui.errors import UserError
from pcntui.views.base import Column, Row, Span, View, ViewQuery
from pcntui.views.status.base import Alert, Block

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("area", "Area"),
    Column("severity", "Severity"),
    Column("message", "Alert", priority=0),
)


def failed_block(key: str, exc: Exception) -> Block:
    """The block shown in place of one whose builder raised, with a problem alert saying so."""
    text = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
    name = key.upper()
    return Block(key, name, [f"Could not compute: {text}"], None, [Alert(key, "problem", f"{name} block failed: {text}")])


def blocks(reader: Reader, period: Period) -> list[Block]:
    """Every status block in the catalog, in order; a builder that fails gives a block saying so
    (with a problem alert) in its place."""
    found = []
    for kind in status_blocks():
        try:
            found.append(resolve(kind.target)(reader, period))
        except Exception as exc:  # noqa: BLE001 - shown to the user in the block's place
            found.append(failed_block(kind.key, exc))
    return found


def alerts_view(alerts: Iterable[Alert], period: Period) -> View:
    rows = tuple(Row(str(i), (a.area, a.severity, a.message), frozenset({f"severity:{a.severity}"}))
                 for i, a in enumerate(alerts))
    n = len(rows)
    summary = ((Span(f"{n} alert{'s' if n != 1 else ''} for FY {period.fy.label} as of {period.as_of.isoformat()}."),),)
    return View("alerts", f"alerts {period.fy.label}", COLUMNS, rows, summary)


def alerts(reader: Reader, q: ViewQuery) -> View:
    """Every alert of the year, in the order the blocks give them (area, severity, message)."""
    return alerts_view((a for b in blocks(reader, q.period) for a in b.alerts), q.period)

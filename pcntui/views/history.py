"""The history: every action (one undo step each), newest first (KIND `history`, `pcntui history`,
the History screen), and the rows one action changed (KIND `history-action --id N`, its screen)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from pcntui.domain.parse import parse_count, parse_id
from pcntui.errors import UserError
from pcntui.views.base import Column, Kind, Row, Span, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.tx import Reader

HISTORY_LIMIT = 500  # actions listed unless the query's "limit" filter says otherwise
CHANGES_LIMIT = 1000  # changed rows listed for one action
EMPTY = "No changes recorded yet."  # what the CLI and the screen say when there is no action

COLUMNS = (
    Column("action_id", "#", Kind.INT, priority=0),
    Column("when", "When", csv=False),
    Column("at", "At (UTC)", screen=False),
    Column("source", "From"),
    Column("label", "Action", priority=0),
    Column("rows_changed", "Rows", Kind.COUNT),
    Column("status", "State", csv=False),
    Column("state", "State code", screen=False),
    Column("undoes", "Undoes", Kind.INT, screen=False),
)

ACTION_COLUMNS = (
    Column("change_id", "Change", Kind.INT, screen=False),
    Column("table", "Table"),
    Column("row_id", "Row", Kind.INT),
    Column("op", "Op"),
    Column("what", "What", csv=False, priority=0),
    Column("before", "Before", screen=False),
    Column("after", "After", screen=False),
    Column("last_row_id", "Last row", Kind.INT, screen=False),  # a run of rows added: rows row_id…last_row_id
)


def local_time(stamp: str) -> str:
    """`2026-11-23 14:05` in the machine's time zone, from an ISO UTC timestamp."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def history(reader: Reader, q: ViewQuery) -> View:
    """The latest actions (500, or the "limit" filter), newest first, with their state in words."""
    from pcntui.store.lookups import action_count

    limit = parse_count(q.filters["limit"], "--limit", low=1) if "limit" in q.filters else HISTORY_LIMIT
    actions = reader.history(limit)  # an open Store (the history is read under its lock)
    rows = tuple(Row(str(a.id), (a.id, local_time(a.at), a.at, a.source, a.label, a.changes, a.status, a.state,
                                 a.undoes), opens=str(a.id))
                 for a in actions)
    total = action_count(reader)
    summary: list[tuple[Span, ...]] = [(
        Span("Every change to this database, newest first. "), Span("undoes the latest, ", command="undo"),
        Span("redoes; ", command="redo"), Span("shows its rows.", command="open"))]
    if total > len(rows):
        summary.append((Span(f"Showing the latest {len(rows):,} of {total:,} actions.", tag="dim"),))
    return View("history", "History", COLUMNS, rows, tuple(summary))


def what_changed(before: dict | None, after: dict | None) -> str:
    """What changed in one row, in a line: changed fields for updates, the row otherwise."""
    if before is not None and after is not None:
        diffs = [f"{k}: {before.get(k)!s} → {after.get(k)!s}" for k in after if before.get(k) != after.get(k)]
        return "; ".join(diffs) or "(no visible change)"
    row = after if after is not None else before or {}
    return ", ".join(f"{k}={v}" for k, v in row.items() if v is not None)


def action_id_of(q: ViewQuery) -> int:
    if q.item is None:
        raise UserError("Say which action: --id N (its number in 'pcntui history').")
    return parse_id(q.item, "--id")


def history_action(reader: Reader, q: ViewQuery) -> View:
    """The rows action `q.item` changed (the first 1,000), in order; exported with the full
    before/after of each row as JSON. A run of rows an import added is one line (its first row;
    the rows themselves hold the values)."""
    from pcntui.store.lookups import changes_of

    action_id = action_id_of(q)
    a = reader.action_summary(action_id)  # an open Store
    if a is None:
        raise UserError(f"Action #{action_id} is not in this database (see 'pcntui history').")
    total, changes = changes_of(reader, action_id, CHANGES_LIMIT)
    rows = []
    for c in changes:
        if c["last_row_id"] is not None:  # a run of rows added: the rows hold the values
            what = f"rows {c['row_id']}–{c['last_row_id']} added ({c['last_row_id'] - c['row_id'] + 1:,} rows)"
        else:
            what = what_changed(json.loads(c["before"]) if c["before"] else None,
                                json.loads(c["after"]) if c["after"] else None)
        rows.append(Row(str(c["id"]), (c["id"], c["table_name"], c["row_id"], c["op"], what, c["before"], c["after"],
                                       c["last_row_id"])))
    head = (Span(f"#{a.id} {a.label}", tag="b"),)
    detail = f"{local_time(a.at)} from {a.source} · {a.status} · {total:,} rows changed"
    lines = [head, (Span(detail),)]
    if total > len(rows):
        lines.append((Span(f"(showing the first {len(rows):,})", tag="dim"),))
    return View("history-action", f"Action #{a.id}", ACTION_COLUMNS, tuple(rows), tuple(lines))

"""The history section: every action (one undo step each), newest first, and its changes."""

from __future__ import annotations

import json
from datetime import datetime
from typing import ClassVar


from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row

HISTORY_LIMIT = 500
CHANGES_LIMIT = 1000


def local_time(stamp: str) -> str:
    """`2026-11-23 14:05` in the machine's time zone, from an ISO UTC timestamp."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class HistoryScreen(TableScreen):
    SECTION = "history"
    EXPORT_NAME = "history"
    NOUN = ("change", "changes")
    OPENS = True
    EMPTY = "No changes recorded yet."
    HELP = (
        "Every change made to this database, newest first: when, from where (cli or tui), "
        "what, how many rows it wrote and whether it has been undone or redone. Undo reverts the "
        "most recent change still in effect; redo puts back what the last undo reverted, while "
        "nothing else was saved since (undos and redos are changes too, listed here). Nothing before "
        "a forget of the SMR worklist can be undone. Opening an action shows the rows it changed, "
        "before and after."
    )
    COLUMNS: ClassVar = [
        Col("id", "#", numeric=True),
        Col("at", "When"),
        Col("source", "From"),
        Col("label", "Action"),
        Col("changes", "Rows", numeric=True),
        Col("state", "State"),
    ]

    def fetch(self, store: Store, period: Period) -> TableData:
        actions = store.history(limit=HISTORY_LIMIT)
        from pcntui.store.lookups import action_count

        total = action_count(store)
        rows, export = [], {}
        for a in actions:
            key = str(a.id)
            state = a.status
            rows.append(Row(key, [a.id, local_time(a.at), a.source, a.label, a.changes, state],
                            sort=[a.id, a.at, a.source, a.label, a.changes, state]))
            export[key] = [a.id, a.at, a.source, a.label, a.changes, a.state, a.undoes]
        text = (f"Every change to this database, newest first. [b]{key_of('undo')}[/b] undoes the latest, "
                f"[b]{key_of('redo')}[/b] redoes; [b]{key_of('open')}[/b] shows its rows.")
        if total > len(actions):
            text += f"\n[dim]Showing the latest {len(actions)} of {total:,} actions.[/dim]"
        return TableData(text, rows, ["action_id", "at", "source", "label", "rows_changed", "state", "undoes"], export)

    def open_row(self, key: str) -> None:
        self.app.push_screen(ActionScreen(int(key)))


def _summary(before: dict | None, after: dict | None) -> str:
    """What changed in one row, in a line: changed fields for updates, the row otherwise."""
    if before is not None and after is not None:
        diffs = [f"{k}: {before.get(k)!s} → {after.get(k)!s}" for k in after if before.get(k) != after.get(k)]
        return "; ".join(diffs) or "(no visible change)"
    row = after if after is not None else before or {}
    return ", ".join(f"{k}={v}" for k, v in row.items() if v is not None)


class ActionScreen(TableScreen):
    """One action's changes: table, operation, row and what changed."""

    SECTION = "history"
    NOUN = ("row changed", "rows changed")
    EMPTY = "This action changed no rows."
    HELP = (
        "The rows one action wrote: the table, whether a row was added, changed or deleted, "
        "and the values (for a change, each field before → after). Exported, each row carries "
        "the full before/after as JSON."
    )
    COLUMNS: ClassVar = [
        Col("table", "Table"),
        Col("op", "Op"),
        Col("row_id", "Row", numeric=True),
        Col("what", "What"),
    ]

    def __init__(self, action_id: int) -> None:
        super().__init__(crumb=f"Action #{action_id}")
        self.action_id = action_id

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"action-{self.action_id}"

    def fetch(self, store: Store, period: Period) -> TableData:
        a = store.action_summary(self.action_id)
        if a is None:
            return TableData(f"Action #{self.action_id} is not in this database.", [], found=False)
        from pcntui.store.lookups import changes_of

        total, changes = changes_of(store, self.action_id, CHANGES_LIMIT)
        rows, export = [], {}
        for c in changes:
            before = json.loads(c["before"]) if c["before"] else None
            after = json.loads(c["after"]) if c["after"] else None
            key = str(c["id"])
            rows.append(Row(key, [c["table_name"], c["op"], c["row_id"], _summary(before, after)]))
            export[key] = [c["id"], c["table_name"], c["row_id"], c["op"], c["before"], c["after"]]
        text = (
            f"[b]#{a.id} {markup(a.label)}[/b]\n{local_time(a.at)} from {markup(a.source)} · "
            f"{markup(a.status)} · {total:,} rows changed"
        )
        if total > len(changes):
            text += f" [dim](showing the first {len(changes):,})[/dim]"
        return TableData(text, rows, ["change_id", "table", "row_id", "op", "before", "after"], export)

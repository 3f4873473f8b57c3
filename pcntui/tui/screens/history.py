"""The history section: every action (one undo step each), newest first, and its changes
(views/history.py: the views `history` and `history-action`, which `x` writes)."""

from __future__ import annotations

from typing import ClassVar

from pcntui.tui.screens.table import ViewScreen, cols_of
from pcntui.views.history import ACTION_COLUMNS, COLUMNS, EMPTY


class ActionScreen(ViewScreen):
    """One action's changes: table, row, operation and what changed."""

    SECTION = "history"
    VIEW = "history-action"
    GONE = "Action #{item} is not in this database."
    NOUN = ("row changed", "rows changed")
    EMPTY = "This action changed no rows."
    HELP = (
        "The rows one action wrote: the table, whether a row was added, changed or deleted, "
        "and the values (for a change, each field before → after). Exported ('pcntui export "
        "history-action --id N'), each row carries the full before/after as JSON."
    )
    COLUMNS: ClassVar = cols_of(ACTION_COLUMNS)
    CRUMB = "Action #{item}"
    EXPORT_NAME = "action-{item}"


class HistoryScreen(ViewScreen):
    SECTION = "history"
    VIEW = "history"
    NOUN = ("change", "changes")
    EMPTY = EMPTY
    HELP = (
        "Every change made to this database, newest first: when, from where (cli or tui), "
        "what, how many rows it wrote and whether it has been undone or redone. Undo reverts the "
        "most recent change still in effect; redo puts back what the last undo reverted, while "
        "nothing else was saved since (undos and redos are changes too, listed here). Nothing before "
        "a forget of the SMR worklist can be undone. Opening an action shows the rows it changed, "
        "before and after. The CSV export has the columns of 'pcntui export history'."
    )
    COLUMNS: ClassVar = cols_of(COLUMNS)
    ITEM_SCREEN = ActionScreen

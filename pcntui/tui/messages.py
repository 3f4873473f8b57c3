"""Messages that workers post back to the UI thread. Handlers on the App own the state."""

from __future__ import annotations

import sqlite3
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from pcntui.errors import UserError

if TYPE_CHECKING:
    from pcntui.services.safety import ActionSummary
    from pcntui.store import Store


@dataclass
class StoreOpened(Message):
    """The database is open (after start-up, first-run set-up or the demo)."""

    store: Store
    pcn: dict | None
    note: str | None = None
    first: tuple | None = None  # (screen, period, data): the screen on show's data, read as the file opened


@dataclass
class StoreFailed(Message):
    """The database file cannot be used: one sentence for the user."""

    text: str


@dataclass
class UndoAsked(Message):
    """`u` pressed: the action that would be undone (None when there is nothing to undo)."""

    target: ActionSummary | None


@dataclass
class Undone(Message):
    """`u` (or `U`, `redo`) finished: the action reverted (None when there was nothing to revert)."""

    summary: ActionSummary | None
    pcn: dict | None
    _: KW_ONLY
    redo: bool = False


@dataclass
class FileVersion(Message):
    """SQLite's `PRAGMA data_version` for the open file (it moves when another copy commits) and
    the file's data version (Store.version_key: the latest action), which moves only when data
    was saved, not when another copy merely kept a cache."""

    store: Store
    version: int
    key: object


@dataclass
class DataChanged(Message):
    """Something wrote to the database: every screen showing data is stale."""

    note: str | None = None


def describe_error(error: BaseException) -> str:
    """One sentence for any exception a worker raised (never a traceback)."""
    if isinstance(error, UserError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return f"The database could not be used ({error}); nothing was saved half-way."
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}."
    return f"Something went wrong ({type(error).__name__}: {error}); nothing was saved half-way."

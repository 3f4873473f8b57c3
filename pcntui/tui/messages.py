"""Messages that workers post back to the UI thread. Handlers on the App own the state.

Plain Message classes: the App imports these before its first frame, where a plain class is cheap
to make and a dataclass has its methods compiled from source (on a first run, or with
no kept code: pcntui/dataclass_code.py; issue 12, start-up). A screen's or widget's own messages,
made when it is first shown, may be dataclasses (the worklist view's share a base, `Said`)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual.message import Message

from pcntui.errors import UserError

if TYPE_CHECKING:
    from pcntui.services.safety import ActionSummary
    from pcntui.store import Store


class StoreOpened(Message):
    """The database is open (after start-up, first-run set-up or the demo)."""

    def __init__(self, store: Store, pcn: dict | None, note: str | None = None, first: tuple | None = None) -> None:
        super().__init__()
        self.store = store
        self.pcn = pcn
        self.note = note
        self.first = first  # (screen, period, data): the screen on show's data, read as the file opened


class StoreFailed(Message):
    """The database file cannot be used: one sentence for the user."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class UndoAsked(Message):
    """`u` pressed: the action that would be undone (None when there is nothing to undo)."""

    def __init__(self, target: ActionSummary | None) -> None:
        super().__init__()
        self.target = target


class Undone(Message):
    """`u` (or `U`, `redo`) finished: the action reverted (None when there was nothing to revert)."""

    def __init__(self, summary: ActionSummary | None, pcn: dict | None, *, redo: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.pcn = pcn
        self.redo = redo


class FileVersion(Message):
    """SQLite's `PRAGMA data_version` for the open file (it moves when another copy commits) and
    the file's data version (Store.version_key: the latest action), which moves only when data
    was saved, not when another copy merely kept a cache."""

    def __init__(self, store: Store, version: int, key: object) -> None:
        super().__init__()
        self.store = store
        self.version = version
        self.key = key


class DataChanged(Message):
    """Something wrote to the database: every screen showing data is stale."""

    def __init__(self, note: str | None = None) -> None:
        super().__init__()
        self.note = note


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

"""An action being written (`Tx`), what a read takes (`Reader`), and what a bulk write reports.

`Store.action()` yields a `Tx`: the one transaction of one user action. Its reads see its own
writes; its `label` (what the history shows) may be set until it commits, so a service can
name the action after it has validated what it saves; `dry_run` actions are rolled back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import sqlite_utils

Params = Sequence[object] | Mapping[str, object]


def rows_of(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def batches_of(conn: sqlite3.Connection, sql: str, params: Params = (), size: int = 2000,
               lock: object | None = None) -> Iterator[list[tuple]]:
    """The rows of one query, `size` at a time (`fetchmany`), never all in memory; `lock` (the
    store's) is held for each fetch only."""
    hold = lock if lock is not None else _NO_LOCK
    with hold:
        cur = conn.execute(sql, params)
    try:
        while True:
            with hold:
                batch = cur.fetchmany(size)
            if not batch:
                return
            yield batch
    finally:
        cur.close()


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()


def value_of(conn: sqlite3.Connection, sql: str, params: Params = ()) -> object:
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


class Reader(Protocol):
    """What every store read function takes: an open `Store`, or the `Tx` of an action."""

    def query(self, sql: str, params: Params = ()) -> list[dict]: ...

    def scalar(self, sql: str, params: Params = ()) -> object: ...

    def batches(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[list[tuple]]: ...


class Tx:
    """One action in progress: one transaction, one audit entry, one undo step."""

    def __init__(self, db: sqlite_utils.Database, label: str, *, dry_run: bool = False):
        self.db = db
        self.label = label
        self.dry_run = dry_run

    def query(self, sql: str, params: Params = ()) -> list[dict]:
        return rows_of(self.db.conn, sql, params)

    def scalar(self, sql: str, params: Params = ()) -> object:
        return value_of(self.db.conn, sql, params)

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def batches(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[list[tuple]]:
        return batches_of(self.db.conn, sql, params, size)

    @property
    def action_id(self) -> int:
        """The id this action has in the history."""
        return int(self.scalar("SELECT id FROM action WHERE state = 'open'"))


@dataclass
class WriteReport:
    """What a bulk write (an import, a set-up, a seed) changed or, in a dry run, would change."""

    what: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    notes: list[str] | None = None

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        parts = [f"{self.inserted} added", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return f"{self.what}: " + ", ".join(parts) + "."

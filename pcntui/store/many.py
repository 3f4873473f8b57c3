"""Statements for many rows at once, inside the caller's transaction.

SQLite keeps a statement journal for each statement that may change more than one row (one with
triggers or foreign-key actions), holding every page it changes: run once per row, that costs
more than the rows themselves. These put many rows in each statement instead, in their order.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Sequence

ROWS_PER_STATEMENT = 400  # rows per INSERT … VALUES (…), (…), fewer for a table so wide they pass PARAMETERS
PARAMETERS = 32_766  # SQLite's most parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER)


def quoted(name: str) -> str:
    """An SQL identifier in double quotes (any name, quotes in it doubled)."""
    return '"' + name.replace('"', '""') + '"'


def rows_insert(table: str, columns: Sequence[str]) -> Callable[[sqlite3.Connection, Sequence[Sequence[object]]], None]:
    """`insert(conn, rows)`: the rows (values in `columns` order) into `table`, in their order (so
    each gets the rowid SQLite would give it one by one), up to `ROWS_PER_STATEMENT` to a statement."""
    one = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {quoted(table)} ({', '.join(map(quoted, columns))}) VALUES "
    size = max(1, min(ROWS_PER_STATEMENT, PARAMETERS // len(columns)))
    many = head + ", ".join([one] * size)
    flat = itertools.chain.from_iterable

    def insert(conn: sqlite3.Connection, rows: Sequence[Sequence[object]]) -> None:
        whole = len(rows) - len(rows) % size
        conn.executemany(many, (list(flat(rows[i:i + size])) for i in range(0, whole, size)))
        if whole < len(rows):
            conn.execute(head + ", ".join([one] * (len(rows) - whole)), list(flat(rows[whole:])))

    return insert

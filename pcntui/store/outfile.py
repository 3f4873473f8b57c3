"""Write a small, self-contained SQLite file (a share file, a roll-up table) atomically, mode 0600.

The tables are built in a temporary file beside the target, in rollback-journal mode (one
file, nothing beside it once closed), then renamed over the target: a reader never sees half
a file, and an earlier file of the same name is replaced only by a complete one.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from pcntui.store.many import quoted


class Table(NamedTuple):
    """One table to write: `columns` as (name, SQLite type) pairs, then its rows in that order."""

    name: str
    columns: Sequence[tuple[str, str]]
    rows: Iterable[Sequence[object]]


def write_sqlite(out: str | os.PathLike, tables: Sequence[Table], *, application_id: int = 0,
                 user_version: int = 0) -> Path:
    """Write `tables` to a new SQLite file at `out` (replacing it atomically); returns its path."""
    out = Path(out).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.fchmod(fd, 0o600)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN")
            for table in tables:
                cols = ", ".join(f"{quoted(n)} {t}" for n, t in table.columns)
                conn.execute(f"CREATE TABLE {quoted(table.name)} ({cols})")
                marks = ", ".join("?" for _ in table.columns)
                conn.executemany(f"INSERT INTO {quoted(table.name)} VALUES ({marks})", table.rows)
            conn.execute(f"PRAGMA application_id = {int(application_id)}")
            conn.execute(f"PRAGMA user_version = {int(user_version)}")
            conn.execute("COMMIT")
        finally:
            conn.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
        raise
    return out

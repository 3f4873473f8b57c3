"""The share file (`pcntui share --out F`): a PCN's figures for the ICB, no people in it.

An SQLite file with its own `PRAGMA application_id` (`SHARE_APPLICATION_ID`, 'PCNS') and
`PRAGMA user_version` = `SHARE_VERSION`; its tables are described in docs/share.md. This
module writes one (tables given by `pcntui.report.share`) and reads one read-only.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from pcntui.errors import DatabaseFileError
from pcntui.store.outfile import Table, write_sqlite

SHARE_APPLICATION_ID = 0x50434E53  # 'PCNS'
SHARE_VERSION = 1


def write_share(out: str | os.PathLike, tables: Sequence[Table]) -> Path:
    return write_sqlite(out, tables, application_id=SHARE_APPLICATION_ID, user_version=SHARE_VERSION)


def check_share_version(path: Path, version: int) -> None:
    if version > SHARE_VERSION:
        raise DatabaseFileError(f"{path} is a share file from a newer pcntui (share version {version}; this one "
                                f"reads up to {SHARE_VERSION}); upgrade pcntui to read it.")
    if version < 1:
        raise DatabaseFileError(f"{path} is a damaged share file (share version {version}).")


class ShareFile:
    """A share file opened read-only (its connection from `reading.open_reading`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    def __enter__(self) -> ShareFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def header(self) -> dict:
        rows = self._rows("SELECT * FROM share")
        if len(rows) != 1:
            raise DatabaseFileError(f"{self.path} is a damaged share file (no 'share' row).")
        return rows[0]

    def year(self, fy: str) -> dict | None:
        """The `pcn_year` row of financial year `fy` (money in pence), or None."""
        rows = self._rows("SELECT * FROM pcn_year WHERE fy = ?", [fy])
        return rows[0] if rows else None

    def years(self) -> list[str]:
        return [r["fy"] for r in self._rows("SELECT fy FROM pcn_year ORDER BY fy")]

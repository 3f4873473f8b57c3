"""Checks on a database file before anything opens it, and read-only connections.

Stdlib only (no sqlite-utils): `pcntui status` reads its cache through these without loading
the store (store/status_cache.py); `dbfile.open_store` and the roll-up use them too.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from pcntui.errors import DatabaseFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
WAL_FORMAT = 2  # header bytes 18-19: 2 = WAL, 1 = rollback journal


def check_file(path: Path, *, writing: bool) -> bytes:
    """Refuse a file we must not touch, before SQLite ever opens it; returns its header."""
    if path.is_dir():
        raise DatabaseFileError(f"{path} is a folder, not a database file.")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseFileError(f"{path} is not a pcntui database (it is not an SQLite file); it was left untouched.")
    if not writing:
        return header
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise DatabaseFileError(f"{path} is read-only; pcntui needs write permission to open it.")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseFileError(f"The folder {path.parent} is read-only; pcntui needs to write beside the database.")
    return header


def connect_read_only(path: Path, header: bytes) -> sqlite3.Connection:
    """A connection that cannot write. A WAL file that no connection has open (no `-wal` beside
    it) is read as immutable, so SQLite creates no `-wal`/`-shm` files beside it; otherwise
    (someone may be writing it) it is read through its WAL with the `-shm` opened read-only
    (`readonly_shm`): a plain reader would write its read mark into the other copy's `-shm`."""
    wal = header[18] == WAL_FORMAT
    in_use = wal and Path(f"{path}-wal").exists()
    uri = path.absolute().as_uri() + ("?mode=ro&readonly_shm=1" if in_use else "?mode=ro" if not wal
                                      else "?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")
    return conn

"""Open, create, check and migrate the database file.

`open_store(path)` refuses, with one sentence and without changing a byte, a file that is
not SQLite, not a pcntui database, from a newer pcntui, or read-only. A new file is created
with mode 0600. Older schemas are backed up next to the file, then migrated forward inside
one transaction. `mode="ro"` reads a file as it is and never writes to it or beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pcntui.errors import DatabaseFileError
from pcntui.store import audit
from pcntui.store.db import Mode, Store, utc_now, utils_database
from pcntui.store.fileaccess import BUSY_TIMEOUT_MS, check_file, connect_read_only
from pcntui.store.files import remove_leftovers, write_new_copy
from pcntui.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, schema_sql

if TYPE_CHECKING:
    import sqlite_utils



def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (comments and blank lines dropped)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _null(value: None) -> None:
    return None


# NULL bound as ever, but found at once: with no adapter for None, Python's sqlite3 looks for one
# the slow way for every None bound (two attribute look-ups, an error message made and dropped),
# a third of what binding the rows of a 100,000-row worklist import costs.
sqlite3.register_adapter(type(None), _null)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


@cache
def _schema_tables() -> frozenset[str]:
    """The tables schema.sql defines (read once: every open checks them)."""
    return frozenset(re.findall(r"CREATE TABLE IF NOT EXISTS\s+(\w+)", schema_sql()))


def _missing_tables(conn: sqlite3.Connection) -> set[str]:
    """Tables schema.sql defines that the file lacks (e.g. a file written by a pre-release
    build of the same schema version): opening then backs up and re-applies schema.sql."""
    wanted = _schema_tables()
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return wanted - have


def _apply_schema(conn: sqlite3.Connection) -> None:
    for statement in _statements(schema_sql()):
        conn.execute(statement)


@contextmanager
def _schema_change(conn: sqlite3.Connection, note: str, value: str) -> Iterator[sqlite_utils.Database]:
    """One transaction that brings the file to this version's schema: the caller's steps (given the
    database), then schema.sql, the audit triggers, a `meta` note and the version; all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        db = utils_database(conn)
        yield db
        _apply_schema(conn)
        audit.install_triggers(db)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [note, value])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _initialise(conn: sqlite3.Connection) -> None:
    with _schema_change(conn, "created_at", utc_now()):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _migrate(conn: sqlite3.Connection, path: Path, current: int) -> None:
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    backup = write_new_copy(Store(conn, path), path.parent, f"{path.name}.v{current}-{stamp}", ".bak")
    with _schema_change(conn, f"migrated_v{current}_to_v{SCHEMA_VERSION}", f"{utc_now()} backup {backup.name}") as db:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS.get(version)
            if step is not None:
                step(db)


def _check_version(conn: sqlite3.Connection, path: Path, mode: Mode) -> bool:
    """Whether the file must be migrated first (refused, in one sentence, if it must not be used)."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise DatabaseFileError(f"{path} is an SQLite file but not a pcntui database; it was left untouched.")
    if version > SCHEMA_VERSION:
        raise DatabaseFileError(
            f"{path} was written by a newer pcntui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade pcntui to open it."
        )
    old = version < SCHEMA_VERSION or bool(_missing_tables(conn))
    if old and mode == "ro":
        raise DatabaseFileError(
            f"{path} was written by an older pcntui (schema {version}; this one reads {SCHEMA_VERSION}) and is "
            "opened read-only, so it cannot be upgraded; open it once with this pcntui, or ask for a newer copy."
        )
    return old


def open_store(path: str | os.PathLike, *, mode: Mode = "rw", source: Literal["cli", "tui"] = "cli") -> Store:
    """Open the pcntui database at `path`, ready to use.

    `mode`: "rw" an existing file; "create" also a new one (mode 0600); "ro" an existing file
    read as it is (never migrated, never written, nothing created beside it).
    Raises DatabaseFileError, with one sentence, for any file it must not use.
    """
    path = Path(path).expanduser()
    created = False
    if not path.exists():
        if mode != "create":
            raise DatabaseFileError(
                f"There is no pcntui database at {path}; create one with 'pcntui setup' or 'pcntui demo'."
            )
        try:
            _create_file(path)
        except OSError as exc:
            raise DatabaseFileError(f"Cannot create a database at {path}: {exc.strerror}.") from exc
        created = True
        conn = _connect(path)
    else:
        header = check_file(path, writing=mode != "ro")
        conn = connect_read_only(path, header) if mode == "ro" else _connect(path)
    try:
        if created:
            conn.execute("PRAGMA journal_mode = WAL")
            _initialise(conn)
        elif mode == "ro":
            _check_version(conn, path, mode)
        else:
            old = _check_version(conn, path, mode)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if old:
                _migrate(conn, path, conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("PRAGMA foreign_keys = ON")
        if mode != "ro":
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if created:
            path.unlink(missing_ok=True)
        raise DatabaseFileError(f"{path} could not be opened as a pcntui database ({exc}).") from exc
    except BaseException:
        conn.close()
        if created:
            path.unlink(missing_ok=True)
        raise
    if mode != "ro":
        remove_leftovers(path)  # temporary files of a killed restore, demo or backup
    return Store(conn, path, source=source, mode="ro" if mode == "ro" else "rw")

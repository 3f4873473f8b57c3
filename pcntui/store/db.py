"""Open, create, check and migrate the database file; one transaction per user action.

`open_store(path)` refuses, with one sentence and without changing a byte, a file that is
not SQLite, not a pcntui database, from a newer pcntui, or read-only. A new file is created
with mode 0600. Older schemas are backed up next to the file, then migrated forward inside
one transaction.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from pcntui.errors import ConflictError, DatabaseFileError, UserError
from pcntui.store import audit
from pcntui.store.files import BACKUP_TEMP, remove_leftovers, write_new_copy
from pcntui.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, schema_sql

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


def _check_file(path: Path) -> None:
    """Refuse a file we must not touch, before SQLite ever opens it."""
    if path.is_dir():
        raise DatabaseFileError(f"{path} is a folder, not a database file.")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseFileError(f"{path} is not a pcntui database (it is not an SQLite file); it was left untouched.")
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise DatabaseFileError(f"{path} is read-only; pcntui needs write permission to open it.")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseFileError(f"The folder {path.parent} is read-only; pcntui needs to write beside the database.")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


class _NothingToRevert(Exception):
    """Rolls back an undo or redo that found nothing to revert."""


class Store:
    """An open pcntui database. Writes go through `action()`; reads through `db` or `query()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, source: str = "cli"):
        self.path = path
        self.source = source
        self.db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
        self.conn = conn
        self.lock = threading.RLock()
        # Run once, just before the first action (e.g. the day's backup); set by the caller.
        self.before_first_write: list[Callable[[Store], None]] = []

    # ------------------------------------------------------------------ reading
    def query(self, sql: str, params: list | tuple | dict = ()) -> list[dict]:
        with self.lock:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: list | tuple | dict = ()):
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
            return row[0] if row else None

    # ------------------------------------------------------------------ writing
    @contextmanager
    def action(self, label: str, *, kind: str = "do") -> Iterator[sqlite_utils.Database]:
        """One user action: one transaction, one audit entry, one undo step."""
        with self.lock:
            if kind == "forget":  # erasing patient data must not first copy it into a new backup
                self.before_first_write.clear()
            while self.before_first_write:
                self.before_first_write.pop(0)(self)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise UserError("The database is busy (another pcntui is saving); try again in a moment.") from exc
            try:
                self.conn.execute(
                    "INSERT INTO action(label, at, source, state, kind) VALUES (?, ?, ?, 'open', ?)",
                    [label, utc_now(), self.source, kind],
                )
                yield self.db
                # An action that changed nothing leaves no trace (and no empty undo step).
                self.conn.execute(
                    "DELETE FROM action WHERE state = 'open' AND kind = 'do' "
                    "AND NOT EXISTS (SELECT 1 FROM change WHERE change.action_id = action.id)"
                )
                self.conn.execute("UPDATE action SET state = 'done' WHERE state = 'open'")
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def undo(self, expected_id: int | None = None) -> audit.ActionSummary | None:
        """Revert the most recent change still in effect; None when there is nothing to undo.

        The target is read inside the write transaction, so a save by another copy of pcntui
        just before is never skipped. `expected_id`: the action the user was shown (and agreed
        to undo); if another is the latest now, nothing is undone (ConflictError).
        """
        return self._revert_latest("undo", audit.undo_target, expected_id)

    def redo(self) -> audit.ActionSummary | None:
        """Re-apply what the latest undo reverted (if nothing was saved since); None when there
        is nothing to redo. Returns the undo that was reverted."""
        return self._revert_latest("redo", audit.redo_target, None)

    def _revert_latest(self, kind: str, find, expected_id: int | None) -> audit.ActionSummary | None:
        with self.lock:
            try:
                with self.action(kind.capitalize(), kind=kind):
                    target = find(self.db)
                    if target is None:
                        raise _NothingToRevert
                    if expected_id is not None and target.id != expected_id:
                        raise ConflictError(f"The latest change is no longer the one shown (another pcntui saved "
                                            f"since); nothing was {kind}ne.")
                    self.conn.execute("UPDATE action SET label = ?, undoes = ? WHERE state = 'open'",
                                      [f"{kind.capitalize()}: {target.subject}", target.id])
                    audit.revert(self.db, target, kind)
            except _NothingToRevert:
                return None
            return target

    def undo_target(self) -> audit.ActionSummary | None:
        """What `undo` would revert now (to show or ask first); see `audit.undo_target`."""
        with self.lock:
            return audit.undo_target(self.db)

    def redo_target(self) -> audit.ActionSummary | None:
        with self.lock:
            return audit.redo_target(self.db)

    def history(self, limit: int = 500) -> list[audit.ActionSummary]:
        with self.lock:
            return audit.history(self.db, limit)

    def action_summary(self, action_id: int) -> audit.ActionSummary | None:
        with self.lock:
            return audit.summary(self.db, action_id)

    # ------------------------------------------------------------------ safety
    def backup(self, out: Path) -> Path:
        """A consistent online copy (SQLite backup API), written atomically with mode 0600."""
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{BACKUP_TEMP}{os.getpid()}-", dir=out.parent)
        os.close(fd)
        os.chmod(tmp, 0o600)
        try:
            dest = sqlite3.connect(tmp)
            with self.lock:
                self.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            dest.close()
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return out

    def check(self) -> list[str]:
        """Integrity and foreign-key problems, as sentences; empty when the file is sound."""
        problems = []
        with self.lock:
            for (result,) in self.conn.execute("PRAGMA integrity_check").fetchall():
                if result != "ok":
                    problems.append(f"Integrity: {result}")
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"Table {table} row {rowid} points to a missing {parent} record.")
        return problems

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _missing_tables(conn: sqlite3.Connection) -> set[str]:
    """Tables schema.sql defines that the file lacks (e.g. a file written by a pre-release
    build of the same schema version): opening then backs up and re-applies schema.sql."""
    wanted = set(re.findall(r"CREATE TABLE IF NOT EXISTS\s+(\w+)", schema_sql()))
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return wanted - have


def _apply_schema(conn: sqlite3.Connection) -> None:
    for statement in _statements(schema_sql()):
        conn.execute(statement)


def _initialise(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _apply_schema(conn)
        db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
        audit.install_triggers(db)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('created_at', ?)", [utc_now()])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _migrate(conn: sqlite3.Connection, path: Path, current: int) -> None:
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    backup = write_new_copy(Store(conn, path), path.parent, f"{path.name}.v{current}-{stamp}", ".bak")
    conn.execute("BEGIN IMMEDIATE")
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            step = MIGRATIONS.get(version)
            if step is not None:
                step(db)
        _apply_schema(conn)
        audit.install_triggers(db)
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            [f"migrated_v{current}_to_v{SCHEMA_VERSION}", f"{utc_now()} backup {backup.name}"],
        )
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_store(path: str | os.PathLike, *, create: bool = False, source: str = "cli") -> Store:
    """Open the pcntui database at `path` (creating it if `create`), ready to use.

    Raises DatabaseFileError, with one sentence, for any file it must not use.
    """
    path = Path(path).expanduser()
    created = False
    if not path.exists():
        if not create:
            raise DatabaseFileError(
                f"There is no pcntui database at {path}; create one with 'pcntui setup' or 'pcntui demo'."
            )
        try:
            _create_file(path)
        except OSError as exc:
            raise DatabaseFileError(f"Cannot create a database at {path}: {exc.strerror}.") from exc
        created = True
    else:
        _check_file(path)
    conn = _connect(path)
    try:
        if created:
            conn.execute("PRAGMA journal_mode = WAL")
            _initialise(conn)
        else:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DatabaseFileError(f"{path} is an SQLite file but not a pcntui database; it was left untouched.")
            if version > SCHEMA_VERSION:
                raise DatabaseFileError(
                    f"{path} was written by a newer pcntui (schema {version}; this one reads up to "
                    f"{SCHEMA_VERSION}); upgrade pcntui to open it."
                )
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION or _missing_tables(conn):
                _migrate(conn, path, version)
        conn.execute("PRAGMA foreign_keys = ON")
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
    remove_leftovers(path)  # temporary files of a killed restore, demo or backup
    return Store(conn, path, source=source)

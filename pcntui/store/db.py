"""An open pcntui database (`Store`): reads, one transaction per user action, undo and redo.

`pcntui.store.open_store` opens one (see `store/dbfile.py`). A Store is a context manager:
`with open_store(path) as store:` closes it however the block ends.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from pcntui import __version__
from pcntui.errors import ConflictError, UserError
from pcntui.store import audit, derived, schema
from pcntui.store.files import BACKUP_TEMP
from pcntui.store.tx import Params, Tx, batches_of, rows_of, value_of

if TYPE_CHECKING:
    import sqlite_utils

Mode = Literal["rw", "create", "ro"]  # "ro": never migrates, never writes (reading others' files)


def utils_database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over `conn`, for writing (loaded only then: reading needs none of it)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class VersionKey(NamedTuple):
    """Changes whenever what the file holds may have changed: a cache of figures keys on it."""

    schema: int  # PRAGMA user_version
    program: str  # the pcntui version (rules ship with the program)
    last_action: int  # the newest action's id (every change is an action; undo and redo too)
    last_at: str  # and when it was taken: after a restore, the next action reuses an id the cache may hold
    created_at: str  # the file's own stamp: a restored copy of another file is another file


class _NothingToRevert(Exception):
    """Rolls back an undo or redo that found nothing to revert."""


class Store:
    """An open pcntui database. Writes go through `action()`; reads through `query()`/`scalar()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, source: str = "cli", mode: Mode = "rw"):
        self.path = path
        self.source = source
        self.mode = mode
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.lock = threading.RLock()
        # Run once, just before the first action (e.g. the day's backup); set by the caller.
        self.before_first_write: list[Callable[[Store], None]] = []
        # Run once the connection is closed (e.g. removing a temporary migrated copy).
        self.after_close: list[Callable[[], None]] = []

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, made on first use (a read needs none of it)."""
        if self._db is None:
            self._db = utils_database(self.conn)
        return self._db

    # ------------------------------------------------------------------ reading
    def query(self, sql: str, params: Params = ()) -> list[dict]:
        with self.lock:
            return rows_of(self.conn, sql, params)

    def scalar(self, sql: str, params: Params = ()):
        with self.lock:
            return value_of(self.conn, sql, params)

    def batches(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[list[tuple]]:
        """One query's rows as tuples, `size` at a time (a streamed export: constant memory)."""
        return batches_of(self.conn, sql, params, size, self.lock)

    def data_version(self) -> int:
        """A number that changes when another connection (another copy of pcntui) commits."""
        return int(self.scalar("PRAGMA data_version"))

    def version_key(self) -> VersionKey:
        with self.lock:
            last = self.conn.execute("SELECT id, at FROM action ORDER BY id DESC LIMIT 1").fetchone()
            return VersionKey(
                int(self.scalar("PRAGMA user_version")),
                __version__,
                int(last[0]) if last else 0,
                str(last[1]) if last else "",
                str(self.scalar("SELECT value FROM meta WHERE key = 'created_at'") or ""),
            )

    # ------------------------------------------------------------------ writing
    @contextmanager
    def action(self, label: str = "", *, kind: str = "do", dry_run: bool = False) -> Iterator[Tx]:
        """One user action: one transaction, one audit entry, one undo step.

        `label` may be given later through `tx.label` (it must be set before the action commits).
        `dry_run`: everything runs, then is rolled back (nothing is saved, no backup is made first).
        `kind` "forget" erases patient data: no backup of it is made first.
        """
        if self.mode == "ro":
            raise UserError(f"{self.path} is open read-only; nothing can be saved in it.")
        with self.lock:
            if kind == "forget":  # erasing patient data must not first copy it into a new backup
                self.before_first_write.clear()
            while self.before_first_write and not dry_run:
                self.before_first_write.pop(0)(self)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise UserError("The database is busy (another pcntui is saving); try again in a moment.") from exc
            try:
                self._same_schema()
                self.conn.execute(
                    "INSERT INTO action(label, at, source, state, kind) VALUES (?, ?, ?, 'open', ?)",
                    [label, utc_now(), self.source, kind],
                )
                tx = Tx(self.db, label, dry_run=dry_run)
                yield tx
                if dry_run:
                    self.conn.execute("ROLLBACK")
                    return
                if not tx.label:
                    raise ValueError("An action needs a label (tx.label) before it is saved.")
                if tx.label != label:
                    self.conn.execute("UPDATE action SET label = ? WHERE state = 'open'", [tx.label])
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

    def _same_schema(self) -> None:
        """UserError if the file's schema is no longer the one this code writes (read in the write
        transaction): a newer pcntui upgraded it while this one had it open (written as this code
        would write it, a column the newer one keeps would be left stale), or it was replaced by an
        older file outside pcntui. Nothing is written."""
        version, writes = self.conn.execute("PRAGMA user_version").fetchone()[0], schema.SCHEMA_VERSION
        if version > writes:
            raise UserError(f"{self.path} was upgraded by a newer pcntui (schema {version}; this one writes "
                            f"{writes}) while this one had it open, so nothing was saved; close this pcntui "
                            "and use the newer one.")
        if version < writes:
            raise UserError(f"{self.path} was replaced by a file of an older pcntui (schema {version}) while "
                            "this one had it open, so nothing was saved; close pcntui and open the file again to "
                            "upgrade it.")

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
                with self.action(kind.capitalize(), kind=kind) as tx:
                    target = find(tx.db)
                    if target is None:
                        raise _NothingToRevert
                    if expected_id is not None and target.id != expected_id:
                        raise ConflictError(f"The latest change is no longer the one shown (another pcntui saved "
                                            f"since); nothing was {kind}ne.")
                    tx.label = f"{kind.capitalize()}: {target.subject}"
                    tx.execute("UPDATE action SET undoes = ? WHERE state = 'open'", [target.id])
                    audit.revert(tx.db, target, kind)
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
        import tempfile

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
        """Integrity and foreign-key problems, as sentences; empty when the file is sound. Derived
        values (store/derived.py) that disagree with their source are put right (when writable) and said."""
        problems = []
        with self.lock:
            for (result,) in self.conn.execute("PRAGMA integrity_check").fetchall():
                if result != "ok":
                    problems.append(f"Integrity: {result}")
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"Table {table} row {rowid} points to a missing {parent} record.")
            stale = derived.disagreeing(self.conn) if not problems else 0  # (nothing written to an unsound file)
        if stale:
            said = f"{stale:,} SMR worklist patients' cohorts kept on their rows differed from their cohort links " \
                   "(changed outside pcntui, or by an older pcntui that had the file open when it was upgraded)"
            if self.mode == "ro":
                problems.append(f"{said}; open the file writable and check again to put them right.")
            else:
                with self.action("Put right the worklist's kept cohorts") as tx:
                    derived.fill(tx.db.conn)
                problems.append(f"{said}; put right from the links.")
        return problems

    def close(self) -> None:
        with self.lock:
            self.conn.close()
        while self.after_close:
            self.after_close.pop(0)()

"""Restoring a backup: copied into the live database in place, through SQLite.

The file is never swapped or deleted: SQLite's online backup API writes the backup's pages
into the database through a connection to it, as one write transaction. Every copy of
pcntui that has the file open keeps the same file, sees the change (`PRAGMA data_version`
moves) and goes on saving into it. A database another copy is writing to is waited for
(the busy timeout), then refused. What the restore replaces is kept first, in the backups
folder, under a new name, copied while the restore holds the write lock so nothing saved in
between can be missed.

The backup is first copied to a private staging file (mode 0600 from its first byte),
opened there (an older schema is migrated there, not in the user's file) and checked.
Errors name the files the user gave, never the staging copy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pcntui.errors import DatabaseFileError, UserError
from pcntui.store.backup import make_backup
from pcntui.store.db import Store
from pcntui.store.dbfile import BUSY_TIMEOUT_MS, open_store
from pcntui.store.files import link_into, real_path, restore_prefix

SQLITE_BUSY, SQLITE_LOCKED = 5, 6


@dataclass(frozen=True)
class Restored:
    target: Path  # the database, as the user named it
    source: Path  # the backup restored from
    kept: Path | None  # the copy of what the restore replaced (None: there was no database)


class _Busy(Exception):
    """The database stayed locked by another writer for the whole busy timeout."""


def restore(target: str | os.PathLike, source: str | os.PathLike, *, store: Store | None = None,
            kept_kind: str = "before-restore") -> Restored:
    """Make the database at `target` (or the open `store`) hold what the backup `source` holds.

    Raises UserError with one sentence, the database unchanged, when it cannot.
    """
    target, source = Path(target).expanduser(), Path(source).expanduser()
    _check_source(source)
    real = real_path(target)
    if not real.parent.is_dir():
        folder = real.parent if target.is_symlink() else target.parent
        raise UserError(f"Cannot restore to {target}: the folder {folder} does not exist.")
    live = store if store is not None else (open_store(target) if real.exists() else None)
    try:
        staging = _stage(source, target, real)
        try:
            if live is None:
                _install_new(staging, target, real)
                return Restored(target, source, None)
            return Restored(target, source, _copy_in(staging, live, target, kept_kind))
        finally:
            staging.close()
            _remove_staging(staging.path)
    finally:
        if live is not None and live is not store:
            live.close()


def _check_source(source: Path) -> None:
    if source.is_dir():
        raise UserError(f"{source} is a folder, not a backup file; nothing was restored.")
    if not source.is_file():
        raise UserError(f"There is no file {source}; nothing was restored.")
    wal = Path(f"{source}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        raise UserError(f"{source} has changes in {wal.name} that are not in the file yet (is pcntui using it?); "
                        f"copy it with 'pcntui backup --db {source}' and restore that copy.")


def _stage(source: Path, target: Path, real: Path) -> Store:
    """A private, checked copy of the backup beside the database (migrated if older)."""
    try:
        fd, name = tempfile.mkstemp(prefix=restore_prefix(real), dir=real.parent)  # 0600, O_EXCL
    except OSError as exc:
        raise UserError(f"Cannot restore to {target}: {exc.strerror} ({real.parent}).") from exc
    staging = Path(name)
    try:
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
        except OSError as exc:
            raise UserError(f"Cannot restore {source} to {target}: {exc.strerror}.") from exc
        try:
            store = open_store(staging)
        except DatabaseFileError as exc:
            raise UserError(str(exc).replace(str(staging), str(source))) from None
        try:
            problems = store.check()
        except sqlite3.DatabaseError as exc:
            store.close()
            raise UserError(f"{source} is damaged ({exc}); nothing was restored.") from None
        if problems:
            store.close()
            raise UserError(f"{source} failed the integrity check ({problems[0]}); nothing was restored.")
        return store
    except BaseException:
        _remove_staging(staging)
        raise


def _copy_in(staging: Store, live: Store, target: Path, kept_kind: str) -> Path:
    """The backup API from the staging copy into the live connection, in steps.

    After the first step the live file is locked for writing until the copy commits; the
    progress callback then keeps a copy of what the file holds (read through a separate
    connection, which still sees the last commit). A step is at most a quarter of the pages,
    so the first one never finishes the copy. A busy step — another writer kept the lock for
    the whole busy timeout — aborts the copy, which rolls back.
    """
    kept: list[Path] = []

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (SQLITE_BUSY, SQLITE_LOCKED):
            raise _Busy
        if not kept:
            kept.append(_keep(live.path, kept_kind))

    with live.lock:
        try:
            step = max(1, min(1024, staging.scalar("PRAGMA page_count") // 4))
            staging.conn.backup(live.conn, pages=step, progress=progress)
        except _Busy:
            raise UserError(f"{target} is busy (another pcntui is saving to it); nothing was restored: "
                            "try again when it has finished.") from None
        except OSError as exc:
            raise UserError(f"Nothing was restored: the copy of {target} could not be kept ({exc.strerror}).") from exc
    return kept[0]


def _keep(db_file: Path, kind: str) -> Path:
    conn = sqlite3.connect(str(db_file), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return make_backup(Store(conn, db_file), kind)
    finally:
        conn.close()


def _install_new(staging: Store, target: Path, real: Path) -> None:
    """No database yet: the checked copy becomes it (never replacing a file that appeared)."""
    staging.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    staging.close()
    if not link_into(staging.path, real):
        raise UserError(f"{target} appeared while restoring; nothing was restored (run the restore again).")


def _remove_staging(staging: Path) -> None:
    """The staging copy and everything named after it (its -wal, -shm and migration backup)."""
    for entry in os.scandir(staging.parent):
        if entry.name.startswith(staging.name):
            Path(entry.path).unlink(missing_ok=True)

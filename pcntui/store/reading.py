"""Reading other people's files for the ICB roll-up: find them, open each read-only.

Nothing here writes to a file it reads, or beside it: pcntui files are opened with
`open_store(mode="ro")` (no migration, no `-wal`/`-shm` created, the other copy's `-shm` opened
read-only); a file written by an older pcntui is read from a migrated copy in a private
temporary folder, removed when the store is closed; a share file is opened the same
read-only way. A file that cannot be read raises DatabaseFileError with one sentence.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pcntui.domain.fy import FinancialYear
from pcntui.errors import DatabaseFileError
from pcntui.store.db import Store
from pcntui.store.dbfile import check_file, connect_read_only, open_store
from pcntui.store.schema import APPLICATION_ID, SCHEMA_VERSION
from pcntui.store.share_file import SHARE_APPLICATION_ID, ShareFile, check_share_version
from pcntui.store.tx import Reader

COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database: never read as one
MAX_YEARS = 10  # a share file holds at most this many years (the latest)


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files named, and those in the folders named (not their sub-folders; hidden files and
    SQLite's `-wal`/`-shm`/`-journal` files left out), each once; and (path, reason) for each
    path that names nothing readable."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for given in paths:
        p = Path(given).expanduser()
        if p.is_dir():
            for child in sorted(p.iterdir()):
                if not child.name.startswith(".") and not child.name.endswith(COMPANIONS) and child.is_file():
                    add(child)
        elif p.is_file():
            add(p)
        elif p.exists():
            skipped.append((str(given), "it is neither a file nor a folder"))
        else:
            skipped.append((str(given), "there is no such file or folder"))
    return files, skipped


def open_reading(path: str | os.PathLike) -> Store | ShareFile:
    """A pcntui file as a read-only Store, or a share file; DatabaseFileError for anything else."""
    path = Path(path)
    header = check_file(path, writing=False)
    conn = connect_read_only(path, header)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseFileError(f"{path} could not be read as an SQLite file ({exc}).") from exc
    if app_id == SHARE_APPLICATION_ID:
        try:
            check_share_version(path, version)
        except DatabaseFileError:
            conn.close()
            raise
        return ShareFile(conn, path)
    conn.close()
    if app_id == APPLICATION_ID and version < SCHEMA_VERSION:
        return _migrated_copy(path, header, version)
    return open_store(path, mode="ro")


def _migrated_copy(path: Path, header: bytes, version: int) -> Store:
    """An older pcntui file, read from a copy brought up to date in a private temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="pcntui-read-"))
    copy = folder / "copy.db"
    try:
        source = connect_read_only(path, header)
        try:
            target = sqlite3.connect(copy)
            source.backup(target)
            target.close()
        finally:
            source.close()
        os.chmod(copy, 0o600)
        open_store(copy, mode="rw").close()  # migrates the copy (its backup goes in the folder too)
        store = open_store(copy, mode="ro")
    except (sqlite3.DatabaseError, DatabaseFileError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise DatabaseFileError(f"{path} was written by an older pcntui (schema {version}) and a copy of it could "
                                f"not be brought up to date ({exc}).") from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.after_close.append(lambda: shutil.rmtree(folder, ignore_errors=True))
    return store


def years_with_data(reader: Reader, as_of: date) -> list[FinancialYear]:
    """The financial years a file holds figures for: from the earliest year with an entitlement,
    SMR counts or claims up to the year of `as_of` (and any later year with an entitlement
    set), at most MAX_YEARS, the latest kept. (Staff start dates do not count: a long-serving
    member of staff does not make the years before the PCN used pcntui into years with figures.)"""
    found = reader.query(
        "SELECT min(d) AS first, max(e) AS last FROM ("
        " SELECT substr(fy, 1, 4) || '-04-01' AS d, substr(fy, 1, 4) || '-04-01' AS e FROM arrs_entitlement"
        " UNION ALL SELECT min(as_of), NULL FROM smr_count"
        " UNION ALL SELECT min(month) || '-01', NULL FROM arrs_claim)")[0]
    now = FinancialYear.of(as_of)
    first = FinancialYear.of(date.fromisoformat(found["first"])) if found["first"] else now
    last = max(now, FinancialYear.of(date.fromisoformat(found["last"]))) if found["last"] else now
    years = [FinancialYear(y) for y in range(min(first, now).start_year, last.start_year + 1)]
    return years[-MAX_YEARS:]

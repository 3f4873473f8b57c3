"""Backups in `NAME-backups/` beside the database: made on request, each day, before big imports.

File names say what each copy is: `STEM-KIND-YYYYMMDD-HHMMSS.db` (a `-2`, `-3` … is added
rather than ever replacing a file). Daily copies are thinned like restic's keep-daily 7 /
keep-weekly 4: the newest copy of each of the last 7 days that have one, and of each of the
last 4 weeks. Copies made before an import: the newest 10. Copies made by `pcntui backup`
and before a restore are never removed by pcntui.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pcntui.errors import UserError
from pcntui.store.db import Store
from pcntui.store.files import backups_folder, cloud_service, real_path, write_new_copy

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_IMPORT = 10
LARGE_IMPORT_ROWS = 1000  # an import of this many rows or more is backed up first
RULE_IMPORTS = {"rates", "rules"}  # imports that replace rule tables: always backed up first
CLOUD_WARNED = "cloud_sync_warned"  # meta key: the cloud-folder warning was shown

KINDS = {  # kind in the file name → why the copy was made
    "daily": "daily",
    "backup": "pcntui backup",
    "before-restore": "before a restore",
    "before-import": "before an import",
    "before-demo": "before the demo",
}
_NAME = re.compile(r"^(?P<stem>.*)-(?P<kind>" + "|".join(KINDS) + r")-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.db$")


@dataclass(frozen=True)
class Backup:
    """One copy in the backups folder: what it is, when it was made and its size."""

    path: Path
    kind: str  # one of KINDS, or "copy" for any other .db file in the folder
    made: datetime  # local time, from the name (else the file's modification time)
    size: int  # bytes

    @property
    def why(self) -> str:
        return KINDS.get(self.kind, "a copy")

    @property
    def size_text(self) -> str:
        return f"{self.size / 1024:,.0f} KB" if self.size < 1024 * 1024 else f"{self.size / 1024 / 1024:,.1f} MB"


def now() -> datetime:
    return datetime.now()


def stamp_time(stamp: str) -> datetime:
    """A name's `YYYYMMDD-HHMMSS` as a time (ValueError, as strptime's, for one that is no date),
    read without `datetime.strptime`, whose first call in a process imports and sets up `_strptime`
    (a millisecond or two of every start-up's daily-backup check; issue 12)."""
    return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]),
                    int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]))


def _named(name: str) -> tuple[datetime, str] | None:
    """(time, kind) a backup's name says; None for any other name, one whose stamp is no date
    included (`x-daily-20260230-120000.db`: a file of the user's, listed as a copy, never pruned)."""
    m = _NAME.match(name)
    if m is None:
        return None
    try:
        return stamp_time(m["stamp"]), m["kind"]
    except ValueError:
        return None


def list_backups(db_file: Path) -> list[Backup]:
    """The copies in the database's backups folder, newest first (none when there is no folder)."""
    folder = backups_folder(db_file)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.name.startswith(".") or path.suffix != ".db" or not path.is_file():
            continue
        stat = path.stat()
        made, kind = _named(path.name) or (datetime.fromtimestamp(stat.st_mtime), "copy")
        found.append((made, stat.st_mtime_ns, Backup(path, kind, made, stat.st_size)))
    return [b for *_, b in sorted(found, key=lambda f: f[:2], reverse=True)]


def make_backup(store: Store, kind: str, when: datetime | None = None, folder: Path | None = None) -> Path:
    """A consistent copy of `store`, mode 0600, under a new name in `folder` (default: its
    backups folder, made 0700)."""
    when = when or now()
    stem = f"{real_path(store.path).stem}-{kind}-{when:%Y%m%d-%H%M%S}"
    with store.lock:
        return write_new_copy(store, folder or backups_folder(store.path), stem)


def _thin(backups: list[Backup]) -> list[Backup]:
    """The daily copies to remove: all but the newest of each of the last 7 days and 4 weeks."""
    daily = [b for b in backups if b.kind == "daily"]  # newest first
    days: dict[object, Backup] = {}
    weeks: dict[object, Backup] = {}
    for b in daily:
        days.setdefault(b.made.date(), b)
        weeks.setdefault(b.made.isocalendar()[:2], b)
    keep = {b.path for b in list(days.values())[:KEEP_DAILY]} | {b.path for b in list(weeks.values())[:KEEP_WEEKLY]}
    return [b for b in daily if b.path not in keep]


def prune(db_file: Path) -> list[Path]:
    """Remove the daily copies past their keep and all but the newest 10 pre-import copies: of this
    database's own copies only (named from its stem); any other file in the folder is the user's."""
    stem = real_path(db_file).stem
    backups = [b for b in list_backups(db_file) if (m := _NAME.match(b.path.name)) and m["stem"] == stem]
    before_import = [b for b in backups if b.kind == "before-import"][KEEP_BEFORE_IMPORT:]
    removed = []
    for b in _thin(backups) + before_import:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def daily_backup(store: Store, when: datetime | None = None) -> Path | None:
    """The day's backup, unless there is one from today already or nothing to back up yet."""
    when = when or now()
    if any(b.kind == "daily" and b.made.date() == when.date() for b in list_backups(store.path)):
        return None
    if store.scalar("SELECT 1 FROM action LIMIT 1") is None:
        return None  # a new, empty database
    path = make_backup(store, "daily", when)
    prune(store.path)
    return path


def cloud_warning(store: Store) -> str | None:
    """The warning about a cloud-synced folder, the first time only (remembered in `meta`)."""
    service = cloud_service(store.path)
    if service is None or store.scalar("SELECT value FROM meta WHERE key = ?", [CLOUD_WARNED]):
        return None
    with store.lock:
        store.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [CLOUD_WARNED, now().isoformat()])
    return (f"{store.path} is in a {service} folder: syncing a database while pcntui has it open can corrupt it; "
            "keep it in a folder that is not synced (copies from 'pcntui backup' can go in the synced one).")


def start_of_use(store: Store, when: datetime | None = None) -> list[str]:
    """What opening the database to work on does first: the cloud-folder warning (once) and
    the day's backup. Returns sentences to show the user (a backup that failed is one)."""
    notes = []
    warning = cloud_warning(store)
    if warning:
        notes.append(warning)
    try:
        daily_backup(store, when)
    except (OSError, sqlite3.Error) as exc:
        notes.append(f"The daily backup could not be written to {backups_folder(store.path)} "
                     f"({_reason(exc)}); your changes are saved as usual.")
    return notes


def is_large_import(kind: str, path: Path) -> bool:
    """Rule imports, and files of LARGE_IMPORT_ROWS data rows or more, are backed up first."""
    if kind in RULE_IMPORTS:
        return True
    with open(path, "rb") as fh:
        lines = sum(1 for _ in fh)
    return lines - 1 >= LARGE_IMPORT_ROWS


def backup_before_import(store: Store, kind: str) -> None:
    """Arrange a copy in the backups folder just before the import writes (after the file was
    read and checked). A copy that cannot be written stops the import."""

    def copy(s: Store) -> None:
        try:
            make_backup(s, "before-import")
        except (OSError, sqlite3.Error) as exc:
            raise UserError(f"The backup before the {kind} import could not be written to "
                            f"{backups_folder(s.path)} ({_reason(exc)}); nothing was imported.") from exc
        prune(s.path)

    store.before_first_write.append(copy)


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)

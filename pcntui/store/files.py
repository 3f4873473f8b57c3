"""The files around a database: its real path, copies under names never reused, leftovers.

Everything pcntui writes beside a database carries a recognisable name. Temporary files carry
the id of the process writing them, so the next open can remove those of a run that was
killed (and only those: a running process keeps its own).
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Protocol

BACKUP_TEMP = ".pcntui-backup-"  # + pid + '-': a copy being written (Store.backup, kept copies)


class Copyable(Protocol):
    def backup(self, out: Path) -> Path: ...


def real_path(path: str | os.PathLike) -> Path:
    """The file a path stands for, symlinks followed (a dangling link: the file it names)."""
    return Path(os.path.realpath(Path(path).expanduser()))


def backups_folder(db_file: Path) -> Path:
    """`NAME-backups` beside the real file: one folder per database, never shared by two."""
    real = real_path(db_file)
    return real.with_name(f"{real.name}-backups")


def restore_prefix(db_file: Path, pid: int | None = None) -> str:
    """The name of a restore's private staging copy starts with this (beside the real file)."""
    return f".{real_path(db_file).name}.restore-{os.getpid() if pid is None else pid}-"


def demo_temp(db_file: Path) -> Path:
    """Where `pcntui demo` builds the demo before it replaces the file."""
    real = real_path(db_file)
    return real.with_name(f".{real.name}.demo-{os.getpid()}")


def link_into(tmp: Path, dest: Path) -> bool:
    """Give the finished file `tmp` the name `dest` unless `dest` exists (False then); never
    replaces a file. `tmp` is gone afterwards when it returned True."""
    try:
        os.link(tmp, dest)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: reserve the name, then move in
        try:
            os.close(os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return False
        os.replace(tmp, dest)
        return True
    os.unlink(tmp)
    return True


def claim_unique(tmp: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Move `tmp` to `folder/stem+suffix`, or `stem-2+suffix`, `stem-3…`: the first free name."""
    for n in itertools.count(1):
        dest = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        if link_into(tmp, dest):
            return dest
    raise AssertionError("unreachable")  # pragma: no cover


def write_new_copy(store: Copyable, folder: Path, stem: str, suffix: str = ".db") -> Path:
    """A consistent copy of `store` (mode 0600) under a name no other file has; returns it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = folder / f"{BACKUP_TEMP}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        store.backup(tmp)
        return claim_unique(tmp, folder, stem, suffix)
    finally:
        tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def leftovers(db_file: Path) -> list[Path]:
    """Temporary files of killed pcntui runs beside the database and in its backups folder."""
    real = real_path(db_file)
    name = re.escape(real.name)
    patterns = [
        re.compile(rf"\.{name}\.restore-(\d+)-"),  # a restore's staging copy (and its -wal, -shm, .bak)
        re.compile(rf"\.{name}\.demo-(\d+)(?:-wal|-shm|-journal)?$"),  # the demo being built
        re.compile(rf"{re.escape(BACKUP_TEMP)}(\d+)-"),  # a copy being written
    ]
    found = []
    for folder in (real.parent, backups_folder(real)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            for pattern in patterns:
                m = pattern.match(entry.name)
                if m and entry.is_file(follow_symlinks=False) and not _alive(int(m.group(1))):
                    found.append(Path(entry.path))
                    break
    return found


def remove_leftovers(db_file: Path) -> None:
    """Remove what `leftovers` finds; a file that cannot be removed is left (never an error)."""
    for path in leftovers(db_file):
        try:
            path.unlink()
        except OSError:
            pass


CLOUD_FOLDERS = [  # (how a folder in the path starts, lower case; the service)
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("icloud drive", "iCloud Drive"),
    ("icloud~", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
]


def cloud_service(db_file: Path) -> str | None:
    """The sync service whose folder holds the database (by the path, link or real), if any."""
    for path in (Path(db_file).expanduser().absolute(), real_path(db_file)):
        for part in path.parts:
            lower = part.lower()
            for start, service in CLOUD_FOLDERS:
                if lower.startswith(start):
                    return service
    return None

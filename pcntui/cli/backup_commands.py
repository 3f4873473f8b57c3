"""`backup` and `restore`: copies of the database, and putting one back in place."""

from __future__ import annotations

import argparse
from pathlib import Path

from pcntui.cli.common import db_path, opened
from pcntui.cli.registry import add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "backup", parent, cmd_backup)
    p.add_argument("--out", metavar="FILE", help="backup file, or a folder to write it in")
    p.add_argument("--list", action="store_true", help="list the copies in the backups folder, newest first")

    p = add_command(sub, "restore", parent, cmd_restore)
    p.add_argument("file", metavar="FILE")


def _list(path: Path) -> int:
    from pcntui.services.safety import backups_of

    backups = backups_of(path)
    if not backups.copies:
        print(f"No backups of {path} yet (they go in {backups.folder}).")
        return 0
    print(f"Backups of {path} in {backups.folder}, newest first:")
    for b in backups.copies:
        print(f"  {b.made:%Y-%m-%d %H:%M}  {b.size_text:>7}  {b.why:<16}  {b.path.name}")
    print(f"Restore one with: pcntui restore {backups.folder}/NAME --db {path}")
    return 0


def cmd_backup(args) -> int:
    from pcntui.services.safety import backup

    if args.list:
        return _list(db_path(args))
    with opened(args) as store:
        out = backup(store, Path(args.out) if args.out else None)
    print(f"Backup written to {out}")
    return 0


def cmd_restore(args) -> int:
    from pcntui.services.safety import restore

    done = restore(db_path(args), Path(args.file))
    kept = f" What it replaced is kept as {done.kept}." if done.kept else ""
    print(f"Restored {done.target} from {done.source}.{kept}")
    return 0

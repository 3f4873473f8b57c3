"""`backup`, `restore`, `check`, `undo`, `history`: keeping the data safe."""

from __future__ import annotations

import argparse
import os
import shutil
from datetime import datetime
from pathlib import Path

from pcntui.cli.common import arg, db_path, open_db
from pcntui.domain.parse import parse_count
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[parent], help="write a consistent copy of the database",
                       description="Copy the database while it may be in use (SQLite online backup).")
    p.add_argument("--out", metavar="FILE", help="backup file (default: beside the database, timestamped)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[parent], help="replace the database with a backup",
                       description="Replace the database with FILE, keeping a copy of what it replaces.")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("check", parents=[parent], help="integrity and foreign-key check",
                       description="Run SQLite's integrity and foreign-key checks; exit 1 if problems are found.")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("undo", parents=[parent], help="undo the last change (one action)",
                       description="Revert the most recent action (a save, an import, a set-up).")
    p.set_defaults(handler=cmd_undo)

    p = sub.add_parser("history", parents=[parent], help="list recent changes",
                       description="List recent actions, newest first.")
    p.add_argument("--limit", type=arg(parse_count, low=1), default=20, metavar="N")
    p.set_defaults(handler=cmd_history)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def cmd_backup(args) -> int:
    store = open_db(args)
    try:
        out = Path(args.out) if args.out else store.path.with_name(f"{store.path.stem}-backup-{_stamp()}.db")
        if out.exists() and out.is_dir():
            out = out / f"{store.path.stem}-backup-{_stamp()}.db"
        store.backup(out)
    finally:
        store.close()
    print(f"Backup written to {out}")
    return 0


def cmd_restore(args) -> int:
    from pcntui.store.db import open_store

    source = Path(args.file)
    # Validate the backup first: it must open as a pcntui database (this also migrates nothing
    # in place, because we open a private copy).
    if not source.is_file():
        raise UserError(f"There is no file {source}.")
    target = db_path(args)
    staging = target.with_name(f".{target.name}.restore-{_stamp()}")
    shutil.copyfile(source, staging)
    os.chmod(staging, 0o600)
    try:
        check = open_store(staging)
        problems = check.check()
        check.close()
        if problems:
            raise UserError(f"{source} failed the integrity check ({problems[0]}); nothing was restored.")
        for suffix in ("-wal", "-shm"):
            Path(str(staging) + suffix).unlink(missing_ok=True)
        kept = None
        if target.exists():
            current = open_store(target)
            kept = target.with_name(f"{target.stem}-before-restore-{_stamp()}.db")
            current.backup(kept)
            current.close()
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
    except BaseException:
        staging.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(staging) + suffix).unlink(missing_ok=True)
        raise
    print(f"Restored {target} from {source}." + (f" The replaced database was kept as {kept}." if kept else ""))
    return 0


def cmd_check(args) -> int:
    store = open_db(args)
    try:
        problems = store.check()
    finally:
        store.close()
    if problems:
        for p in problems:
            print(p)
        return 1
    print(f"{store.path}: integrity ok, foreign keys ok.")
    return 0


def cmd_undo(args) -> int:
    store = open_db(args)
    try:
        undone = store.undo()
    finally:
        store.close()
    if undone is None:
        print("Nothing to undo.")
    else:
        print(f"Undone: {undone.label} ({undone.changes} record(s) restored).")
    return 0


def cmd_history(args) -> int:
    store = open_db(args)
    try:
        rows = store.history(args.limit)
    finally:
        store.close()
    if not rows:
        print("No changes recorded yet.")
    for a in rows:
        mark = " (undone)" if a.state == "undone" else ""
        print(f"#{a.id:<5} {a.at[:19].replace('T', ' ')}  {a.source:<3}  {a.changes:>5} rows  {a.label}{mark}")
    return 0

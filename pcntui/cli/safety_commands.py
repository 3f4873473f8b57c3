"""`check`, `undo`, `history`: keeping the data safe (`backup`, `restore`: backup_commands.py)."""

from __future__ import annotations

import argparse

from pcntui.cli.common import open_db


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[parent], help="integrity and foreign-key check",
                       description="Run SQLite's integrity and foreign-key checks; exit 1 if problems are found.")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("undo", parents=[parent], help="undo the last change (one action)",
                       description="Revert the most recent action (a save, an import, a set-up).")
    p.set_defaults(handler=cmd_undo)

    p = sub.add_parser("history", parents=[parent], help="list recent changes",
                       description="List recent actions, newest first.")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.set_defaults(handler=cmd_history)


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

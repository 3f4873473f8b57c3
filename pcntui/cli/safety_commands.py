"""`check`: keeping the data safe (`backup`, `restore`: backup_commands; `undo`, `redo`, `history`: history_commands)."""

from __future__ import annotations

import argparse

from pcntui.cli.common import open_db


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[parent], help="integrity and foreign-key check",
                       description="Run SQLite's integrity and foreign-key checks; exit 1 if problems are found.")
    p.set_defaults(handler=cmd_check)


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

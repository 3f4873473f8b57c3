"""`undo`, `redo`, `history`: every change is one action that can be reverted, and re-applied."""

from __future__ import annotations

import argparse
import sys

from pcntui.cli.common import arg, opened
from pcntui.cli.registry import add_command
from pcntui.domain.parse import parse_count
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "undo", parent,
                    description="Revert the most recent change still in effect (a save, an import, a set-up, "
                    "a redo). One that changed 10 rows or more asks first; without a terminal to ask on, "
                    "it needs --yes.")
    p.add_argument("--yes", action="store_true", help="undo without asking, however many rows it changed")
    p.set_defaults(handler=cmd_undo)

    p = add_command(sub, "redo", parent,
                    description="Put back what the most recent undo reverted. Possible while nothing else was "
                    "saved since that undo (a new change ends the chain of redos).")
    p.set_defaults(handler=cmd_redo)

    p = add_command(sub, "history", parent,
                    description="List recent actions, newest first, with whether each was undone or redone.")
    p.add_argument("--limit", type=arg(parse_count, low=1), default=20, metavar="N")
    p.set_defaults(handler=cmd_history)


def _rows(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def _agreed(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_undo(args) -> int:
    with opened(args) as store:
        target = store.undo_target()
        if target is None:
            print("Nothing to undo.")
            return 0
        if target.needs_confirmation and not args.yes:
            what = f"'{target.subject}' changed {_rows(target.changes)} ({target.at[:10]}, from {target.source})"
            if not sys.stdin.isatty():
                raise UserError(f"{what}; undoing it puts every one back, so confirm with 'pcntui undo --yes' "
                                "(there is no terminal to ask on).")
            if not _agreed(f"{what}. Undo it? [y/N] "):
                print("Nothing was undone.")
                return 0
        undone = store.undo(expected_id=target.id)
    print(f"Undone: {undone.subject} ({_rows(undone.changes)} restored). 'pcntui redo' puts it back.")
    return 0


def cmd_redo(args) -> int:
    with opened(args) as store:
        redone = store.redo()
    if redone is None:
        print("Nothing to redo.")
    else:
        print(f"Redone: {redone.subject} ({_rows(redone.changes)} changed again).")
    return 0


def cmd_history(args) -> int:
    with opened(args) as store:
        rows = store.history(args.limit)
    if not rows:
        print("No changes recorded yet.")
    for a in rows:
        state = "" if a.status == "done" else f"  [{a.status}]"
        print(f"#{a.id:<5} {a.at[:19].replace('T', ' ')}  {a.source:<3}  {a.changes:>5} rows  {a.label}{state}")
    return 0

"""`undo`, `redo`, `history`: every change is one action that can be reverted, and re-applied."""

from __future__ import annotations

import argparse
import sys

from pcntui.cli.common import arg, opened, period
from pcntui.cli.registry import add_command
from pcntui.domain.parse import parse_count
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "undo", parent, cmd_undo)
    p.add_argument("--yes", action="store_true", help="undo without asking, however many rows it changed")

    add_command(sub, "redo", parent, cmd_redo)

    p = add_command(sub, "history", parent, cmd_history)
    p.add_argument("--limit", type=arg(parse_count, low=1), default=20, metavar="N")


def _agreed(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_undo(args) -> int:
    from pcntui.services.safety import ConfirmUndo, reverted_text, undo, undo_target

    with opened(args) as store:
        target = undo_target(store)
        if target is None:
            print("Nothing to undo.")
            return 0
        try:
            undone = undo(store, expected_id=target.id, confirmed=args.yes)
        except ConfirmUndo as asked:
            if not sys.stdin.isatty():
                raise UserError(f"{asked.question} Confirm with 'pcntui undo --yes' (there is no terminal to "
                                "ask on); nothing was undone.") from None
            if not _agreed(f"{asked.question} Undo it? [y/N] "):
                print("Nothing was undone.")
                return 0
            undone = undo(store, expected_id=target.id, confirmed=True)
    print(f"Undone: {undone.subject} ({reverted_text(undone)}). 'pcntui redo' puts it back.")
    return 0


def cmd_redo(args) -> int:
    from pcntui.services.safety import redo, reverted_text

    with opened(args) as store:
        redone = redo(store)
    if redone is None:
        print("Nothing to redo.")
    else:
        print(f"Redone: {redone.subject} ({reverted_text(redone, redo=True)}).")
    return 0


def cmd_history(args) -> int:
    """The `history` view, one line per action."""
    from pcntui.views.base import ViewQuery
    from pcntui.views.history import EMPTY, history

    with opened(args) as store:
        view = history(store, ViewQuery(period(args), filters={"limit": str(args.limit)}))
    rows = list(view.iter_rows())
    if not rows:
        print(EMPTY)
    for row in rows:
        a = dict(zip((c.key for c in view.columns), row.values))
        state = "" if a["status"] == "done" else f"  [{a['status']}]"
        print(f"#{a['action_id']:<5} {a['at'][:19].replace('T', ' ')}  {a['source']:<3}  {a['rows_changed']:>5} rows  "
              f"{a['label']}{state}")
    return 0

"""`pcntui smr forget-worklist`: erase the SMR worklist and its history for good."""

from __future__ import annotations

import argparse
import sys

from pcntui.cli.common import opened
from pcntui.errors import UserError


def register(smr_sub, parent: argparse.ArgumentParser) -> None:
    p = smr_sub.add_parser(
        "forget-worklist", parents=[parent], help="erase the worklist and its history for good (NHS numbers)",
        description="Remove every SMR worklist patient and every record of them in the change history, overwrite "
        "the freed space, and list the backup files beside the database that still hold NHS numbers. It cannot be "
        "undone, and nothing before it can be undone either. On a terminal you type the PCN code (or FORGET) "
        "to confirm; without one, --yes confirms.")
    p.add_argument("--yes", action="store_true", help="confirm without typing (for scripts)")
    p.set_defaults(handler=cmd_forget_worklist)


def _confirmed(ask) -> bool:
    from pcntui.services.safety import forget_typed_ok

    if not sys.stdin.isatty():
        raise UserError(ask.data.warning[:-1] + "; confirm with 'pcntui smr forget-worklist --yes' (there is no "
                        "terminal to ask on).")
    print(ask.data.warning)
    try:
        typed = input(f"Type {' or '.join(ask.words)} to go on: ")
    except EOFError:
        typed = ""
    if not typed.strip():
        return False
    if not forget_typed_ok(ask, typed):
        raise UserError(f"What you typed is not {' or '.join(ask.words)}; nothing was removed.")
    return True


def cmd_forget_worklist(args) -> int:
    from pcntui.services.safety import forget_ask, forget_worklist

    with opened(args) as store:
        ask = forget_ask(store)
        if not ask.data.empty and not args.yes and not _confirmed(ask):
            print("Nothing was removed.")
            return 0
        report = forget_worklist(store)
    print("\n".join(report.lines()))
    return 0

"""`status`: the quick check-in."""

from __future__ import annotations

import argparse
import atexit
import gc

from pcntui.cli.common import add_period_options, arg, db_path, opened, period
from pcntui.cli.registry import add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "status", parent, cmd_status)
    add_period_options(p)
    p.add_argument("--json", action="store_true", help="print the stable JSON document instead (see README)")
    p.add_argument("--fail-on-alerts", action="store_true", help="exit 1 when there are alerts")
    p.add_argument("--due", type=arg("pcntui.domain.deadlines:parse_horizon"), metavar="N",
                   help="also list what falls due in the next N days (14d, 2w, 30d) and what is overdue")


def cmd_status(args) -> int:
    """The check-in, with Python's cyclic collector held while it runs and frozen out of what the
    process made at its exit: a status makes tens of thousands of objects (a roster of thousands)
    and next to no cycles, and the collector's passes over them, while it ran and in the
    collections at exit, were 5% of a status right after a staff change at 40 times a real PCN
    (issue 12)."""
    held = gc.isenabled()
    gc.disable()
    atexit.unregister(gc.freeze)  # (once however many commands a process runs: the tests')
    atexit.register(gc.freeze)
    try:
        return _status(args)
    finally:
        if held:
            gc.enable()


def _status(args) -> int:
    from pcntui.views.status import document
    from pcntui.views.status.cache import cached

    when = period(args)
    blocks = cached(db_path(args), when) if args.due is None else None  # a hit opens no store
    if blocks is None:
        from pcntui.report import status

        with opened(args) as store:
            blocks = status.current(store, when)
            if args.due is not None:
                from pcntui.report.deadlines import due_block

                blocks.append(due_block(store, when, args.due))
    print(document.as_json(blocks, when) if args.json else document.as_text(blocks, when),
          end="" if not args.json else "\n")
    return 1 if args.fail_on_alerts and document.has_alerts(blocks) else 0

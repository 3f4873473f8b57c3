"""`status`: the quick check-in."""

from __future__ import annotations

import argparse

from pcntui.cli.common import add_period_options, arg, opened, period
from pcntui.cli.registry import add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "status", parent,
                    description="Print the PCN at a glance with every alert; plain text fits 80 columns.")
    add_period_options(p)
    p.add_argument("--json", action="store_true", help="print the stable JSON document instead (see README)")
    p.add_argument("--fail-on-alerts", action="store_true", help="exit 1 when there are alerts")
    p.add_argument("--due", type=arg("pcntui.domain.deadlines:parse_horizon"), metavar="N",
                   help="also list what falls due in the next N days (14d, 2w, 30d) and what is overdue")
    p.set_defaults(handler=cmd_status)


def cmd_status(args) -> int:
    from pcntui.report import status

    with opened(args) as store:
        when = period(args)
        blocks = status.build(store, when)
        if args.due is not None:
            from pcntui.report.deadlines import due_block

            blocks.append(due_block(store, when, args.due))
    print(status.as_json(blocks, when) if args.json else status.as_text(blocks, when), end="" if not args.json else "\n")
    return 1 if args.fail_on_alerts and status.has_alerts(blocks) else 0

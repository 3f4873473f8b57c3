"""`pcntui year start`: carry last year's settings into the next financial year."""

from __future__ import annotations

import argparse

from pcntui.cli.common import opened, reads, today
from pcntui.cli.registry import add_actions, add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    yp = add_command(sub, "year", parent)
    action = add_actions(yp, "year_command", parent)
    p = action(
        "start", "carry SMR targets, the entitlement basis and open DES requirements into a year", cmd_year_start,
        description="Start a financial year from the one before, as one undoable action: its SMR cohort targets, "
        "its ARRS entitlement basis (last year's weighted population × the new year's rate, marked estimated) and "
        "its open DES requirements (due a year later, dates marked unconfirmed). Refuses when the year's rules "
        "are not on record, or when the year already has settings (unless --force).")
    p.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="the year to start (default: the year after the as-of date's)")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="today's date, for the default year (ISO or dd/mm/yyyy)")
    p.add_argument("--force", action="store_true", help="replace the year's entitlement and SMR targets if it has them")
    p.add_argument("--dry-run", action="store_true", help="say what would be carried, change nothing")


def cmd_year_start(args) -> int:
    from pcntui.domain.fy import FinancialYear
    from pcntui.services.year import start_year

    fy = FinancialYear.parse(args.fy) if args.fy is not None else FinancialYear.of(today(args)).next()
    with opened(args) as store:
        done = start_year(store, fy, force=args.force, dry_run=args.dry_run)
    prev = fy.previous().label
    if args.dry_run:
        print(f"Dry run, nothing changed. Starting {fy.label} from {prev} would do this:")
    elif done.carried:
        print(f"Started {fy.label} from {prev} (one action: 'pcntui undo' reverts it).")
    else:
        print(f"Nothing to carry from {prev} into {fy.label}.")
    for line in done.lines():
        print(line)
    return 0

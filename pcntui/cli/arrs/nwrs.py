"""`pcntui arrs reconcile|seed-roster`: the NWRS census against the roster."""

from __future__ import annotations

from pcntui.cli.common import opened
from pcntui.errors import UserError


def cmd_reconcile(args) -> int:
    from pcntui.views.arrs.year import reconciliation, reconciliation_lines

    with opened(args) as store:
        rec = reconciliation(store, args.pcn.upper() if args.pcn else None, args.census)
    if rec is None:
        raise UserError("No NWRS workforce census is held; run 'pcntui import workforce FILE --pcn U12345' first.")
    for line in reconciliation_lines(rec):
        print(line)
    return 0


def cmd_seed(args) -> int:
    from pcntui.services.arrs.nwrs import seed_roster

    with opened(args) as store:
        report = seed_roster(store, pcn=args.pcn, census=args.census, dry_run=args.dry_run)
    print(("Dry run, nothing changed. " if args.dry_run else "") + report.summary())
    for note in report.notes or []:
        print("  " + note)
    return 0

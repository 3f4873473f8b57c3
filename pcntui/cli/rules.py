"""`pcntui rules export` / `pcntui rules import`: a year's rule tables as one rules pack
(docs/rules-pack.md), so an ICB can send the year's published figures to all its PCNs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pcntui.cli.common import opened, reads
from pcntui.cli.registry import add_actions, add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    rp = add_command(sub, "rules", parent)
    action = add_actions(rp, "rules_command", parent)

    p = action("export", "write a year's rules pack", cmd_rules_export,
               description="Write the year's rule tables in force (each row with its source, its "
               "confirmed mark and whether it is shipped or local) to one TOML file.")
    p.add_argument("--fy", type=reads("year"), required=True, metavar="YYYY/YY", help="the financial year, e.g. 2026/27")
    p.add_argument("--out", required=True, metavar="FILE", help="the pack file to write ('-': standard output)")

    p = action("import", "apply a rules pack (one undoable action)", cmd_rules_import,
               description="Check the whole pack (any bad row refuses it, nothing changed), list what "
               "would change row by row, and apply it as one action that 'pcntui undo' reverts; a "
               "backup of the database is made first.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")


def cmd_rules_export(args) -> int:
    from pcntui.domain.fy import FinancialYear
    from pcntui.services.rules_pack import export_rules

    fy = FinancialYear.parse(args.fy)
    out = None if args.out == "-" else Path(args.out)
    with opened(args) as store:
        text = export_rules(store, fy, out)
    if out is None:
        sys.stdout.write(text)
        return 0
    print(f"Rules pack for {fy.label} written to {args.out}")
    return 0


def cmd_rules_import(args) -> int:
    from pcntui.services.rules_pack import import_rules

    with opened(args) as store:
        report = import_rules(store, Path(args.file), dry_run=args.dry_run)
    print("\n".join(report.lines()))
    return 0

"""`pcntui smr progress`: each cohort against its target (per practice with --cohort), and
what the other SMR commands print a year and a percentage with."""

from __future__ import annotations

import json
import textwrap

from pcntui.cli.common import add_period_options, clip, opened, period
from pcntui.errors import UserError


def register(s, parent) -> None:
    p = s.add_parser("progress", parents=[parent], help="progress per cohort (per practice with --cohort)",
                     description="Latest completed/eligible per cohort vs target, forecast to 31 March, status.")
    p.add_argument("--cohort", metavar="COHORT", help="one cohort (code or name): per-practice rows and history")
    p.add_argument("--practice", metavar="CODE", help="only this practice's rows")
    p.add_argument("--json", action="store_true", help="print JSON (the same keys as 'status --json' smr.cohorts)")
    add_period_options(p)
    p.set_defaults(handler=cmd_progress)


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}%"


def fy_of(args):
    """The --fy given, else the year of the as-of date."""
    from pcntui.domain.fy import FinancialYear

    return FinancialYear.parse(args.fy) if getattr(args, "fy", None) is not None else period(args).fy


def year_text(y) -> str:
    if y.iif_indicator is None:
        iif = "no IIF indicator"
    else:
        th = (f"{y.iif_lower_pct:g}–{y.iif_upper_pct:g}%" if y.thresholds_known else "thresholds unknown")
        iif = f"IIF {y.iif_indicator} {th}"
    sure = "" if y.iif_confirmed and y.carried_forward_from is None else " (unconfirmed)"
    return iif + sure


def cmd_progress(args) -> int:
    from pcntui.report.smr_status import cohort_json
    from pcntui.views.base import ViewQuery
    from pcntui.views.smr.cohort import read_cohort
    from pcntui.views.smr.overview import read_overview

    with opened(args) as store:
        when = period(args)
        if args.cohort:
            cp, names = read_cohort(store, ViewQuery(when, item=args.cohort))
            cohorts = [cp]
        else:
            o = read_overview(store, ViewQuery(when))
            cohorts, names = o.cohorts, o.practice_names
    if args.practice:
        code = args.practice.strip().upper()
        if code not in names:
            raise UserError(f"Practice {code} is not one of this PCN's practices.")
    if args.json:
        doc = [cohort_json(c, names) for c in cohorts]
        if args.practice:
            for d in doc:
                d["practices"] = [p for p in d["practices"] if p["code"] == code]
        print(json.dumps({"fy": when.fy.label, "as_of": when.as_of.isoformat(), "cohorts": doc}, indent=2))
        return 0
    print(f"SMR progress · {when.fy.label} · as of {when.as_of.isoformat()}")
    for c in cohorts:
        target = f"target {c.target.label}" if c.target else "no target"
        print()
        print(clip(f"{c.cohort.name} ({c.cohort.code}) · {target} · {year_text(c.year)}", 80))
        print(f"  {'Practice':<26} {'As of':<10} {'Done/Elig':>11} {'Now':>4} {'Fcst':>4} {'Need/wk':>7}  Status")
        rows = [p for p in c.practices if not args.practice or p.label == code]
        if not args.practice:
            rows.append(c.pcn)
        for p in rows:
            label = "PCN total" if p is c.pcn else f"{p.label} {names.get(p.label, '')}"
            done = f"{p.completed:,}/{p.eligible:,}" if p.snapshots else "–"
            need = f"{p.weekly_needed:.1f}" if p.weekly_needed is not None else "–"
            as_of = p.latest_as_of.isoformat() if p.latest_as_of else "–"
            src = "*" if c.sources.get(p.label) == "worklist" else ""
            print(f"  {clip(label, 26):<26} {as_of:<10} {done:>11} {pct(p.percent):>4} "
                  f"{pct(p.forecast_percent):>4} {need:>7}  {p.status.value}{src}")
        if any(v == "worklist" for v in c.sources.values()):
            print("  * counts derived from the worklist")
        for w in c.warnings:
            print(textwrap.fill(w, 80, initial_indent="  ! ", subsequent_indent="    "))
        if args.cohort:
            print("  History (PCN total):")
            for s in c.pcn.snapshots:
                print(f"    {s.as_of.isoformat()}  {s.completed:>6,} of {s.eligible:,}")
    return 0

"""`pcntui smr …`: SMR progress, cohorts, targets, IIF thresholds, counts, capacity, worklist.

(Imports and exports go through `pcntui import smr-counts|smr-worklist` and
`pcntui export smr|smr-counts|smr-worklist`.)
"""

from __future__ import annotations

import argparse
import json
import textwrap

from pcntui.cli import forget_commands
from pcntui.cli.common import add_period_options, arg, open_db, period
from pcntui.domain.parse import parse_count, parse_date, parse_percent
from pcntui.errors import UserError

MAX_PAGE = 1000  # worklist rows per page


def register(sub, parent: argparse.ArgumentParser) -> None:
    smr = sub.add_parser("smr", parents=[parent], help="SMR cohorts: progress, targets, capacity, worklist",
                         description="Structured Medication Review cohorts: progress against targets per practice, "
                         "run-rate forecast to 31 March, clinician capacity, the optional worklist. "
                         "Import counts with 'pcntui import smr-counts FILE'; export with 'pcntui export smr'.")
    s = smr.add_subparsers(dest="smr_command", metavar="ACTION", required=True, parser_class=type(smr))

    p = s.add_parser("progress", parents=[parent], help="progress per cohort (per practice with --cohort)",
                     description="Latest completed/eligible per cohort vs target, forecast to 31 March, status.")
    p.add_argument("--cohort", metavar="COHORT", help="one cohort (code or name): per-practice rows and history")
    p.add_argument("--practice", metavar="CODE", help="only this practice's rows")
    p.add_argument("--json", action="store_true", help="print JSON (the same keys as 'status --json' smr.cohorts)")
    add_period_options(p)
    p.set_defaults(handler=cmd_progress)

    p = s.add_parser("cohorts", parents=[parent], help="list cohorts for a year: DES group, IIF indicator, target",
                     description="Every cohort for the year, with what is unconfirmed marked.")
    add_period_options(p)
    p.add_argument("--definitions", action="store_true", help="also print each cohort's definition")
    p.set_defaults(handler=cmd_cohorts)

    p = s.add_parser("add-cohort", parents=[parent], help="define a local cohort (or edit one's name/definition)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--code", help="short code (default: from the name, e.g. HOUSEBOUND_DOAC)")
    p.add_argument("--definition", default="", help="who is in the cohort, in words")
    p.add_argument("--alias", action="append", default=[], help="another name imports may use (repeatable)")
    p.set_defaults(handler=cmd_add_cohort)

    p = s.add_parser("delete-cohort", parents=[parent], help="delete a local cohort with no counts or worklist")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p.set_defaults(handler=cmd_delete_cohort)

    p = s.add_parser("target", parents=[parent], help="set a cohort's target for a year (%% of eligible or a count)")
    p.add_argument("cohort", metavar="COHORT", help="code or name")
    p.add_argument("--fy", metavar="YYYY/YY", help="financial year (default: the current one)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", metavar="P", help="target as a percent of eligible patients, e.g. 80")
    g.add_argument("--count", metavar="N", help="target as a number of reviews, e.g. 350")
    g.add_argument("--clear", action="store_true", help="remove the target")
    p.set_defaults(handler=cmd_target)

    p = s.add_parser("iif", parents=[parent], help="set the IIF indicator and thresholds a cohort maps to in a year")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--fy", metavar="YYYY/YY", help="financial year (default: the current one)")
    p.add_argument("--indicator", help="e.g. SMR-01B ('none' for no indicator)")
    p.add_argument("--lower", type=arg(parse_percent), metavar="PCT", help="lower threshold (0 points), %% of the cohort")
    p.add_argument("--upper", type=arg(parse_percent), metavar="PCT", help="upper threshold (all points), %% of the cohort")
    p.add_argument("--unconfirmed", action="store_true", help="mark the values as not yet confirmed")
    p.set_defaults(handler=cmd_iif)

    p = s.add_parser("counts", parents=[parent], help="record one practice's counts for one cohort on a date")
    p.add_argument("practice", metavar="PRACTICE", help="practice code")
    p.add_argument("cohort", metavar="COHORT", help="code or name")
    p.add_argument("--date", required=True, metavar="DATE", type=arg(parse_date),
                   help="the date the search was run (as_of)")
    count = arg(parse_count, noun="patients")
    p.add_argument("--eligible", type=count, required=True, metavar="N")
    p.add_argument("--completed", type=count, required=True, metavar="N")
    p.add_argument("--invited", type=count, metavar="N")
    p.add_argument("--declined", type=count, metavar="N")
    p.set_defaults(handler=cmd_counts)

    p = s.add_parser("history", parents=[parent], help="every snapshot of a cohort's counts (all years)")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--practice", metavar="CODE")
    p.set_defaults(handler=cmd_history)

    p = s.add_parser("capacity", parents=[parent], help="clinician hours needed per week vs SMR time available")
    add_period_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_capacity)

    p = s.add_parser("settings", parents=[parent], help="show or change minutes per SMR and capacity assumptions")
    p.add_argument("--minutes-per-review", type=arg("pcntui.domain.smr_capacity:parse_setting", "minutes_per_review"), metavar="MIN")
    p.add_argument("--hours-per-wte", type=arg("pcntui.domain.smr_capacity:parse_setting", "hours_per_wte"), metavar="H",
                   help="hours in a full-time week (default 37.5)")
    p.add_argument("--default-share", type=arg("pcntui.domain.smr_capacity:parse_setting", "default_share_pct"), metavar="PCT",
                   help="SMR share assumed for a prescribing role with no share set")
    p.set_defaults(handler=cmd_settings)

    p = s.add_parser("share", parents=[parent], help="set the %% of a staff member's time given to SMRs")
    p.add_argument("staff", metavar="STAFF", help="staff id or full name")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", type=arg("pcntui.domain.smr_capacity:parse_share"), metavar="P")
    g.add_argument("--default", action="store_true", help="back to the role's default share")
    p.add_argument("--as-of", metavar="DATE", help="who is in post on this date (default today)")
    p.set_defaults(handler=cmd_share)

    p = s.add_parser("worklist", parents=[parent], help="list the worklist a page at a time (NHS numbers masked)")
    p.add_argument("--practice", metavar="CODE")
    p.add_argument("--cohort", metavar="COHORT")
    p.add_argument("--status", action="append", default=[],
                   help="identified, invited, booked, completed, declined, not suitable (repeatable)")
    p.add_argument("--search", metavar="TEXT", help="reference starts with, or NHS number digits")
    p.add_argument("--reviewer", metavar="NAME")
    p.add_argument("--follow-up-before", metavar="DATE", type=arg(parse_date), help="follow-up due before this date")
    p.add_argument("--sort", choices=["reference", "follow_up"], default="reference")
    p.add_argument("--limit", type=arg(parse_count, low=1, high=MAX_PAGE), default=50, metavar="N",
                   help=f"rows per page (default 50, at most {MAX_PAGE:,})")
    p.add_argument("--after", metavar="KEY", help="the 'next page' key printed under the previous page")
    p.add_argument("--show-nhs-numbers", action="store_true", help="show NHS numbers in full")
    p.set_defaults(handler=cmd_worklist)

    forget_commands.register(s, parent)


# ------------------------------------------------------------------ helpers
def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}%"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fy(args):
    from pcntui.domain.fy import FinancialYear

    return FinancialYear.parse(args.fy) if getattr(args, "fy", None) is not None else period(args).fy


def _year_text(y) -> str:
    if y.iif_indicator is None:
        iif = "no IIF indicator"
    else:
        th = (f"{y.iif_lower_pct:g}–{y.iif_upper_pct:g}%" if y.thresholds_known else "thresholds unknown")
        iif = f"IIF {y.iif_indicator} {th}"
    sure = "" if y.iif_confirmed and y.carried_forward_from is None else " (unconfirmed)"
    return iif + sure


# ------------------------------------------------------------------ commands
def cmd_progress(args) -> int:
    from pcntui.report.smr_status import cohort_json
    from pcntui.store.smr_progress import cohort_progress, smr_overview

    store = open_db(args)
    try:
        when = period(args)
        if args.cohort:
            cohorts = [cohort_progress(store, when, args.cohort)]
            from pcntui.store.smr import practice_names

            names = practice_names(store)
        else:
            o = smr_overview(store, when)
            cohorts, names = o.cohorts, o.practice_names
    finally:
        store.close()
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
        print(_clip(f"{c.cohort.name} ({c.cohort.code}) · {target} · {_year_text(c.year)}", 80))
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
            print(f"  {_clip(label, 26):<26} {as_of:<10} {done:>11} {_pct(p.percent):>4} "
                  f"{_pct(p.forecast_percent):>4} {need:>7}  {p.status.value}{src}")
        if any(v == "worklist" for v in c.sources.values()):
            print("  * counts derived from the worklist")
        for w in c.warnings:
            print(textwrap.fill(w, 80, initial_indent="  ! ", subsequent_indent="    "))
        if args.cohort:
            print("  History (PCN total):")
            for s in c.pcn.snapshots:
                print(f"    {s.as_of.isoformat()}  {s.completed:>6,} of {s.eligible:,}")
    return 0


def cmd_cohorts(args) -> int:
    from pcntui.store.smr import load_cohorts, targets

    store = open_db(args)
    try:
        fy = _fy(args)
        cohorts = load_cohorts(store)
        tgts = targets(store, fy)
    finally:
        store.close()
    print(f"SMR cohorts · {fy.label}")
    for c in cohorts:
        y = c.year(fy)
        if y is None:
            status = "not a cohort this year"
        elif c.origin == "user":
            status = "local cohort"
        else:
            status = "DES priority group" if y.des_priority else "not a DES priority group"
            status += "" if y.des_confirmed else " (unconfirmed)"
        target = f"target {tgts[c.code].label}" if c.code in tgts else "no target"
        print(f"{c.code:<20} {c.name}")
        print(f"  {status}; {_year_text(y) if y else 'no IIF indicator'}; {target}")
        if args.definitions and c.definition:
            print(f"  {c.definition}")
    return 0


def cmd_add_cohort(args) -> int:
    from pcntui.store.smr import save_cohort

    store = open_db(args)
    try:
        c = save_cohort(store, args.name, args.definition, code=args.code, aliases=tuple(args.alias))
    finally:
        store.close()
    print(f"Saved SMR cohort {c.name} ({c.code}).")
    return 0


def cmd_delete_cohort(args) -> int:
    from pcntui.store.smr import delete_cohort

    if not args.yes:
        raise UserError(f"Deleting cohort {args.cohort} needs --yes to confirm.")
    store = open_db(args)
    try:
        delete_cohort(store, args.cohort)
    finally:
        store.close()
    print(f"Deleted SMR cohort {args.cohort}.")
    return 0


def cmd_target(args) -> int:
    from pcntui.domain.cohort import Target
    from pcntui.store.smr import set_target

    store = open_db(args)
    try:
        fy = _fy(args)
        target = None if args.clear else Target.parse(args.percent, args.count)
        cohort = set_target(store, args.cohort, fy, target)
    finally:
        store.close()
    print(f"{cohort.name} {fy.label}: " + (f"target {target.label}." if target else "target removed."))
    return 0


def cmd_iif(args) -> int:
    from pcntui.store.smr import set_cohort_year

    changes: dict = {}
    if args.indicator is not None:
        changes["iif_indicator"] = None if args.indicator.strip().lower() in ("", "none") else args.indicator.strip()
    if args.lower is not None:
        changes["iif_lower_pct"] = float(args.lower)
    if args.upper is not None:
        changes["iif_upper_pct"] = float(args.upper)
    if not changes:
        raise UserError("Give --indicator, --lower and/or --upper.")
    changes["iif_confirmed"] = not args.unconfirmed
    store = open_db(args)
    try:
        fy = _fy(args)
        y = set_cohort_year(store, args.cohort, fy, **changes)
    finally:
        store.close()
    print(f"{args.cohort} {fy.label}: {_year_text(y)}.")
    return 0


def cmd_counts(args) -> int:
    from pcntui.store.smr_counts import save_count

    store = open_db(args)
    try:
        warnings = save_count(store, args.practice, args.cohort, args.date, eligible=args.eligible,
                              completed=args.completed, invited=args.invited, declined=args.declined)
    finally:
        store.close()
    print("Saved.")
    for w in warnings:
        print(f"  warning: {w}")
    return 0


def cmd_history(args) -> int:
    from pcntui.store.smr import find_cohort, practice_names
    from pcntui.store.smr_counts import history

    store = open_db(args)
    try:
        cohort = find_cohort(store, args.cohort)
        code = args.practice.strip().upper() if args.practice else None
        rows = history(store, cohort.code, code)
        names = practice_names(store)
    finally:
        store.close()
    print(f"{cohort.name}: every snapshot")
    print(f"  {'Practice':<26} {'As of':<10} {'Eligible':>8} {'Invited':>8} {'Done':>6} {'Declined':>8}")
    for (practice, _), snaps in sorted(rows.items()):
        for s in snaps:
            dash = "–"
            print(f"  {_clip(practice + ' ' + names.get(practice, ''), 28):<28} {s.as_of.isoformat():<10} "
                  f"{s.eligible:>8,} {s.invited if s.invited is not None else dash:>8} {s.completed:>6,} "
                  f"{s.declined if s.declined is not None else dash:>8}")
    return 0


def cmd_capacity(args) -> int:
    from pcntui.report.smr_status import capacity_json, capacity_text
    from pcntui.store.smr_capacity import capacity_report

    store = open_db(args)
    try:
        when = period(args)
        report = capacity_report(store, when)
    finally:
        store.close()
    if args.json:
        print(json.dumps(capacity_json(report), indent=2))
        return 0
    c = report.capacity
    print(f"SMR capacity · {when.fy.label} · as of {when.as_of.isoformat()} · {c.weeks_left:.1f} weeks to 31 March")
    print(textwrap.fill(capacity_text(report), 80, subsequent_indent="  "))
    if not report.roster_available:
        print("No staff roster in this database yet: SMR time is counted from the ARRS roster.")
    if report.roster:
        print(f"  {'Id':>4} {'Name':<20} {'Role':<21} {'WTE':>4}   {'SMR share':<13}   h/wk")
    for m in report.roster:
        share = f"{m.share_pct:g}%" + ("" if m.share_set else " (default)")
        hours = m.clinician().hours_per_week(c.hours_per_wte)
        print(f"  {m.staff_id:>4} {_clip(m.name, 20):<20} {_clip(m.role, 21):<21} {m.wte:4.2f} × {share:<13} "
              f"= {hours:4.1f}")
    return 0


def cmd_settings(args) -> int:
    from pcntui.store.smr import save_settings, settings

    changes = {k: v for k, v in (("minutes_per_review", args.minutes_per_review),
                                 ("hours_per_wte", args.hours_per_wte),
                                 ("default_share_pct", args.default_share)) if v is not None}
    store = open_db(args)
    try:
        s = save_settings(store, **changes) if changes else settings(store)
    finally:
        store.close()
    print(f"minutes per SMR: {s.minutes_per_review:g}")
    print(f"hours per WTE week: {s.hours_per_wte:g}")
    print(f"default SMR share for prescribing roles: {s.default_share_pct:g}%")
    return 0


def cmd_share(args) -> int:
    from pcntui.cli.common import today
    from pcntui.store.smr_capacity import find_staff, set_share

    store = open_db(args)
    try:
        staff_id, name = find_staff(store, args.staff, today(args))
        set_share(store, staff_id, None if args.default else args.percent)
    finally:
        store.close()
    print(f"{name}: SMR share " + ("back to the default." if args.default else f"{args.percent:g}%."))
    return 0


def cmd_worklist(args) -> int:
    from pcntui.domain.worklist import WorklistFilter, parse_status
    from pcntui.store.smr import find_cohort
    from pcntui.store.worklist import worklist_count, worklist_page

    after = None
    if args.after:
        try:
            after = tuple(json.loads(args.after))
        except (ValueError, TypeError):
            raise UserError("--after must be the key printed under the previous page.") from None
    store = open_db(args)
    try:
        f = WorklistFilter(
            practice_code=args.practice, statuses=tuple(parse_status(s) for s in args.status),
            cohort_code=find_cohort(store, args.cohort).code if args.cohort else None, search=args.search,
            reviewer=args.reviewer, sort=args.sort,
            follow_up_before=args.follow_up_before,
        )
        total = worklist_count(store, f)
        page = worklist_page(store, f, after, args.limit)
    finally:
        store.close()
    print(f"{total:,} on the worklist match")
    print(f"{'Practice':<8} {'Reference':<16} {'NHS number':<12} {'Cohorts':<24} {'Status':<12} Reviewed")
    for e in page.entries:
        nhs = e.nhs_display(masked=not args.show_nhs_numbers)
        reviewed = e.reviewed_on.isoformat() if e.reviewed_on else ""
        print(f"{e.practice_code:<8} {_clip(e.reference, 16):<16} {nhs:<12} {_clip(','.join(e.cohorts), 24):<24} "
              f"{e.status_label:<12} {reviewed}".rstrip())
    if page.next_key is not None:
        print(f"next page: --after '{json.dumps(list(page.next_key))}'")
    return 0

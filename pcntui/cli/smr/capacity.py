"""`pcntui smr capacity|settings|share`: clinician hours needed against the time given to SMRs."""

from __future__ import annotations

import json
import textwrap

from pcntui.cli.common import add_period_options, clip, opened, period, reads, today
from pcntui.cli.model_options import model_options, raw_of
from pcntui.cli.smr.options import say
from pcntui.inputs.smr import SettingsIn

SETTINGS = ("minutes_per_review", "hours_per_wte", "default_share_pct")


def register(s, parent) -> None:
    p = s.add_parser("capacity", parents=[parent], help="clinician hours needed per week vs SMR time available")
    add_period_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_capacity)

    p = s.add_parser("settings", parents=[parent], help="show or change minutes per SMR and capacity assumptions")
    model_options(p, SettingsIn, SETTINGS, metavar="TEXT")
    p.set_defaults(handler=cmd_settings)

    p = s.add_parser("share", parents=[parent], help="set the %% of a staff member's time given to SMRs")
    p.add_argument("staff", type=reads("id or name"), metavar="STAFF", help="staff id or full name")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", type=reads("number"), metavar="P", help="0 to 100")
    g.add_argument("--default", action="store_true", help="back to the role's default share")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="who is in post on this date (default today)")
    p.set_defaults(handler=cmd_share)


def cmd_capacity(args) -> int:
    from pcntui.report.smr_status import capacity_json, capacity_text
    from pcntui.views.base import ViewQuery
    from pcntui.views.smr.capacity import read_capacity

    with opened(args) as store:
        when = period(args)
        report = read_capacity(store, ViewQuery(when))
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
        print(f"  {m.staff_id:>4} {clip(m.name, 20):<20} {clip(m.role, 21):<21} {m.wte:4.2f} × {share:<13} "
              f"= {hours:4.1f}")
    return 0


def cmd_settings(args) -> int:
    changes = raw_of(args, SETTINGS)
    with opened(args) as store:
        if changes:
            from pcntui.services.smr.capacity import save_settings

            s = save_settings(store, changes, today=today(args)).value
        else:
            from pcntui.views.smr.lookups import settings

            s = settings(store)
    print(f"minutes per SMR: {s.minutes_per_review:g}")
    print(f"hours per WTE week: {s.hours_per_wte:g}")
    print(f"default SMR share for prescribing roles: {s.default_share_pct:g}%")
    return 0


def cmd_share(args) -> int:
    from pcntui.services.smr.capacity import set_share

    with opened(args) as store:
        saved = set_share(store, args.staff, {"share_pct": None if args.default else args.percent}, today=today(args))
    say(saved)
    return 0

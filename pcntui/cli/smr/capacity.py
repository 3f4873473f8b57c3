"""`pcntui smr capacity|settings|share`: clinician hours needed against the time given to SMRs."""

from __future__ import annotations

import json
import textwrap

from pcntui.cli.common import clip, opened, period


def cmd_capacity(args) -> int:
    from pcntui.report.smr_status import capacity_json, capacity_text
    from pcntui.store.smr_capacity import capacity_report

    with opened(args) as store:
        when = period(args)
        report = capacity_report(store, when)
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
    from pcntui.store.smr import save_settings, settings

    changes = {k: v for k, v in (("minutes_per_review", args.minutes_per_review),
                                 ("hours_per_wte", args.hours_per_wte),
                                 ("default_share_pct", args.default_share)) if v is not None}
    with opened(args) as store:
        s = save_settings(store, **changes) if changes else settings(store)
    print(f"minutes per SMR: {s.minutes_per_review:g}")
    print(f"hours per WTE week: {s.hours_per_wte:g}")
    print(f"default SMR share for prescribing roles: {s.default_share_pct:g}%")
    return 0


def cmd_share(args) -> int:
    from pcntui.cli.common import today
    from pcntui.store.smr_capacity import find_staff, set_share

    with opened(args) as store:
        staff_id, name = find_staff(store, args.staff, today(args))
        set_share(store, staff_id, None if args.default else args.percent)
    print(f"{name}: SMR share " + ("back to the default." if args.default else f"{args.percent:g}%."))
    return 0

"""`pcntui arrs [summary]|entitlement|alerts|caps`: the year by role against the entitlement and the caps."""

from __future__ import annotations

import textwrap

from pcntui.cli.arrs.text import WIDTH, fte, print_alerts
from pcntui.cli.arrs.options import say
from pcntui.cli.model_options import raw_of
from pcntui.cli.common import opened, period, today
from pcntui.domain.money import gbp
from pcntui.export.text import fit

ENTITLEMENT_FIELDS = ("weighted_population", "rate_per_patient", "amount", "gp_rate", "note")


def cmd_summary(args) -> int:
    from pcntui.report.arrs_status import arrs_lines
    from pcntui.views.arrs.year import arrs_year

    with opened(args) as store:
        view = arrs_year(store, period(args))
    y = view.year
    print(f"ARRS {y.fy.label} as of {y.as_of.isoformat()}")
    for line in arrs_lines(view):
        print("\n".join(textwrap.wrap(line, WIDTH, initial_indent="  ", subsequent_indent="    ")))
    mix = {m.role_code: m for m in view.mix}
    rows = []
    for r in y.roles:
        m = mix.get(r.role_code)
        cap = "" if m is None or m.cap is None else fte(m.cap) + ("!" if m.over_cap else "")
        rows.append([r.role_name[:30], str(r.staff), fte(r.wte), gbp(r.claimable_to_date, pence=False),
                     gbp(r.forecast, pence=False), cap])
    if rows:
        print()
        for line in fit(["Role", "Staff", "WTE", "To date", "Forecast", "Cap"], rows, {1, 2, 3, 4, 5}):
            print(line)
    if view.alerts:
        print()
        print_alerts(view.alerts)
    return 0


def cmd_entitlement(args) -> int:
    from pcntui.domain.fy import FinancialYear
    from pcntui.services.arrs.rules import set_entitlement
    from pcntui.views.arrs.year import entitlement_of

    fy = FinancialYear.parse(args.fy) if args.fy is not None else period(args).fy
    raw = raw_of(args, ENTITLEMENT_FIELDS)
    with opened(args) as store:
        if not set(raw) - {"note"}:
            ent = entitlement_of(store, fy)
            if ent is None:
                print(f"No ARRS entitlement is set for {fy.label}.")
            else:
                print(f"ARRS entitlement {fy.label}: {gbp(ent.amount)} ({ent.basis}){_gp_text(ent)}.")
            return 0
        saved = set_entitlement(store, fy, raw, today=today(args))
    say(saved, _gp_text(saved.value) + ".")
    return 0


def _gp_text(ent) -> str:
    return f"; ring-fenced GP pot {gbp(ent.gp_amount)} (× £{ent.gp_rate_per_patient})" if ent.has_gp_pot else ""


def cmd_alerts(args) -> int:
    from pcntui.views.arrs.year import year_alerts

    with opened(args) as store:
        label, alerts = year_alerts(store, period(args))
    if not alerts:
        print(f"No ARRS alerts for {label}.")
    print_alerts(alerts)
    return 0


def cmd_caps(args) -> int:
    from pcntui.domain.arrs_caps import size_label
    from pcntui.views.arrs.year import arrs_year

    with opened(args) as store:
        view = arrs_year(store, period(args))
    print(f"Role mix against caps, {view.year.fy.label}")
    print(f"PCN of {size_label(view.inputs.list_size)}")
    rows = [[m.role_name[:30], str(m.headcount), fte(m.wte_now), fte(m.peak_wte), m.cap_text,
             "OVER CAP" if m.over_cap else ("" if m.eligible else "not eligible")] for m in view.mix]
    for line in fit(["Role", "Staff", "WTE now", "Peak", "Cap", ""], rows, {1, 2, 3}):
        print(line)
    return 0

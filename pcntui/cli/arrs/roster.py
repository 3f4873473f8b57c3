"""`pcntui arrs staff|show|change|leave`: the roster and one person's year."""

from __future__ import annotations

from decimal import Decimal

from pcntui.cli.arrs.text import fte
from pcntui.cli.arrs.options import say
from pcntui.cli.model_options import raw_of
from pcntui.cli.common import opened, period, today
from pcntui.domain.money import gbp
from pcntui.export.text import fit

CHANGE_FIELDS = ("effective_from", "wte", "fte_salary", "oncost_pct")


def cmd_staff(args) -> int:
    from pcntui.views.arrs.people import roster_lines

    when = period(args)
    with opened(args) as store:
        lines = roster_lines(store, when.as_of, fy=None if args.all else when.fy, search=args.search)
    if not lines:
        print("No staff" + ("" if args.all else f" in post in {when.fy.label}") + ".")
        return 0
    rows = []
    for line in lines:
        m = line.member
        rows.append([str(m.id), m.name[:22], line.role_name[:26], fte(line.wte),
                     m.start_date.isoformat(), m.end_date.isoformat() if m.end_date else "",
                     "yes" if m.arrs_funded else "no"])
    for text in fit(["Id", "Name", "Role", "WTE", "Start", "End", "ARRS"], rows, {0, 3}):
        print(text)
    return 0


def cmd_show(args) -> int:
    from pcntui.views.arrs.people import find_member
    from pcntui.views.arrs.year import arrs_year

    with opened(args) as store:
        member = find_member(store, args.who)
        view = arrs_year(store, period(args))
    rules = view.inputs.rules
    end = member.end_date.isoformat() if member.end_date else "—"
    print(f"{member.name} · {rules.role_name(member.role_code)} · {member.start_date.isoformat()} to {end}"
          f" · {'ARRS-funded' if member.arrs_funded else 'baseline (not claimed)'}")
    for t in member.terms:
        oncost = f"{fte(t.oncost_pct)}%" if t.oncost_pct is not None else "default"
        print(f"  from {t.effective_from.isoformat()}: {fte(t.wte)} WTE, {gbp(t.fte_salary, pence=False)} full-time, "
              f"on-cost {oncost}")
    months = view.year.person(member.id)
    if not months:
        print(f"Not in post in {view.year.fy.label}.")
        return 0
    rows = [[m.month.strftime("%b %Y"), str(m.days_in_post), fte(m.wte), gbp(m.actual_cost), gbp(m.max_reimbursable),
             gbp(m.claimable), m.reason or ("" if m.rate_confirmed else "max unconfirmed")] for m in months]
    total = sum((m.claimable for m in months), Decimal("0.00"))
    rows.append(["Total", "", "", gbp(sum((m.actual_cost for m in months), Decimal("0.00"))), "", gbp(total), ""])
    print()
    for line in fit(["Month", "Days", "WTE", "Actual cost", "Max", "Claimable", "Note"], rows, {1, 2, 3, 4, 5}):
        print(line)
    return 0


def cmd_change(args) -> int:
    from pcntui.services.arrs.staff import change_terms
    from pcntui.views.arrs.people import find_member, member_by_id

    with opened(args) as store:
        member = find_member(store, args.who)
        saved = change_terms(store, member.id, raw_of(args, CHANGE_FIELDS), today=today(args), expected_rev=member.rev)
        updated = member_by_id(store, member.id)
    say(saved, f" ({len(updated.terms)} dated terms in all).")
    return 0


def cmd_leave(args) -> int:
    from pcntui.services.arrs.staff import record_leaver
    from pcntui.views.arrs.people import find_member

    with opened(args) as store:
        member = find_member(store, args.who)
        say(record_leaver(store, member.id, {"end_date": args.end_date}, today=today(args), expected_rev=member.rev))
    return 0

"""`pcntui arrs staff|show|change|leave`: the roster and one person's year."""

from __future__ import annotations

from decimal import Decimal

from pcntui.cli.arrs.text import fte
from pcntui.cli.common import opened, period
from pcntui.domain.money import gbp
from pcntui.export.text import fit


def cmd_staff(args) -> int:
    from pcntui.store.staff import roster

    when = period(args)
    with opened(args) as store:
        lines = roster(store, when.as_of, fy=None if args.all else when.fy, search=args.search)
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
    from pcntui.store.arrs import arrs_view
    from pcntui.store.staff import find_staff

    with opened(args) as store:
        member = find_staff(store, args.who)
        view = arrs_view(store, period(args))
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
    from pcntui.store.staff import change_terms, find_staff

    with opened(args) as store:
        member = find_staff(store, args.who)
        updated, check = change_terms(
            store, member.id, args.effective_from, wte=args.wte, fte_salary=args.salary, oncost_pct=args.oncost_pct,
        )
    print(f"{updated.name}: change from {args.effective_from.isoformat()} saved ({len(updated.terms)} dated terms).")
    for w in check.warnings:
        print("  warning: " + w)
    return 0


def cmd_leave(args) -> int:
    from pcntui.store.staff import end_staff, find_staff

    with opened(args) as store:
        member = find_staff(store, args.who)
        updated = end_staff(store, member.id, args.end_date)
    print(f"{updated.name} leaves on {updated.end_date.isoformat()}.")
    return 0

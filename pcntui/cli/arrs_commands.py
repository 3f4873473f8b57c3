"""`pcntui arrs …`: the ARRS year, entitlement, roster, changes, planned posts, what-if, rule tables, NWRS."""

from __future__ import annotations

import argparse
import textwrap
from decimal import Decimal

from pcntui.cli.common import add_period_options, arg, open_db, period
from pcntui.domain.money import gbp
from pcntui.domain.parse import parse_date, parse_wte
from pcntui.errors import UserError

WIDTH = 80


def _fte(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    out = []
    for row in [headers, *rows]:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        out.append("  ".join(cells).rstrip()[:WIDTH])
    return out


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("arrs", parents=[parent], help="ARRS staffing: year summary, entitlement, roster, plans, rules",
                       description="ARRS staffing against the rules and the entitlement. With no ACTION, prints the "
                       "year's summary by role. See docs/arrs.md.")
    add_period_options(p)
    p.set_defaults(handler=cmd_summary)
    acts = p.add_subparsers(dest="arrs_action", metavar="ACTION", parser_class=type(p))

    def action(name: str, help: str, handler, period_options: bool = True) -> argparse.ArgumentParser:
        a = acts.add_parser(name, parents=[parent], help=help, description=help[0].upper() + help[1:] + ".")
        if period_options:
            add_period_options(a)
        a.set_defaults(handler=handler)
        return a

    action("summary", "the year's entitlement, claimable, forecast and headroom by role", cmd_summary)

    a = action("entitlement", "set (or show) the year's ARRS entitlement", cmd_entitlement, period_options=False)
    a.add_argument("--fy", metavar="YYYY/YY", help="financial year, e.g. 2024/25 (default: the current year)")
    a.add_argument("--as-of", metavar="DATE", help=argparse.SUPPRESS)
    a.add_argument("--weighted-population", metavar="N", type=arg("pcntui.domain.entitlement:parse_weighted_population"),
                   help="PCN contractor weighted population at 1 January")
    g = a.add_mutually_exclusive_group()
    g.add_argument("--rate-per-patient", metavar="R", type=arg("pcntui.domain.entitlement:parse_rate_per_patient"),
                   help="£ per weighted patient (default: the year's shipped rate)")
    g.add_argument("--amount", metavar="A", type=arg("pcntui.domain.entitlement:parse_entitlement_amount"),
                   help="the entitlement in pounds, entered directly")
    a.add_argument("--gp-rate", metavar="R", type=arg("pcntui.domain.entitlement:parse_rate_per_patient"),
                   help="£ per weighted patient of a ring-fenced GP pot (default: the year's shipped GP rate, 2024/25 only)")
    a.add_argument("--note", default="", help="a note kept with the figure")

    a = action("staff", "list the roster (everyone in post in the year, or --all)", cmd_staff)
    a.add_argument("--all", action="store_true", help="every staff record, whatever the year")
    a.add_argument("--search", metavar="TEXT", help="only names, roles, practices or employers containing TEXT")

    a = action("show", "one person's month-by-month claim for the year", cmd_show)
    a.add_argument("who", metavar="NAME|ID")

    a = action("change", "an effective-dated change of WTE, salary or on-cost", cmd_change, period_options=False)
    a.add_argument("who", metavar="NAME|ID")
    a.add_argument("--from", dest="effective_from", required=True, metavar="DATE", type=arg(parse_date),
                   help="the change applies from")
    a.add_argument("--wte", metavar="W", type=arg(parse_wte))
    a.add_argument("--salary", metavar="S", type=arg("pcntui.domain.staff:parse_salary"), help="new full-time annual salary")
    a.add_argument("--oncost-pct", metavar="P", type=arg("pcntui.domain.staff:parse_oncost"))

    a = action("leave", "record a leaver (their last day in post)", cmd_leave, period_options=False)
    a.add_argument("who", metavar="NAME|ID")
    a.add_argument("--on", dest="end_date", required=True, metavar="DATE", type=arg(parse_date), help="last day in post")

    a = action("plan", "add a planned post (feeds the forecast until filled)", cmd_plan, period_options=False)
    _post_options(a)
    a.add_argument("--status", default="planned", choices=["planned", "advertised", "offered"])
    a.add_argument("--title", default="", help="e.g. 'Care coordinator (north)'")

    action("plans", "list planned posts", cmd_plans, period_options=False)

    a = action("what-if", "the effect of a post on the year's forecast and headroom (nothing saved)", cmd_what_if)
    _post_options(a)

    action("alerts", "the year's ARRS alerts", cmd_alerts)
    action("caps", "the role mix against the caps on numbers for the year", cmd_caps)
    action("roles", "the ARRS roles: codes, years eligible, bands, requirements", cmd_roles, period_options=False)
    a = action("rates", "the maxima in force (shipped and yours; unconfirmed marked)", cmd_rates, period_options=False)
    a.add_argument("--role", metavar="ROLE", help="only this role (name or code)")

    a = action("reconcile", "the NWRS census held vs the roster, role by role", cmd_reconcile, period_options=False)
    a.add_argument("--pcn", metavar="CODE")
    a.add_argument("--census", metavar="DATE", type=arg(parse_date),
                   help="census month end, e.g. 2026-06-30 (default: the latest)")

    a = action("seed-roster", "add roster entries for NWRS staff records not on the roster", cmd_seed,
               period_options=False)
    a.add_argument("--pcn", metavar="CODE")
    a.add_argument("--census", metavar="DATE", type=arg(parse_date))
    a.add_argument("--dry-run", action="store_true", help="report what would be added, change nothing")


def _post_options(a: argparse.ArgumentParser) -> None:
    a.add_argument("--role", required=True, metavar="ROLE", help="role name or code")
    a.add_argument("--wte", required=True, metavar="W", type=arg(parse_wte))
    a.add_argument("--start", required=True, metavar="DATE", type=arg(parse_date), help="expected start")
    a.add_argument("--salary", required=True, metavar="S", type=arg("pcntui.domain.staff:parse_salary"),
                   help="expected full-time annual salary")
    a.add_argument("--end", metavar="DATE", type=arg(parse_date), help="expected end (fixed-term posts)")
    a.add_argument("--oncost-pct", metavar="P", type=arg("pcntui.domain.staff:parse_oncost"),
                   help="default: the year's employer NI and pension rules")


# ---------------------------------------------------------------------- handlers
def cmd_summary(args) -> int:
    from pcntui.report.arrs_status import arrs_lines
    from pcntui.store.arrs import arrs_view

    store = open_db(args)
    try:
        view = arrs_view(store, period(args))
    finally:
        store.close()
    y = view.year
    print(f"ARRS {y.fy.label} as of {y.as_of.isoformat()}")
    for line in arrs_lines(view):
        print("\n".join(textwrap.wrap(line, WIDTH, initial_indent="  ", subsequent_indent="    ")))
    mix = {m.role_code: m for m in view.mix}
    rows = []
    for r in y.roles:
        m = mix.get(r.role_code)
        cap = "" if m is None or m.cap is None else _fte(m.cap) + ("!" if m.over_cap else "")
        rows.append([r.role_name[:30], str(r.staff), _fte(r.wte), gbp(r.claimable_to_date, pence=False),
                     gbp(r.forecast, pence=False), cap])
    if rows:
        print()
        for line in _table(["Role", "Staff", "WTE", "To date", "Forecast", "Cap"], rows, {1, 2, 3, 4, 5}):
            print(line)
    if view.alerts:
        print()
        _print_alerts(view.alerts)
    return 0


def _print_alerts(alerts) -> None:
    for a in alerts:
        mark = "!! " if a.severity == "problem" else " ! "
        print("\n".join(textwrap.wrap(mark + a.message, WIDTH, subsequent_indent="   ")))


def cmd_entitlement(args) -> int:
    from pcntui.domain.entitlement import make_entitlement
    from pcntui.domain.fy import FinancialYear
    from pcntui.store.arrs import get_entitlement, load_rulebook, set_entitlement

    fy = FinancialYear.parse(args.fy) if args.fy is not None else period(args).fy
    store = open_db(args)
    try:
        if args.weighted_population is None and args.amount is None and args.rate_per_patient is None \
                and args.gp_rate is None:
            ent = get_entitlement(store, fy)
            if ent is None:
                print(f"No ARRS entitlement is set for {fy.label}.")
            else:
                print(f"ARRS entitlement {fy.label}: {gbp(ent.amount)} ({ent.basis}){_gp_text(ent)}.")
            return 0
        ent = make_entitlement(
            fy, weighted_population=args.weighted_population, rate_per_patient=args.rate_per_patient, amount=args.amount,
            rules=load_rulebook(store), note=args.note, gp_rate_per_patient=args.gp_rate,
        )
        existing = get_entitlement(store, fy)
        set_entitlement(store, ent)
    finally:
        store.close()
    verb = "changed" if existing and existing.amount != ent.amount else "set"
    print(f"ARRS entitlement {fy.label} {verb}: {gbp(ent.amount)} ({ent.basis}){_gp_text(ent)}.")
    return 0


def _gp_text(ent) -> str:
    return f"; ring-fenced GP pot {gbp(ent.gp_amount)} (× £{ent.gp_rate_per_patient})" if ent.has_gp_pot else ""


def cmd_staff(args) -> int:
    from pcntui.store.staff import roster

    when = period(args)
    store = open_db(args)
    try:
        lines = roster(store, when.as_of, fy=None if args.all else when.fy, search=args.search)
    finally:
        store.close()
    if not lines:
        print("No staff" + ("" if args.all else f" in post in {when.fy.label}") + ".")
        return 0
    rows = []
    for line in lines:
        m = line.member
        rows.append([str(m.id), m.name[:22], line.role_name[:26], _fte(line.wte),
                     m.start_date.isoformat(), m.end_date.isoformat() if m.end_date else "",
                     "yes" if m.arrs_funded else "no"])
    for text in _table(["Id", "Name", "Role", "WTE", "Start", "End", "ARRS"], rows, {0, 3}):
        print(text)
    return 0


def cmd_show(args) -> int:
    from pcntui.store.arrs import arrs_view
    from pcntui.store.staff import find_staff

    store = open_db(args)
    try:
        member = find_staff(store, args.who)
        view = arrs_view(store, period(args))
    finally:
        store.close()
    rules = view.inputs.rules
    end = member.end_date.isoformat() if member.end_date else "—"
    print(f"{member.name} · {rules.role_name(member.role_code)} · {member.start_date.isoformat()} to {end}"
          f" · {'ARRS-funded' if member.arrs_funded else 'baseline (not claimed)'}")
    for t in member.terms:
        oncost = f"{_fte(t.oncost_pct)}%" if t.oncost_pct is not None else "default"
        print(f"  from {t.effective_from.isoformat()}: {_fte(t.wte)} WTE, {gbp(t.fte_salary, pence=False)} full-time, "
              f"on-cost {oncost}")
    months = view.year.person(member.id)
    if not months:
        print(f"Not in post in {view.year.fy.label}.")
        return 0
    rows = [[m.month.strftime("%b %Y"), str(m.days_in_post), _fte(m.wte), gbp(m.actual_cost), gbp(m.max_reimbursable),
             gbp(m.claimable), m.reason or ("" if m.rate_confirmed else "max unconfirmed")] for m in months]
    total = sum((m.claimable for m in months), Decimal("0.00"))
    rows.append(["Total", "", "", gbp(sum((m.actual_cost for m in months), Decimal("0.00"))), "", gbp(total), ""])
    print()
    for line in _table(["Month", "Days", "WTE", "Actual cost", "Max", "Claimable", "Note"], rows, {1, 2, 3, 4, 5}):
        print(line)
    return 0


def cmd_change(args) -> int:
    from pcntui.store.staff import change_terms, find_staff

    store = open_db(args)
    try:
        member = find_staff(store, args.who)
        updated, check = change_terms(
            store, member.id, args.effective_from, wte=args.wte, fte_salary=args.salary, oncost_pct=args.oncost_pct,
        )
    finally:
        store.close()
    print(f"{updated.name}: change from {args.effective_from.isoformat()} saved ({len(updated.terms)} dated terms).")
    for w in check.warnings:
        print("  warning: " + w)
    return 0


def cmd_leave(args) -> int:
    from pcntui.store.staff import end_staff, find_staff

    store = open_db(args)
    try:
        member = find_staff(store, args.who)
        updated = end_staff(store, member.id, args.end_date)
    finally:
        store.close()
    print(f"{updated.name} leaves on {updated.end_date.isoformat()}.")
    return 0


def _post_from(args, rules):
    from pcntui.domain.staff import PlannedPost

    role = rules.match_role(args.role)
    if role is None:
        raise UserError(f"'{args.role}' is not an ARRS role ('pcntui arrs roles' lists them).")
    return PlannedPost(
        id=None, role_code=role.code, wte=args.wte, expected_start=args.start, fte_salary=args.salary,
        expected_end=args.end, oncost_pct=args.oncost_pct,
        status=getattr(args, "status", "planned"), title=getattr(args, "title", ""),
    )


def cmd_plan(args) -> int:
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.staff import save_planned

    store = open_db(args)
    try:
        post = _post_from(args, load_rulebook(store))
        post_id = save_planned(store, post)
    finally:
        store.close()
    print(f"Planned post {post_id} added: {_fte(post.wte)} WTE {post.role_code} from {post.expected_start.isoformat()}.")
    return 0


def cmd_plans(args) -> int:
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.staff import list_planned

    store = open_db(args)
    try:
        rules = load_rulebook(store)
        posts = list_planned(store)
    finally:
        store.close()
    if not posts:
        print("No planned posts.")
        return 0
    rows = [[str(p.id), p.label(rules)[:28], _fte(p.wte), p.expected_start.isoformat(),
             gbp(p.fte_salary, pence=False), p.status] for p in posts]
    for line in _table(["Id", "Post", "WTE", "Start", "Salary", "Status"], rows, {0, 2, 4}):
        print(line)
    return 0


def cmd_what_if(args) -> int:
    from pcntui.store.arrs import load_rulebook, what_if_post

    when = period(args)
    store = open_db(args)
    try:
        post = _post_from(args, load_rulebook(store))
        result = what_if_post(store, when, post)
    finally:
        store.close()
    b, a = result.before, result.after
    print(f"What if: {_fte(post.wte)} WTE {post.role_code} from {post.expected_start.isoformat()} at "
          f"{gbp(post.fte_salary, pence=False)} ({when.fy.label}, as of {when.as_of.isoformat()})")
    print(f"  Adds {gbp(result.added)} claimable this year ({len(result.months)} months, cost {gbp(result.full_year_cost)}).")
    print(f"  Forecast  {gbp(b.forecast):>16} -> {gbp(a.forecast):>16}")
    if b.entitlement is not None:
        print(f"  Headroom at year end {gbp(b.forecast_headroom):>16} -> {gbp(a.forecast_headroom):>16}")
        if a.overspend > 0:
            print(f"  !! Over the entitlement by {gbp(a.overspend)}: overspend is not refunded.")
    else:
        print("  No entitlement set for the year, so no headroom ('pcntui arrs entitlement').")
    return 0


def cmd_alerts(args) -> int:
    from pcntui.store.arrs import arrs_view

    store = open_db(args)
    try:
        view = arrs_view(store, period(args))
    finally:
        store.close()
    if not view.alerts:
        print(f"No ARRS alerts for {view.year.fy.label}.")
    _print_alerts(view.alerts)
    return 0


def cmd_caps(args) -> int:
    from pcntui.domain.arrs_caps import size_label
    from pcntui.store.arrs import arrs_view

    store = open_db(args)
    try:
        view = arrs_view(store, period(args))
    finally:
        store.close()
    print(f"Role mix against caps, {view.year.fy.label}")
    print(f"PCN of {size_label(view.inputs.list_size)}")
    rows = [[m.role_name[:30], str(m.headcount), _fte(m.wte_now), _fte(m.peak_wte), m.cap_text,
             "OVER CAP" if m.over_cap else ("" if m.eligible else "not eligible")] for m in view.mix]
    for line in _table(["Role", "Staff", "WTE now", "Peak", "Cap", ""], rows, {1, 2, 3}):
        print(line)
    return 0


def cmd_roles(args) -> int:
    from pcntui.store.arrs import load_rulebook

    store = open_db(args)
    try:
        rules = load_rulebook(store)
    finally:
        store.close()
    rows = []
    for r in rules.roles:
        needs = "".join(x for x, v in (("S", r.requires_supervisor), ("R", r.requires_registration),
                                       ("T", r.requires_training_pathway)) if v)
        rows.append([r.code, r.name[:32], r.eligible_from.isoformat() if r.eligible_from else "", r.bands, needs,
                     "" if r.origin == "shipped" else "yours"])
    for line in _table(["Code", "Role", "From", "Bands", "Needs", ""], rows):
        print(line)
    print("Needs: S supervisor, R registration, T training pathway (defaults, unconfirmed).")
    return 0


def cmd_rates(args) -> int:
    from pcntui.store.arrs import load_rulebook

    store = open_db(args)
    try:
        rules = load_rulebook(store)
    finally:
        store.close()
    codes = [r.code for r in rules.roles]
    if args.role:
        role = rules.match_role(args.role)
        if role is None:
            raise UserError(f"'{args.role}' is not an ARRS role ('pcntui arrs roles' lists them).")
        codes = [role.code]
    rows = []
    for code in codes:
        for r in rules.rates_for(code):
            flag = "" if r.confirmed else "unconfirmed"
            rows.append([code + (f" b{r.band}" if r.band else ""), r.effective_from.isoformat(), gbp(r.annual_max, pence=False), f"{_fte(r.reimbursement_pct)}%",
                         flag, "yours" if r.origin == "user" else ""])
    for line in _table(["Role", "From", "Max/WTE/yr", "Paid", "", ""], rows, {2, 3}):
        print(line)
    print("Correct or add figures: 'pcntui import rates FILE' (see docs/arrs.md).")
    return 0


def cmd_reconcile(args) -> int:
    from pcntui.store.workforce import format_reconciliation, stored_reconciliation

    store = open_db(args)
    try:
        rec = stored_reconciliation(store, args.pcn.upper() if args.pcn else None, args.census)
    finally:
        store.close()
    if rec is None:
        raise UserError("No NWRS workforce census is held; run 'pcntui import workforce FILE --pcn U12345' first.")
    for line in format_reconciliation(rec):
        print(line)
    return 0


def cmd_seed(args) -> int:
    from pcntui.store.workforce import seed_roster

    store = open_db(args)
    try:
        report = seed_roster(store, args.pcn.upper() if args.pcn else None, args.census, dry_run=args.dry_run)
    finally:
        store.close()
    print(("Dry run, nothing changed. " if args.dry_run else "") + report.summary())
    for note in report.notes or []:
        print("  " + note)
    return 0

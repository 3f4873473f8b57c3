"""`pcntui arrs plan|plans|what-if`: planned posts and their effect on the year."""

from __future__ import annotations

from pcntui.cli.arrs.text import fte
from pcntui.cli.common import opened, period
from pcntui.domain.money import gbp
from pcntui.errors import UserError
from pcntui.export.text import fit


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

    with opened(args) as store:
        post = _post_from(args, load_rulebook(store))
        post_id = save_planned(store, post)
    print(f"Planned post {post_id} added: {fte(post.wte)} WTE {post.role_code} from {post.expected_start.isoformat()}.")
    return 0


def cmd_plans(args) -> int:
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.staff import list_planned

    with opened(args) as store:
        rules = load_rulebook(store)
        posts = list_planned(store)
    if not posts:
        print("No planned posts.")
        return 0
    rows = [[str(p.id), p.label(rules)[:28], fte(p.wte), p.expected_start.isoformat(),
             gbp(p.fte_salary, pence=False), p.status] for p in posts]
    for line in fit(["Id", "Post", "WTE", "Start", "Salary", "Status"], rows, {0, 2, 4}):
        print(line)
    return 0


def cmd_what_if(args) -> int:
    from pcntui.store.arrs import load_rulebook, what_if_post

    when = period(args)
    with opened(args) as store:
        post = _post_from(args, load_rulebook(store))
        result = what_if_post(store, when, post)
    b, a = result.before, result.after
    print(f"What if: {fte(post.wte)} WTE {post.role_code} from {post.expected_start.isoformat()} at "
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

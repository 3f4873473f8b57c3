"""`pcntui arrs plan|plan-edit|plan-delete|plans|what-if`: planned posts and their effect on the year.
The flags are the fields of `inputs.arrs.PlannedPostIn`; the services check them as the TUI's form does."""

from __future__ import annotations

import argparse

from pcntui.cli.arrs.options import say
from pcntui.cli.model_options import model_options, raw_of
from pcntui.cli.arrs.text import fte
from pcntui.cli.common import opened, period, today
from pcntui.domain.money import gbp
from pcntui.errors import UserError
from pcntui.export.text import fit

POST_FIELDS = ("role", "wte", "expected_start", "fte_salary", "expected_end", "oncost_pct")
FIELDS = (*POST_FIELDS, "status", "title")


def post_options(a: argparse.ArgumentParser, *, new: bool = True, what_if: bool = False) -> None:
    from pcntui.inputs.arrs import NewPlannedPostIn, PlannedPostIn

    model = NewPlannedPostIn if new else PlannedPostIn
    names = POST_FIELDS if what_if else FIELDS
    model_options(a, model, names, required=POST_FIELDS[:4] if new else (), helps={
        "role": "role name or code", "expected_start": "expected start", "fte_salary": "expected full-time annual salary",
        "expected_end": "expected end (fixed-term posts)", "oncost_pct": "default: the year's employer NI and pension rules",
        "title": "e.g. 'Care coordinator (north)'"})


def cmd_plan(args) -> int:
    from pcntui.services.arrs.planned import add_planned

    with opened(args) as store:
        saved = add_planned(store, raw_of(args, FIELDS), today=today(args))
    say(saved, f" (id {saved.value}).")
    return 0


def cmd_plan_edit(args) -> int:
    from pcntui.services.arrs.planned import edit_planned

    raw = raw_of(args, FIELDS)
    with opened(args) as store:  # a bad database file is named first
        if not raw:
            raise UserError("Give something to change (see 'pcntui arrs plan-edit --help').")
        say(edit_planned(store, args.id, raw, today=today(args)))
    return 0


def cmd_plan_delete(args) -> int:
    from pcntui.services.arrs.planned import delete_planned

    with opened(args) as store:
        say(delete_planned(store, args.id))
    return 0


def cmd_plans(args) -> int:
    from pcntui.views.arrs.people import planned_posts
    from pcntui.views.arrs.year import rulebook

    with opened(args) as store:
        rules = rulebook(store)
        posts = planned_posts(store)
    if not posts:
        print("No planned posts.")
        return 0
    rows = [[str(p.id), p.label(rules)[:28], fte(p.wte), p.expected_start.isoformat(),
             gbp(p.fte_salary, pence=False), p.status] for p in posts]
    for line in fit(["Id", "Post", "WTE", "Start", "Salary", "Status"], rows, {0, 2, 4}):
        print(line)
    return 0


def cmd_what_if(args) -> int:
    from pcntui.inputs.arrs import NewPlannedPostIn
    from pcntui.inputs.base import check
    from pcntui.inputs.context import Ctx
    from pcntui.views.arrs.year import rulebook, what_if

    when = period(args)
    with opened(args) as store:
        ctx = Ctx(today(args), rules=rulebook(store))
        post = check(NewPlannedPostIn, raw_of(args, POST_FIELDS), ctx)[0].to_post()
        result = what_if(store, when, post)
    b, a = result.before, result.after
    print(f"What if: {fte(post.wte)} WTE {post.role_code} from {post.expected_start.isoformat()} at "
          f"{gbp(post.fte_salary, pence=False)} ({when.fy.label}, as of {when.as_of.isoformat()})")
    print(f"  Adds {gbp(result.added)} claimable this year ({len(result.months)} months, cost {gbp(result.full_year_cost)}).")
    print(f"  Forecast  {gbp(b.forecast):>16} -> {gbp(a.forecast):>16}")
    if b.entitlement is not None:
        print(f"  Forecast unclaimed {gbp(b.forecast_headroom):>18} -> {gbp(a.forecast_headroom):>16}")
        if a.overspend > 0:
            print(f"  !! Over the entitlement by {gbp(a.overspend)}: overspend is not refunded.")
    else:
        print("  No entitlement set for the year, so no forecast unclaimed ('pcntui arrs entitlement').")
    return 0

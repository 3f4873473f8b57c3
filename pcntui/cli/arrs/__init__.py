"""`pcntui arrs …`: the ARRS year, entitlement, roster, changes, planned posts, what-if, rule tables, NWRS,
claims. Every TUI action on ARRS data has its command here, calling the same service.

The parser is built here; the handlers live by meaning in `year`, `roster`, `record`, `planned`,
`rules`, `nwrs` and `claims`.
"""

from __future__ import annotations

import argparse

from pcntui.cli.arrs.claims import cmd_claims
from pcntui.cli.arrs.nwrs import cmd_reconcile, cmd_seed
from pcntui.cli.model_options import model_options
from pcntui.cli.arrs.planned import cmd_plan, cmd_plan_delete, cmd_plan_edit, cmd_plans, cmd_what_if, post_options
from pcntui.cli.arrs.record import add_record_options, cmd_add, cmd_delete, cmd_edit
from pcntui.cli.arrs.roster import CHANGE_FIELDS, cmd_change, cmd_leave, cmd_show, cmd_staff
from pcntui.cli.arrs.rules import cmd_rate, cmd_rates, cmd_roles, rate_options
from pcntui.cli.arrs.year import ENTITLEMENT_FIELDS, cmd_alerts, cmd_caps, cmd_entitlement, cmd_summary
from pcntui.cli.common import add_period_options, arg, reads
from pcntui.cli.registry import add_actions, add_command
from pcntui.domain.parse import parse_date


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "arrs", parent, cmd_summary)
    add_period_options(p)
    add = add_actions(p, "arrs_action", parent, required=False)

    def action(name: str, help: str, handler, period_options: bool = True) -> argparse.ArgumentParser:
        a = add(name, help, handler)
        if period_options:
            add_period_options(a)
        return a

    action("summary", "the year's entitlement, claimable, forecast and headroom by role", cmd_summary)

    from pcntui.inputs.arrs import ChangeTermsIn, EntitlementIn

    a = action("entitlement", "set (or show) the year's ARRS entitlement", cmd_entitlement, period_options=False)
    a.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="financial year, e.g. 2024/25 (default: the current year)")
    a.add_argument("--as-of", type=reads("date"), metavar="DATE", help=argparse.SUPPRESS)
    model_options(a, EntitlementIn, ENTITLEMENT_FIELDS, helps={
        "weighted_population": "PCN contractor weighted population at 1 January",
        "rate_per_patient": "£ per weighted patient (default: the year's shipped rate); not with --amount",
        "amount": "the entitlement in pounds, entered directly",
        "gp_rate": "£ per weighted patient of a ring-fenced GP pot (default: the year's shipped GP rate, 2024/25 only)"})

    a = action("staff", "list the roster (everyone in post in the year, or --all)", cmd_staff)
    a.add_argument("--all", action="store_true", help="every staff record, whatever the year")
    a.add_argument("--search", metavar="TEXT", help="only names, roles, practices or employers containing TEXT")

    a = action("show", "one person's month-by-month claim for the year", cmd_show)
    a.add_argument("who", type=reads("id or name"), metavar="NAME|ID")

    a = action("add", "add a staff member (band and own reimbursement % optional)", cmd_add, period_options=False)
    add_record_options(a, new=True)

    a = action("edit", "put a staff record right: band, own reimbursement %, details; --confirm an estimated one",
               cmd_edit, period_options=False)
    a.add_argument("who", type=reads("id or name"), metavar="NAME|ID")
    add_record_options(a, new=False)

    a = action("delete", "delete a staff record, its terms and its months (undo brings it back)", cmd_delete,
               period_options=False)
    a.add_argument("who", type=reads("id or name"), metavar="NAME|ID")

    a = action("change", "an effective-dated change of WTE, salary or on-cost", cmd_change, period_options=False)
    a.add_argument("who", type=reads("id or name"), metavar="NAME|ID")
    model_options(a, ChangeTermsIn, CHANGE_FIELDS, required=("effective_from",),
                  helps={"effective_from": "the change applies from", "fte_salary": "new full-time annual salary"})

    a = action("leave", "record a leaver (their last day in post)", cmd_leave, period_options=False)
    a.add_argument("who", type=reads("id or name"), metavar="NAME|ID")
    a.add_argument("--on", dest="end_date", type=reads("parse_date"), required=True, metavar="DATE", help="last day in post")

    a = action("plan", "add a planned post (feeds the forecast until filled)", cmd_plan, period_options=False)
    post_options(a)

    a = action("plan-edit", "change a planned post (any status: filled or withdrawn ones leave the forecast)",
               cmd_plan_edit, period_options=False)
    a.add_argument("id", type=arg("pcntui.domain.parse:parse_id", "planned post id"), metavar="ID")
    post_options(a, new=False)

    a = action("plan-delete", "delete a planned post", cmd_plan_delete, period_options=False)
    a.add_argument("id", type=arg("pcntui.domain.parse:parse_id", "planned post id"), metavar="ID")

    action("plans", "list planned posts", cmd_plans, period_options=False)

    a = action("what-if", "the effect of a post on the year's forecast and forecast unclaimed (nothing saved)", cmd_what_if)
    post_options(a, what_if=True)

    action("alerts", "the year's ARRS alerts", cmd_alerts)
    action("claims", "the claims ledger: claimable vs claimed vs paid per person per month", cmd_claims)
    action("caps", "the role mix against the caps on numbers for the year", cmd_caps)
    action("roles", "the ARRS roles: codes, years eligible, bands, requirements", cmd_roles, period_options=False)
    a = action("rates", "the maxima in force (shipped and yours; unconfirmed marked)", cmd_rates, period_options=False)
    a.add_argument("--role", metavar="ROLE", help="only this role (name or code)")
    a = action("rate", "your maximum £ per WTE per year for a role from a date (used instead of the shipped one)",
               cmd_rate, period_options=False)
    rate_options(a)

    a = action("reconcile", "the NWRS census held vs the roster, role by role", cmd_reconcile, period_options=False)
    a.add_argument("--pcn", metavar="CODE")
    a.add_argument("--census", metavar="DATE", type=arg(parse_date),
                   help="census month end, e.g. 2026-06-30 (default: the latest)")

    a = action("seed-roster", "add roster entries for NWRS staff records not on the roster", cmd_seed,
               period_options=False)
    a.add_argument("--pcn", metavar="CODE")
    a.add_argument("--census", metavar="DATE", type=arg(parse_date))
    a.add_argument("--dry-run", action="store_true", help="report what would be added, change nothing")

"""`pcntui arrs …`: the ARRS year, entitlement, roster, changes, planned posts, what-if, rule tables, NWRS,
claims.

The parser is built here; the handlers live by meaning in `year`, `roster`, `record`, `planned`,
`rules`, `nwrs` and `claims`.
"""

from __future__ import annotations

import argparse

from pcntui.cli.arrs.claims import cmd_claims
from pcntui.cli.arrs.nwrs import cmd_reconcile, cmd_seed
from pcntui.cli.arrs.planned import cmd_plan, cmd_plans, cmd_what_if
from pcntui.cli.arrs.record import add_record_options, cmd_add, cmd_edit
from pcntui.cli.arrs.roster import cmd_change, cmd_leave, cmd_show, cmd_staff
from pcntui.cli.arrs.rules import cmd_rates, cmd_roles
from pcntui.cli.arrs.year import cmd_alerts, cmd_caps, cmd_entitlement, cmd_summary
from pcntui.cli.common import add_period_options, arg
from pcntui.cli.registry import add_command
from pcntui.domain.parse import parse_date, parse_wte


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "arrs", parent,
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

    a = action("add", "add a staff member (band and own reimbursement % optional)", cmd_add, period_options=False)
    add_record_options(a, new=True)

    a = action("edit", "put a staff record right: band, own reimbursement %, details; --confirm an estimated one",
               cmd_edit, period_options=False)
    a.add_argument("who", metavar="NAME|ID")
    add_record_options(a, new=False)

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
    action("claims", "the claims ledger: claimable vs claimed vs paid per person per month", cmd_claims)
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

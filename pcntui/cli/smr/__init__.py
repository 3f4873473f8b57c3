"""`pcntui smr …`: SMR progress, cohorts, targets, IIF thresholds, counts, capacity, worklist.

(Imports and exports go through `pcntui import smr-counts|smr-worklist` and
`pcntui export smr|smr-counts|smr-worklist`.) The parser is built here; the handlers live by
meaning in `progress`, `cohorts`, `counts`, `capacity` and `worklist`.
"""

from __future__ import annotations

import argparse

from pcntui.cli import forget_commands
from pcntui.cli.common import add_period_options, arg
from pcntui.cli.registry import add_command
from pcntui.cli.smr.capacity import cmd_capacity, cmd_settings, cmd_share
from pcntui.cli.smr.cohorts import cmd_add_cohort, cmd_cohorts, cmd_delete_cohort, cmd_iif, cmd_target
from pcntui.cli.smr.counts import cmd_counts, cmd_history
from pcntui.cli.smr.progress import cmd_progress
from pcntui.cli.smr.worklist import MAX_PAGE, cmd_worklist
from pcntui.domain.parse import parse_count, parse_date, parse_percent


def register(sub, parent: argparse.ArgumentParser) -> None:
    smr = add_command(sub, "smr", parent,
                      description="Structured Medication Review cohorts: progress against targets per practice, "
                      "run-rate forecast to 31 March, clinician capacity, the optional worklist. "
                      "Import counts with 'pcntui import smr-counts FILE'; export with 'pcntui export smr'.")
    s = smr.add_subparsers(dest="smr_command", metavar="ACTION", required=True, parser_class=type(smr))

    p = s.add_parser("progress", parents=[parent], help="progress per cohort (per practice with --cohort)",
                     description="Latest completed/eligible per cohort vs target, forecast to 31 March, status.")
    p.add_argument("--cohort", metavar="COHORT", help="one cohort (code or name): per-practice rows and history")
    p.add_argument("--practice", metavar="CODE", help="only this practice's rows")
    p.add_argument("--json", action="store_true", help="print JSON (the same keys as 'status --json' smr.cohorts)")
    add_period_options(p)
    p.set_defaults(handler=cmd_progress)

    p = s.add_parser("cohorts", parents=[parent], help="list cohorts for a year: DES group, IIF indicator, target",
                     description="Every cohort for the year, with what is unconfirmed marked.")
    add_period_options(p)
    p.add_argument("--definitions", action="store_true", help="also print each cohort's definition")
    p.set_defaults(handler=cmd_cohorts)

    p = s.add_parser("add-cohort", parents=[parent], help="define a local cohort (or edit one's name/definition)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--code", help="short code (default: from the name, e.g. HOUSEBOUND_DOAC)")
    p.add_argument("--definition", default="", help="who is in the cohort, in words")
    p.add_argument("--alias", action="append", default=[], help="another name imports may use (repeatable)")
    p.set_defaults(handler=cmd_add_cohort)

    p = s.add_parser("delete-cohort", parents=[parent], help="delete a local cohort with no counts or worklist")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p.set_defaults(handler=cmd_delete_cohort)

    p = s.add_parser("target", parents=[parent], help="set a cohort's target for a year (%% of eligible or a count)")
    p.add_argument("cohort", metavar="COHORT", help="code or name")
    p.add_argument("--fy", metavar="YYYY/YY", help="financial year (default: the current one)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", metavar="P", help="target as a percent of eligible patients, e.g. 80")
    g.add_argument("--count", metavar="N", help="target as a number of reviews, e.g. 350")
    g.add_argument("--clear", action="store_true", help="remove the target")
    p.set_defaults(handler=cmd_target)

    p = s.add_parser("iif", parents=[parent], help="map a cohort to its IIF indicator in a year and set that indicator's thresholds "
                     "(its row of the IIF table, shared by every cohort mapped to it)")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--fy", metavar="YYYY/YY", help="financial year (default: the current one)")
    p.add_argument("--indicator", help="e.g. SMR-01B ('none' for no indicator)")
    p.add_argument("--lower", type=arg(parse_percent), metavar="PCT", help="lower threshold (0 points), %% of the cohort")
    p.add_argument("--upper", type=arg(parse_percent), metavar="PCT", help="upper threshold (all points), %% of the cohort")
    p.add_argument("--unconfirmed", action="store_true", help="mark the values as not yet confirmed")
    p.set_defaults(handler=cmd_iif)

    p = s.add_parser("counts", parents=[parent], help="record one practice's counts for one cohort on a date")
    p.add_argument("practice", metavar="PRACTICE", help="practice code")
    p.add_argument("cohort", metavar="COHORT", help="code or name")
    p.add_argument("--date", required=True, metavar="DATE", type=arg(parse_date),
                   help="the date the search was run (as_of)")
    count = arg(parse_count, noun="patients")
    p.add_argument("--eligible", type=count, required=True, metavar="N")
    p.add_argument("--completed", type=count, required=True, metavar="N")
    p.add_argument("--invited", type=count, metavar="N")
    p.add_argument("--declined", type=count, metavar="N")
    p.set_defaults(handler=cmd_counts)

    p = s.add_parser("history", parents=[parent], help="every snapshot of a cohort's counts (all years)")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--practice", metavar="CODE")
    p.set_defaults(handler=cmd_history)

    p = s.add_parser("capacity", parents=[parent], help="clinician hours needed per week vs SMR time available")
    add_period_options(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_capacity)

    p = s.add_parser("settings", parents=[parent], help="show or change minutes per SMR and capacity assumptions")
    p.add_argument("--minutes-per-review", type=arg("pcntui.domain.smr_capacity:parse_setting", "minutes_per_review"), metavar="MIN")
    p.add_argument("--hours-per-wte", type=arg("pcntui.domain.smr_capacity:parse_setting", "hours_per_wte"), metavar="H",
                   help="hours in a full-time week (default 37.5)")
    p.add_argument("--default-share", type=arg("pcntui.domain.smr_capacity:parse_setting", "default_share_pct"), metavar="PCT",
                   help="SMR share assumed for a prescribing role with no share set")
    p.set_defaults(handler=cmd_settings)

    p = s.add_parser("share", parents=[parent], help="set the %% of a staff member's time given to SMRs")
    p.add_argument("staff", metavar="STAFF", help="staff id or full name")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", type=arg("pcntui.domain.smr_capacity:parse_share"), metavar="P")
    g.add_argument("--default", action="store_true", help="back to the role's default share")
    p.add_argument("--as-of", metavar="DATE", help="who is in post on this date (default today)")
    p.set_defaults(handler=cmd_share)

    p = s.add_parser("worklist", parents=[parent], help="list the worklist a page at a time (NHS numbers masked)")
    p.add_argument("--practice", metavar="CODE")
    p.add_argument("--cohort", metavar="COHORT")
    p.add_argument("--status", action="append", default=[],
                   help="identified, invited, booked, completed, declined, not suitable (repeatable)")
    p.add_argument("--search", metavar="TEXT", help="reference starts with, or NHS number digits")
    p.add_argument("--reviewer", metavar="NAME")
    p.add_argument("--follow-up-before", metavar="DATE", type=arg(parse_date), help="follow-up due before this date")
    p.add_argument("--sort", choices=["reference", "follow_up"], default="reference")
    p.add_argument("--limit", type=arg(parse_count, low=1, high=MAX_PAGE), default=50, metavar="N",
                   help=f"rows per page (default 50, at most {MAX_PAGE:,})")
    p.add_argument("--after", metavar="KEY", help="the 'next page' key printed under the previous page")
    p.add_argument("--show-nhs-numbers", action="store_true", help="show NHS numbers in full")
    p.set_defaults(handler=cmd_worklist)

    forget_commands.register(s, parent)

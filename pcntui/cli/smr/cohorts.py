"""`pcntui smr cohorts|add-cohort|delete-cohort|target|iif`: the cohorts and what each year expects of them."""

from __future__ import annotations

from pcntui.cli.common import add_period_options, arg, opened, reads, today
from pcntui.cli.smr.progress import fy_of, year_text
from pcntui.domain.parse import parse_percent
from pcntui.errors import UserError


def register(s, parent) -> None:
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
    p.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="financial year (default: the current one)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--percent", type=reads("number"), metavar="P", help="target as a percent of eligible patients, e.g. 80")
    g.add_argument("--count", type=reads("number"), metavar="N", help="target as a number of reviews, e.g. 350")
    g.add_argument("--clear", action="store_true", help="remove the target")
    p.set_defaults(handler=cmd_target)

    p = s.add_parser("iif", parents=[parent], help="map a cohort to its IIF indicator in a year and set that indicator's "
                     "thresholds (its row of the IIF table, shared by every cohort mapped to it)")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="financial year (default: the current one)")
    p.add_argument("--indicator", help="e.g. SMR-01B ('none' for no indicator)")
    p.add_argument("--lower", type=arg(parse_percent), metavar="PCT", help="lower threshold (0 points), %% of the cohort")
    p.add_argument("--upper", type=arg(parse_percent), metavar="PCT", help="upper threshold (all points), %% of the cohort")
    p.add_argument("--unconfirmed", action="store_true", help="mark the values as not yet confirmed")
    p.set_defaults(handler=cmd_iif)


def cmd_cohorts(args) -> int:
    from pcntui.views.smr.lookups import year_cohorts

    with opened(args) as store:
        fy = fy_of(args)
        cohorts, tgts = year_cohorts(store, fy)
    print(f"SMR cohorts · {fy.label}")
    for c in cohorts:
        y = c.year(fy)
        if y is None:
            status = "not a cohort this year"
        elif c.origin == "user":
            status = "local cohort"
        else:
            status = "DES priority group" if y.des_priority else "not a DES priority group"
            status += "" if y.des_confirmed else " (unconfirmed)"
        target = f"target {tgts[c.code].label}" if c.code in tgts else "no target"
        print(f"{c.code:<20} {c.name}")
        print(f"  {status}; {year_text(y) if y else 'no IIF indicator'}; {target}")
        if args.definitions and c.definition:
            print(f"  {c.definition}")
    return 0


def cmd_add_cohort(args) -> int:
    from pcntui.services.smr.cohorts import save_cohort

    with opened(args) as store:
        saved = save_cohort(store, {"name": args.name, "code": args.code, "definition": args.definition,
                                    "aliases": args.alias}, today=today(args))
    print(saved.note)
    return 0


def cmd_delete_cohort(args) -> int:
    from pcntui.services.smr.cohorts import delete_cohort

    if not args.yes:
        raise UserError(f"Deleting cohort {args.cohort} needs --yes to confirm.")
    with opened(args) as store:
        saved = delete_cohort(store, args.cohort, today=today(args))
    print(saved.note)
    return 0


def cmd_target(args) -> int:
    from pcntui.services.smr.cohorts import set_target

    with opened(args) as store:
        saved = set_target(store, {"cohort": args.cohort, "fy": fy_of(args).label, "percent": args.percent,
                                   "count": args.count, "clear": args.clear}, today=today(args))
    print(saved.note)
    return 0


def cmd_iif(args) -> int:
    from pcntui.services.iif import set_cohort_iif

    with opened(args) as store:
        fy = fy_of(args)
        saved = set_cohort_iif(store, args.cohort, fy, indicator=args.indicator, lower=args.lower, upper=args.upper,
                               confirmed=not args.unconfirmed)
    print(f"{args.cohort} {fy.label}: {year_text(saved.value)}.")
    return 0

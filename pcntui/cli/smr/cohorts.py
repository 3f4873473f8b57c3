"""`pcntui smr cohorts|add-cohort|delete-cohort|target|iif`: the cohorts and what each year expects of them."""

from __future__ import annotations

from pcntui.cli.common import opened
from pcntui.cli.smr.progress import fy_of, year_text
from pcntui.errors import UserError


def cmd_cohorts(args) -> int:
    from pcntui.store.smr import load_cohorts, targets

    with opened(args) as store:
        fy = fy_of(args)
        cohorts = load_cohorts(store)
        tgts = targets(store, fy)
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
    from pcntui.store.smr import save_cohort

    with opened(args) as store:
        c = save_cohort(store, args.name, args.definition, code=args.code, aliases=tuple(args.alias))
    print(f"Saved SMR cohort {c.name} ({c.code}).")
    return 0


def cmd_delete_cohort(args) -> int:
    from pcntui.store.smr import delete_cohort

    if not args.yes:
        raise UserError(f"Deleting cohort {args.cohort} needs --yes to confirm.")
    with opened(args) as store:
        delete_cohort(store, args.cohort)
    print(f"Deleted SMR cohort {args.cohort}.")
    return 0


def cmd_target(args) -> int:
    from pcntui.domain.cohort import Target
    from pcntui.store.smr import set_target

    with opened(args) as store:
        fy = fy_of(args)
        target = None if args.clear else Target.parse(args.percent, args.count)
        cohort = set_target(store, args.cohort, fy, target)
    print(f"{cohort.name} {fy.label}: " + (f"target {target.label}." if target else "target removed."))
    return 0


def cmd_iif(args) -> int:
    from pcntui.services.iif import set_cohort_iif

    with opened(args) as store:
        fy = fy_of(args)
        saved = set_cohort_iif(store, args.cohort, fy, indicator=args.indicator, lower=args.lower, upper=args.upper,
                               confirmed=not args.unconfirmed)
    print(f"{args.cohort} {fy.label}: {year_text(saved.value)}.")
    return 0

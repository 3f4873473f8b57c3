"""`pcntui smr counts|delete-counts|history`: one practice's counts on a date, and every snapshot of a cohort."""

from __future__ import annotations

from pcntui.cli.common import arg, clip, opened, reads, today
from pcntui.cli.smr.options import say
from pcntui.domain.parse import parse_date

COUNT_FIELDS = ("eligible", "completed", "invited", "declined")


def register(s, parent) -> None:
    p = s.add_parser("counts", parents=[parent], help="record one practice's counts for one cohort on a date",
                     description="Year-to-date counts from the practice's search; checked as the TUI's counts "
                     "form checks them (completed cannot be more than eligible).")
    p.add_argument("practice_code", metavar="PRACTICE", help="practice code")
    p.add_argument("cohort", metavar="COHORT", help="code or name")
    p.add_argument("--date", type=reads("date"), required=True, metavar="DATE", help="the date the search was run (as_of)")
    for name in COUNT_FIELDS:
        p.add_argument(f"--{name}", type=reads("parse_count"), required=name in ("eligible", "completed"), metavar="N")
    p.set_defaults(handler=cmd_counts)

    p = s.add_parser("delete-counts", parents=[parent], help="remove one practice's counts for a cohort on a date")
    p.add_argument("practice_code", metavar="PRACTICE")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--date", required=True, metavar="DATE", type=arg(parse_date))
    p.set_defaults(handler=cmd_delete_counts)

    p = s.add_parser("history", parents=[parent], help="every snapshot of a cohort's counts (all years)")
    p.add_argument("cohort", metavar="COHORT")
    p.add_argument("--practice", metavar="CODE")
    p.set_defaults(handler=cmd_history)


def cmd_counts(args) -> int:
    from pcntui.services.smr.counts import save_counts

    raw = {name: getattr(args, name) for name in ("practice_code", "cohort", *COUNT_FIELDS)
           if getattr(args, name) is not None} | {"as_of": args.date}
    with opened(args) as store:
        saved = save_counts(store, raw, today=today(args))
    say(saved)
    return 0


def cmd_delete_counts(args) -> int:
    from pcntui.services.smr.counts import delete_counts

    with opened(args) as store:
        saved = delete_counts(store, args.practice_code, args.cohort, args.date, today=today(args))
    print(saved.note)
    return 0


def cmd_history(args) -> int:
    from pcntui.views.smr.counts import cohort_history
    from pcntui.views.smr.lookups import find_cohort, practice_names

    with opened(args) as store:
        cohort = find_cohort(store, args.cohort)
        code = args.practice.strip().upper() if args.practice else None
        rows = cohort_history(store, cohort.code, code)
        names = practice_names(store)
    print(f"{cohort.name}: every snapshot")
    print(f"  {'Practice':<26} {'As of':<10} {'Eligible':>8} {'Invited':>8} {'Done':>6} {'Declined':>8}")
    for (practice, _), snaps in sorted(rows.items()):
        for s in snaps:
            dash = "–"
            print(f"  {clip(practice + ' ' + names.get(practice, ''), 28):<28} {s.as_of.isoformat():<10} "
                  f"{s.eligible:>8,} {s.invited if s.invited is not None else dash:>8} {s.completed:>6,} "
                  f"{s.declined if s.declined is not None else dash:>8}")
    return 0

"""`pcntui smr counts|history`: one practice's counts on a date, and every snapshot of a cohort."""

from __future__ import annotations

from pcntui.cli.common import clip, opened


def cmd_counts(args) -> int:
    from pcntui.store.smr_counts import save_count

    with opened(args) as store:
        warnings = save_count(store, args.practice, args.cohort, args.date, eligible=args.eligible,
                              completed=args.completed, invited=args.invited, declined=args.declined)
    print("Saved.")
    for w in warnings:
        print(f"  warning: {w}")
    return 0


def cmd_history(args) -> int:
    from pcntui.store.smr import find_cohort, practice_names
    from pcntui.store.smr_counts import history

    with opened(args) as store:
        cohort = find_cohort(store, args.cohort)
        code = args.practice.strip().upper() if args.practice else None
        rows = history(store, cohort.code, code)
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

"""`pcntui smr worklist`: the worklist a page at a time (NHS numbers masked)."""

from __future__ import annotations

import json

from pcntui.cli.common import clip, opened
from pcntui.errors import UserError


MAX_PAGE = 1000  # worklist rows per page


def cmd_worklist(args) -> int:
    from pcntui.domain.worklist import WorklistFilter, parse_status
    from pcntui.store.smr import find_cohort
    from pcntui.store.worklist import worklist_count, worklist_page

    after = None
    if args.after:
        try:
            after = tuple(json.loads(args.after))
        except (ValueError, TypeError):
            raise UserError("--after must be the key printed under the previous page.") from None
    with opened(args) as store:
        f = WorklistFilter(
            practice_code=args.practice, statuses=tuple(parse_status(s) for s in args.status),
            cohort_code=find_cohort(store, args.cohort).code if args.cohort else None, search=args.search,
            reviewer=args.reviewer, sort=args.sort,
            follow_up_before=args.follow_up_before,
        )
        total = worklist_count(store, f)
        page = worklist_page(store, f, after, args.limit)
    print(f"{total:,} on the worklist match")
    print(f"{'Practice':<8} {'Reference':<16} {'NHS number':<12} {'Cohorts':<24} {'Status':<12} Reviewed")
    for e in page.entries:
        nhs = e.nhs_display(masked=not args.show_nhs_numbers)
        reviewed = e.reviewed_on.isoformat() if e.reviewed_on else ""
        print(f"{e.practice_code:<8} {clip(e.reference, 16):<16} {nhs:<12} {clip(','.join(e.cohorts), 24):<24} "
              f"{e.status_label:<12} {reviewed}".rstrip())
    if page.next_key is not None:
        print(f"next page: --after '{json.dumps(list(page.next_key))}'")
    return 0

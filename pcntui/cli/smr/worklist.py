"""`pcntui smr worklist`: the worklist a page at a time (NHS numbers masked)."""

from __future__ import annotations

import json

from pcntui.cli.common import arg, clip, opened, reads, today
from pcntui.cli.model_options import model_options, raw_of
from pcntui.cli.smr.options import say
from pcntui.domain.parse import parse_count, parse_date
from pcntui.errors import UserError
from pcntui.inputs.smr import WorklistEntryIn

FIELDS = tuple(WorklistEntryIn.model_fields)


MAX_PAGE = 1000  # worklist rows per page


def register(s, parent) -> None:
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
    p.add_argument("--after", type=reads("key"), metavar="KEY", help="the 'next page' key printed under the previous page")
    p.add_argument("--show-nhs-numbers", action="store_true", help="show NHS numbers in full")
    p.set_defaults(handler=cmd_worklist)

    p = s.add_parser("worklist-add", parents=[parent], help="add a patient to the worklist (the worklist's n)",
                     description="Checked as the TUI's worklist form checks it (the NHS number too).")
    model_options(p, WorklistEntryIn, FIELDS, required=True, metavar="TEXT")
    p.set_defaults(handler=cmd_worklist_add)

    p = s.add_parser("worklist-edit", parents=[parent], help="change a worklist patient (only the flags given)")
    p.add_argument("key_practice", metavar="PRACTICE", help="the patient's practice code")
    p.add_argument("key_reference", metavar="REFERENCE", help="the practice's reference for the patient")
    model_options(p, WorklistEntryIn, FIELDS, metavar="TEXT")
    p.set_defaults(handler=cmd_worklist_edit)

    p = s.add_parser("worklist-delete", parents=[parent], help="delete a patient from the worklist")
    p.add_argument("key_practice", metavar="PRACTICE")
    p.add_argument("key_reference", metavar="REFERENCE")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p.set_defaults(handler=cmd_worklist_delete)


def cmd_worklist_add(args) -> int:
    from pcntui.services.smr.worklist import save_worklist_entry

    with opened(args) as store:
        saved = save_worklist_entry(store, raw_of(args, FIELDS), today=today(args))
    say(saved)
    return 0


def cmd_worklist_edit(args) -> int:
    from pcntui.services.smr.worklist import save_worklist_entry

    changes = raw_of(args, FIELDS)
    if not changes:
        raise UserError("Nothing to change: give the flags of the fields to change (see --help).")
    with opened(args) as store:
        saved = save_worklist_entry(store, changes, today=today(args), entry=(args.key_practice, args.key_reference))
    say(saved)
    return 0


def cmd_worklist_delete(args) -> int:
    from pcntui.services.smr.worklist import delete_worklist_entry

    if not args.yes:
        raise UserError(f"Deleting worklist patient {args.key_practice} {args.key_reference} needs --yes to confirm.")
    with opened(args) as store:
        saved = delete_worklist_entry(store, (args.key_practice, args.key_reference))
    print(saved.note)
    return 0


def cmd_worklist(args) -> int:
    from pcntui.domain.worklist import WorklistFilter, parse_status
    from pcntui.views.smr.lookups import find_cohort
    from pcntui.views.smr.worklist import count, page

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
        total = count(store, f)
        shown = page(store, f, after, args.limit)
    print(f"{total:,} on the worklist match")
    print(f"{'Practice':<8} {'Reference':<16} {'NHS number':<12} {'Cohorts':<24} {'Status':<12} Reviewed")
    for e in shown.entries:
        nhs = e.nhs_display(masked=not args.show_nhs_numbers)
        reviewed = e.reviewed_on.isoformat() if e.reviewed_on else ""
        print(f"{e.practice_code:<8} {clip(e.reference, 16):<16} {nhs:<12} {clip(','.join(e.cohorts), 24):<24} "
              f"{e.status_label:<12} {reviewed}".rstrip())
    if shown.next_key is not None:
        print(f"next page: --after '{json.dumps(list(shown.next_key))}'")
    return 0

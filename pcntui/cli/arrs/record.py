"""`pcntui arrs add|edit|delete`: one person's staff record, entered, put right (band, own
reimbursement %, confirming an estimated record's salary and start date) or deleted. The flags are
the fields of `inputs.arrs.StaffIn`; the services check them as the TUI's form does."""

from __future__ import annotations

import argparse

from pcntui.cli.arrs.options import say, warn
from pcntui.cli.model_options import model_options, raw_of
from pcntui.cli.common import opened, today
from pcntui.errors import UserError

FIELDS = ("name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded", "band",
          "reimbursement_pct", "practice", "supervisor", "registration_number", "registration_expiry",
          "training_pathway", "note")
REQUIRED = ("name", "role", "wte", "start_date", "fte_salary")


def add_record_options(a: argparse.ArgumentParser, *, new: bool) -> None:
    """The flags `add` and `edit` share (`add` requires who, role, WTE, start and salary)."""
    from pcntui.inputs.arrs import StaffIn

    model_options(a, StaffIn, FIELDS, required=REQUIRED if new else (), helps={
        "start_date": "first day in post" + ("" if new else " (corrects it; the first terms move with it)"),
        "fte_salary": "full-time annual salary" + ("" if new else " (corrects the latest; a pay rise is "
                                                     "'arrs change --from')"),
        "reimbursement_pct": "this person's own % (more than 0, at most 100), e.g. 100 for a second MHP; "
                             "default: the role's"})
    if new:
        a.add_argument("--baseline", action="store_true", help="not ARRS-funded: shown, never claimed "
                       "(the same as --arrs-funded no)")
        a.add_argument("--estimated", action="store_true", help="salary and start date are guesses to confirm")
    else:
        a.add_argument("--role-pct", action="store_true", help="drop the person's own %%: the role's applies")
        a.add_argument("--confirm", action="store_true",
                       help="the salary and start date are real: the record is no longer estimated")


def _report(verb: str, member) -> None:
    pct = f", reimbursed at {member.reimbursement_pct.normalize():f}%" if member.reimbursement_pct is not None else ""
    band = f", band {member.band}" if member.band else ""
    state = " (estimated: confirm salary and start date with 'arrs edit --confirm')" if member.estimated else ""
    print(f"{verb} {member.name} ({member.role_code}{band}{pct}){state}.")


def cmd_add(args) -> int:
    from pcntui.services.arrs.staff import add_staff
    from pcntui.views.arrs.people import member_by_id

    raw = raw_of(args, FIELDS)
    if args.baseline:
        raw.setdefault("arrs_funded", "no")
    if args.estimated:
        raw["estimated"] = "yes"
    with opened(args) as store:
        saved = add_staff(store, raw, today=today(args))
        _report(f"Added {saved.value}:", member_by_id(store, saved.value))
    warn(saved)
    return 0


def cmd_edit(args) -> int:
    from pcntui.services.arrs.staff import edit_staff
    from pcntui.views.arrs.people import find_member, member_by_id

    raw = raw_of(args, FIELDS)
    if args.role_pct:
        raw["reimbursement_pct"] = ""
    if args.confirm:
        raw["estimated"] = "no"
    with opened(args) as store:  # a bad database file is named first
        if not raw:
            raise UserError("Give something to change (see 'pcntui arrs edit --help').")
        member = find_member(store, args.who)
        saved = edit_staff(store, member.id, raw, today=today(args), expected_rev=member.rev)
        _report("Saved", member_by_id(store, member.id))
    warn(saved)
    return 0


def cmd_delete(args) -> int:
    from pcntui.services.arrs.staff import delete_staff
    from pcntui.views.arrs.people import find_member

    with opened(args) as store:
        member = find_member(store, args.who)
        say(delete_staff(store, member.id, expected_rev=member.rev))
    return 0

"""`pcntui arrs add|edit`: one person's staff record, entered or put right (band, own reimbursement %,
confirming an estimated record's salary and start date)."""

from __future__ import annotations

import argparse

from pcntui.cli.common import arg, opened
from pcntui.domain.parse import parse_date, parse_wte
from pcntui.errors import UserError

PCT = "pcntui.domain.arrs_rules:parse_reimbursement_pct"
BAND = "pcntui.domain.arrs_roles:parse_band"
TEXT_FIELDS = ("practice", "supervisor", "registration_number")


def add_record_options(a: argparse.ArgumentParser, *, new: bool) -> None:
    """The flags `add` and `edit` share (`add` requires who, role, WTE, start and salary)."""
    a.add_argument("--name", required=new, metavar="NAME", help="full name")
    a.add_argument("--role", required=new, metavar="ROLE", help="role name or code")
    if new:
        a.add_argument("--wte", required=True, metavar="W", type=arg(parse_wte))
    a.add_argument("--start", metavar="DATE", required=new, type=arg(parse_date),
                   help="first day in post" + ("" if new else " (corrects it; the first terms move with it)"))
    a.add_argument("--salary", metavar="S", required=new, type=arg("pcntui.domain.staff:parse_salary"),
                   help="full-time annual salary" + ("" if new else " (corrects the latest; a pay rise is "
                                                     "'arrs change --from')"))
    if new:
        a.add_argument("--end", metavar="DATE", type=arg(parse_date), help="last day (fixed-term posts)")
        a.add_argument("--oncost-pct", metavar="P", type=arg("pcntui.domain.staff:parse_oncost"),
                       help="default: the year's employer NI and pension rules")
        a.add_argument("--baseline", action="store_true", help="not ARRS-funded: shown, never claimed")
        a.add_argument("--estimated", action="store_true", help="salary and start date are guesses to confirm")
    a.add_argument("--band", metavar="B", type=arg(BAND), help="Agenda for Change band, e.g. 5, 6 or 8a")
    pct = a.add_mutually_exclusive_group() if not new else a
    pct.add_argument("--reimbursement-pct", metavar="P", type=arg(PCT),
                     help="this person's own % (more than 0, at most 100), e.g. 100 for a second MHP; "
                     "default: the role's")
    if not new:
        pct.add_argument("--role-pct", action="store_true", help="drop the person's own %: the role's applies")
        a.add_argument("--confirm", action="store_true",
                       help="the salary and start date are real: the record is no longer estimated")
    for field in TEXT_FIELDS:
        a.add_argument("--" + field.replace("_", "-"), metavar="TEXT")


def _role(rules, text: str | None) -> str | None:
    if text is None:
        return None
    role = rules.match_role(text)
    if role is None:
        raise UserError(f"'{text}' is not an ARRS role ('pcntui arrs roles' lists them).")
    return role.code


def _report(verb: str, member, check) -> None:
    pct = f", reimbursed at {member.reimbursement_pct.normalize():f}%" if member.reimbursement_pct is not None else ""
    band = f", band {member.band}" if member.band else ""
    state = " (estimated: confirm salary and start date with 'arrs edit --confirm')" if member.estimated else ""
    print(f"{verb} {member.name} ({member.role_code}{band}{pct}){state}.")
    for w in check.warnings:
        print("  warning: " + w)


def cmd_add(args) -> int:
    from pcntui.domain.staff import StaffMember, Terms
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.staff import get_staff, save_staff

    with opened(args) as store:
        member = StaffMember(
            id=None, name=" ".join(args.name.split()), role_code=_role(load_rulebook(store), args.role),
            start_date=args.start, end_date=args.end, terms=(Terms(args.start, args.wte, args.salary, args.oncost_pct),),
            arrs_funded=not args.baseline, band=args.band or "", reimbursement_pct=args.reimbursement_pct,
            estimated=args.estimated, **{f: getattr(args, f) or "" for f in TEXT_FIELDS},
        )
        staff_id, check = save_staff(store, member)
        _report(f"Added {staff_id}:", get_staff(store, staff_id), check)
    return 0


def cmd_edit(args) -> int:
    from pcntui.domain.staff import corrected
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.staff import find_staff, get_staff, save_staff

    with opened(args) as store:
        member = find_staff(store, args.who)
        fields: dict = {f: getattr(args, f) for f in TEXT_FIELDS if getattr(args, f) is not None}
        if args.name is not None:
            fields["name"] = " ".join(args.name.split())
        if args.role is not None:
            fields["role_code"] = _role(load_rulebook(store), args.role)
        if args.band is not None:
            fields["band"] = args.band
        if args.reimbursement_pct is not None or args.role_pct:
            fields["reimbursement_pct"] = args.reimbursement_pct
        if not fields and args.start is None and args.salary is None and not args.confirm:
            raise UserError("Give something to change (see 'pcntui arrs edit --help').")
        changed = corrected(member, start_date=args.start, fte_salary=args.salary, confirm=args.confirm, **fields)
        _, check = save_staff(store, changed, expected_rev=member.rev)
        _report("Saved", get_staff(store, member.id), check)
    return 0

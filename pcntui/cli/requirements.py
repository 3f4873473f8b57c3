"""`pcntui requirement …`: list, add, update and link the Network Contract DES requirements."""

from __future__ import annotations

import argparse
import textwrap

from pcntui.cli.common import opened, reads, today
from pcntui.cli.registry import add_actions, add_command
from pcntui.domain.parse import id_or_none
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    rp = add_command(sub, "requirement", parent)
    radd = add_actions(rp, "requirement_command", parent)

    p = radd("list", "list requirements, overdue and due-soon flagged", cmd_req_list)
    p.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="only this financial year")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE")

    p = radd("add", "add a requirement (e.g. for a new year)", cmd_req_add)
    p.add_argument("--fy", type=reads("year"), required=True, metavar="YYYY/YY")
    p.add_argument("--area", required=True, help="cvd, health_inequalities, anticipatory_care, personalised_care, "
                   "smr, enhanced_access, care_homes, cancer, continuity, access, other")
    p.add_argument("--title", required=True)
    p.add_argument("--due", type=reads("parse_date"), metavar="DATE")
    p.add_argument("--unconfirmed", action="store_true", help="the due date is not confirmed")
    p.add_argument("--owner")
    p.add_argument("--detail", metavar="TEXT")

    p = radd("set", "update a requirement's owner, status, evidence or due date", cmd_req_set)
    p.add_argument("ref", type=reads("id or name"), help="the requirement's id, or a shipped key such as 2023-24-smr")
    p.add_argument("--status", help="not_started, in_progress, done, not_applicable")
    p.add_argument("--owner")
    p.add_argument("--evidence", metavar="TEXT")
    p.add_argument("--due", type=reads("parse_date"), metavar="DATE")
    p.add_argument("--confirmed", action="store_true", help="mark the due date as confirmed")

    p = radd("link", "link a requirement to an intervention, SMR cohort or staff member", cmd_req_link)
    p.add_argument("ref", type=reads("id or name"), help="the requirement's id or shipped key")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--intervention", type=reads("id"), metavar="ID")
    g.add_argument("--smr-cohort", metavar="CODE")
    g.add_argument("--staff", type=reads("id or name"), metavar="NAME")


def cmd_req_list(args) -> int:
    from pcntui.cli.common import period
    from pcntui.domain.requirements import STATUSES
    from pcntui.views.base import ViewQuery
    from pcntui.views.requirements import none_recorded_text, requirements_page

    as_of = today(args)
    with opened(args) as store:
        page = requirements_page(store, ViewQuery(period(args), fy_given=args.fy is not None))
    rows = page.items
    if not rows:
        print(none_recorded_text(page.fy) if page.fy else "No DES requirements: add one with 'pcntui requirement add'.")
    width = max((len(str(r.id) if r.id is not None else r.ref_key) for r in rows), default=0)
    for r in rows:
        flag = {"overdue": "OVERDUE", "due_soon": "DUE SOON", "lapsed": "LAPSED"}.get(r.state(as_of), "")
        ident = str(r.id) if r.id is not None else r.ref_key
        print(f"{ident:<{width}} {r.fy} {r.due_text():<24} {STATUSES[r.status]:<14} {flag}".rstrip())
        text = f"{r.area_label}: {r.title}" + (f" (owner {r.owner})" if r.owner else "")
        print(textwrap.fill(text, 80, initial_indent="    ", subsequent_indent="    "))
    return 0


def _ref(ref: str) -> int | str:
    """A requirement's id, or the key of a shipped one."""
    requirement_id = id_or_none(ref, "requirement id")
    return ref.strip() if requirement_id is None else requirement_id


def cmd_req_add(args) -> int:
    from pcntui.cli.interventions.core import not_blank
    from pcntui.services.requirements import add_requirement

    not_blank(due=args.due)
    raw = {"fy": args.fy, "area": args.area, "title": args.title, "due_on": args.due,
           "due_confirmed": not args.unconfirmed, "owner": args.owner, "detail": args.detail}
    with opened(args) as store:
        saved = add_requirement(store, {k: v for k, v in raw.items() if v is not None}, today=today(args))
    print(saved.note)
    return 0


def cmd_req_set(args) -> int:
    from pcntui.cli.interventions.core import not_blank
    from pcntui.services.requirements import change_requirement

    not_blank(due=args.due)
    given = {"status": args.status, "owner": args.owner, "evidence": args.evidence, "due_on": args.due,
             "due_confirmed": True if args.confirmed else None}
    changes = {name: value for name, value in given.items() if value is not None}
    if not changes:
        raise UserError("Nothing to change: give --status, --owner, --evidence, --due or --confirmed.")
    with opened(args) as store:
        saved = change_requirement(store, _ref(args.ref), changes, today=today(args))
    print(saved.note)
    return 0


def cmd_req_link(args) -> int:
    from pcntui.services.requirements import link_requirement

    if args.intervention:
        kind, target = "intervention", args.intervention
    elif args.smr_cohort:
        kind, target = "smr_cohort", args.smr_cohort
    else:
        kind, target = "staff", args.staff
    with opened(args) as store:
        saved = link_requirement(store, _ref(args.ref), {"kind": kind, "target": target}, today=today(args))
    print(saved.note)
    return 0

"""`pcntui intervention …` and `pcntui requirement …`: the shell side of issue 5.

Small on purpose: create an intervention, move it between stages, set stage target
dates, log co-design sessions and "you said, we did", add actions / measures / readings /
partners / spend, list, show, and print the one-page commissioner summary; list, add,
update and link DES requirements.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from pcntui.cli.common import arg, check_out_path, open_db, today
from pcntui.domain.parse import id_or_none, parse_count, parse_date, parse_id
from pcntui.errors import UserError

_id = arg(parse_id)
_date = arg(parse_date)


def register(sub, parent: argparse.ArgumentParser) -> None:
    pclass = type(parent)
    ip = sub.add_parser("intervention", parents=[parent], help="health-inequality interventions",
                        description="Create and track health-inequality interventions (TNHI): stages, "
                        "co-design sessions, actions, outcome measures, the commissioner summary.")
    isub = ip.add_subparsers(dest="intervention_command", metavar="ACTION", required=True,
                             parser_class=sub._parser_class if hasattr(sub, "_parser_class") else pclass)

    def add(name: str, help_: str, handler) -> argparse.ArgumentParser:
        p = isub.add_parser(name, parents=[parent], help=help_, description=help_[0].upper() + help_[1:] + ".")
        p.set_defaults(handler=handler)
        return p

    p = add("list", "list interventions with stage, RAG and next action", cmd_list)
    p.add_argument("--as-of", metavar="DATE", help="compute RAG as of this date (default today)")

    p = add("show", "show one intervention in full, with its RAG explained", cmd_show)
    p.add_argument("id", type=_id)
    p.add_argument("--as-of", metavar="DATE")

    p = add("add", "create an intervention (at stage 'lead appointed')", cmd_add)
    p.add_argument("--title", required=True)
    p.add_argument("--lead", help="the health inequalities lead")
    p.add_argument("--focus", default="local", choices=["core20", "plus", "clinical", "local"])
    p.add_argument("--focus-detail", metavar="TEXT", help="the PLUS group or clinical area")
    p.add_argument("--population", metavar="TEXT", help="who the population is")
    p.add_argument("--size", type=arg(parse_count), metavar="N", help="estimated size of the population")
    p.add_argument("--practices", metavar="CODES", help="practice codes, comma-separated; or 'auto' to choose them "
                   "from --deprivation (imd_quintile_1 or pcn_most_deprived)")
    p.add_argument("--deprivation", default="none", choices=["none", "imd_quintile_1", "pcn_most_deprived", "other"],
                   help="how deprivation was established")
    p.add_argument("--deprivation-note", metavar="TEXT")
    p.add_argument("--aims", metavar="TEXT")
    p.add_argument("--budget", metavar="POUNDS", type=arg("pcntui.domain.intervention:parse_budget"), help="budget, e.g. 2500 or £2,500.00")
    p.add_argument("--on", metavar="DATE", type=_date, help="date the lead was appointed (default today)")

    p = add("edit", "change an intervention's title, lead, population, focus, practices, aims or budget", cmd_edit)
    p.add_argument("id", type=_id)
    p.add_argument("--title")
    p.add_argument("--lead")
    p.add_argument("--focus", choices=["core20", "plus", "clinical", "local"])
    p.add_argument("--focus-detail", metavar="TEXT")
    p.add_argument("--population", metavar="TEXT")
    p.add_argument("--size", type=arg(parse_count), metavar="N")
    p.add_argument("--practices", metavar="CODES", help="the full list, comma-separated; or 'auto'")
    p.add_argument("--deprivation", choices=["none", "imd_quintile_1", "pcn_most_deprived", "other"])
    p.add_argument("--deprivation-note", metavar="TEXT")
    p.add_argument("--aims", metavar="TEXT")
    p.add_argument("--budget", metavar="POUNDS", type=arg("pcntui.domain.intervention:parse_budget"))

    p = add("stage", "move an intervention to a stage (forwards or back; recorded)", cmd_stage)
    p.add_argument("id", type=_id)
    p.add_argument("stage", help="lead_appointed, population_identified, engagement, co_design, plan_agreed, "
                   "delivery, evaluation or closed")
    p.add_argument("--on", metavar="DATE", type=_date, help="date of the move (default today)")
    p.add_argument("--evidence", metavar="TEXT", help="evidence note for the stage")

    p = add("target", "set the date a stage should be reached by", cmd_target)
    p.add_argument("id", type=_id)
    p.add_argument("stage")
    p.add_argument("date", help="the target date, or 'none' to clear it")

    p = add("session", "log a co-design session", cmd_session)
    p.add_argument("id", type=_id)
    p.add_argument("--on", metavar="DATE", type=_date, required=True, help="date the session was held")
    p.add_argument("--format", default="workshop",
                   help="workshop, focus_group, community_event, interview, survey, online, other")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--group", action="append", default=[], metavar="GROUP=N",
                   help="who took part, e.g. --group Residents=12 --group Carers=3")
    p.add_argument("--heard", metavar="TEXT", help="what people said")
    p.add_argument("--decisions", metavar="TEXT", help="decisions taken")

    p = add("you-said", "record a 'you said, we did' pair", cmd_you_said)
    p.add_argument("id", type=_id)
    p.add_argument("--said", required=True, metavar="TEXT")
    p.add_argument("--did", required=True, metavar="TEXT")
    p.add_argument("--session", type=_id, metavar="SESSION_ID")
    p.add_argument("--action", type=_id, metavar="ACTION_ID", help="the plan action it changed")
    p.add_argument("--on", metavar="DATE", type=_date)

    p = add("action", "add a plan action", cmd_action)
    p.add_argument("id", type=_id)
    p.add_argument("--what", required=True, metavar="TEXT")
    p.add_argument("--owner")
    p.add_argument("--due", metavar="DATE", type=_date)

    p = add("done", "mark an action done", cmd_done)
    p.add_argument("action_id", type=_id)
    p.add_argument("--on", metavar="DATE", type=_date, help="date done (default today)")

    p = add("measure", "add an outcome measure", cmd_measure)
    p.add_argument("id", type=_id)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", default="", help="e.g. %% or patients")
    p.add_argument("--direction", default="increase", choices=["increase", "decrease"])
    p.add_argument("--baseline", required=True, type=arg("pcntui.domain.measure:parse_measure_value"), metavar="VALUE")
    p.add_argument("--baseline-on", required=True, metavar="DATE", type=_date)
    p.add_argument("--target", required=True, type=arg("pcntui.domain.measure:parse_measure_value"), metavar="VALUE")
    p.add_argument("--target-on", metavar="DATE", type=_date)

    p = add("reading", "record a reading of an outcome measure", cmd_reading)
    p.add_argument("measure_id", type=_id)
    p.add_argument("value", type=arg("pcntui.domain.measure:parse_measure_value"))
    p.add_argument("--on", metavar="DATE", type=_date, help="date of the reading (default today)")
    p.add_argument("--note", metavar="TEXT")

    p = add("partner", "add a partner organisation", cmd_partner)
    p.add_argument("id", type=_id)
    p.add_argument("--name", required=True)
    p.add_argument("--kind", default="other",
                   choices=["local_authority", "voluntary", "faith", "school", "nhs", "resident", "other"])
    p.add_argument("--role", metavar="TEXT")

    p = add("spend", "record money spent against the budget", cmd_spend)
    p.add_argument("id", type=_id)
    p.add_argument("amount", metavar="POUNDS", type=arg("pcntui.domain.intervention:parse_spend"))
    p.add_argument("--on", metavar="DATE", type=_date)
    p.add_argument("--note", metavar="TEXT")

    p = add("summary", "print the one-page commissioner summary (Markdown)", cmd_summary)
    p.add_argument("id", type=_id)
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default stdout)")

    rp = sub.add_parser("requirement", parents=[parent], help="Network Contract DES requirements and deadlines",
                        description="List, add, update and link the DES service requirements (shipped for the "
                        "years known; add your own for new years).")
    rsub = rp.add_subparsers(dest="requirement_command", metavar="ACTION", required=True,
                             parser_class=sub._parser_class if hasattr(sub, "_parser_class") else pclass)

    def radd(name: str, help_: str, handler) -> argparse.ArgumentParser:
        p = rsub.add_parser(name, parents=[parent], help=help_, description=help_[0].upper() + help_[1:] + ".")
        p.set_defaults(handler=handler)
        return p

    p = radd("list", "list requirements, overdue and due-soon flagged", cmd_req_list)
    p.add_argument("--fy", metavar="YYYY/YY", help="only this financial year")
    p.add_argument("--as-of", metavar="DATE")

    p = radd("add", "add a requirement (e.g. for a new year)", cmd_req_add)
    p.add_argument("--fy", required=True, metavar="YYYY/YY")
    p.add_argument("--area", required=True, help="cvd, health_inequalities, anticipatory_care, personalised_care, "
                   "smr, enhanced_access, care_homes, cancer, other")
    p.add_argument("--title", required=True)
    p.add_argument("--due", metavar="DATE", type=_date)
    p.add_argument("--unconfirmed", action="store_true", help="the due date is not confirmed")
    p.add_argument("--owner")
    p.add_argument("--detail", metavar="TEXT")

    p = radd("set", "update a requirement's owner, status, evidence or due date", cmd_req_set)
    p.add_argument("ref", help="the requirement's id, or a shipped key such as 2023-24-smr")
    p.add_argument("--status", help="not_started, in_progress, done, not_applicable")
    p.add_argument("--owner")
    p.add_argument("--evidence", metavar="TEXT")
    p.add_argument("--due", metavar="DATE", type=_date)
    p.add_argument("--confirmed", action="store_true", help="mark the due date as confirmed")

    p = radd("link", "link a requirement to an intervention, SMR cohort or staff member", cmd_req_link)
    p.add_argument("ref", help="the requirement's id or shipped key")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--intervention", metavar="ID")
    g.add_argument("--smr-cohort", metavar="CODE")
    g.add_argument("--staff", metavar="NAME")


# ---------------------------------------------------------------------------- helpers
def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _as_of(args):
    return today(args)


def _on(args):
    return getattr(args, "on", None) or today(args)


def _run(args, fn):
    store = open_db(args)
    try:
        return fn(store)
    finally:
        store.close()


# ---------------------------------------------------------------------------- interventions
def cmd_list(args) -> int:
    from pcntui.store.interventions import list_interventions

    rows = _run(args, lambda s: list_interventions(s, _as_of(args)))
    if not rows:
        print("No interventions yet: create one with 'pcntui intervention add --title TEXT'.")
    for r in rows:
        print(f"#{r.id:<3} {r.rag.level.upper():<5} {r.stage_label:<21} {_clip(r.title, 47)}")
        parts = [f"lead {r.lead or '-'}", f"measures {r.measures_on_track}/{r.measures} on track",
                 f"{r.overdue_actions} overdue actions"]
        if r.next_action:
            due = f" by {r.next_action.due_on.isoformat()}" if r.next_action.due_on else ""
            parts.append(f"next: {r.next_action.description}{due}")
        print(textwrap.fill(" · ".join(parts), 80, initial_indent="     ", subsequent_indent="     "))
    return 0


def cmd_show(args) -> int:
    from pcntui.report.intervention_summary import intervention_summary

    print(_run(args, lambda s: intervention_summary(s, args.id, _as_of(args))), end="")
    return 0


def cmd_summary(args) -> int:
    from pathlib import Path

    from pcntui.export.csvfile import write_text_atomic
    from pcntui.report.intervention_summary import intervention_summary

    check_out_path(args.out)
    text = _run(args, lambda s: intervention_summary(s, args.id, _as_of(args)))
    if not args.out or args.out == "-":
        print(text, end="")
    else:
        path = write_text_atomic(Path(args.out), text)
        print(f"Wrote {path}", file=sys.stderr)
    return 0


def cmd_add(args) -> int:
    from pcntui.domain.intervention import InterventionIn, check
    from pcntui.store.interventions import create_intervention

    practices = [c for c in (args.practices or "").split(",") if c.strip()]
    if [c.strip().lower() for c in practices] == ["auto"]:
        from pcntui.store.interventions import practices_for_basis

        practices = _run(args, lambda s: practices_for_basis(s, args.deprivation))
    data = check(
        InterventionIn, title=args.title, lead=args.lead, focus_kind=args.focus, focus_detail=args.focus_detail,
        population=args.population, population_size=args.size,
        practices=practices,
        deprivation_basis=args.deprivation, deprivation_note=args.deprivation_note, aims=args.aims,
        budget_pence=args.budget or 0,
    )
    on = _on(args)
    iid = _run(args, lambda s: create_intervention(s, data, on=on))
    print(f"Created intervention {iid}: {data.title} (stage: lead appointed, {on.isoformat()}).")
    return 0


def cmd_edit(args) -> int:
    from pcntui.domain.intervention import InterventionIn, check
    from pcntui.store.interventions import get_intervention, practices_for_basis, update_intervention

    def go(store):
        d = get_intervention(store, args.id, today(args))
        values = {
            "title": d.title, "lead": d.lead, "focus_kind": d.focus_kind, "focus_detail": d.focus_detail,
            "population": d.population, "population_size": d.population_size, "practices": d.practices,
            "deprivation_basis": d.deprivation_basis, "deprivation_note": d.deprivation_note, "aims": d.aims,
            "budget_pence": d.budget_pence,
        }
        given = {
            "title": args.title, "lead": args.lead, "focus_kind": args.focus, "focus_detail": args.focus_detail,
            "population": args.population, "population_size": args.size, "deprivation_basis": args.deprivation,
            "deprivation_note": args.deprivation_note, "aims": args.aims,
            "budget_pence": args.budget,
        }
        values.update({k: v for k, v in given.items() if v is not None})
        if args.practices is not None:
            codes = [c for c in args.practices.split(",") if c.strip()]
            if [c.strip().lower() for c in codes] == ["auto"]:
                codes = practices_for_basis(store, values["deprivation_basis"])
            values["practices"] = codes
        if not any(v is not None for v in given.values()) and args.practices is None:
            raise UserError("Nothing to change: give at least one option (see 'pcntui intervention edit --help').")
        update_intervention(store, args.id, check(InterventionIn, **values), expected_rev=d.rev)
        return values["title"]

    title = _run(args, go)
    print(f"Updated intervention {args.id}: {title}.")
    return 0


def cmd_stage(args) -> int:
    from pcntui.domain.intervention import STAGE_LABELS, StageMoveIn, check, parse_stage
    from pcntui.store.interventions import move_stage

    move = check(StageMoveIn, stage=parse_stage(args.stage), on=_on(args), evidence=args.evidence)
    done = _run(args, lambda s: move_stage(s, args.id, move))
    word = "back " if done.backwards else ""
    print(f"Intervention {args.id} moved {word}to {STAGE_LABELS[done.to_stage]} on {done.moved_on.isoformat()}.")
    return 0


def cmd_target(args) -> int:
    from pcntui.domain.intervention import STAGE_LABELS, parse_stage
    from pcntui.store.interventions import set_stage_target

    stage = parse_stage(args.stage)
    when = None if args.date.strip().lower() in {"none", ""} else parse_date(args.date, "target date")
    _run(args, lambda s: set_stage_target(s, args.id, stage, when))
    print(f"Intervention {args.id}: {STAGE_LABELS[stage]} " + (f"due by {when.isoformat()}." if when else "has no target date."))
    return 0


def cmd_session(args) -> int:
    from pcntui.domain.codesign import SessionIn, parse_format, parse_participants
    from pcntui.domain.intervention import check
    from pcntui.store.interventions import log_session

    data = check(SessionIn, held_on=args.on, format=parse_format(args.format), title=args.title,
                 heard=args.heard, decisions=args.decisions, participants=parse_participants(args.group))
    sid = _run(args, lambda s: log_session(s, args.id, data))
    print(f"Logged co-design session {sid} ({data.held_on.isoformat()}, {sum(data.participants.values())} people).")
    return 0


def cmd_you_said(args) -> int:
    from pcntui.domain.codesign import YouSaidIn
    from pcntui.domain.intervention import check
    from pcntui.store.interventions import add_you_said

    data = check(YouSaidIn, you_said=args.said, we_did=args.did, session_id=args.session, action_id=args.action,
                 recorded_on=_on(args))
    pid = _run(args, lambda s: add_you_said(s, args.id, data))
    print(f"Recorded 'you said, we did' {pid}.")
    return 0


def cmd_action(args) -> int:
    from pcntui.domain.intervention import ActionIn, check
    from pcntui.store.interventions import add_action

    data = check(ActionIn, description=args.what, owner=args.owner, due_on=args.due)
    aid = _run(args, lambda s: add_action(s, args.id, data))
    print(f"Added action {aid}: {data.description}.")
    return 0


def cmd_done(args) -> int:
    from pcntui.store.interventions import complete_action

    on = _on(args)
    _run(args, lambda s: complete_action(s, args.action_id, on))
    print(f"Action {args.action_id} done on {on.isoformat()}.")
    return 0


def cmd_measure(args) -> int:
    from pcntui.domain.intervention import check
    from pcntui.domain.measure import MeasureIn
    from pcntui.store.interventions import add_measure

    data = check(MeasureIn, name=args.name, unit=args.unit, direction=args.direction, baseline_value=args.baseline,
                 baseline_on=args.baseline_on, target_value=args.target, target_on=args.target_on)
    mid = _run(args, lambda s: add_measure(s, args.id, data))
    print(f"Added measure {mid}: {data.name}.")
    return 0


def cmd_reading(args) -> int:
    from pcntui.domain.intervention import check
    from pcntui.domain.measure import ReadingIn
    from pcntui.store.interventions import add_reading

    data = check(ReadingIn, taken_on=_on(args), value=args.value, note=args.note)
    _run(args, lambda s: add_reading(s, args.measure_id, data))
    print(f"Recorded {args.value:g} for measure {args.measure_id} on {data.taken_on.isoformat()}.")
    return 0


def cmd_partner(args) -> int:
    from pcntui.domain.intervention import PartnerIn, check
    from pcntui.store.interventions import add_partner

    data = check(PartnerIn, name=args.name, kind=args.kind, role=args.role)
    pid = _run(args, lambda s: add_partner(s, args.id, data))
    print(f"Added partner {pid}: {data.name}.")
    return 0


def cmd_spend(args) -> int:
    from pcntui.domain.intervention import SpendIn, check
    from pcntui.domain.money import from_pence, gbp
    from pcntui.store.interventions import add_spend

    data = check(SpendIn, spent_on=_on(args), amount_pence=args.amount, note=args.note)
    _run(args, lambda s: add_spend(s, args.id, data))
    print(f"Recorded spend of {gbp(from_pence(data.amount_pence))} on intervention {args.id}.")
    return 0


# ---------------------------------------------------------------------------- requirements
def cmd_req_list(args) -> int:
    from pcntui.domain.fy import FinancialYear
    from pcntui.domain.requirements import STATUSES
    from pcntui.store.requirements import list_requirements, none_recorded_text

    fy = FinancialYear.parse(args.fy).label if args.fy is not None else None
    as_of = _as_of(args)
    rows = _run(args, lambda s: list_requirements(s, fy))
    if not rows:
        print(none_recorded_text(fy) if fy else "No DES requirements: add one with 'pcntui requirement add'.")
    width = max((len(str(r.id) if r.id is not None else r.ref_key) for r in rows), default=0)
    for r in rows:
        flag = {"overdue": "OVERDUE", "due_soon": "DUE SOON", "lapsed": "LAPSED"}.get(r.state(as_of), "")
        ident = str(r.id) if r.id is not None else r.ref_key
        print(f"{ident:<{width}} {r.fy} {r.due_text():<24} {STATUSES[r.status]:<14} {flag}".rstrip())
        text = f"{r.area_label}: {r.title}" + (f" (owner {r.owner})" if r.owner else "")
        print(textwrap.fill(text, 80, initial_indent="    ", subsequent_indent="    "))
    return 0


def _ref(store, ref: str) -> int:
    from pcntui.store.requirements import resolve_id

    requirement_id = id_or_none(ref, "requirement id")
    return resolve_id(store, requirement_id) if requirement_id is not None else resolve_id(store, ref_key=ref.strip())


def cmd_req_add(args) -> int:
    from pcntui.domain.fy import FinancialYear
    from pcntui.domain.intervention import check
    from pcntui.domain.requirements import RequirementIn, parse_area
    from pcntui.store.requirements import add_requirement

    data = check(RequirementIn, fy=FinancialYear.parse(args.fy).label, area=parse_area(args.area), title=args.title,
                 due_on=args.due, due_confirmed=not args.unconfirmed, owner=args.owner,
                 detail=args.detail, source="added by the user")
    rid = _run(args, lambda s: add_requirement(s, data))
    print(f"Added DES requirement {rid}: {data.title} ({data.fy}).")
    return 0


def cmd_req_set(args) -> int:
    from pcntui.domain.requirements import parse_status
    from pcntui.store.requirements import update_requirement

    changes: dict = {}
    if args.status:
        changes["status"] = parse_status(args.status)
    if args.owner is not None:
        changes["owner"] = args.owner
    if args.evidence is not None:
        changes["evidence"] = args.evidence
    if args.due:
        changes["due_on"] = args.due
    if args.confirmed:
        changes["due_confirmed"] = True
    if not changes:
        raise UserError("Nothing to change: give --status, --owner, --evidence, --due or --confirmed.")

    def go(store):
        rid = _ref(store, args.ref)
        update_requirement(store, rid, changes)
        return rid

    rid = _run(args, go)
    print(f"Updated DES requirement {rid}.")
    return 0


def cmd_req_link(args) -> int:
    from pcntui.store.requirements import add_link

    if args.intervention:
        kind, target = "intervention", args.intervention
    elif args.smr_cohort:
        kind, target = "smr_cohort", args.smr_cohort
    else:
        kind, target = "staff", args.staff

    def go(store):
        rid = _ref(store, args.ref)
        return rid, add_link(store, rid, kind, target)

    rid, linked = _run(args, go)
    print(f"Linked DES requirement {rid} to {kind.replace('_', ' ')} {linked}.")
    return 0

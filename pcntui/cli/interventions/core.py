"""`pcntui intervention list|show|summary|add|edit|stage|target`: the intervention itself."""

from __future__ import annotations

import sys
import textwrap

from pcntui.cli.common import check_out_path, clip, opened, today
from pcntui.domain.parse import parse_date
from pcntui.errors import UserError


def _as_of(args):
    return today(args)


def _on(args):
    return getattr(args, "on", None) or today(args)


def _run(args, fn):
    with opened(args) as store:
        return fn(store)


def cmd_list(args) -> int:
    from pcntui.store.interventions import list_interventions

    rows = _run(args, lambda s: list_interventions(s, _as_of(args)))
    if not rows:
        print("No interventions yet: create one with 'pcntui intervention add --title TEXT'.")
    for r in rows:
        print(f"#{r.id:<3} {r.rag.level.upper():<5} {r.stage_label:<21} {clip(r.title, 47)}")
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
    when = None if args.date.strip().lower() == "none" else parse_date(args.date, "target date")
    _run(args, lambda s: set_stage_target(s, args.id, stage, when))
    print(f"Intervention {args.id}: {STAGE_LABELS[stage]} " + (f"due by {when.isoformat()}." if when else "has no target date."))
    return 0

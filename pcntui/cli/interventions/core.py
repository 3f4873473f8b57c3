"""`pcntui intervention list|show|summary|add|edit|stage|target`: the intervention itself."""

from __future__ import annotations

import sys
import textwrap

from pcntui.cli.common import check_out_path, clip, opened, today
from pcntui.errors import UserError


def given(**values: object) -> dict[str, object]:
    """The options the user gave (None: not given), for a service to check."""
    return {name: value for name, value in values.items() if value is not None}


def not_blank(**dates: str | None) -> None:
    """A date option given but empty is refused (leaving the option out is how to give none)."""
    for flag, value in dates.items():
        if value is not None and not value.strip():
            raise UserError(f"--{flag.replace('_', '-')}: is blank; give a date such as 31/03/2027, or leave the "
                            "option out.")


def dated(value: str | None, args) -> object:
    """A date option as given (a given but empty one is refused by the service), else today."""
    return today(args) if value is None else value


def say(saved) -> int:
    """A service's note, then one line per warning."""
    print(saved.note)
    for warning in saved.warnings:
        print(f"  {warning.level}: {warning.text}")
    return 0


def cmd_list(args) -> int:
    from pcntui.views.interventions.list import interventions_page

    with opened(args) as store:
        items = interventions_page(store, today(args)).items
    if not items:
        print("No interventions yet: create one with 'pcntui intervention add --title TEXT'.")
    for r in items:
        print(f"#{r.id:<3} {r.rag.level.upper():<5} {r.stage_label:<21} {clip(r.title, 47)}")
        parts = [f"lead {r.lead or '-'}", f"measures {r.measures_on_track}/{r.measures} on track",
                 f"{r.overdue_actions} overdue actions"]
        if r.next_action:
            due = f" by {r.next_action.due_on.isoformat()}" if r.next_action.due_on else ""
            parts.append(f"next: {r.next_action.description}{due}")
        print(textwrap.fill(" · ".join(parts), 80, initial_indent="     ", subsequent_indent="     "))
    return 0


def _summary(args) -> str:
    from pcntui.views.interventions.summary import intervention_summary

    with opened(args) as store:
        return intervention_summary(store, args.id, today(args))


def cmd_show(args) -> int:
    print(_summary(args), end="")
    return 0


def cmd_summary(args) -> int:
    from pathlib import Path

    from pcntui.export.csvfile import write_text_atomic

    from pcntui.export.document import as_file

    check_out_path(args.out)
    text = _summary(args)
    if not args.out or args.out == "-":
        print(text, end="")
    else:
        path = write_text_atomic(Path(args.out), as_file(text, args.out))  # F.html: a page to open and print
        print(f"Wrote {path}", file=sys.stderr)
    return 0


def _fields(args) -> dict[str, object]:
    return given(title=args.title, lead=args.lead, focus_kind=args.focus, focus_detail=args.focus_detail,
                 population=args.population, population_size=args.size, practices=args.practices,
                 deprivation_basis=args.deprivation, deprivation_note=args.deprivation_note, aims=args.aims,
                 budget=args.budget)


def cmd_add(args) -> int:
    from pcntui.services.interventions.core import create_intervention

    with opened(args) as store:
        return say(create_intervention(store, _fields(args), today=today(args), on=args.on))


def cmd_edit(args) -> int:
    from pcntui.services.interventions.core import edit_intervention

    changes = _fields(args)
    with opened(args) as store:  # a bad database file is named first
        if not changes:
            raise UserError("Nothing to change: give at least one option (see 'pcntui intervention edit --help').")
        return say(edit_intervention(store, args.id, changes, today=today(args)))


def cmd_stage(args) -> int:
    from pcntui.services.interventions.core import move_stage

    with opened(args) as store:
        return say(move_stage(store, args.id, given(stage=args.stage, on=dated(args.on, args),
                                                     evidence=args.evidence), today=today(args)))


def cmd_target(args) -> int:
    from pcntui.services.interventions.core import set_stage_target

    with opened(args) as store:
        return say(set_stage_target(store, args.id, {"stage": args.stage, "target_on": args.date}, today=today(args)))

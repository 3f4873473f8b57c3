"""`pcntui intervention measure|reading|spend`: outcomes and money."""

from __future__ import annotations

from pcntui.cli.common import opened, today
from pcntui.cli.interventions.core import dated, given, not_blank, say


def cmd_measure(args) -> int:
    from pcntui.services.interventions.outcomes import add_measure

    not_blank(target_on=args.target_on)
    raw = given(name=args.name, unit=args.unit, direction=args.direction, baseline_value=args.baseline,
                baseline_on=args.baseline_on, target_value=args.target, target_on=args.target_on)
    with opened(args) as store:
        return say(add_measure(store, args.id, raw, today=today(args)))


def cmd_reading(args) -> int:
    from pcntui.services.interventions.outcomes import add_reading

    raw = given(value=args.value, taken_on=dated(args.on, args), note=args.note)
    with opened(args) as store:
        return say(add_reading(store, args.measure_id, raw, today=today(args)))


def cmd_spend(args) -> int:
    from pcntui.services.interventions.outcomes import add_spend

    raw = given(amount=args.amount, spent_on=dated(args.on, args), note=args.note)
    with opened(args) as store:
        return say(add_spend(store, args.id, raw, today=today(args)))

"""`pcntui intervention measure|reading|spend`: outcomes and money."""

from __future__ import annotations

from pcntui.cli.interventions.core import _on, _run


def cmd_measure(args) -> int:
    from pcntui.domain.intervention import check
    from pcntui.domain.measure import MeasureIn
    from pcntui.store.outcomes import add_measure

    data = check(MeasureIn, name=args.name, unit=args.unit, direction=args.direction, baseline_value=args.baseline,
                 baseline_on=args.baseline_on, target_value=args.target, target_on=args.target_on)
    mid = _run(args, lambda s: add_measure(s, args.id, data))
    print(f"Added measure {mid}: {data.name}.")
    return 0


def cmd_reading(args) -> int:
    from pcntui.domain.intervention import check
    from pcntui.domain.measure import ReadingIn
    from pcntui.store.outcomes import add_reading

    data = check(ReadingIn, taken_on=_on(args), value=args.value, note=args.note)
    _run(args, lambda s: add_reading(s, args.measure_id, data))
    print(f"Recorded {args.value:g} for measure {args.measure_id} on {data.taken_on.isoformat()}.")
    return 0


def cmd_spend(args) -> int:
    from pcntui.domain.intervention import SpendIn, check
    from pcntui.domain.money import from_pence, gbp
    from pcntui.store.outcomes import add_spend

    data = check(SpendIn, spent_on=_on(args), amount_pence=args.amount, note=args.note)
    _run(args, lambda s: add_spend(s, args.id, data))
    print(f"Recorded spend of {gbp(from_pence(data.amount_pence))} on intervention {args.id}.")
    return 0

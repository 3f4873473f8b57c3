"""An intervention's outcome measures, their readings, and money spent."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from pcntui.domain.measure import fmt_value
from pcntui.domain.money import from_pence, gbp, to_pence
from pcntui.inputs.base import check
from pcntui.inputs.interventions import MeasureIn, ReadingIn, SpendIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.services.interventions.core import adding
from pcntui.store import Store
from pcntui.store import outcomes as rows


def add_measure(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`o` on the page and `pcntui intervention measure`."""
    with adding(store, intervention_id, MeasureIn, raw, today=today) as (tx, measure, warnings):
        mid = rows.insert_measure(tx, intervention_id, measure.model_dump())
        tx.label = f"Add measure: {measure.name}"
    return Saved(mid, f"Added measure {mid}: {measure.name}.", warnings)


def add_reading(store: Store, measure_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`v` on the page and `pcntui intervention reading`: on a day from the measure's baseline to
    today (a second reading on the same day corrects the first)."""
    with store.action() as tx:
        m = rows.measure_row(tx, measure_id)
        reading, warnings = check(ReadingIn, raw, load_ctx(tx, today=today, need=(), item=SimpleNamespace(**m)))
        rid = rows.write_reading(tx, measure_id, reading.taken_on, reading.value, reading.note)
        tx.label = f"Reading of {m['name']} on {reading.taken_on.isoformat()}"
    return Saved(rid, f"Recorded {fmt_value(reading.value, m['unit'] or '')} for measure {measure_id} on "
                      f"{reading.taken_on.isoformat()}.", tuple(warnings))


def add_spend(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`pcntui intervention spend`: money spent against the budget."""
    with adding(store, intervention_id, SpendIn, raw, today=today) as (tx, spend, warnings):
        sid = rows.insert_spend(tx, intervention_id, spend.spent_on, to_pence(spend.amount), spend.note)
        tx.label = f"Record spend on intervention {intervention_id}"
    return Saved(sid, f"Recorded spend of {gbp(from_pence(to_pence(spend.amount)))} on intervention "
                      f"{intervention_id}.", warnings)

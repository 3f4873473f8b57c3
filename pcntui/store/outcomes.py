"""Outcomes and money of an intervention: measures, their readings and chart, spend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.intervention import SpendIn
from pcntui.domain.measure import MeasureIn, Reading, ReadingIn, expected_value, track
from pcntui.domain.parse import iso_date
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.interventions import iso_text, require_intervention


@dataclass
class ChartSeries:
    """What a chart of one measure needs: readings, the baseline and the target line."""

    measure_id: int
    name: str
    unit: str
    direction: str
    points: list[tuple[date, float]]
    baseline: tuple[date, float]
    target: tuple[date | None, float]
    expected: list[tuple[date, float]] = field(default_factory=list)  # the target line at each reading
    state: str = "no_data"


def measure_series(store: Store, measure_id: int, as_of: date) -> ChartSeries:
    """Chart data for one measure: readings up to `as_of`, baseline, target and the target line."""
    rows = store.query("SELECT * FROM outcome_measure WHERE id = ?", [measure_id])
    if not rows:
        raise UserError(f"There is no outcome measure {measure_id}.")
    m = rows[0]
    readings = [Reading(r["id"], iso_date(r["taken_on"]), r["value"], r["note"]) for r in store.query(
        "SELECT * FROM outcome_reading WHERE measure_id = ? AND taken_on <= ? ORDER BY taken_on, id",
        [measure_id, as_of.isoformat()])]
    b_on, t_on = iso_date(m["baseline_on"]), iso_date(m["target_on"])
    t = track(m["direction"], m["baseline_value"], b_on, m["target_value"], t_on, readings, as_of, m["unit"])
    return ChartSeries(
        measure_id, m["name"], m["unit"], m["direction"], [(r.taken_on, r.value) for r in readings],
        (b_on, m["baseline_value"]), (t_on, m["target_value"]),
        [(r.taken_on, expected_value(m["baseline_value"], b_on, m["target_value"], t_on, r.taken_on))
         for r in readings],
        t.state,
    )


def add_spend(store: Store, intervention_id: int, spend: SpendIn) -> int:
    require_intervention(store, intervention_id)
    with store.action(f"Record spend on intervention {intervention_id}") as tx:
        return tx.db["intervention_spend"].insert({
            "intervention_id": intervention_id, "spent_on": spend.spent_on.isoformat(),
            "amount_pence": spend.amount_pence, "note": spend.note}).last_pk


def add_measure(store: Store, intervention_id: int, measure: MeasureIn) -> int:
    require_intervention(store, intervention_id)
    with store.action(f"Add measure: {measure.name}") as tx:
        return tx.db["outcome_measure"].insert({
            "intervention_id": intervention_id, "name": measure.name, "unit": measure.unit,
            "direction": measure.direction, "baseline_value": measure.baseline_value,
            "baseline_on": measure.baseline_on.isoformat(), "target_value": measure.target_value,
            "target_on": iso_text(measure.target_on)}).last_pk


def add_reading(store: Store, measure_id: int, reading: ReadingIn) -> int:
    """Record (or correct, same date) a reading of a measure."""
    rows = store.query("SELECT * FROM outcome_measure WHERE id = ?", [measure_id])
    if not rows:
        raise UserError(f"There is no outcome measure {measure_id}.")
    if reading.taken_on < date.fromisoformat(rows[0]["baseline_on"]):
        raise UserError(f"The reading date {reading.taken_on.isoformat()} is before the measure's baseline date "
                        f"({rows[0]['baseline_on']}).")
    with store.action(f"Reading of {rows[0]['name']} on {reading.taken_on.isoformat()}") as tx:
        found = tx.db.execute("SELECT id FROM outcome_reading WHERE measure_id = ? AND taken_on = ?",
                           [measure_id, reading.taken_on.isoformat()]).fetchone()
        if found:
            records.save(tx.db, "outcome_reading", "id", {"id": found[0], "value": reading.value, "note": reading.note})
            return found[0]
        return tx.db["outcome_reading"].insert({"measure_id": measure_id, "taken_on": reading.taken_on.isoformat(),
                                             "value": reading.value, "note": reading.note}).last_pk

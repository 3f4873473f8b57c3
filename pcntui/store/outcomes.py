"""Outcomes and money of an intervention: measures, their readings and chart, spend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.measure import Reading, expected_value, track
from pcntui.domain.parse import iso_date
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.intervention_writes import iso_text
from pcntui.store.tx import Reader, Tx


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


def insert_spend(tx: Tx, intervention_id: int, spent_on: date, amount_pence: int, note: str | None) -> int:
    return tx.db["intervention_spend"].insert({"intervention_id": intervention_id, "spent_on": spent_on.isoformat(),
                                               "amount_pence": amount_pence, "note": note}).last_pk


def insert_measure(tx: Tx, intervention_id: int, values: Mapping[str, object]) -> int:
    """An outcome measure: name, unit, direction, baseline_value/_on, target_value/_on."""
    return tx.db["outcome_measure"].insert({
        "intervention_id": intervention_id, "name": values["name"], "unit": values["unit"] or "",
        "direction": values["direction"], "baseline_value": values["baseline_value"],
        "baseline_on": iso_text(values["baseline_on"]), "target_value": values["target_value"],
        "target_on": iso_text(values["target_on"])}).last_pk


def measure_row(reader: Reader, measure_id: int) -> dict:
    """The measure's row (baseline_on as a date), or UserError when there is none."""
    rows = reader.query("SELECT * FROM outcome_measure WHERE id = ?", [measure_id])
    if not rows:
        raise UserError(f"There is no outcome measure {measure_id}.")
    return {**rows[0], "baseline_on": iso_date(rows[0]["baseline_on"]), "target_on": iso_date(rows[0]["target_on"])}


def write_reading(tx: Tx, measure_id: int, taken_on: date, value: float, note: str | None) -> int:
    """Record (or correct, same date) a reading of a measure."""
    found = tx.scalar("SELECT id FROM outcome_reading WHERE measure_id = ? AND taken_on = ?",
                      [measure_id, taken_on.isoformat()])
    if found:
        records.save(tx.db, "outcome_reading", "id", {"id": found, "value": value, "note": note})
        return int(found)
    return tx.db["outcome_reading"].insert({"measure_id": measure_id, "taken_on": taken_on.isoformat(),
                                            "value": value, "note": note}).last_pk

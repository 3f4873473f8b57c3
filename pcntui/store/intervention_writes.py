"""Writes of an intervention itself: create, edit, delete, stage moves and stage targets.

Each takes the `Tx` of the action a service opened (one transaction, one undo step) and values
the service has already checked (pcntui.inputs.interventions); the co-design log and plan are
written by `store/codesign.py`, outcomes and spend by `store/outcomes.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from pcntui.domain.intervention import StageMove
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.tx import Reader, Tx

FIELDS = ("title", "lead", "focus_kind", "focus_detail", "population", "population_size", "deprivation_basis",
          "deprivation_note", "aims", "budget_pence")


def iso_text(day: date | None) -> str | None:
    """A date as the database holds it (ISO text), None as NULL."""
    return day.isoformat() if day else None


def _own(values: Mapping[str, object]) -> dict[str, object]:
    return {name: values[name] for name in FIELDS}


def insert_intervention(tx: Tx, values: Mapping[str, object], practices: Iterable[str], *, on: date) -> int:
    """A new intervention at 'Lead appointed' on `on` (the move is recorded). Returns its id."""
    iid = tx.db["intervention"].insert({**_own(values), "stage": "lead_appointed", "created_on": on.isoformat()}).last_pk
    for code in practices:
        tx.db["intervention_practice"].insert({"intervention_id": iid, "practice_code": code})
    tx.db["intervention_stage_move"].insert({"intervention_id": iid, "from_stage": None, "to_stage": "lead_appointed",
                                             "moved_on": on.isoformat(), "evidence": None})
    tx.db["intervention_stage"].insert({"intervention_id": iid, "stage": "lead_appointed", "reached_on": on.isoformat()})
    return iid


def write_intervention(tx: Tx, intervention_id: int, values: Mapping[str, object], practices: Iterable[str], *,
                       expected_rev: int | None = None) -> None:
    """The intervention's own fields and practices (stage moves go through write_stage_move)."""
    records.save(tx.db, "intervention", "id", {"id": intervention_id, **_own(values)}, expected_rev=expected_rev)
    want = set(practices)
    have = {r["practice_code"] for r in tx.query(
        "SELECT practice_code FROM intervention_practice WHERE intervention_id = ?", [intervention_id])}
    for code in sorted(have - want):
        tx.execute("DELETE FROM intervention_practice WHERE intervention_id = ? AND practice_code = ?",
                   [intervention_id, code])
    for code in sorted(want - have):
        tx.db["intervention_practice"].insert({"intervention_id": intervention_id, "practice_code": code})


def remove_intervention(tx: Tx, intervention_id: int, *, expected_rev: int | None = None) -> None:
    """Delete it, with its stages, co-design, plan and measures (the schema cascades)."""
    records.delete(tx.db, "intervention", "id", intervention_id, expected_rev=expected_rev)


def write_stage_move(tx: Tx, intervention_id: int, from_stage: str, to_stage: str, on: date,
                     evidence: str | None) -> StageMove:
    """Record a move (forwards, skipping, or back) and make `to_stage` the current stage."""
    mid = tx.db["intervention_stage_move"].insert({
        "intervention_id": intervention_id, "from_stage": from_stage, "to_stage": to_stage,
        "moved_on": on.isoformat(), "evidence": evidence}).last_pk
    tx.execute("UPDATE intervention SET stage = ?, rev = rev + 1 WHERE id = ?", [to_stage, intervention_id])
    values = {"intervention_id": intervention_id, "stage": to_stage, "reached_on": on.isoformat()}
    if evidence is not None:
        values["evidence"] = evidence
    records.save(tx.db, "intervention_stage", ("intervention_id", "stage"), values)
    return StageMove(mid, from_stage, to_stage, on, evidence)


def write_stage_target(tx: Tx, intervention_id: int, stage: str, target_on: date | None) -> None:
    """The date a stage should be reached by (None clears it)."""
    records.save(tx.db, "intervention_stage", ("intervention_id", "stage"),
                 {"intervention_id": intervention_id, "stage": stage, "target_on": iso_text(target_on)})


def practices_for_basis(reader: Reader, basis: str, count: int | None = None) -> list[str]:
    """The PCN's practices that match a deprivation basis (see domain.intervention.deprived_practices)."""
    from pcntui.domain.intervention import deprived_practices
    from pcntui.store.pcn import practices_overview

    scores = {p.code: (p.imd.score, p.imd.quintile) for p in practices_overview(reader) if p.imd}
    if not scores:
        raise UserError("No IMD scores are imported for this PCN's practices; run 'pcntui import imd FILE' first.")
    return deprived_practices(scores, basis, count)

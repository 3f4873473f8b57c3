"""Interventions in the database: create, edit, delete, move between stages; list and detail
views. The co-design log and plan are in `store/codesign.py`, outcomes and spend in
`store/outcomes.py`.

Every write is one `store.action(...)` (one transaction, one undo step) and takes input
already validated by the pydantic models in pcntui.domain.intervention / codesign /
measure (the `*_in` arguments). Reads return dataclasses; all are safe to call from a
TUI worker thread (the Store serialises access with its lock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcntui.domain.intervention import (
    STAGE_CODES, STAGE_LABELS, InterventionIn, StageMove, StageMoveIn,
    delivery_started_on, describe_focus, stage_index,
)
from pcntui.domain.intervention_rag import ActionFact, MeasureFact, Rag, RagFacts
from pcntui.domain.measure import Reading, Track
from pcntui.domain.parse import iso_date
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store


def iso_text(day: date | None) -> str | None:
    """A date as the database holds it (ISO text), None as NULL."""
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------- views
@dataclass
class StageRow:
    stage: str
    label: str
    target_on: date | None
    reached_on: date | None  # last date it was reached (kept after a move back, for history)
    evidence: str | None
    reached: bool  # at or before the current stage


@dataclass
class Partner:
    id: int
    name: str
    kind: str
    role: str | None
    rev: int


@dataclass
class Session:
    id: int
    held_on: date
    format: str
    title: str | None
    heard: str | None
    decisions: str | None
    participants: dict[str, int]
    rev: int

    @property
    def total(self) -> int:
        return sum(self.participants.values())


@dataclass
class YouSaid:
    id: int
    you_said: str
    we_did: str
    session_id: int | None
    action_id: int | None
    recorded_on: date | None


@dataclass
class Action:
    id: int
    description: str
    owner: str | None
    due_on: date | None
    done_on: date | None
    rev: int

    def overdue(self, as_of: date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < as_of


@dataclass
class Risk:
    id: int
    description: str
    rating: str
    mitigation: str | None


@dataclass
class Spend:
    id: int
    spent_on: date
    amount_pence: int
    note: str | None


@dataclass
class Measure:
    id: int
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_on: date
    target_value: float
    target_on: date | None
    readings: list[Reading]
    track: Track
    rev: int


@dataclass
class InterventionRow:
    """One line of the interventions list (and of `export interventions`)."""

    id: int
    title: str
    stage: str
    stage_label: str
    stage_since: date | None
    lead: str | None
    focus: str
    population_size: int | None
    rag: Rag
    next_action: Action | None
    overdue_actions: int
    measures: int
    measures_on_track: int
    measures_off_track: int
    sessions: int
    budget_pence: int
    spend_pence: int
    rev: int


@dataclass
class InterventionDetail:
    id: int
    title: str
    stage: str
    lead: str | None
    focus_kind: str
    focus_detail: str | None
    population: str | None
    population_size: int | None
    deprivation_basis: str
    deprivation_note: str | None
    aims: str | None
    budget_pence: int
    created_on: date
    rev: int
    practices: list[str]
    stages: list[StageRow]
    moves: list[StageMove]
    partners: list[Partner]
    sessions: list[Session]
    you_said: list[YouSaid]
    actions: list[Action]
    risks: list[Risk]
    spend: list[Spend]
    measures: list[Measure]
    rag: Rag
    as_of: date

    @property
    def spend_pence(self) -> int:
        return sum(s.amount_pence for s in self.spend)

    @property
    def focus(self) -> str:
        return describe_focus(self.focus_kind, self.focus_detail)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]

    def next_action(self) -> Action | None:
        open_ = [a for a in self.actions if a.done_on is None]
        open_.sort(key=lambda a: (a.due_on is None, a.due_on or date.max, a.id))
        return open_[0] if open_ else None


# ---------------------------------------------------------------------------- reads
def require_intervention(store: Store, intervention_id: int) -> dict:
    rows = store.query("SELECT * FROM intervention WHERE id = ?", [intervention_id])
    if not rows:
        raise UserError(f"There is no intervention {intervention_id}.")
    return rows[0]


def get_intervention(store: Store, intervention_id: int, as_of: date) -> InterventionDetail:
    """Everything about one intervention, with its RAG as of `as_of`."""
    from pcntui.store.intervention_details import details

    with store.lock:
        iid = require_intervention(store, intervention_id)["id"]
        return details(store, [iid], as_of)[0]


def rag_facts(d: InterventionDetail) -> RagFacts:
    return RagFacts(
        stage=d.stage,
        stage_targets={s.stage: s.target_on for s in d.stages if s.target_on},
        actions=[ActionFact(a.description, a.due_on, a.done_on) for a in d.actions],
        measures=[MeasureFact(m.name, m.track.state, m.track.explanation) for m in d.measures],
        session_dates=[s.held_on for s in d.sessions],
        delivery_started_on=delivery_started_on(d.moves),
    )


def intervention_ids(store: Store) -> list[int]:
    return [r["id"] for r in store.query("SELECT id FROM intervention ORDER BY id")]


def row_of(d: InterventionDetail) -> InterventionRow:
    last_in = [m.moved_on for m in d.moves if m.to_stage == d.stage]
    on = sum(1 for m in d.measures if m.track.state == "on_track")
    off = sum(1 for m in d.measures if m.track.state == "off_track")
    return InterventionRow(
        d.id, d.title, d.stage, d.stage_label, max(last_in) if last_in else None, d.lead, d.focus,
        d.population_size, d.rag, d.next_action(), sum(1 for a in d.actions if a.overdue(d.as_of)),
        len(d.measures), on, off, len(d.sessions), d.budget_pence, d.spend_pence, d.rev,
    )


def list_interventions(store: Store, as_of: date) -> list[InterventionRow]:
    """Every intervention (by id) with stage, RAG, next action and measure counts."""
    from pcntui.store.intervention_details import details

    return [row_of(d) for d in details(store, None, as_of)]


# ---------------------------------------------------------------------------- writes
def _check_practices(db, codes: list[str]) -> None:
    known = {r[0] for r in db.execute("SELECT code FROM practice").fetchall()}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UserError(f"Practice {', '.join(unknown)} is not one of this PCN's practices.")


def _values(data: InterventionIn) -> dict:
    v = data.model_dump(exclude={"practices"})
    return v


def create_intervention(store: Store, data: InterventionIn, *, on: date) -> int:
    """A new intervention at 'Lead appointed' on `on` (the move is recorded). Returns its id."""
    with store.action(f"New intervention: {data.title}") as tx:
        _check_practices(tx.db, data.practices)
        iid = tx.db["intervention"].insert({**_values(data), "stage": "lead_appointed", "created_on": on.isoformat()}).last_pk
        for code in data.practices:
            tx.db["intervention_practice"].insert({"intervention_id": iid, "practice_code": code})
        tx.db["intervention_stage_move"].insert({"intervention_id": iid, "from_stage": None, "to_stage": "lead_appointed",
                                              "moved_on": on.isoformat(), "evidence": None})
        tx.db["intervention_stage"].insert({"intervention_id": iid, "stage": "lead_appointed",
                                         "reached_on": on.isoformat()})
    return iid


def update_intervention(store: Store, intervention_id: int, data: InterventionIn, *, expected_rev: int | None = None) -> None:
    """Edit the intervention's own fields and practices (stage moves go through move_stage)."""
    require_intervention(store, intervention_id)
    with store.action(f"Edit intervention: {data.title}") as tx:
        _check_practices(tx.db, data.practices)
        records.save(tx.db, "intervention", "id", {"id": intervention_id, **_values(data)}, expected_rev=expected_rev)
        have = {r[0] for r in tx.db.execute("SELECT practice_code FROM intervention_practice WHERE intervention_id = ?",
                                         [intervention_id]).fetchall()}
        for code in sorted(have - set(data.practices)):
            tx.db.execute("DELETE FROM intervention_practice WHERE intervention_id = ? AND practice_code = ?",
                       [intervention_id, code])
        for code in sorted(set(data.practices) - have):
            tx.db["intervention_practice"].insert({"intervention_id": intervention_id, "practice_code": code})


def delete_intervention(store: Store, intervention_id: int, *, expected_rev: int | None = None) -> None:
    r = require_intervention(store, intervention_id)
    with store.action(f"Delete intervention: {r['title']}") as tx:
        records.delete(tx.db, "intervention", "id", intervention_id, expected_rev=expected_rev)


def move_stage(store: Store, intervention_id: int, move: StageMoveIn) -> StageMove:
    """Move to any stage (forwards, skipping, or back) on a date with evidence; recorded."""
    r = require_intervention(store, intervention_id)
    if move.stage == r["stage"]:
        raise UserError(f"Intervention {intervention_id} is already at '{STAGE_LABELS[move.stage]}'.")
    created = iso_date(r["created_on"])
    if move.on < created:
        raise UserError(f"The move date {move.on.isoformat()} is before the intervention was created ({created.isoformat()}).")
    back = stage_index(move.stage) < stage_index(r["stage"])
    verb = "Move back" if back else "Move"
    with store.action(f"{verb} intervention {intervention_id} to {STAGE_LABELS[move.stage]}") as tx:
        mid = tx.db["intervention_stage_move"].insert({
            "intervention_id": intervention_id, "from_stage": r["stage"], "to_stage": move.stage,
            "moved_on": move.on.isoformat(), "evidence": move.evidence}).last_pk
        tx.db.execute("UPDATE intervention SET stage = ?, rev = rev + 1 WHERE id = ?", [move.stage, intervention_id])
        values = {"intervention_id": intervention_id, "stage": move.stage, "reached_on": move.on.isoformat()}
        if move.evidence is not None:
            values["evidence"] = move.evidence
        records.save(tx.db, "intervention_stage", ("intervention_id", "stage"), values)
    return StageMove(mid, r["stage"], move.stage, move.on, move.evidence)


def set_stage_target(store: Store, intervention_id: int, stage: str, target_on: date | None) -> None:
    """The date a stage should be reached by (None clears it)."""
    require_intervention(store, intervention_id)
    if stage not in STAGE_CODES:
        raise UserError(f"'{stage}' is not a stage.")
    with store.action(f"Set target date for {STAGE_LABELS[stage]} (intervention {intervention_id})") as tx:
        records.save(tx.db, "intervention_stage", ("intervention_id", "stage"),
                     {"intervention_id": intervention_id, "stage": stage, "target_on": iso_text(target_on)})


def practices_for_basis(store: Store, basis: str, count: int | None = None) -> list[str]:
    """The PCN's practices that match a deprivation basis (see domain.intervention.deprived_practices)."""
    from pcntui.domain.intervention import deprived_practices
    from pcntui.store.pcn import practices_overview

    scores = {p.code: (p.imd.score, p.imd.quintile) for p in practices_overview(store) if p.imd}
    if not scores:
        raise UserError("No IMD scores are imported for this PCN's practices; run 'pcntui import imd FILE' first.")
    return deprived_practices(scores, basis, count)

"""Interventions in the database: create, edit, move between stages, co-design log,
plan (actions, risks, spend), outcome measures and readings; list and detail views.

Every write is one `store.action(...)` (one transaction, one undo step) and takes input
already validated by the pydantic models in pcntui.domain.intervention / codesign /
measure (the `*_in` arguments). Reads return dataclasses; all are safe to call from a
TUI worker thread (the Store serialises access with its lock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.codesign import SessionIn, YouSaidIn
from pcntui.domain.intervention import (
    STAGE_CODES, STAGE_LABELS, ActionIn, InterventionIn, PartnerIn, RiskIn, SpendIn, StageMove, StageMoveIn,
    delivery_started_on, describe_focus, stage_index,
)
from pcntui.domain.intervention_rag import ActionFact, MeasureFact, Rag, RagFacts, compute
from pcntui.domain.measure import MeasureIn, Reading, ReadingIn, Track, expected_value, track
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
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


# ---------------------------------------------------------------------------- reads
def _require(store: Store, intervention_id: int) -> dict:
    rows = store.query("SELECT * FROM intervention WHERE id = ?", [intervention_id])
    if not rows:
        raise UserError(f"There is no intervention {intervention_id}.")
    return rows[0]


def _moves(store: Store, iid: int) -> list[StageMove]:
    return [
        StageMove(r["id"], r["from_stage"], r["to_stage"], _d(r["moved_on"]), r["evidence"])
        for r in store.query(
            "SELECT * FROM intervention_stage_move WHERE intervention_id = ? ORDER BY moved_on, id", [iid]
        )
    ]


def _measures(store: Store, iid: int, as_of: date) -> list[Measure]:
    out = []
    for m in store.query("SELECT * FROM outcome_measure WHERE intervention_id = ? ORDER BY id", [iid]):
        readings = [
            Reading(r["id"], _d(r["taken_on"]), r["value"], r["note"])
            for r in store.query("SELECT * FROM outcome_reading WHERE measure_id = ? ORDER BY taken_on, id", [m["id"]])
        ]
        t = track(m["direction"], m["baseline_value"], _d(m["baseline_on"]), m["target_value"], _d(m["target_on"]),
                  readings, as_of, m["unit"])
        out.append(Measure(m["id"], m["name"], m["unit"], m["direction"], m["baseline_value"], _d(m["baseline_on"]),
                           m["target_value"], _d(m["target_on"]), readings, t, m["rev"]))
    return out


def get_intervention(store: Store, intervention_id: int, as_of: date) -> InterventionDetail:
    """Everything about one intervention, with its RAG as of `as_of`."""
    with store.lock:
        r = _require(store, intervention_id)
        iid = r["id"]
        targets = {s["stage"]: s for s in store.query("SELECT * FROM intervention_stage WHERE intervention_id = ?", [iid])}
        stages = [
            StageRow(code, STAGE_LABELS[code], _d(targets.get(code, {}).get("target_on")),
                     _d(targets.get(code, {}).get("reached_on")), targets.get(code, {}).get("evidence"),
                     stage_index(code) <= stage_index(r["stage"]))
            for code in STAGE_CODES
        ]
        sessions = []
        for s in store.query("SELECT * FROM codesign_session WHERE intervention_id = ? ORDER BY held_on, id", [iid]):
            people = {p["group_name"]: p["people"] for p in store.query(
                "SELECT group_name, people FROM codesign_participant WHERE session_id = ? ORDER BY rowid", [s["id"]])}
            sessions.append(Session(s["id"], _d(s["held_on"]), s["format"], s["title"], s["heard"], s["decisions"],
                                    people, s["rev"]))
        detail = InterventionDetail(
            id=iid, title=r["title"], stage=r["stage"], lead=r["lead"], focus_kind=r["focus_kind"],
            focus_detail=r["focus_detail"], population=r["population"], population_size=r["population_size"],
            deprivation_basis=r["deprivation_basis"], deprivation_note=r["deprivation_note"], aims=r["aims"],
            budget_pence=r["budget_pence"], created_on=_d(r["created_on"]), rev=r["rev"],
            practices=[p["practice_code"] for p in store.query(
                "SELECT practice_code FROM intervention_practice WHERE intervention_id = ? ORDER BY practice_code",
                [iid])],
            stages=stages,
            moves=_moves(store, iid),
            partners=[Partner(p["id"], p["name"], p["kind"], p["role"], p["rev"]) for p in store.query(
                "SELECT * FROM intervention_partner WHERE intervention_id = ? ORDER BY id", [iid])],
            sessions=sessions,
            you_said=[YouSaid(y["id"], y["you_said"], y["we_did"], y["session_id"], y["action_id"],
                              _d(y["recorded_on"])) for y in store.query(
                "SELECT * FROM you_said_we_did WHERE intervention_id = ? ORDER BY id", [iid])],
            actions=[Action(a["id"], a["description"], a["owner"], _d(a["due_on"]), _d(a["done_on"]), a["rev"])
                     for a in store.query("SELECT * FROM intervention_action WHERE intervention_id = ? "
                                          "ORDER BY coalesce(due_on, '9999-12-31'), id", [iid])],
            risks=[Risk(k["id"], k["description"], k["rating"], k["mitigation"]) for k in store.query(
                "SELECT * FROM intervention_risk WHERE intervention_id = ? ORDER BY id", [iid])],
            spend=[Spend(s["id"], _d(s["spent_on"]), s["amount_pence"], s["note"]) for s in store.query(
                "SELECT * FROM intervention_spend WHERE intervention_id = ? ORDER BY spent_on, id", [iid])],
            measures=_measures(store, iid, as_of),
            rag=Rag("green"),
            as_of=as_of,
        )
    detail.rag = compute(rag_facts(detail), as_of)
    return detail


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
    return [row_of(get_intervention(store, i, as_of)) for i in intervention_ids(store)]


def measure_series(store: Store, measure_id: int, as_of: date) -> ChartSeries:
    """Chart data for one measure: readings up to `as_of`, baseline, target and the target line."""
    rows = store.query("SELECT * FROM outcome_measure WHERE id = ?", [measure_id])
    if not rows:
        raise UserError(f"There is no outcome measure {measure_id}.")
    m = rows[0]
    readings = [Reading(r["id"], _d(r["taken_on"]), r["value"], r["note"]) for r in store.query(
        "SELECT * FROM outcome_reading WHERE measure_id = ? AND taken_on <= ? ORDER BY taken_on, id",
        [measure_id, as_of.isoformat()])]
    b_on, t_on = _d(m["baseline_on"]), _d(m["target_on"])
    t = track(m["direction"], m["baseline_value"], b_on, m["target_value"], t_on, readings, as_of, m["unit"])
    return ChartSeries(
        measure_id, m["name"], m["unit"], m["direction"], [(r.taken_on, r.value) for r in readings],
        (b_on, m["baseline_value"]), (t_on, m["target_value"]),
        [(r.taken_on, expected_value(m["baseline_value"], b_on, m["target_value"], t_on, r.taken_on))
         for r in readings],
        t.state,
    )


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
    with store.action(f"New intervention: {data.title}") as db:
        _check_practices(db, data.practices)
        iid = db["intervention"].insert({**_values(data), "stage": "lead_appointed", "created_on": on.isoformat()}).last_pk
        for code in data.practices:
            db["intervention_practice"].insert({"intervention_id": iid, "practice_code": code})
        db["intervention_stage_move"].insert({"intervention_id": iid, "from_stage": None, "to_stage": "lead_appointed",
                                              "moved_on": on.isoformat(), "evidence": None})
        db["intervention_stage"].insert({"intervention_id": iid, "stage": "lead_appointed",
                                         "reached_on": on.isoformat()})
    return iid


def update_intervention(store: Store, intervention_id: int, data: InterventionIn, *, expected_rev: int | None = None) -> None:
    """Edit the intervention's own fields and practices (stage moves go through move_stage)."""
    _require(store, intervention_id)
    with store.action(f"Edit intervention: {data.title}") as db:
        _check_practices(db, data.practices)
        records.save(db, "intervention", "id", {"id": intervention_id, **_values(data)}, expected_rev=expected_rev)
        have = {r[0] for r in db.execute("SELECT practice_code FROM intervention_practice WHERE intervention_id = ?",
                                         [intervention_id]).fetchall()}
        for code in sorted(have - set(data.practices)):
            db.execute("DELETE FROM intervention_practice WHERE intervention_id = ? AND practice_code = ?",
                       [intervention_id, code])
        for code in sorted(set(data.practices) - have):
            db["intervention_practice"].insert({"intervention_id": intervention_id, "practice_code": code})


def delete_intervention(store: Store, intervention_id: int, *, expected_rev: int | None = None) -> None:
    r = _require(store, intervention_id)
    with store.action(f"Delete intervention: {r['title']}") as db:
        records.delete(db, "intervention", "id", intervention_id, expected_rev=expected_rev)


def move_stage(store: Store, intervention_id: int, move: StageMoveIn) -> StageMove:
    """Move to any stage (forwards, skipping, or back) on a date with evidence; recorded."""
    r = _require(store, intervention_id)
    if move.stage == r["stage"]:
        raise UserError(f"Intervention {intervention_id} is already at '{STAGE_LABELS[move.stage]}'.")
    created = _d(r["created_on"])
    if move.on < created:
        raise UserError(f"The move date {move.on.isoformat()} is before the intervention was created ({created.isoformat()}).")
    back = stage_index(move.stage) < stage_index(r["stage"])
    verb = "Move back" if back else "Move"
    with store.action(f"{verb} intervention {intervention_id} to {STAGE_LABELS[move.stage]}") as db:
        mid = db["intervention_stage_move"].insert({
            "intervention_id": intervention_id, "from_stage": r["stage"], "to_stage": move.stage,
            "moved_on": move.on.isoformat(), "evidence": move.evidence}).last_pk
        db.execute("UPDATE intervention SET stage = ?, rev = rev + 1 WHERE id = ?", [move.stage, intervention_id])
        values = {"intervention_id": intervention_id, "stage": move.stage, "reached_on": move.on.isoformat()}
        if move.evidence is not None:
            values["evidence"] = move.evidence
        records.save(db, "intervention_stage", ("intervention_id", "stage"), values)
    return StageMove(mid, r["stage"], move.stage, move.on, move.evidence)


def set_stage_target(store: Store, intervention_id: int, stage: str, target_on: date | None) -> None:
    """The date a stage should be reached by (None clears it)."""
    _require(store, intervention_id)
    if stage not in STAGE_CODES:
        raise UserError(f"'{stage}' is not a stage.")
    with store.action(f"Set target date for {STAGE_LABELS[stage]} (intervention {intervention_id})") as db:
        records.save(db, "intervention_stage", ("intervention_id", "stage"),
                     {"intervention_id": intervention_id, "stage": stage, "target_on": _iso(target_on)})


def add_partner(store: Store, intervention_id: int, partner: PartnerIn) -> int:
    _require(store, intervention_id)
    with store.action(f"Add partner {partner.name}") as db:
        return db["intervention_partner"].insert({"intervention_id": intervention_id, **partner.model_dump()}).last_pk


def log_session(store: Store, intervention_id: int, session: SessionIn) -> int:
    """Record a co-design session with its participant counts by group. Returns its id."""
    _require(store, intervention_id)
    with store.action(f"Co-design session {session.held_on.isoformat()} (intervention {intervention_id})") as db:
        sid = db["codesign_session"].insert({
            "intervention_id": intervention_id, "held_on": session.held_on.isoformat(), "format": session.format,
            "title": session.title, "heard": session.heard, "decisions": session.decisions}).last_pk
        for group, people in session.participants.items():
            db["codesign_participant"].insert({"session_id": sid, "group_name": group, "people": people})
    return sid


def _belongs(db, table: str, row_id: int | None, intervention_id: int, what: str) -> None:
    if row_id is None:
        return
    row = db.execute(f"SELECT intervention_id FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None or row[0] != intervention_id:
        raise UserError(f"There is no {what} {row_id} in intervention {intervention_id}.")


def add_you_said(store: Store, intervention_id: int, pair: YouSaidIn) -> int:
    """A "you said, we did" pair, optionally linked to the session and the plan action it changed."""
    _require(store, intervention_id)
    with store.action(f"You said, we did (intervention {intervention_id})") as db:
        _belongs(db, "codesign_session", pair.session_id, intervention_id, "co-design session")
        _belongs(db, "intervention_action", pair.action_id, intervention_id, "action")
        return db["you_said_we_did"].insert({
            "intervention_id": intervention_id, "session_id": pair.session_id, "action_id": pair.action_id,
            "you_said": pair.you_said, "we_did": pair.we_did, "recorded_on": _iso(pair.recorded_on)}).last_pk


def add_action(store: Store, intervention_id: int, action: ActionIn) -> int:
    _require(store, intervention_id)
    with store.action(f"Add action: {action.description}") as db:
        return db["intervention_action"].insert({
            "intervention_id": intervention_id, "description": action.description, "owner": action.owner,
            "due_on": _iso(action.due_on), "done_on": _iso(action.done_on)}).last_pk


def _action_row(store: Store, action_id: int) -> dict:
    rows = store.query("SELECT * FROM intervention_action WHERE id = ?", [action_id])
    if not rows:
        raise UserError(f"There is no action {action_id}.")
    return rows[0]


def update_action(store: Store, action_id: int, action: ActionIn, *, expected_rev: int | None = None) -> None:
    _action_row(store, action_id)
    with store.action(f"Edit action: {action.description}") as db:
        records.save(db, "intervention_action", "id", {
            "id": action_id, "description": action.description, "owner": action.owner,
            "due_on": _iso(action.due_on), "done_on": _iso(action.done_on)}, expected_rev=expected_rev)


def complete_action(store: Store, action_id: int, on: date | None) -> None:
    """Mark an action done on `on` (None re-opens it)."""
    a = _action_row(store, action_id)
    label = f"Action done: {a['description']}" if on else f"Action re-opened: {a['description']}"
    with store.action(label) as db:
        records.save(db, "intervention_action", "id", {"id": action_id, "done_on": _iso(on)})


def add_risk(store: Store, intervention_id: int, risk: RiskIn) -> int:
    _require(store, intervention_id)
    with store.action(f"Add risk: {risk.description}") as db:
        return db["intervention_risk"].insert({"intervention_id": intervention_id, **risk.model_dump()}).last_pk


def add_spend(store: Store, intervention_id: int, spend: SpendIn) -> int:
    _require(store, intervention_id)
    with store.action(f"Record spend on intervention {intervention_id}") as db:
        return db["intervention_spend"].insert({
            "intervention_id": intervention_id, "spent_on": spend.spent_on.isoformat(),
            "amount_pence": spend.amount_pence, "note": spend.note}).last_pk


def add_measure(store: Store, intervention_id: int, measure: MeasureIn) -> int:
    _require(store, intervention_id)
    with store.action(f"Add measure: {measure.name}") as db:
        return db["outcome_measure"].insert({
            "intervention_id": intervention_id, "name": measure.name, "unit": measure.unit,
            "direction": measure.direction, "baseline_value": measure.baseline_value,
            "baseline_on": measure.baseline_on.isoformat(), "target_value": measure.target_value,
            "target_on": _iso(measure.target_on)}).last_pk


def add_reading(store: Store, measure_id: int, reading: ReadingIn) -> int:
    """Record (or correct, same date) a reading of a measure."""
    rows = store.query("SELECT * FROM outcome_measure WHERE id = ?", [measure_id])
    if not rows:
        raise UserError(f"There is no outcome measure {measure_id}.")
    if reading.taken_on < date.fromisoformat(rows[0]["baseline_on"]):
        raise UserError(f"The reading date {reading.taken_on.isoformat()} is before the measure's baseline date "
                        f"({rows[0]['baseline_on']}).")
    with store.action(f"Reading of {rows[0]['name']} on {reading.taken_on.isoformat()}") as db:
        found = db.execute("SELECT id FROM outcome_reading WHERE measure_id = ? AND taken_on = ?",
                           [measure_id, reading.taken_on.isoformat()]).fetchone()
        if found:
            records.save(db, "outcome_reading", "id", {"id": found[0], "value": reading.value, "note": reading.note})
            return found[0]
        return db["outcome_reading"].insert({"measure_id": measure_id, "taken_on": reading.taken_on.isoformat(),
                                             "value": reading.value, "note": reading.note}).last_pk


def practices_for_basis(store: Store, basis: str, count: int | None = None) -> list[str]:
    """The PCN's practices that match a deprivation basis (see domain.intervention.deprived_practices)."""
    from pcntui.domain.intervention import deprived_practices
    from pcntui.store.pcn import practices_overview

    scores = {p.code: (p.imd.score, p.imd.quintile) for p in practices_overview(store) if p.imd}
    if not scores:
        raise UserError("No IMD scores are imported for this PCN's practices; run 'pcntui import imd FILE' first.")
    return deprived_practices(scores, basis, count)

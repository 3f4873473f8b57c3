"""The co-design log and the plan of an intervention: partners, sessions with who took part,
"you said, we did", actions and risks. Every write is one action (one undo step)."""

from __future__ import annotations

from datetime import date

from pcntui.domain.codesign import SessionIn, YouSaidIn
from pcntui.domain.intervention import ActionIn, PartnerIn, RiskIn
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.interventions import iso_text, require_intervention


def add_partner(store: Store, intervention_id: int, partner: PartnerIn) -> int:
    require_intervention(store, intervention_id)
    with store.action(f"Add partner {partner.name}") as tx:
        return tx.db["intervention_partner"].insert({"intervention_id": intervention_id, **partner.model_dump()}).last_pk


def log_session(store: Store, intervention_id: int, session: SessionIn) -> int:
    """Record a co-design session with its participant counts by group. Returns its id."""
    require_intervention(store, intervention_id)
    with store.action(f"Co-design session {session.held_on.isoformat()} (intervention {intervention_id})") as tx:
        sid = tx.db["codesign_session"].insert({
            "intervention_id": intervention_id, "held_on": session.held_on.isoformat(), "format": session.format,
            "title": session.title, "heard": session.heard, "decisions": session.decisions}).last_pk
        for group, people in session.participants.items():
            tx.db["codesign_participant"].insert({"session_id": sid, "group_name": group, "people": people})
    return sid


def _belongs(db, table: str, row_id: int | None, intervention_id: int, what: str) -> None:
    if row_id is None:
        return
    row = db.execute(f"SELECT intervention_id FROM {table} WHERE id = ?", [row_id]).fetchone()
    if row is None or row[0] != intervention_id:
        raise UserError(f"There is no {what} {row_id} in intervention {intervention_id}.")


def add_you_said(store: Store, intervention_id: int, pair: YouSaidIn) -> int:
    """A "you said, we did" pair, optionally linked to the session and the plan action it changed."""
    require_intervention(store, intervention_id)
    with store.action(f"You said, we did (intervention {intervention_id})") as tx:
        _belongs(tx.db, "codesign_session", pair.session_id, intervention_id, "co-design session")
        _belongs(tx.db, "intervention_action", pair.action_id, intervention_id, "action")
        return tx.db["you_said_we_did"].insert({
            "intervention_id": intervention_id, "session_id": pair.session_id, "action_id": pair.action_id,
            "you_said": pair.you_said, "we_did": pair.we_did, "recorded_on": iso_text(pair.recorded_on)}).last_pk


def add_action(store: Store, intervention_id: int, action: ActionIn) -> int:
    require_intervention(store, intervention_id)
    with store.action(f"Add action: {action.description}") as tx:
        return tx.db["intervention_action"].insert({
            "intervention_id": intervention_id, "description": action.description, "owner": action.owner,
            "due_on": iso_text(action.due_on), "done_on": iso_text(action.done_on)}).last_pk


def _action_row(store: Store, action_id: int) -> dict:
    rows = store.query("SELECT * FROM intervention_action WHERE id = ?", [action_id])
    if not rows:
        raise UserError(f"There is no action {action_id}.")
    return rows[0]


def update_action(store: Store, action_id: int, action: ActionIn, *, expected_rev: int | None = None) -> None:
    _action_row(store, action_id)
    with store.action(f"Edit action: {action.description}") as tx:
        records.save(tx.db, "intervention_action", "id", {
            "id": action_id, "description": action.description, "owner": action.owner,
            "due_on": iso_text(action.due_on), "done_on": iso_text(action.done_on)}, expected_rev=expected_rev)


def complete_action(store: Store, action_id: int, on: date | None) -> None:
    """Mark an action done on `on` (None re-opens it)."""
    a = _action_row(store, action_id)
    label = f"Action done: {a['description']}" if on else f"Action re-opened: {a['description']}"
    with store.action(label) as tx:
        records.save(tx.db, "intervention_action", "id", {"id": action_id, "done_on": iso_text(on)})


def add_risk(store: Store, intervention_id: int, risk: RiskIn) -> int:
    require_intervention(store, intervention_id)
    with store.action(f"Add risk: {risk.description}") as tx:
        return tx.db["intervention_risk"].insert({"intervention_id": intervention_id, **risk.model_dump()}).last_pk

"""The co-design log and the plan of an intervention: partners, sessions with who took part,
"you said, we did" and actions. Each write takes the `Tx` of the action a service
opened (one undo step) and values it has checked (pcntui.inputs.interventions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.intervention_writes import iso_text
from pcntui.store.tx import Reader, Tx


def insert_partner(tx: Tx, intervention_id: int, name: str, kind: str, role: str | None) -> int:
    return tx.db["intervention_partner"].insert({"intervention_id": intervention_id, "name": name, "kind": kind,
                                                 "role": role}).last_pk


def insert_session(tx: Tx, intervention_id: int, values: Mapping[str, object], participants: Mapping[str, int]) -> int:
    """A co-design session (held_on, format, title, heard, decisions) with its counts by group."""
    sid = tx.db["codesign_session"].insert({
        "intervention_id": intervention_id, "held_on": iso_text(values["held_on"]), "format": values["format"],
        "title": values["title"], "heard": values["heard"], "decisions": values["decisions"]}).last_pk
    for group, people in participants.items():
        tx.db["codesign_participant"].insert({"session_id": sid, "group_name": group, "people": people})
    return sid


def _belongs(reader: Reader, table: str, row_id: int | None, intervention_id: int, what: str) -> None:
    if row_id is None:
        return
    owner = reader.scalar(f"SELECT intervention_id FROM {table} WHERE id = ?", [row_id])
    if owner != intervention_id:
        raise UserError(f"There is no {what} {row_id} in intervention {intervention_id}.")


def insert_you_said(tx: Tx, intervention_id: int, values: Mapping[str, object]) -> int:
    """A "you said, we did" pair, optionally linked to the session and the plan action it changed."""
    _belongs(tx, "codesign_session", values["session_id"], intervention_id, "co-design session")
    _belongs(tx, "intervention_action", values["action_id"], intervention_id, "action")
    return tx.db["you_said_we_did"].insert({
        "intervention_id": intervention_id, "session_id": values["session_id"], "action_id": values["action_id"],
        "you_said": values["you_said"], "we_did": values["we_did"],
        "recorded_on": iso_text(values["recorded_on"])}).last_pk


def insert_action(tx: Tx, intervention_id: int, description: str, owner: str | None, due_on: date | None) -> int:
    return tx.db["intervention_action"].insert({
        "intervention_id": intervention_id, "description": description, "owner": owner,
        "due_on": iso_text(due_on), "done_on": None}).last_pk


def action_row(reader: Reader, action_id: int) -> dict:
    rows = reader.query("SELECT * FROM intervention_action WHERE id = ?", [action_id])
    if not rows:
        raise UserError(f"There is no action {action_id}.")
    return rows[0]


def write_action_done(tx: Tx, action_id: int, on: date | None) -> None:
    """Mark an action done on `on` (None re-opens it)."""
    records.save(tx.db, "intervention_action", "id", {"id": action_id, "done_on": iso_text(on)})

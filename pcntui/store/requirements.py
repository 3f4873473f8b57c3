"""The DES requirements tracker in the database.

Shipped requirements (pcntui/reference/requirements_des.toml) are merged into every read:
a shipped row not yet in `des_requirement` is returned with `id=None`. The first
requirements write copies every shipped row in (`ensure_reference`), so edits, links and
undo work on real rows. Reads return dataclasses (pcntui.domain.requirements.Requirement)
and are safe from a TUI worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date

from pcntui.domain.parse import id_or_none
from pcntui.domain.requirements import Link, Requirement, RequirementDefinition
from pcntui.errors import UserError
from pcntui.reference.requirements_des import shipped_requirements
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.tx import Reader, Tx

STATE_FIELDS = ("status", "owner", "evidence", "due_on", "due_confirmed")


def _row_values(data: RequirementDefinition) -> dict:
    v = asdict(data)
    v["due_on"] = data.due_on.isoformat() if data.due_on else None
    v["due_confirmed"] = int(data.due_confirmed)
    return v


def ensure_reference(db) -> int:
    """Copy shipped requirements missing from the table (by key). Call inside an action."""
    have = {r[0] for r in db.execute("SELECT ref_key FROM des_requirement WHERE ref_key IS NOT NULL").fetchall()}
    added = 0
    for key, req in shipped_requirements():
        if key not in have:
            db["des_requirement"].insert({**_row_values(req), "ref_key": key, "origin": "reference"})
            added += 1
    return added


def _from_row(r: dict, links: list[Link]) -> Requirement:
    return Requirement(
        id=r["id"], ref_key=r["ref_key"], fy=r["fy"], area=r["area"], title=r["title"], detail=r["detail"],
        due_on=date.fromisoformat(r["due_on"]) if r["due_on"] else None, due_confirmed=bool(r["due_confirmed"]),
        owner=r["owner"], status=r["status"], evidence=r["evidence"], source=r["source"], origin=r["origin"],
        rev=r["rev"], links=links,
    )


def _link_label(store: Reader, kind: str, target: str) -> str:
    if kind == "intervention":
        title = store.scalar("SELECT title FROM intervention WHERE id = ?", [target])
        return f"Intervention {target}: {title}" if title else f"Intervention {target} (deleted)"
    if kind == "smr_cohort":
        name = None
        if store.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'smr_cohort'"):
            name = store.scalar("SELECT name FROM smr_cohort WHERE code = ?", [target])
        return f"SMR cohort {name or target}"
    return f"Staff: {target}"


def _read(reader: Reader, where: str = "", params: list | tuple = ()) -> list[Requirement]:
    rows = reader.query(f"SELECT * FROM des_requirement{where}", params)
    links: dict[int, list[Link]] = {}
    for link in reader.query("SELECT * FROM des_requirement_link ORDER BY kind, target"):
        links.setdefault(link["requirement_id"], []).append(
            Link(link["kind"], link["target"], _link_label(reader, link["kind"], link["target"])))
    return [_from_row(r, links.get(r["id"], [])) for r in rows]


def list_requirements(store: Store, fy: str | None = None) -> list[Requirement]:
    """Every requirement (shipped and the user's), optionally for one financial year,
    ordered by year, due date, title."""
    with store.lock:
        out = _read(store)
    have = {r.ref_key for r in out if r.ref_key}
    for key, req in shipped_requirements():
        if key not in have:
            out.append(_from_row({**_row_values(req), "id": None, "ref_key": key, "origin": "reference", "rev": 0}, []))
    if fy:
        out = [r for r in out if r.fy == fy]
    out.sort(key=lambda r: (r.fy, r.due_on or date.max, r.title.lower()))
    return out


def shipped_years() -> list[str]:
    """The financial years pcntui ships DES requirements for, oldest first."""
    return sorted({req.fy for _, req in shipped_requirements()})


def none_shipped_text() -> str:
    """Why a year has no DES requirements: 'pcntui ships none for that year (shipped for A to B)'."""
    years = shipped_years()
    shipped = f"shipped for {years[0]} to {years[-1]}" if years else "none shipped"
    return f"pcntui ships none for that year ({shipped})"


def none_recorded_text(fy: str) -> str:
    """What to say for a year with no DES requirements, shipped or the user's."""
    return f"No DES requirements for {fy}: {none_shipped_text()}; add the year's with 'pcntui requirement add'."


def get_requirement(reader: Reader, requirement_id: int) -> Requirement:
    found = _read(reader, " WHERE id = ?", [requirement_id])
    if not found:
        raise UserError(f"There is no DES requirement {requirement_id}.")
    return found[0]


def flagged(reqs: list[Requirement], as_of: date) -> tuple[list[Requirement], list[Requirement]]:
    """(due soon, overdue) among `reqs`."""
    soon = [r for r in reqs if r.state(as_of) == "due_soon"]
    late = [r for r in reqs if r.state(as_of) == "overdue"]
    return soon, late


def insert_requirement(tx: Tx, values: Mapping[str, object]) -> int:
    """A requirement of the user's own (fy, area, title, detail, due_on, due_confirmed, owner; checked by
    inputs.requirements.RequirementIn). Returns its id."""
    ensure_reference(tx.db)
    row = {k: values.get(k) for k in ("fy", "area", "title", "detail", "due_on", "due_confirmed", "owner")}
    row["due_on"] = row["due_on"].isoformat() if row["due_on"] else None
    row["due_confirmed"] = int(bool(row["due_confirmed"]))
    return tx.db["des_requirement"].insert({**row, "status": "not_started", "source": "added by the user",
                                            "origin": "user"}).last_pk


def resolve_id(store: Store, requirement_id: int | None = None, ref_key: str | None = None) -> int:
    """The table id of a requirement given by id, or by the key of a shipped row (copied in if needed)."""
    if requirement_id is not None:
        if not store.scalar("SELECT 1 FROM des_requirement WHERE id = ?", [requirement_id]):
            raise UserError(f"There is no DES requirement {requirement_id}.")
        return requirement_id
    if ref_key is None or ref_key not in dict(shipped_requirements()) and not store.scalar(
            "SELECT 1 FROM des_requirement WHERE ref_key = ?", [ref_key]):
        raise UserError(f"There is no DES requirement '{ref_key}'.")
    found = store.scalar("SELECT id FROM des_requirement WHERE ref_key = ?", [ref_key])
    if found is None:
        with store.action("Load the shipped DES requirements") as tx:
            ensure_reference(tx.db)
        found = store.scalar("SELECT id FROM des_requirement WHERE ref_key = ?", [ref_key])
    return found


def requirement_id_in(tx: Tx, ref: int | str) -> int:
    """The table id of a requirement given by id, or by the key of a shipped row (the shipped
    rows are copied in within this action if they are not yet)."""
    if isinstance(ref, int):
        if not tx.scalar("SELECT 1 FROM des_requirement WHERE id = ?", [ref]):
            raise UserError(f"There is no DES requirement {ref}.")
        return ref
    if ref not in dict(shipped_requirements()) and not tx.scalar("SELECT 1 FROM des_requirement WHERE ref_key = ?",
                                                                [ref]):
        raise UserError(f"There is no DES requirement '{ref}'.")
    ensure_reference(tx.db)
    return int(tx.scalar("SELECT id FROM des_requirement WHERE ref_key = ?", [ref]))


def write_state(tx: Tx, requirement_id: int, values: Mapping[str, object], *, expected_rev: int | None = None) -> None:
    """Save a requirement's status, owner, evidence, due date and whether it is confirmed
    (validated values: inputs.requirements.RequirementChangeIn)."""
    row = {k: values[k] for k in STATE_FIELDS}
    row["due_on"] = row["due_on"].isoformat() if row["due_on"] else None
    row["due_confirmed"] = int(bool(row["due_confirmed"]))
    records.save(tx.db, "des_requirement", "id", {"id": requirement_id, **row}, expected_rev=expected_rev)


def link_target(reader: Reader, kind: str, target: str) -> str:
    """What a requirement is linked to, as it is kept: an intervention (its id, which must exist), an
    SMR cohort (its code, which must exist once cohorts are set up) or a person (a name, free text,
    or a staff id, which must exist and is kept as the member's name). UserError when there is none."""
    if kind == "intervention":
        intervention_id = id_or_none(target, "intervention id")
        if intervention_id is None or not reader.scalar("SELECT 1 FROM intervention WHERE id = ?", [intervention_id]):
            raise UserError(f"There is no intervention {target}.")
    if kind == "smr_cohort":
        target = target.upper()
        has_table = reader.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'smr_cohort'")
        if has_table and reader.scalar("SELECT count(*) FROM smr_cohort") and not reader.scalar(
                "SELECT 1 FROM smr_cohort WHERE code = ?", [target]):
            raise UserError(f"There is no SMR cohort with code {target}.")
    if kind == "staff" and id_or_none(target, "staff id") is not None:
        from pcntui.store.staff import find_staff

        target = find_staff(reader, target).name  # before: any id was stored, a 26-digit one too
    return target


def insert_link(tx: Tx, requirement_id: int, kind: str, target: str) -> None:
    tx.execute("INSERT OR IGNORE INTO des_requirement_link(requirement_id, kind, target) VALUES (?, ?, ?)",
               [requirement_id, kind, target])


def remove_requirement(tx: Tx, requirement_id: int, *, expected_rev: int | None = None) -> None:
    records.delete(tx.db, "des_requirement", "id", requirement_id, expected_rev=expected_rev)

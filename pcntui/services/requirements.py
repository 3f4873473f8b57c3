"""The DES requirements' use cases (one action each)."""

from __future__ import annotations

from datetime import date

from pcntui.errors import ConflictError, UserError
from pcntui.inputs.base import check
from pcntui.inputs.requirements import LinkIn, RequirementChangeIn, RequirementIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import requirements as rows


def add_requirement(store: Store, raw: Raw, *, today: date) -> Saved[int]:
    """`n` on the requirements screen and `pcntui requirement add`: one of the user's own."""
    with store.action() as tx:
        data, warnings = check(RequirementIn, raw, load_ctx(tx, today=today, need=()))
        requirement_id = rows.insert_requirement(tx, data.model_dump())
        tx.label = f"Add DES requirement {data.fy}: {data.title}"
    return Saved(requirement_id, f"Added DES requirement {requirement_id}: {data.title} ({data.fy}).", tuple(warnings))


def change_requirement(store: Store, ref: int | str, raw: Raw, *, today: date,
                       expected_rev: int | None = None) -> Saved[int]:
    """`e` on the requirements screen and `pcntui requirement set`: change some of a requirement's
    status, owner, evidence and due date (`raw`: only what changes) in one action. `ref` is its
    id or a shipped key; `expected_rev`: refused if another copy changed it since it was read."""
    with store.action() as tx:
        requirement_id = rows.requirement_id_in(tx, ref)
        current = rows.get_requirement(tx, requirement_id)
        if expected_rev is not None and current.rev != expected_rev:
            raise ConflictError("This requirement was changed by someone else since you opened it; nothing was "
                                "saved.", current=RequirementChangeIn.initial(current))
        ctx = load_ctx(tx, today=today, need=(), item=current)
        change, warnings = check(RequirementChangeIn, {**RequirementChangeIn.initial(current), **raw}, ctx)
        rows.write_state(tx, requirement_id, change.model_dump())
        tx.label = f"Edit DES requirement: {current.title}"
    return Saved(requirement_id, f"Updated DES requirement {requirement_id}.", tuple(warnings))


def delete_requirement(store: Store, requirement_id: int, *, expected_rev: int | None = None) -> Saved[int]:
    """`delete` on the requirements screen: one of the user's own (a shipped one is set to not
    applicable instead)."""
    with store.action() as tx:
        current = rows.get_requirement(tx, requirement_id)
        if current.origin == "reference":
            raise UserError("A shipped DES requirement cannot be deleted; set its status to not applicable instead.")
        if expected_rev is not None and current.rev != expected_rev:
            raise ConflictError("This requirement was changed by someone else since you opened it; nothing was "
                                "deleted.", current=RequirementChangeIn.initial(current))
        rows.remove_requirement(tx, requirement_id)
        tx.label = f"Delete DES requirement: {current.title}"
    return Saved(requirement_id, f"Deleted the requirement “{current.title}”.")


def link_requirement(store: Store, ref: int | str, raw: Raw, *, today: date) -> Saved[str]:
    """`pcntui requirement link`: to an intervention, an SMR cohort or a member of staff."""
    with store.action() as tx:
        requirement_id = rows.requirement_id_in(tx, ref)
        link, warnings = check(LinkIn, raw, load_ctx(tx, today=today, need=()))
        target = rows.link_target(tx, link.kind, link.target)
        rows.insert_link(tx, requirement_id, link.kind, target)
        tx.label = f"Link DES requirement {requirement_id} to {link.kind} {target}"
    return Saved(target, f"Linked DES requirement {requirement_id} to {link.kind.replace('_', ' ')} {target}.",
                 tuple(warnings))

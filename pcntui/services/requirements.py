"""The DES requirements' use cases (one action each)."""

from __future__ import annotations

from datetime import date

from pcntui.inputs.base import check
from pcntui.inputs.requirements import RequirementChangeIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import requirements as rows


def change_requirement(store: Store, ref: int | str, raw: Raw, *, today: date,
                       expected_rev: int | None = None) -> Saved[int]:
    """`e` on the requirements screen and `pcntui requirement set`: change some of a requirement's
    status, owner, evidence and due date (`raw`: only what changes) in one action. `ref` is its
    id or a shipped key; `expected_rev`: refused if another copy changed it since it was read."""
    with store.action() as tx:
        requirement_id = rows.requirement_id_in(tx, ref)
        current = rows.get_requirement(tx, requirement_id)
        ctx = load_ctx(tx, today=today, need=(), item=current)
        change, warnings = check(RequirementChangeIn, {**RequirementChangeIn.initial(current), **raw}, ctx)
        rows.write_state(tx, requirement_id, change.model_dump(), expected_rev=expected_rev)
        tx.label = f"Edit DES requirement: {current.title}"
    return Saved(requirement_id, f"Updated DES requirement {requirement_id}.", tuple(warnings))

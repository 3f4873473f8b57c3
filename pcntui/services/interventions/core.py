"""Create, edit and delete an intervention; move it between stages; set a stage's target date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

from pcntui.domain.intervention import STAGE_LABELS, StageMove, stage_index
from pcntui.domain.money import to_pence
from pcntui.errors import ConflictError, FieldMessage, UserError, ValidationFailed
from pcntui.inputs.base import InputModel, check, flags_of
from pcntui.inputs.interventions import AUTO, InterventionIn, StageMoveIn, StageTargetIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import intervention_writes as writes
from pcntui.store.interventions import InterventionDetail, get_intervention

M = TypeVar("M", bound=InputModel)


def current(store: Store, intervention_id: int, today: date, expected_rev: int | None = None) -> InterventionDetail:
    """The intervention as it is now (inside the caller's action); ConflictError, with what the other
    copy saved, when it is no longer at `expected_rev`."""
    d = get_intervention(store, intervention_id, today)
    if expected_rev is not None and d.rev != expected_rev:
        raise ConflictError("This intervention was changed by someone else since you opened it; nothing was saved.",
                            current=InterventionIn.initial(d))
    return d


@contextmanager
def adding(store: Store, intervention_id: int, model: type[M], raw: Raw, *,
           today: date) -> Iterator[tuple[object, M, tuple[FieldMessage, ...]]]:
    """One action adding to an intervention (which must exist): yields (the action, `raw` checked by
    `model`, its warnings) for the caller to write and name."""
    with store.action() as tx:
        current(store, intervention_id, today)
        value, warnings = check(model, raw, load_ctx(tx, today=today, need=()))
        yield tx, value, tuple(warnings)


def _checked(tx, store: Store, raw: Raw, *, today: date, item: object = None) -> tuple[InterventionIn, list]:
    """The intervention checked with the PCN's practices; `auto` practices chosen by the deprivation basis."""
    ctx = load_ctx(tx, today=today, need=("practices",), item=item)
    data, warnings = check(InterventionIn, raw, ctx)
    if data.practices == AUTO:
        try:
            codes = writes.practices_for_basis(tx, data.deprivation_basis)
        except UserError as exc:
            raise ValidationFailed([FieldMessage(("practices",), str(exc))], flags_of(InterventionIn)) from None
        data, warnings = check(InterventionIn, {**data.model_dump(), "practices": codes}, ctx)
    return data, warnings


def _values(data: InterventionIn) -> dict[str, object]:
    return {**data.model_dump(exclude={"practices", "budget"}), "budget_pence": to_pence(data.budget)}


def create_intervention(store: Store, raw: Raw, *, today: date, on: date | None = None) -> Saved[int]:
    """`n` on the list and `pcntui intervention add`: a new intervention at 'Lead appointed' on
    `on` (default today)."""
    with store.action() as tx:
        data, warnings = _checked(tx, store, raw, today=today)
        on = on or today
        iid = writes.insert_intervention(tx, _values(data), data.practices, on=on)
        tx.label = f"New intervention: {data.title}"
    return Saved(iid, f"Created intervention {iid}: {data.title} (stage: lead appointed, {on.isoformat()}).",
                 tuple(warnings))


def edit_intervention(store: Store, intervention_id: int, raw: Raw, *, today: date,
                      expected_rev: int | None = None) -> Saved[int]:
    """`e` on the page and `pcntui intervention edit`: change some of its fields (`raw`: only what
    changes; the rest, aims and notes included, is kept)."""
    with store.action() as tx:
        d = current(store, intervention_id, today, expected_rev)
        data, warnings = _checked(tx, store, {**InterventionIn.initial(d), **raw}, today=today, item=d)
        writes.write_intervention(tx, intervention_id, _values(data), data.practices)
        tx.label = f"Edit intervention: {data.title}"
    return Saved(intervention_id, f"Updated intervention {intervention_id}: {data.title}.", tuple(warnings))


def delete_intervention(store: Store, intervention_id: int, *, today: date,
                        expected_rev: int | None = None) -> Saved[int]:
    """`delete` on the list or the page: the intervention and all that belongs to it."""
    with store.action() as tx:
        d = current(store, intervention_id, today, expected_rev)
        writes.remove_intervention(tx, intervention_id)
        tx.label = f"Delete intervention: {d.title}"
    return Saved(intervention_id, f"Deleted “{d.title}”.")


def move_stage(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[StageMove]:
    """`m` on the page and `pcntui intervention stage`: to any stage, forwards or back, on a day
    not in the future and not before it was created; recorded."""
    with store.action() as tx:
        d = current(store, intervention_id, today)
        move, warnings = check(StageMoveIn, raw, load_ctx(tx, today=today, need=(), item=d))
        done = writes.write_stage_move(tx, intervention_id, d.stage, move.stage, move.on, move.evidence)
        verb = "Move back" if stage_index(move.stage) < stage_index(d.stage) else "Move"
        tx.label = f"{verb} intervention {intervention_id} to {STAGE_LABELS[move.stage]}"
    word = "back " if done.backwards else ""
    return Saved(done, f"Intervention {intervention_id} moved {word}to {STAGE_LABELS[done.to_stage]} on "
                       f"{done.moved_on.isoformat()}.", tuple(warnings))


def set_stage_target(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`t` on the page and `pcntui intervention target`: the date a stage should be reached by
    ('none' clears it)."""
    with store.action() as tx:
        d = current(store, intervention_id, today)
        target, warnings = check(StageTargetIn, raw, load_ctx(tx, today=today, need=(), item=d))
        writes.write_stage_target(tx, intervention_id, target.stage, target.target_on)
        tx.label = f"Set target date for {STAGE_LABELS[target.stage]} (intervention {intervention_id})"
    when = f"due by {target.target_on.isoformat()}." if target.target_on else "has no target date."
    return Saved(intervention_id, f"Intervention {intervention_id}: {STAGE_LABELS[target.stage]} {when}",
                 tuple(warnings))

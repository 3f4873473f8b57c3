"""The SMR worklist's patients: add, edit, delete (`n`/`e`/`delete` on the worklist,
`pcntui smr worklist add|edit|delete`)."""

from __future__ import annotations

from datetime import date

from pcntui.domain.worklist import WorklistEntry
from pcntui.errors import ConflictError, FieldMessage, UserError, ValidationFailed
from pcntui.inputs.base import check, flags_of
from pcntui.inputs.smr import WorklistEntryIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import worklist as rows
from pcntui.store.tx import Tx

Ref = int | tuple[str, str]  # an entry's id, or (practice code, the practice's reference)


def _current(entry) -> dict[str, object]:
    return {k: v for k, v in WorklistEntryIn.initial(entry).items() if k != "nhs_number"}


def _entry(tx: Tx, ref: Ref, verb: str) -> WorklistEntry:
    """The patient `ref` names: an id (gone: someone else deleted it) or (practice, reference)."""
    if isinstance(ref, tuple):
        found = rows.entry_by_reference(tx, *ref)
        if found is None:
            raise UserError(f"No worklist patient {ref[0].strip().upper()} {ref[1].strip()}; nothing was {verb}.")
        return found
    found = rows.get_entry(tx, ref)
    if found is None:
        raise ConflictError(f"This worklist patient was deleted by someone else; nothing was {verb}.")
    return found


def save_worklist_entry(store: Store, raw: Raw, *, today: date, entry: Ref | None = None,
                        expected_rev: int | None = None) -> Saved[int]:
    """Add a patient (`entry` None) or change one (`raw`: only what changes); the entry's id.
    `expected_rev`: refused if another copy changed the patient since it was read."""
    with store.action() as tx:
        base = None
        if entry is not None:
            base = _entry(tx, entry, "saved")
            if expected_rev is not None and base.rev != expected_rev:
                raise ConflictError("This worklist patient was changed by someone else since you opened it; "
                                    "nothing was saved.", current=_current(base))
        ctx = load_ctx(tx, today=today, need=("practices", "cohorts"), item=base)
        data, warnings = check(WorklistEntryIn, {**WorklistEntryIn.initial(base), **raw}, ctx)
        if rows.reference_taken(tx, data.practice_code, data.reference, base.id if base else None):
            raise ValidationFailed([FieldMessage(("reference",), f"{data.reference} is already on the worklist at "
                                                                 f"{data.practice_code}.")], flags_of(WorklistEntryIn))
        new_id = rows.write_entry(tx, data.to_entry(base))
        tx.label = f"{'Add' if base is None else 'Edit'} SMR worklist {data.practice_code} {data.reference}"
    verb = "Added" if base is None else "Saved"
    return Saved(new_id, f"{verb} worklist patient {data.practice_code} {data.reference}.", tuple(warnings))


def delete_worklist_entry(store: Store, entry: Ref, *, expected_rev: int | None = None) -> Saved[int]:
    """Delete one patient from the worklist (the front end asked first; `u` undoes it)."""
    with store.action() as tx:
        found = _entry(tx, entry, "deleted")
        if expected_rev is not None and found.rev != expected_rev:
            raise ConflictError("This worklist patient was changed by someone else since you opened it; nothing "
                                "was deleted.", current=_current(found))
        rows.remove_entry(tx, found.id)
        tx.label = f"Delete SMR worklist {found.practice_code} {found.reference}"
    return Saved(found.id, f"Deleted worklist patient {found.practice_code} {found.reference}.")


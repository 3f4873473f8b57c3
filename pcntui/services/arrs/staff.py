"""The roster's use cases: add, correct, change terms from a date, record a leaver, delete.

Each is one action (one undo step) that checks its input with `inputs.arrs` against the rules
read inside the transaction, and refuses a stale `expected_rev` with the record as saved now.
"""

from __future__ import annotations

from datetime import date

from pcntui.domain.staff import StaffMember
from pcntui.errors import ConflictError
from pcntui.inputs.arrs import ChangeTermsIn, LeaverIn, StaffIn
from pcntui.inputs.base import check
from pcntui.services.arrs import shown
from pcntui.services.base import Raw, Saved, as_saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import records
from pcntui.store import staff as rows


def current_member(tx, staff_id: int, expected_rev: int | None, rules=None) -> StaffMember:
    """The member as saved now; ConflictError (with what the other copy saved) if it moved."""
    return as_saved(rows.get_staff(tx, staff_id), expected_rev, thing="This staff record",
                    missing=f"There is no staff member with id {staff_id}.",
                    changed=lambda member: f"{member.name}'s record",
                    current=lambda member: StaffIn.initial(member, rules))


def add_staff(store: Store, raw: Raw, *, today: date) -> Saved[int]:
    """`n` on the roster and `pcntui arrs add`: one new roster entry."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        staff, warnings = check(StaffIn, raw, ctx)
        member = staff.to_member()
        staff_id, _ = rows.write_member(tx.db, member)
        tx.label = f"Add staff {member.name}"
    return Saved(staff_id, f"Added {member.name}.", shown(warnings))


def edit_staff(store: Store, staff_id: int, raw: Raw, *, today: date, expected_rev: int | None = None) -> Saved[int]:
    """`e` on the roster and `pcntui arrs edit`: the record put right (`raw`: what changes)."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        member = current_member(tx, staff_id, expected_rev, ctx.rules)
        ctx = ctx.with_item(member)
        staff, warnings = check(StaffIn, {**StaffIn.initial(member), **raw}, ctx)
        changed = staff.to_member(member)
        rows.write_member(tx.db, changed, expected_rev=member.rev)
        tx.label = f"Edit staff {changed.name}"
    return Saved(staff_id, f"Saved {changed.name}.", shown(warnings))


def change_terms(store: Store, staff_id: int, raw: Raw, *, today: date,
                 expected_rev: int | None = None) -> Saved[int]:
    """`c` on the roster and `pcntui arrs change`: new WTE, salary or on-cost from a date."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        member = current_member(tx, staff_id, expected_rev, ctx.rules)
        change, warnings = check(ChangeTermsIn, raw, ctx.with_item(member))
        rows.write_member(tx.db, change.changed(member), expected_rev=member.rev)
        what = ", ".join(x for x, v in (("WTE", change.wte), ("salary", change.fte_salary),
                                        ("on-cost", change.oncost_pct)) if v is not None)
        day = change.effective_from.isoformat()
        tx.label = f"Change {what} of {member.name} from {day}"
    return Saved(staff_id, f"{member.name}: new terms from {day}.", shown(warnings))


def record_leaver(store: Store, staff_id: int, raw: Raw, *, today: date,
                  expected_rev: int | None = None) -> Saved[int]:
    """`f` on the roster and `pcntui arrs leave`: the last day in post (blank clears it)."""
    with store.action() as tx:
        member = current_member(tx, staff_id, expected_rev)
        leaver, warnings = check(LeaverIn, raw, load_ctx(tx, today=today, need=(), item=member))
        day = leaver.end_date
        records.save(tx.db, "staff", "id", {"id": staff_id, "end_date": day.isoformat() if day else None},
                     expected_rev=member.rev)
        note = f"{member.name} leaves on {day.isoformat()}." if day else f"{member.name}: end date cleared."
        tx.label = note.rstrip(".")
    return Saved(staff_id, note, shown(warnings))


def delete_staff(store: Store, staff_id: int, *, expected_rev: int | None = None) -> Saved[int]:
    """`d` on the roster and `pcntui arrs delete`: the record, its terms and its months go."""
    with store.action() as tx:
        member = rows.get_staff(tx, staff_id)
        if member is None:
            raise ConflictError("This staff record was deleted by someone else; nothing was deleted.")
        rows.remove_member(tx.db, staff_id, expected_rev=expected_rev)
        tx.label = f"Delete staff {member.name}"
    return Saved(staff_id, f"Deleted {member.name}.")

"""SMR cohorts and their targets: `pcntui smr add-cohort|delete-cohort|target`."""

from __future__ import annotations

from datetime import date

from pcntui.domain.fy import FinancialYear
from pcntui.errors import ConflictError, UserError
from pcntui.inputs.base import check
from pcntui.inputs.smr import CohortIn, TargetIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import smr as cohorts


def save_cohort(store: Store, raw: Raw, *, today: date, expected_rev: int | None = None) -> Saved[str]:
    """Add a local cohort, or change a cohort's name, definition and aliases; the cohort's code."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("cohorts",))
        data, warnings = check(CohortIn, raw, ctx)
        existing = {c.code: c for c in ctx.cohorts.cohorts}.get(data.cohort_code)
        if expected_rev is not None and (existing is None or existing.rev != expected_rev):
            raise ConflictError(f"Cohort {data.name} was changed by someone else since you opened it; nothing was "
                                "saved.", current=None if existing is None else
                                {"name": existing.name, "definition": existing.definition})
        cohort = data.to_cohort(existing)
        cohorts.write_cohort(tx, cohort, new=existing is None)
        tx.label = f"{'Edit' if existing else 'Add'} SMR cohort {cohort.name}"
    return Saved(cohort.code, f"Saved SMR cohort {cohort.name} ({cohort.code}).", tuple(warnings))


def delete_cohort(store: Store, ref: str, *, today: date) -> Saved[str]:
    """Delete a local cohort that no counts or worklist entries use (its targets go with it)."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("cohorts",))
        cohort = ctx.cohorts.find(ref)
        if cohort is None:
            raise UserError(f"There is no SMR cohort '{ref}' (known: {ctx.cohorts.known()}).")
        if cohort.origin == "reference":
            raise UserError(f"{cohort.name} is a shipped DES cohort and cannot be deleted.")
        uses = cohorts.cohort_uses(tx, cohort.code)
        if uses:
            raise UserError(f"{cohort.name} has {uses} counts or worklist entries; it cannot be deleted.")
        cohorts.remove_cohort(tx, cohort.code)
        tx.label = f"Delete SMR cohort {cohort.name}"
    return Saved(cohort.code, f"Deleted SMR cohort {cohort.name}.")


def set_target(store: Store, raw: Raw, *, today: date) -> Saved[str]:
    """Set (a percent of eligible patients or a count of reviews) or remove a cohort's target for a year."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("cohorts",))
        data, warnings = check(TargetIn, raw, ctx)
        target = data.to_target()
        fy = FinancialYear.parse(data.fy)
        cohort = ctx.cohorts.find(data.cohort)
        cohorts.write_target(tx, cohort.code, fy, target)
        what = target.label if target else "none"
        tx.label = f"Set SMR target {cohort.name} {fy.label}: {what}"
    note = f"{cohort.name} {fy.label}: " + (f"target {target.label}." if target else "target removed.")
    return Saved(cohort.code, note, tuple(warnings))

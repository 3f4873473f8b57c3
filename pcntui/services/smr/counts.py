"""Monthly SMR counts: one practice's counts for one cohort on a date (`e` on the SMR screens,
`pcntui smr counts`), the month-end grid of every practice × cohort (`g`), and removing one
snapshot (`pcntui smr delete-counts`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from pcntui.errors import ConflictError, UserError, ValidationFailed
from pcntui.inputs.base import check
from pcntui.inputs.context import Ctx
from pcntui.inputs.smr import CountIn, check_grid
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import smr_counts as counts
from pcntui.store.tx import Reader


def counts_ctx(reader: Reader, *, today: date) -> Ctx:
    """What CountIn is checked with: the practices, the cohorts and every count held (for its warnings)."""
    return load_ctx(reader, today=today, need=("practices", "cohorts"), item=counts.history(reader))


def _current(row: dict) -> dict[str, object]:
    return {k: row[k] for k in ("eligible", "completed", "invited", "declined")}


def save_counts(store: Store, raw: Raw, *, today: date, expected_rev: int | None = None) -> Saved[CountIn]:
    """Save one practice's year-to-date counts for one cohort on one date (a new snapshot, or a
    correction of the one held: `expected_rev` refuses it if another copy changed that one)."""
    with store.action() as tx:
        ctx = counts_ctx(tx, today=today)
        data, warnings = check(CountIn, raw, ctx)
        held = counts.count_row(tx, data.practice_code, data.cohort, data.as_of)
        if expected_rev is not None and (held is None or held["rev"] != expected_rev):
            raise ConflictError("These counts were changed by someone else since you opened them; nothing was saved.",
                                current=None if held is None else _current(held))
        counts.write_count(tx, data.practice_code, data.cohort, data.snapshot())
        name = ctx.cohorts.find(data.cohort).name
        tx.label = f"SMR counts {data.practice_code} {name} {data.as_of.isoformat()}"
    return Saved(data, f"Saved SMR counts for {data.practice_code} {name} on {data.as_of.isoformat()}.",
                 tuple(warnings))


def delete_counts(store: Store, practice: str, cohort: str, as_of: date, *, today: date) -> Saved[None]:
    """Remove the counts of one practice and cohort on one date."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("practices", "cohorts"))
        found = ctx.cohorts.find(cohort)
        code = practice.strip().upper()
        if found is None or counts.count_row(tx, code, found.code, as_of) is None:
            raise UserError(f"No SMR counts are held for {code} {cohort} on {as_of.isoformat()}.")
        counts.remove_count(tx, code, found.code, as_of)
        tx.label = f"Delete SMR counts {code} {found.name} {as_of.isoformat()}"
    return Saved(None, f"Deleted the SMR counts for {code} {found.name} on {as_of.isoformat()}.")


def save_count_grid(store: Store, as_of: object, cells: Mapping[tuple[int, int], str], practices: Sequence[str],
                    cohorts: Sequence[str], *, today: date) -> Saved[int]:
    """The month-end grid (practices × cohorts for one date, cells `completed/eligible`) saved
    as one action: every cell checked first, nothing written while any is wrong."""
    with store.action() as tx:
        ctx = counts_ctx(tx, today=today)
        found, messages = check_grid(as_of, cells, practices, cohorts, ctx)
        if any(m.level == "error" for m in messages):
            raise ValidationFailed(messages, {})
        if not found:
            raise UserError("Nothing to save: type a practice's completed/eligible in a cohort's column, e.g. 40/70.")
        for count in found:
            counts.write_count(tx, count.practice_code, count.cohort, count.snapshot())
        day = found[0].as_of.isoformat()
        tx.label = f"SMR counts on {day}: {len(found)} practice and cohort pairs"
    return Saved(len(found), f"Saved SMR counts on {day} for {len(found)} practice and cohort pairs.",
                 tuple(messages))

"""Which ended months the latest change to the ARRS figures recalculated, and by how much.

The comparison basis is real data: the figures as they were just before the latest action
still in effect (an import, a form save, an undo or redo) that wrote a table the claimable is
computed from — staff, their dated terms, the maxima, the roles, the on-cost rules, the PCN's
London zone. That earlier state is rebuilt in a private in-memory copy of the database with
the action reverted by `audit.revert` (the same replay undo uses); the file is never touched.
People the action added or deleted are left out: their months are new or gone, not
recalculated. Only the latest such action is compared: once a later one (a new starter, say)
is saved, the arrears of the earlier one are the claims ledger's to show.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from pcntui.domain.forecast import ArrsInputs, ArrsYear, arrs_year
from pcntui.domain.recalculation import Recalculation, recalculation
from pcntui.errors import UserError
from pcntui.store import audit
from pcntui.store.db import Store

ARRS_TABLES = ("staff", "staff_terms", "arrs_rate", "arrs_role", "employer_oncost_rate", "pcn")


@dataclass(frozen=True)
class LastRecalculation:
    """The ended months of a year that the latest ARRS change moved, and that change."""

    action_id: int
    label: str
    at: str  # when it was saved, ISO 8601 UTC
    recalculation: Recalculation


def latest_arrs_action(store: Store) -> audit.ActionSummary | None:
    """The latest action in effect that wrote a table the ARRS figures are computed from."""
    marks = ", ".join("?" * len(ARRS_TABLES))
    row = store.query(
        "SELECT a.id FROM action a WHERE a.state = 'done' AND a.kind IN ('do', 'undo', 'redo') AND EXISTS "
        f"(SELECT 1 FROM change c WHERE c.action_id = a.id AND c.table_name IN ({marks})) ORDER BY a.id DESC LIMIT 1",
        ARRS_TABLES,
    )
    if not row:
        return None
    with store.lock:
        return audit.summary(store.db, row[0]["id"])


def inputs_before(store: Store, action: audit.ActionSummary) -> ArrsInputs | None:
    """The ARRS inputs as they were before `action` (None if a later action changed the same rows)."""
    from pcntui.store.arrs import load_inputs

    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        with store.lock:
            store.conn.backup(memory)
        memory.execute("BEGIN")
        memory.execute("INSERT INTO action(label, at, source, state, kind) VALUES ('compare', '', 'cli', 'open', 'undo')")
        try:
            audit.revert(sqlite_utils.Database(memory), action, verb="compare with")
        except UserError:  # ConflictError included: the rows have moved on since
            return None
        copy = Store(memory, store.path, source=store.source, mode="ro")
        return load_inputs(copy)
    finally:
        memory.close()


def last_recalculation(store: Store, after: ArrsInputs, year: ArrsYear) -> LastRecalculation | None:
    """What the latest ARRS change did to the ended months of `year` (computed from `after`); None: nothing moved."""
    action = latest_arrs_action(store)
    if action is None:
        return None
    before = inputs_before(store, action)
    if before is None:
        return None
    both = {m.id for m in before.staff} & {m.id for m in after.staff}
    old = [m for m in arrs_year(before, year.fy, year.as_of).months if m.staff_id in both]
    new = [m for m in year.months if m.staff_id in both]
    found = recalculation(old, new, year.as_of)
    return LastRecalculation(action.id, action.label, action.at, found) if found else None

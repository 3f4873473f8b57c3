"""Columns kept from other rows, so a read needs no join: `smr_worklist.cohorts`, the patient's
cohort codes (their `smr_worklist_cohort` links) in code order, joined by ';' ('' for none).

A derived column is not audited: the audit trail's row images leave it out (`audited_columns`;
an update of it alone does not fire the audit trigger), so images written before it existed and
after are alike, and undo never compares it (the links it comes from are audited). The writers
set it in the action that writes the links (the form save by `refresh`; the demo and the worklist
import from the codes they save, by `joined`); every replay of changes (undo, redo) recomputes it
for the worklist rows those changes touched (`touched` before the replay, `refresh` after),
whatever the images held.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from sqlite3 import Connection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.store.audit import Change

DERIVED = {"smr_worklist": ("cohorts",)}  # table → its derived columns (the one place that says so)
LINKS = "smr_worklist_cohort"

# smr_worklist.cohorts as its links give it (SQLite 3.40 has no ORDER BY inside group_concat: the
# inner query orders the codes, read in that order from the links' primary key).
COHORTS_SQL = ("coalesce((SELECT group_concat(code, ';') FROM (SELECT cohort_code AS code FROM smr_worklist_cohort "
               "WHERE worklist_id = smr_worklist.id ORDER BY cohort_code)), '')")


@lru_cache(maxsize=1024)  # (an import asks for the same few tuples again and again)
def joined(codes: tuple[str, ...]) -> str:
    """The cohorts column for these codes (as `COHORTS_SQL` gives it once they are the links)."""
    return ";".join(sorted(set(codes)))


def audited_columns(db: Connection, table: str) -> list[str]:
    """The columns of `table` the audit trail records (all but derived ones), in table order."""
    skip = DERIVED.get(table, ())
    return [name for _, name, *_ in db.execute(f'PRAGMA table_info("{table}")') if name not in skip]


def touched(db: Connection, changes: list[Change]) -> set[int]:
    """The worklist rows whose cohorts `changes` may alter when replayed, read before the replay:
    the rows they change and those their links belong to (a run of links added: read from the
    links themselves, which the replay removes)."""
    from pcntui.store.audit import values_of  # (it builds on this module)

    ids: set[int] = set()
    for c in changes:
        if c.table == "smr_worklist" and c.last_row_id is None:  # (a run of rows added: the replay removes them)
            ids.add(c.row_id)
        elif c.table == LINKS and c.last_row_id is None:
            ids |= values_of(c, "worklist_id")
        elif c.table == LINKS:
            ids.update(i for (i,) in db.execute(f"SELECT DISTINCT worklist_id FROM {LINKS} WHERE rowid BETWEEN ? AND ?",
                                                [c.row_id, c.last_row_id]))
    return ids


def refresh(db: Connection, ids: Iterable[int]) -> None:
    """Recompute the cohorts of these worklist rows from their links, in one statement (a derived
    column: the audit trail records nothing)."""
    ids = list(ids)
    if ids:
        db.execute(f"UPDATE smr_worklist SET cohorts = {COHORTS_SQL} WHERE id IN (SELECT value FROM json_each(?))",
                   [json.dumps(ids)])


def disagreeing(db: Connection) -> int:
    """How many worklist rows' cohorts are not what their links give (none, unless the file was
    written outside pcntui or by a pcntui older than the column: `pcntui check` says so)."""
    return db.execute(f"SELECT count(*) FROM smr_worklist WHERE cohorts IS NOT {COHORTS_SQL}").fetchone()[0]


def fill(db: Connection) -> None:
    """Every worklist row's cohorts from its links (the migration to schema 11)."""
    db.execute(f"UPDATE smr_worklist SET cohorts = {COHORTS_SQL}")


"""Which ended months the latest change to the ARRS figures recalculated, and by how much.

The comparison basis is real data: the figures as they were just before the latest action
still in effect (an import, a form save, an undo or redo) that wrote a table the claimable is
computed from — staff, their dated terms, the maxima, the roles, the on-cost rules, the PCN's
London zone. That earlier state is rebuilt in a private in-memory copy of the tables the ARRS
figures are read from (`INPUT_TABLES`), with the action's changes to them replayed backwards
as undo replays them (`audit.replay_backwards`); its changes to other tables are only checked,
as undo checks them, so a comparison undo would refuse is not made. The file is never touched.
People the action added or deleted are left out: their months are new or gone, not
recalculated. Only the latest such action is compared: once a later one (a new starter, say)
is saved, the arrears of the earlier one are the claims ledger's to show.

Nothing is rebuilt when nothing can have moved: when the action added everyone it touched
(a first roster import), or changed no rule and no row of a person it did not add.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace

from pcntui.domain.claimable import member_year
from pcntui.domain.forecast import ArrsInputs, ArrsYear
from pcntui.domain.recalculation import Recalculation, recalculation
from pcntui.errors import UserError
from pcntui.store import audit
from pcntui.store.db import Store

ARRS_TABLES = ("staff", "staff_terms", "arrs_rate", "arrs_role", "employer_oncost_rate", "pcn")
# Every table `store.arrs.load_inputs` reads (tests/arrs/test_arrs_recalc.py holds it to that).
INPUT_TABLES = ("afc_pay_band", "arrs_cap", "arrs_entitlement", "arrs_funding_rate", "arrs_rate", "arrs_role",
                "employer_oncost_rate", "list_size", "pcn", "planned_post", "practice", "practice_imd", "staff",
                "staff_terms")
PEOPLE = ("staff", "staff_terms")
# The condition of schema.sql's partial index change_arrs_action, word for word (SQLite uses a
# partial index only for a query that repeats its WHERE with the same literals, not parameters).
ARRS_CHANGE = f"table_name IN ({', '.join(repr(t) for t in ARRS_TABLES)})"


@dataclass(frozen=True)
class LastRecalculation:
    """The ended months of a year that the latest ARRS change moved, and that change."""

    action_id: int
    label: str
    at: str  # when it was saved, ISO 8601 UTC
    recalculation: Recalculation


def _latest_arrs_id(store: Store) -> int | None:
    row = store.query(
        "SELECT a.id FROM action a WHERE a.state = 'done' AND a.kind IN ('do', 'undo', 'redo') AND EXISTS "
        f"(SELECT 1 FROM change c WHERE c.action_id = a.id AND {ARRS_CHANGE}) ORDER BY a.id DESC LIMIT 1")
    return row[0]["id"] if row else None


def latest_arrs_action(store: Store) -> audit.ActionSummary | None:
    """The latest action in effect that wrote a table the ARRS figures are computed from."""
    found = _latest_arrs_id(store)
    if found is None:
        return None
    with store.lock:
        return audit.summary(store.conn, found)


def recalculation_reads(store: Store, after: ArrsInputs) -> tuple[str, ...]:
    """The tables besides the ARRS inputs that the recalculation rests on: when it compares, those
    the latest ARRS action wrote (its rows in them must be as it left them, as undo checks), so
    the status cache keys the ARRS block on them too. (`after`: the inputs now.)"""
    found = _latest_arrs_id(store)
    if found is None:
        return ()
    with store.lock:
        changes = audit.changes_of(store.conn, found)
    people = _people_to_compare(changes, after)
    if people is not None and not people:
        return ()
    return tuple(sorted({c.table for c in changes} - set(INPUT_TABLES)))


def _people_to_compare(changes: list[audit.Change], after: ArrsInputs) -> set[int] | None:
    """The staff whose months the action can have moved: none when it added everyone it kept, or
    changed only people it added; else those it changed (None: anyone's, as it changed a rule, or
    a person's id, which set arithmetic does not follow)."""
    staff = [c for c in changes if c.table == "staff"]
    added = {c.row_id for c in staff if c.op == "insert"}
    if added & {c.row_id for c in staff if c.op == "delete"} or any(
            len(audit.values_of(c, "id")) > 1 for c in staff if c.op == "update"):
        return None
    kept = {m.id for m in after.staff} - added  # everyone in the state before and after
    if not kept:
        return set()
    if any(c.table not in PEOPLE for c in changes if c.table in INPUT_TABLES):
        return None
    return kept & set().union(*(staff_of_change(c) for c in changes if c.table in PEOPLE))


def staff_of_change(c: audit.Change) -> set[int] | None:
    """The staff ids a change to PEOPLE touched (its row's id before and after, or its terms'
    staff_id); None for a change to any other table."""
    if c.table not in PEOPLE:
        return None
    return {c.row_id, *audit.values_of(c, "id")} if c.table == "staff" else audit.values_of(c, "staff_id")


def _copy_tables(store: Store, tables: tuple[str, ...],
                 only: Mapping[str, tuple[str, list]] | None = None) -> sqlite3.Connection:
    """A private in-memory database holding `tables` as they are in the file now (rowids kept);
    `only`: table → (SQL condition, its parameters) for the rows to copy of that table."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    marks = ", ".join("?" * len(tables))
    only = only or {}
    with store.lock:
        made = store.conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
                                  tables).fetchall()
        for name, sql in made:
            memory.execute(sql)
            where, params = only.get(name, ("1", []))
            cur = store.conn.execute(f'SELECT rowid, * FROM "{name}" WHERE {where}', params)
            cols = ", ".join(['rowid', *(f'"{d[0]}"' for d in cur.description[1:])])
            values = ", ".join("?" * len(cur.description))
            memory.executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({values})', cur)
    return memory


def _people_rows(changes: list[audit.Change], people: set[int]) -> dict[str, tuple[str, list]]:
    """The rows of PEOPLE to copy for `people` as they were: theirs now, and every row the changes touched."""
    rows = {t: json.dumps(sorted({c.row_id for c in changes if c.table == t})) for t in PEOPLE}
    ids = json.dumps(sorted(people))
    each = "(SELECT value FROM json_each(?))"
    return {"staff": (f"id IN {each} OR rowid IN {each}", [ids, rows["staff"]]),
            "staff_terms": (f"staff_id IN {each} OR rowid IN {each}", [ids, rows["staff_terms"]])}


def inputs_before(store: Store, action: audit.ActionSummary, changes: list[audit.Change], after: ArrsInputs,
                  people: set[int] | None = None) -> ArrsInputs | None:
    """The ARRS inputs as they were before `action` (`changes`: its changes, latest first); None if
    a later action changed rows it changed, as undo would refuse. With `people` (the action changed
    only their rows in PEOPLE), only their staff records are rebuilt: the rules and everyone else
    are as in `after`, the inputs now."""
    from pcntui.store.arrs import load_inputs
    from pcntui.store.staff import list_staff

    memory = _copy_tables(store, PEOPLE if people is not None else INPUT_TABLES,
                          _people_rows(changes, people) if people is not None else None)
    try:
        with store.lock:
            tables = audit.table_names(store.conn)
            audit.check_unchanged(store.conn, [c for c in changes if c.table not in INPUT_TABLES], action.subject,
                                  "compare with", tables)
        audit.replay_backwards(memory, [c for c in changes if c.table in INPUT_TABLES], action.subject,
                               "compare with", tables)
        kept = Store(memory, store.path, source=store.source, mode="ro")
        if people is None:
            return load_inputs(kept)
        return replace(after, staff=tuple(m for m in list_staff(kept) if m.id in people))
    except UserError:  # ConflictError included: the rows have moved on since
        return None
    finally:
        memory.close()


@dataclass(frozen=True)
class RecalcBasis:
    """What any year's comparison needs, read once: the latest ARRS action, the inputs before it
    and the people it can have moved (None: anyone)."""

    action: audit.ActionSummary
    before: ArrsInputs
    people: set[int] | None


def recalc_basis(store: Store, after: ArrsInputs) -> RecalcBasis | None:
    """The basis of the comparison for the inputs `after` (None: nothing can have moved)."""
    action = latest_arrs_action(store)
    if action is None:
        return None
    with store.lock:
        changes = audit.changes_of(store.conn, action.id)
    people = _people_to_compare(changes, after)
    if people is not None and not people:
        return None
    before = inputs_before(store, action, changes, after, people)
    return None if before is None else RecalcBasis(action, before, people)


def recalculated(basis: RecalcBasis | None, after: ArrsInputs, year: ArrsYear) -> LastRecalculation | None:
    """Pure: what the action of `basis` did to the ended months of `year` (computed from `after`)."""
    if basis is None:
        return None
    before = basis.before
    both = {m.id for m in before.staff} & {m.id for m in after.staff}
    if basis.people is not None:
        both &= basis.people
    fy = year.fy
    old = [m for s in before.staff if s.id in both and s.overlaps(fy.start, fy.end)
           for m in member_year(s, before.rules, fy, before.zone)]
    if basis.people is None:  # (anyone's: the year's months)
        new = [m for m in year.months if m.staff_id in both]
    else:  # only the people it changed: theirs alone, not the whole roster's
        new = [m for s in after.staff if s.id in both and s.overlaps(fy.start, fy.end)
               for m in member_year(s, after.rules, fy, after.zone)]
    found = recalculation(old, new, year.as_of)
    action = basis.action
    return LastRecalculation(action.id, action.label, action.at, found) if found else None


def last_recalculation(store: Store, after: ArrsInputs, year: ArrsYear) -> LastRecalculation | None:
    """What the latest ARRS change did to the ended months of `year` (computed from `after`); None: nothing moved."""
    return recalculated(recalc_basis(store, after), after, year)

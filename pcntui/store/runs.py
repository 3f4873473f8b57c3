"""Undo and redo of a run of changes: rows added (or removed) one after another in one table,
such as an import's, put back together instead of one change at a time, with the same result:
the same rows, the same audit trail, the same refusals (`audit.replay_backwards` calls these).

A run is checked by one read: a row added whose JSON now (as the audit trigger writes it) is
the recorded text is as the change left it; any other row is checked as one change is (older
records, a row changed since: ConflictError). Rows removed go by one statement, recorded in the
audit trail by one statement as their delete trigger records them; rows put back go a few
hundred to a statement (`many`).

A bulk import may record the rows it added as runs (`record_runs`): one change per run of
rowids one after another, naming the table and the first and last rowid, instead of a change
holding each row's values. The rows hold those values: every later write to one is recorded in
the audit trail (the triggers refuse a write outside an action), so a row of a run is as the
import left it if no later change touched it, or, if one did, if it is as the first of those
found it (its `before`). Undoing a run removes its rows, recorded one change per row as ever.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from sqlite3 import Connection

from pcntui.errors import ConflictError
from pcntui.store import audit, bulk, derived, many

CHECKED_AT_ONCE = 5000  # rows of a run read back (or put back) together: memory holds one part's

def rows_independent(db: Connection, table: str) -> bool:
    """Whether adding or removing a row of `table` leaves its other rows as they are (no foreign
    key of the table on itself, no trigger but its audit ones), so a run of its rows may be
    checked before any of them is put back."""
    q = audit.quoted(table)
    if any(fk[2] == table for fk in db.execute(f"PRAGMA foreign_key_list({q})")):
        return False
    return not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name NOT IN "
                          "(?, ?, ?)", [table, *(f"audit_{table}_{op}" for op in ("insert", "update", "delete"))]
                          ).fetchone()


def record_runs(db: Connection, table: str, above: int) -> int:
    """Record the rows of `table` above rowid `above` (those the open action added) as runs: one
    run when no rowid is missing between them (counted, the usual case), else found by SQL; how
    many rows they are."""
    q = audit.quoted(table)
    count, first, last = db.execute(f"SELECT count(*), min(rowid), max(rowid) FROM {q} WHERE rowid > ?",
                                    [above]).fetchone()
    insert = f"INSERT INTO change(action_id, table_name, row_id, op, last_row_id) SELECT {audit.OPEN_ACTION}, ?, "
    if count and last - first + 1 == count:
        db.execute(insert + "?, 'insert', ?", [table, first, last])
    elif count:
        db.execute(insert + f"min(rowid), 'insert', max(rowid) FROM (SELECT rowid, rowid - row_number() OVER "
                   f"(ORDER BY rowid) AS run FROM {q} WHERE rowid > ?) GROUP BY run ORDER BY 3", [table, above])
    return count


def check_run(db: Connection, run: audit.Change, subject: str, verb: str) -> None:
    """ConflictError unless every row of `run` (a run of rows added) is as its action left it: the
    rows a later change touched are compared with the row the first of those changes found."""
    action_id = db.execute("SELECT action_id FROM change WHERE id = ?", [run.id]).fetchone()[0]
    found: dict[int, str | None] = {}
    for row_id, op, before in db.execute(
            "SELECT row_id, op, before FROM change WHERE table_name = ? AND action_id >= ? AND id > ? "
            "AND row_id BETWEEN ? AND ? ORDER BY id", [run.table, action_id, run.id, run.row_id, run.last_row_id]):
        found.setdefault(row_id, None if op == "insert" else before)
    for row_id, left in found.items():
        audit.check(db, audit.Change(run.table, row_id, "update", None, left), subject, verb, {run.table})


def remove_run(db: Connection, run: audit.Change, subject: str, verb: str, tables: set[str]) -> None:
    """Undo a run of rows added: check them, then remove them, latest first (recorded as their
    delete trigger records them)."""
    audit.check(db, run, subject, verb, tables)
    q = audit.quoted(run.table)
    rowids = list(range(run.last_row_id, run.row_id - 1, -1))
    if _remove(db, run.table, audit.json_of(q, derived.audited_columns(db, run.table)), rowids) != len(rowids):
        raise ConflictError(f"Cannot {verb} '{subject}': a {run.table} record it changed has been changed since.")


def _span(run: list[audit.Change]) -> list[int]:
    return [min(c.row_id for c in run), max(c.row_id for c in run)]


def remove_added(db: Connection, run: list[audit.Change], subject: str, verb: str, tables: set[str]) -> None:
    """Undo a run of rows added to one table, latest first."""
    table = run[0].table
    q = audit.quoted(table)
    row_json = audit.json_of(q, derived.audited_columns(db, table))
    for start in range(0, len(run), CHECKED_AT_ONCE):
        part = run[start:start + CHECKED_AT_ONCE]
        now = dict(db.execute(f"SELECT rowid, {row_json} FROM {q} WHERE rowid BETWEEN ? AND ?", _span(part)))
        for c in part:
            if now.get(c.row_id) != c.after:
                audit.check(db, c, subject, verb, tables)
    if _remove(db, table, row_json, [c.row_id for c in run]) != len(run):  # one went with another (a cascade)
        raise ConflictError(f"Cannot {verb} '{subject}': a {table} record it changed has been changed since.")


@contextmanager
def _recorded(db: Connection, table: str, op: str, row_json: str, rowids: list[int]) -> Iterator[None]:
    """The block adds (op "insert") or removes ("delete") these rows of `table`; each is recorded
    in the audit trail as the table's trigger for `op` records it, in the order given, by one
    statement (the trigger is set aside for the block). A table with no such trigger (a copy of
    tables to work out figures) is not recorded."""
    name = f"audit_{table}_{op}"
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone()
    if trigger is None:
        yield
        return
    q = audit.quoted(table)
    record = (f"INSERT INTO change(action_id, table_name, row_id, op, before, after) "
              f"SELECT {audit.OPEN_ACTION}, ?, {q}.rowid, ?, {row_json if op == 'delete' else 'NULL'}, "
              f"{row_json if op == 'insert' else 'NULL'} FROM json_each(?) AS given "
              f"JOIN {q} ON {q}.rowid = given.value ORDER BY given.key")
    db.execute(f"DROP TRIGGER {audit.quoted(name)}")
    if op == "delete":
        db.execute(record, [table, op, json.dumps(rowids)])
    yield
    if op == "insert":
        db.execute(record, [table, op, json.dumps(rowids)])
    db.execute(trigger[0])


def _remove(db: Connection, table: str, row_json: str, rowids: list[int]) -> int:
    """Remove the rows, recorded as their delete trigger records them; how many were there. One
    statement: SQLite journals each page a statement changes, so statements of a few hundred rows
    scattered over an index copy the same pages again and again."""
    with _recorded(db, table, "delete", row_json, rowids):
        return db.execute(f"DELETE FROM {audit.quoted(table)} WHERE rowid IN (SELECT value FROM json_each(?))",
                          [json.dumps(rowids)]).rowcount


def add_removed(db: Connection, run: list[audit.Change], subject: str, verb: str, tables: set[str]) -> None:
    """Put back a run of rows removed from one table, latest first, after checking none of their
    rowids is taken; rows recorded with the same columns go in a few hundred to a statement,
    recorded as their insert trigger records them, with the table's secondary indexes set aside
    if they are more rows than it holds."""
    table = run[0].table
    q = audit.quoted(table)
    taken = {r for (r,) in db.execute(f"SELECT rowid FROM {q} WHERE rowid BETWEEN ? AND ?", _span(run))}
    for c in run:
        if c.row_id in taken:
            audit.check(db, c, subject, verb, tables)
    many_rows = len(run) >= db.execute(f"SELECT count(*) FROM {q}").fetchone()[0]
    row_json = audit.json_of(q, derived.audited_columns(db, table))
    with _recorded(db, table, "insert", row_json, [c.row_id for c in run]), \
            (bulk.indexes_set_aside(db, table) if many_rows else nullcontext()):
        for start in range(0, len(run), CHECKED_AT_ONCE):
            rows = [(c.row_id, json.loads(c.before)) for c in run[start:start + CHECKED_AT_ONCE]]
            for keys, same in itertools.groupby(rows, key=lambda r: tuple(r[1])):
                many.rows_insert(table, ("rowid", *keys))(db, [(row_id, *values.values()) for row_id, values in same])

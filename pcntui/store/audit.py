"""Audit trail and undo: every write happens inside an action, recorded by triggers.

Triggers (generated from each table's columns) copy every inserted, updated or deleted
row into `change` with the id of the one open `action`. A write outside an action fails
(the open action id is NULL), so nothing can change unrecorded. Undo replays an action's
changes backwards inside a new action, after checking nobody changed those rows since; redo
does the same to an undo. A forget (patient data erased with its history) is a barrier that
no undo or redo crosses. A bulk import's added rows may be recorded as runs instead, one change
per run of rowids (`bulk_inserts(as_runs=True)`, store/runs.py).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from sqlite3 import Connection
from typing import TYPE_CHECKING, NamedTuple

from pcntui.errors import ConflictError, UserError
from pcntui.store import derived
from pcntui.store.many import quoted
from pcntui.store.schema import UNAUDITED

if TYPE_CHECKING:
    import sqlite_utils


def audited_tables(db: sqlite_utils.Database) -> list[str]:
    return [t for t in db.table_names() if t not in UNAUDITED and not t.startswith("sqlite_")]


def json_of(prefix: str, columns: list[str]) -> str:
    pairs = ", ".join(f"'{c}', {prefix}.{quoted(c)}" for c in columns)
    return f"json_object({pairs})"


def drop_triggers(db: sqlite_utils.Database, table: str) -> None:
    """Drop one table's audit triggers (a migration re-installs them when it is done)."""
    for op in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {quoted(f'audit_{table}_{op}')}")


def install_triggers(db: sqlite_utils.Database) -> None:
    """(Re)create the audit triggers for every audited table. Call inside a transaction."""
    for table in audited_tables(db):
        install_table_triggers(db, table)


OPEN_ACTION = "(SELECT id FROM action WHERE state = 'open')"


def install_table_triggers(db: sqlite_utils.Database, table: str) -> None:
    """(Re)create one table's audit triggers (its derived columns left out: store/derived.py)."""
    cols = derived.audited_columns(db.conn, table)
    q = quoted(table)
    drop_triggers(db, table)
    db.execute(
        f"CREATE TRIGGER {quoted(f'audit_{table}_insert')} AFTER INSERT ON {q} BEGIN "
        f"INSERT INTO change(action_id, table_name, row_id, op, before, after) VALUES "
        f"({OPEN_ACTION}, '{table}', NEW.rowid, 'insert', NULL, {json_of('NEW', cols)}); END"
    )
    db.execute(  # (an update of derived columns alone does not even fire it)
        f"CREATE TRIGGER {quoted(f'audit_{table}_update')} AFTER UPDATE OF {', '.join(map(quoted, cols))} ON {q} "
        f"WHEN {json_of('OLD', cols)} IS NOT {json_of('NEW', cols)} BEGIN "
        f"INSERT INTO change(action_id, table_name, row_id, op, before, after) VALUES "
        f"({OPEN_ACTION}, '{table}', NEW.rowid, 'update', {json_of('OLD', cols)}, "
        f"{json_of('NEW', cols)}); END"
    )
    db.execute(
        f"CREATE TRIGGER {quoted(f'audit_{table}_delete')} AFTER DELETE ON {q} BEGIN "
        f"INSERT INTO change(action_id, table_name, row_id, op, before, after) VALUES "
        f"({OPEN_ACTION}, '{table}', OLD.rowid, 'delete', {json_of('OLD', cols)}, NULL); END"
    )


@dataclass
class Inserted:
    """What a `bulk_inserts` block adds: `above`, each table's highest rowid before it (every row
    the block inserts must get a rowid above it: give rowids explicitly from there where the block
    also removes rows, which may free the highest); the block counts the rows it inserts (`add`)."""

    above: dict[str, int]
    count: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, rows: int) -> None:
        self.count[table] = self.count.get(table, 0) + rows


@contextmanager
def bulk_inserts(db: sqlite_utils.Database, *tables: str, as_runs: bool = False) -> Iterator[Inserted]:
    """Record the rows the block inserts into `tables` with one statement per table instead of
    one trigger per row (inside the caller's open action, whose transaction keeps it atomic):
    each table's insert trigger is set aside, the rows added (rowid above the highest before)
    are written to `change` as the trigger writes them, and the trigger is put back. Updates
    and deletes in the block are recorded by their triggers as ever (the block changes no row it
    added: undo removes those first, then replays the rest). If the block fails, the
    action rolls back, and the trigger comes back with it. `as_runs`: the rows added to a table
    whose rows are independent (`runs.rows_independent`) are recorded as runs, one change per
    run of rowids (`runs.record_runs`), not one per row. The rows recorded must be the rows the
    block counted (`Inserted.add`), else RuntimeError (and the action rolls back): a row put
    below the highest rowid would be unrecorded, and undo would refuse or leave it."""
    from pcntui.store import runs  # it builds on this module

    inserted = Inserted({t: db.execute(f"SELECT coalesce(max(rowid), 0) FROM {quoted(t)}").fetchone()[0]
                         for t in tables})
    for t in tables:
        db.execute(f"DROP TRIGGER {quoted(f'audit_{t}_insert')}")
    yield inserted
    for t in tables:
        above = inserted.above[t]
        if as_runs and runs.rows_independent(db.conn, t):
            recorded = runs.record_runs(db.conn, t, above)
        else:
            cols = derived.audited_columns(db.conn, t)
            recorded = db.conn.execute(
                f"INSERT INTO change(action_id, table_name, row_id, op, before, after) SELECT {OPEN_ACTION}, ?, "
                f"rowid, 'insert', NULL, {json_of(quoted(t), cols)} FROM {quoted(t)} WHERE rowid > ? ORDER BY rowid",
                [t, above]).rowcount
        if recorded != inserted.count.get(t, 0):
            raise RuntimeError(f"{t}: {inserted.count.get(t, 0)} rows inserted but {recorded} above rowid {above} "
                               "recorded; nothing was saved.")
        install_table_triggers(db, t)


CONFIRM_UNDO_ROWS = 10  # undoing an action that changed this many rows or more asks first (CLI and TUI)


@dataclass(frozen=True)
class ActionSummary:
    """One line of history. `kind`: do, undo, redo or forget; `status`: the state in words
    (filled in by `history` and `summary`)."""

    id: int
    label: str
    at: str
    source: str
    state: str
    undoes: int | None
    changes: int
    kind: str = "do"
    status: str = ""

    @property
    def subject(self) -> str:
        """What the user did, without the `Undo: ` / `Redo: ` an undo or redo adds."""
        return self.label.split(": ", 1)[1] if self.kind in ("undo", "redo") and ": " in self.label else self.label

    @property
    def needs_confirmation(self) -> bool:
        return self.changes >= CONFIRM_UNDO_ROWS


def rows_changed(where: str) -> str:
    """SQL: how many rows the changes matching `where` wrote (a run counts its rows), each part
    read from an index (change_action or change_table_action, and change_runs)."""
    return (f"((SELECT count(*) FROM change WHERE {where}) + (SELECT coalesce(sum(last_row_id - row_id), 0) "
            f"FROM change WHERE {where} AND last_row_id IS NOT NULL))")


_SUMMARY = (
    f"SELECT a.id, a.label, a.at, a.source, a.state, a.undoes, {rows_changed('action_id = a.id')}, a.kind "
    "FROM action a "
)


def _one(db: sqlite_utils.Database, where: str, params: list | tuple = ()) -> ActionSummary | None:
    row = db.execute(_SUMMARY + where + " ORDER BY a.id DESC LIMIT 1", params).fetchone()
    return ActionSummary(*row) if row else None


def _undoer(db: sqlite_utils.Database, action_id: int) -> ActionSummary | None:
    """The undo or redo that reverted `action_id` (an action is reverted at most once)."""
    return _one(db, "WHERE a.undoes = ? AND a.state != 'open'", [action_id])


def _status(db: sqlite_utils.Database, a: ActionSummary) -> str:
    """`done`, `undone by #12`, `redone by #13`, `undoes #10, redone by #13`, …"""
    if a.kind == "forget":
        return "cannot be undone"
    by = _undoer(db, a.id)
    if a.kind == "do":
        last = None
        while by is not None:  # undone, redone, undone again…: the last word is the current state
            last, by = by, _undoer(db, by.id)
        return "done" if last is None else f"{'undone' if last.kind == 'undo' else 'redone'} by #{last.id}"
    if a.kind == "undo":
        return f"undoes #{a.undoes}" + (f", redone by #{by.id}" if by else "")
    original = db.execute("SELECT undoes FROM action WHERE id = ?", [a.undoes]).fetchone()
    return f"redoes #{original[0] if original else a.undoes}" + (f", undone by #{by.id}" if by else "")


def history(db: sqlite_utils.Database, limit: int = 500) -> list[ActionSummary]:
    """Most recent actions first, with how many rows each changed and its state in words."""
    rows = db.execute(_SUMMARY + "WHERE a.state != 'open' ORDER BY a.id DESC LIMIT ?", [limit]).fetchall()
    return [replace(a, status=_status(db, a)) for a in (ActionSummary(*row) for row in rows)]


def summary(db: sqlite_utils.Database, action_id: int) -> ActionSummary | None:
    """One action, with its state in words; None when there is no such action."""
    found = _one(db, "WHERE a.id = ? AND a.state != 'open'", [action_id])
    return replace(found, status=_status(db, found)) if found else None


def last_undoable(db: sqlite_utils.Database) -> ActionSummary | None:
    """The newest action whose effect stands (a save, an import, a redo), ignoring forgets."""
    return _one(db, "WHERE a.state = 'done' AND a.kind IN ('do', 'redo')")


def last_forget(db: sqlite_utils.Database) -> ActionSummary | None:
    return _one(db, "WHERE a.state = 'done' AND a.kind = 'forget'")


def undo_target(db: sqlite_utils.Database) -> ActionSummary | None:
    """What `undo` reverts now; None when nothing is left. Nothing before a forget can be undone:
    its history was erased, so a UserError says so."""
    target = last_undoable(db)
    barrier = last_forget(db)
    if barrier is not None and (target is None or target.id < barrier.id):
        raise UserError(
            f"Nothing before #{barrier.id} '{barrier.label}' ({barrier.at[:10]}) can be undone: "
            "it erased patient data and its history for good."
        )
    return target


def redo_target(db: sqlite_utils.Database) -> ActionSummary | None:
    """What `redo` reverts now: the newest undo still in effect, if no save, import or forget
    came after it (a new change ends the chain of redos, as in every editor)."""
    return _one(
        db,
        "WHERE a.state = 'done' AND a.kind = 'undo' AND a.id > "
        "(SELECT coalesce(max(n.id), 0) FROM action n WHERE n.kind IN ('do', 'forget') AND n.state != 'open')",
    )


class Change(NamedTuple):
    """One recorded row change of an action (`before`/`after`: the row as JSON, or None), or a run
    of rows added (`last_row_id` set: rows `row_id`…`last_row_id`, no before/after; store/runs.py).
    `id`: its place in the audit trail."""

    table: str
    row_id: int
    op: str
    before: str | None
    after: str | None
    last_row_id: int | None = None
    id: int = 0


def changes_of(db: Connection, action_id: int) -> list[Change]:
    """The action's changes, latest first (the order they are reverted in)."""
    return [Change(*row) for row in db.execute(
        "SELECT table_name, row_id, op, before, after, last_row_id, id FROM change WHERE action_id = ? "
        "ORDER BY id DESC", [action_id]).fetchall()]


def changed_keys(db: Connection, stamp: str, tables: tuple[str, ...],
                 keys_of: Callable[[Change], set | None]) -> set | None:
    """What the changes to `tables` by the actions after the one of a kept part's `stamp` (its
    id@time; status_cache.stamps) touched: the union of `keys_of` each change (None: one change
    gives None or is a run of rows added, which has no values to read, a forget came since, which
    erases history, or `stamp`'s action is not the one on record)."""
    action, at = stamp.split("@", 1)
    since = int(action)
    found = db.execute("SELECT coalesce((SELECT at FROM action WHERE id = ?), ''), EXISTS (SELECT 1 FROM action "
                       "WHERE kind = 'forget' AND id > ?)", [since, since]).fetchone()
    if found[0] != at or found[1]:
        return None
    touched: set = set()
    for row in db.execute("SELECT table_name, row_id, op, before, after, last_row_id FROM change WHERE table_name IN "
                          f"({', '.join('?' * len(tables))}) AND action_id > ?", [*tables, since]).fetchall():
        keys = None if row[5] is not None else keys_of(Change(*row))
        if keys is None:
            return None
        touched |= keys
    return touched


def values_of(change: Change, column: str) -> set:
    """The column's values in the row before and after the change (None left out)."""
    return {json.loads(row).get(column) for row in (change.before, change.after) if row is not None} - {None}


def table_names(db: Connection) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def _current(db: Connection, table: str, row_id: int) -> dict | None:
    cur = db.execute(f"SELECT * FROM {quoted(table)} WHERE rowid = ?", [row_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))


def _same(current: dict | None, recorded: str | None) -> bool:
    """Is the row as recorded? Columns added by a later schema (absent from an older record) are not compared."""
    if recorded is None:
        return current is None
    if current is None:
        return False
    then = json.loads(recorded)
    now = json.loads(json.dumps(current))
    return {k: now.get(k) for k in then} == then


def check(db: Connection, c: Change, subject: str, verb: str, tables: set[str]) -> None:
    """ConflictError unless `c`'s row (a run's rows) is still as the change left it."""
    if c.table not in tables:
        raise UserError(f"Cannot {verb} '{subject}': table {c.table} no longer exists.")
    if c.last_row_id is not None:
        from pcntui.store import runs  # it builds on this module

        runs.check_run(db, c, subject, verb)
    elif not _same(_current(db, c.table, c.row_id), c.after if c.op != "delete" else None):
        raise ConflictError(f"Cannot {verb} '{subject}': a {c.table} record it changed has been changed since.")


def replay_backwards(db: Connection, changes: list[Change], subject: str, verb: str = "undo",
                     tables: set[str] | None = None) -> None:
    """Put back the rows `changes` (latest first) changed, each after checking it is still as the
    change left it (ConflictError if not). `tables`: those `db` holds (read from it if not given).
    A run of rows added (or removed) one after another in one table, such as an import's, is
    checked by one read and put back by one `executemany`, in the same order as one by one. Then
    the derived columns of the rows the changes touched are recomputed (store/derived.py)."""
    from pcntui.store import runs  # it builds on this module

    tables = table_names(db) if tables is None else tables
    touched = derived.touched(db, changes)
    for (table, op, added), run in itertools.groupby(changes, key=lambda c: (c.table, c.op, c.last_row_id is not None)):
        run = list(run)
        if added:
            for c in run:
                runs.remove_run(db, c, subject, verb, tables)
        elif op in ("insert", "delete") and len(run) > 1 and table in tables and runs.rows_independent(db, table):
            (runs.remove_added if op == "insert" else runs.add_removed)(db, run, subject, verb, tables)
        else:
            for c in run:
                _replay(db, c, subject, verb, tables)
    derived.refresh(db, touched)


def _replay(db: Connection, c: Change, subject: str, verb: str, tables: set[str]) -> None:
    check(db, c, subject, verb, tables)
    q = quoted(c.table)
    if c.op == "insert":
        db.execute(f"DELETE FROM {q} WHERE rowid = ?", [c.row_id])
    elif c.op == "delete":
        values = json.loads(c.before)
        cols = ", ".join(["rowid", *(quoted(k) for k in values)])
        marks = ", ".join("?" * (len(values) + 1))
        db.execute(f"INSERT INTO {q} ({cols}) VALUES ({marks})", [c.row_id, *values.values()])
    else:
        values = json.loads(c.before)
        sets = ", ".join(f"{quoted(k)} = ?" for k in values)
        db.execute(f"UPDATE {q} SET {sets} WHERE rowid = ?", [*values.values(), c.row_id])


def check_unchanged(db: Connection, changes: list[Change], subject: str, verb: str = "undo",
                    tables: set[str] | None = None) -> None:
    """What `replay_backwards` checks, without writing: each row is as the latest change to it left
    it (an earlier change to the same row is checked against what the later one's replay put back,
    which the audit trail records as that change's result, so it always holds)."""
    tables = table_names(db) if tables is None else tables
    seen: set[tuple[str, int]] = set()
    for c in changes:
        if (c.table, c.row_id) not in seen:
            seen.add((c.table, c.row_id))
            check(db, c, subject, verb, tables)


def revert(db: sqlite_utils.Database, target: ActionSummary, verb: str = "undo") -> int:
    """Revert `target`'s changes (inside the caller's open undo or redo). Returns rows restored."""
    changes = changes_of(db.conn, target.id)
    db.execute("PRAGMA defer_foreign_keys = ON")
    replay_backwards(db.conn, changes, target.subject, verb)
    db.execute("UPDATE action SET state = 'undone' WHERE id = ?", [target.id])
    return len(changes)


def is_integrity_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.IntegrityError)

"""Saving many rows of one table at once: what `records.save` does per row, in two statements run
by `executemany` inside the caller's action (imports of thousands of rows).

Rows are matched on their key by SQL (so a column's collation counts, as in `records.save`):
rows whose key is new are inserted (their audit written by one statement, `audit.bulk_inserts`),
then every row updates its match only where a value differs exactly (a key's case too), bumping
`rev`. A key given twice
ends with the later row's values, as saving one by one would.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pcntui.domain.progress import SAVING, Progress, counted
from pcntui.store import audit
from pcntui.store.many import quoted
from pcntui.store.tx import WriteReport

if TYPE_CHECKING:
    import sqlite_utils


def save_many(db: sqlite_utils.Database, table: str, key: str | tuple[str, ...], rows: Sequence[dict], report: WriteReport, *,
              progress: Progress | None = None) -> None:
    """Insert or update each row (all with the same columns, key included) inside the caller's
    action; count each outcome in `report`."""
    if not rows:
        return
    keys = (key,) if isinstance(key, str) else tuple(key)
    columns = list(rows[0])
    match = " AND ".join(f"{quoted(k)} = ?" for k in keys)
    insert = (f"INSERT INTO {quoted(table)} ({', '.join(map(quoted, columns))}) SELECT {', '.join('?' * len(columns))} "
              f"WHERE NOT EXISTS (SELECT 1 FROM {quoted(table)} WHERE {match})")
    conn = db.conn
    with audit.bulk_inserts(db, table) as added:
        inserted = conn.executemany(insert, ([*(r[c] for c in columns), *(r[k] for k in keys)]
                                             for r in counted(rows, progress, SAVING))).rowcount
        added.add(table, inserted)
    bump = ", rev = rev + 1" if "rev" in db[table].columns_dict else ""
    update = (f"UPDATE {quoted(table)} SET {', '.join(f'{quoted(c)} = ?' for c in columns)}{bump} WHERE {match} "
              f"AND ({' OR '.join(f'{quoted(c)} IS NOT ? COLLATE BINARY' for c in columns)})")
    params = []
    for r in rows:
        values = [r[c] for c in columns]
        params.append([*values, *(r[k] for k in keys), *values])
    updated = conn.executemany(update, params).rowcount
    report.inserted += inserted
    report.updated += updated
    report.unchanged += len(rows) - inserted - updated


@contextmanager
def indexes_set_aside(conn, *tables: str) -> Iterator[None]:
    """Inside the caller's transaction: drop the secondary indexes of `tables` (never a unique
    one, which checks the rows) for the block, then build them again from their own definitions. Rows are added faster without them, and one build of each index
    costs less than keeping it up to date row by row when the block adds more rows than the
    tables held. If the block fails the transaction rolls back, the indexes with it."""
    marks = ", ".join("?" * len(tables))
    indexes = conn.execute(f"SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) i "
                           f"ON i.name = m.name WHERE m.type = 'index' AND m.sql IS NOT NULL AND NOT i.\"unique\" "
                           f"AND m.tbl_name IN ({marks}) ORDER BY m.name", tables).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {quoted(name)}")
    yield
    for _, sql in indexes:
        conn.execute(sql)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block (an import of 100,000 rows makes a million
    objects, none in a cycle: collecting as they grow costs an eighth of the import), back on
    after (if it was on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()

"""Saving many rows of one table at once: what `records.save` does per row, in two statements run
by `executemany` inside the caller's action (imports of thousands of rows).

Rows are matched on their key by SQL (so a column's collation counts, as in `records.save`):
rows whose key is new are inserted (their audit written by one statement, `audit.bulk_inserts`),
then every row updates its match only where a value differs exactly (a key's case too), bumping
`rev`. A key given twice
ends with the later row's values, as saving one by one would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pcntui.domain.progress import SAVING, Progress, counted
from pcntui.store import audit
from pcntui.store.tx import WriteReport

if TYPE_CHECKING:
    import sqlite_utils


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def save_many(db: sqlite_utils.Database, table: str, key: str | tuple[str, ...], rows: Sequence[dict], report: WriteReport, *,
              progress: Progress | None = None) -> None:
    """Insert or update each row (all with the same columns, key included) inside the caller's
    action; count each outcome in `report`."""
    if not rows:
        return
    keys = (key,) if isinstance(key, str) else tuple(key)
    columns = list(rows[0])
    match = " AND ".join(f"{_q(k)} = ?" for k in keys)
    insert = (f"INSERT INTO {_q(table)} ({', '.join(map(_q, columns))}) SELECT {', '.join('?' * len(columns))} "
              f"WHERE NOT EXISTS (SELECT 1 FROM {_q(table)} WHERE {match})")
    conn = db.conn
    with audit.bulk_inserts(db, table):
        inserted = conn.executemany(insert, ([*(r[c] for c in columns), *(r[k] for k in keys)]
                                             for r in counted(rows, progress, SAVING))).rowcount
    bump = ", rev = rev + 1" if "rev" in db[table].columns_dict else ""
    update = (f"UPDATE {_q(table)} SET {', '.join(f'{_q(c)} = ?' for c in columns)}{bump} WHERE {match} "
              f"AND ({' OR '.join(f'{_q(c)} IS NOT ? COLLATE BINARY' for c in columns)})")
    params = []
    for r in rows:
        values = [r[c] for c in columns]
        params.append([*values, *(r[k] for k in keys), *values])
    updated = conn.executemany(update, params).rowcount
    report.inserted += inserted
    report.updated += updated
    report.unchanged += len(rows) - inserted - updated

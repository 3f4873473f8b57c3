"""Saving and deleting single records with optimistic locking (the `rev` column).

Use inside `Store.action(...)`. A save that names the `rev` it read fails with
ConflictError if another copy of pcntui changed the row meanwhile; the error carries the
row's values as that copy saved them (a form shows them beside the user's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pcntui.errors import ConflictError

if TYPE_CHECKING:
    from decimal import Decimal

    import sqlite_utils


def dec_text(value: Decimal | None) -> str | None:
    """A Decimal as exact plain text for the database ('0.8', '100', '22.894')."""
    return None if value is None else format(value.normalize(), "f")


def _where(pk: str | tuple[str, ...], key: Any) -> tuple[str, list]:
    cols = (pk,) if isinstance(pk, str) else pk
    keys = (key,) if isinstance(pk, str) else tuple(key)
    return " AND ".join(f'"{c}" = ?' for c in cols), list(keys)


def save(
    db: sqlite_utils.Database,
    table: str,
    pk: str | tuple[str, ...],
    values: dict[str, Any],
    *,
    expected_rev: int | None = None,
) -> str:
    """Insert the row, or update it if its key exists. Returns 'inserted', 'updated' or 'unchanged'."""
    key = values[pk] if isinstance(pk, str) else tuple(values[c] for c in pk)
    where, params = _where(pk, key)
    has_rev = "rev" in db[table].columns_dict
    row = db.execute(f'SELECT * FROM "{table}" WHERE {where}', params)
    names = [d[0] for d in row.description]
    found = row.fetchone()
    if found is None:
        if expected_rev is not None:
            raise ConflictError(f"This {table} record was deleted by someone else; nothing was saved.")
        db[table].insert(values)
        return "inserted"
    current = dict(zip(names, found))
    if expected_rev is not None and has_rev and current["rev"] != expected_rev:
        saved = {k: v for k, v in current.items() if k in values and k not in ("rev", *((pk,) if isinstance(pk, str) else pk))}
        raise ConflictError(f"This {table.replace('_', ' ')} record was changed by someone else since you opened it; "
                            "reload and try again.", current=saved)
    changed = {k: v for k, v in values.items() if current.get(k) != v}
    if not changed:
        return "unchanged"
    sets = ", ".join(f'"{c}" = ?' for c in changed)
    bump = ", rev = rev + 1" if has_rev else ""
    db.execute(f'UPDATE "{table}" SET {sets}{bump} WHERE {where}', [*changed.values(), *params])
    return "updated"


def delete(
    db: sqlite_utils.Database, table: str, pk: str | tuple[str, ...], key: Any, *, expected_rev: int | None = None
) -> None:
    """Delete one row (the caller has asked the user to confirm)."""
    where, params = _where(pk, key)
    if expected_rev is not None:
        where += " AND rev = ?"
        params.append(expected_rev)
    cur = db.execute(f'DELETE FROM "{table}" WHERE {where}', params)
    if cur.rowcount == 0:
        raise ConflictError(f"This {table} record was changed or deleted by someone else; nothing was deleted.")

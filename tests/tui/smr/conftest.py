"""The SMR TUI tests run on the full demo database (built once, copied per test), today 2026-11-23."""

from __future__ import annotations

from pathlib import Path


from pcntui.store import open_store


def query(db_path: Path, sql: str, params=()) -> list[dict]:
    store = open_store(db_path)
    try:
        return store.query(sql, list(params))
    finally:
        store.close()

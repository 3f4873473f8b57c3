"""Where schema.sql lives, its version, and the forward migrations between versions."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import sqlite_utils

# Bump SCHEMA_VERSION whenever schema.sql changes in a release: opening an older file then
# backs it up, runs MIGRATIONS for the versions in between, and re-applies schema.sql
# (which adds new tables and indexes). Version 1 is the first release; version 2 adds
# action.kind (redo and the forget barrier).
SCHEMA_VERSION = 2
APPLICATION_ID = 0x50434E54  # 'PCNT'

# version → step that brings a database at version-1 up to it. Each runs inside the
# upgrade transaction *before* schema.sql is re-applied (which adds any new tables).
Migration = Callable[[sqlite_utils.Database], None]


def _action_kind(db: sqlite_utils.Database) -> None:
    """v2: each action says what it is. Version 1 had no redo, so an action that undoes
    another is an undo."""
    db.execute("ALTER TABLE action ADD COLUMN kind TEXT NOT NULL DEFAULT 'do' "
               "CHECK (kind IN ('do', 'undo', 'redo', 'forget'))")
    db.execute("UPDATE action SET kind = 'undo' WHERE undoes IS NOT NULL")


MIGRATIONS: dict[int, Migration] = {2: _action_kind}


def schema_sql() -> str:
    """The text of schema.sql: inside the installed package, or at the top of a source checkout."""
    packaged = resources.files("pcntui").joinpath("schema.sql")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "schema.sql").read_text(encoding="utf-8")


# Tables that are not audited: the audit tables themselves and file metadata.
UNAUDITED = {"meta", "action", "change"}

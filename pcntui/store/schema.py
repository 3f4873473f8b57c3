"""Where schema.sql lives, its version, and the forward migrations between versions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the migrations get a Database; importing this module loads no sqlite-utils)
    import sqlite_utils

# Bump SCHEMA_VERSION whenever schema.sql changes in a release: opening an older file then
# backs it up, runs MIGRATIONS for the versions in between, and re-applies schema.sql
# (which adds new tables and indexes). Version 1 is the first release (0.1.0); version 2 adds
# action.kind (redo and the forget barrier); version 3 the ARRS rules of 2024/25–2026/27;
# version 4 the claims ledger and IIF tables (new tables only: schema.sql adds them);
# version 5 marks an entitlement estimated by 'year start' (arrs_entitlement.estimated);
# version 6 moves the SMR cohorts' IIF thresholds onto iif_indicator (one set, not two).
# version 7 the status cache (a new table and trigger only: schema.sql adds them, no step);
# version 8 an index of the ARRS tables' changes by action (an index only: schema.sql adds it, no step).
# version 9 the status cache per block and an index of changes by table (schema.sql adds them, no step).
# version 10 a run of added rows as one change (change.last_row_id, store/runs.py).
# version 11 the worklist row keeps its cohorts (smr_worklist.cohorts, derived: store/derived.py).
SCHEMA_VERSION = 11
APPLICATION_ID = 0x50434E54  # 'PCNT'

Migration = Callable[["sqlite_utils.Database"], None]


def schema_sql() -> str:
    """The text of schema.sql: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parents
    packaged = here[1] / "schema.sql"  # (a path, not importlib.resources: every open reads it, cheaply)
    return (packaged if packaged.is_file() else here[2] / "schema.sql").read_text(encoding="utf-8")


# Tables that are not audited: the audit tables themselves, file metadata and the status
# cache (figures computed from audited data, emptied by every action).
UNAUDITED = {"meta", "action", "change", "status_cache", "status_block"}


# ---------------------------------------------------------------------- helpers for migrations
# Migrations take table and column definitions from schema.sql itself, so each is written once.
def create_statement(table: str) -> str:
    """schema.sql's CREATE TABLE statement for `table`."""
    found = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", schema_sql(), flags=re.S)
    if found is None:
        raise KeyError(f"schema.sql defines no table {table}")
    return found.group(0)


def column_definition(table: str, column: str) -> str:
    """The one-line definition of `column` in schema.sql's `table` (comment and comma removed)."""
    for line in create_statement(table).splitlines()[1:]:
        text = line.split("--", 1)[0].strip().rstrip(",")
        if text.split(" ", 1)[0] == column:
            return text
    raise KeyError(f"schema.sql's {table} has no column {column}")


def add_columns(db: sqlite_utils.Database, table: str, *columns: str) -> None:
    """ALTER TABLE … ADD COLUMN for the columns the file's table lacks, as schema.sql defines them."""
    have = {c.name for c in db[table].columns}
    for column in columns:
        if column not in have:
            db.execute(f'ALTER TABLE "{table}" ADD COLUMN {column_definition(table, column)}')


def rebuild_table(db: sqlite_utils.Database, table: str) -> None:
    """Re-create `table` as schema.sql now defines it (a new key or CHECK), keeping every row and
    its rowid (the audit trail refers to rows by rowid). Columns new to the table take their
    defaults. Its indexes and triggers are re-created after the migration steps."""
    if db.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("rebuild_table needs foreign keys off (a DROP would cascade)")
    new = f"{table}__new"
    db.execute(create_statement(table).replace(f"CREATE TABLE IF NOT EXISTS {table} (", f'CREATE TABLE "{new}" (', 1))
    kept = [c.name for c in db[table].columns if c.name in {n.name for n in db[new].columns}]
    cols = ", ".join(f'"{c}"' for c in kept)
    db.execute(f'INSERT INTO "{new}" (rowid, {cols}) SELECT rowid, {cols} FROM "{table}"')
    db.execute(f'DROP TABLE "{table}"')
    db.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')


# ---------------------------------------------------------------------- the migrations
def _action_kind(db: sqlite_utils.Database) -> None:
    """v2: each action says what it is. Version 1 had no redo, so an action that undoes
    another is an undo."""
    db.execute("ALTER TABLE action ADD COLUMN kind TEXT NOT NULL DEFAULT 'do' "
               "CHECK (kind IN ('do', 'undo', 'redo', 'forget'))")
    db.execute("UPDATE action SET kind = 'undo' WHERE undoes IS NOT NULL")


def add_arrs_rules_2024_to_2027(db: sqlite_utils.Database) -> None:
    """The ARRS rules of 2024/25–2026/27 (issue 10): a person's own reimbursement %, estimated
    (NWRS-seeded) records, the 12-month rule, maxima by band (arrs_rate re-keyed on role, band,
    date), the 2024/25 ring-fenced GP pot, and the DES areas continuity and access.

    The user's own rows are all kept (their rate rows get band ''); a 2024/25 entitlement
    entered by weighted population gets the GP pot the year had (£1.303 per weighted patient).
    """
    from pcntui.domain.entitlement import entitlement_amount
    from pcntui.domain.fy import FinancialYear
    from pcntui.domain.money import to_pence
    from pcntui.reference.arrs import shipped_rulebook
    from pcntui.store.audit import drop_triggers

    add_columns(db, "staff", "reimbursement_pct", "estimated", "previously_employed_until")
    add_columns(db, "arrs_role", "no_recent_employment_months")
    add_columns(db, "arrs_funding_rate", "gp_rate_per_patient")
    add_columns(db, "arrs_entitlement", "gp_rate_per_patient", "gp_amount_pence")
    rebuild_table(db, "arrs_rate")
    rebuild_table(db, "des_requirement")
    drop_triggers(db, "arrs_entitlement")  # re-installed after the migration; this update is not an action
    for fy, population in db.execute("SELECT fy, weighted_population FROM arrs_entitlement "
                                     "WHERE weighted_population IS NOT NULL AND gp_amount_pence IS NULL").fetchall():
        funding = shipped_rulebook().funding_for(FinancialYear.parse(fy))
        if funding is not None and funding.gp_rate_per_patient is not None:
            gp = funding.gp_rate_per_patient
            db.execute("UPDATE arrs_entitlement SET gp_rate_per_patient = ?, gp_amount_pence = ? WHERE fy = ?",
                       [format(gp.normalize(), "f"), to_pence(entitlement_amount(population, gp)), fy])


def mark_estimated_entitlements(db: sqlite_utils.Database) -> None:
    """v5: an entitlement 'year start' estimated from last year's weighted population says so."""
    add_columns(db, "arrs_entitlement", "estimated")


def move_cohort_thresholds_to_iif(db: sqlite_utils.Database) -> None:
    """v6: the SMR cohorts' IIF thresholds move onto iif_indicator (store/migrate_iif.py)."""
    from pcntui.store.migrate_iif import migrate

    migrate(db)


def change_runs(db: sqlite_utils.Database) -> None:
    """v10: a change may stand for a run of added rows (change.last_row_id)."""
    add_columns(db, "change", "last_row_id")


def worklist_cohorts(db: sqlite_utils.Database) -> None:
    """v11: each worklist row keeps its cohorts, filled from its links (not an action: the table's
    audit triggers are set aside, and re-installed after the migration)."""
    from pcntui.store import derived
    from pcntui.store.audit import drop_triggers

    add_columns(db, "smr_worklist", "cohorts")
    drop_triggers(db, "smr_worklist")
    derived.fill(db.conn)


# version → step that brings a database at version-1 up to it. Each runs inside the
# upgrade transaction *before* schema.sql is re-applied (which adds any new tables).
MIGRATIONS: dict[int, Migration] = {2: _action_kind, 3: add_arrs_rules_2024_to_2027, 5: mark_estimated_entitlements,
                                     6: move_cohort_thresholds_to_iif, 10: change_runs,
                                     11: worklist_cohorts}

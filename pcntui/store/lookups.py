"""Small reads the screens need (nothing heavy imported: the TUI's header uses them at start-up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.store.tx import Reader


def pcn_header(reader: Reader) -> dict | None:
    """The PCN's code and name, or None before set-up."""
    rows = reader.query("SELECT code, name FROM pcn ORDER BY code LIMIT 1")
    return rows[0] if rows else None


def practice_names(reader: Reader) -> list[dict]:
    """Every member practice's code and name, by code."""
    return reader.query("SELECT code, name FROM practice ORDER BY code")


def list_sizes_of(reader: Reader, practice_code: str, limit: int = 1000) -> list[dict]:
    """A practice's list-size extracts, newest first."""
    return reader.query("SELECT extract_date, patients, aged_65_plus FROM list_size WHERE practice_code = ? "
                        "ORDER BY extract_date DESC LIMIT ?", [practice_code, limit])


def action_count(reader: Reader) -> int:
    """Actions in the history (finished ones)."""
    return reader.scalar("SELECT count(*) FROM action WHERE state != 'open'") or 0


def changes_of(reader: Reader, action_id: int, limit: int) -> tuple[int, list[dict]]:
    """How many rows an action changed, and the first `limit` of its changes in order (a run of
    rows added is one, `last_row_id` set)."""
    from pcntui.store.audit import rows_changed

    total = reader.scalar(f"SELECT {rows_changed('action_id = ?')}", [action_id, action_id]) or 0
    rows = reader.query("SELECT id, table_name, row_id, op, before, after, last_row_id FROM change "
                        "WHERE action_id = ? ORDER BY id LIMIT ?", [action_id, limit])
    return total, rows

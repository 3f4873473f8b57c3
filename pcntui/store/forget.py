"""Forgetting patient data for good: the SMR worklist and every trace of it in the history.

`forget_worklist` deletes every worklist row and every `change` row holding worklist data
(before/after JSON of earlier actions too), and drops the patients' references from the
labels of the actions that wrote them, in one action of kind 'forget' that no undo or redo
crosses (`audit.undo_target`). The deletes run with `secure_delete` on; then the WAL is
checkpointed and truncated and the file is vacuumed, so no freed page keeps a number.
Copies the program cannot reach are listed: `backups_holding_nhs_numbers` scans the
database's folder and its immediate subfolders for pcntui files that still hold them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pcntui.store.audit import rows_changed
from pcntui.store.db import Store
from pcntui.store.schema import APPLICATION_ID
from pcntui.store.worklist import TABLES as WORKLIST_TABLES

FORGET_WORD = "FORGET"
# "Add SMR worklist Y90001 REF-17" (store/worklist.py labels): the patient's reference goes
_ENTRY_LABEL = re.compile(r"SMR worklist [A-Z][0-9]{5} .+$")
_IN_TABLES = f"table_name IN ({', '.join(repr(t) for t in WORKLIST_TABLES)})"
_NHS_NUMBERS_HELD = (
    "SELECT count(*) FROM (SELECT nhs_number AS n FROM smr_worklist "
    "UNION SELECT json_extract(before, '$.nhs_number') FROM change WHERE table_name = 'smr_worklist' "
    "UNION SELECT json_extract(after, '$.nhs_number') FROM change WHERE table_name = 'smr_worklist') "
    "WHERE n IS NOT NULL"
)


@dataclass(frozen=True)
class WorklistData:
    """How much patient data there is to forget."""

    patients: int  # worklist rows now
    history_rows: int  # rows of the history holding worklist data, of every earlier action (a run counts its rows)

    @property
    def empty(self) -> bool:
        return not self.patients and not self.history_rows

    @property
    def warning(self) -> str:
        return (f"This erases the SMR worklist ({self.patients:,} patients) and {self.history_rows:,} rows of its "
                "history, NHS numbers included, for good: it cannot be undone, and nothing before it can be either.")


@dataclass(frozen=True)
class PatientCopy:
    """A pcntui file beside the database that still holds NHS numbers (None: could not be read)."""

    path: Path
    nhs_numbers: int | None
    reason: str = ""


@dataclass(frozen=True)
class ForgetReport:
    patients: int
    history_rows: int
    action_id: int | None  # the forget in the history; None when there was nothing to forget
    scrubbed: bool  # freed pages overwritten and the WAL emptied (False: another copy kept the file busy)
    copies: list[PatientCopy]

    def lines(self) -> list[str]:
        """What was done and which copies still hold numbers, in words (CLI and TUI)."""
        if self.action_id is None:
            out = ["There is no SMR worklist data in this database to forget."]
        else:
            out = [f"Forgot the SMR worklist: {self.patients:,} patients and {self.history_rows:,} history rows "
                   "removed. This cannot be undone."]
        if not self.scrubbed:
            out.append("Another copy of pcntui kept the file busy, so the freed space is not overwritten yet: close "
                       "it and forget again.")
        held = [c for c in self.copies if c.nhs_numbers is not None]
        if held:
            out.append("These files beside the database still hold NHS numbers; delete them when you no longer "
                       "need them:")
            out.extend(f"  {c.path} ({c.nhs_numbers:,} NHS numbers)" for c in held)
        out.extend(f"  {c.path} could not be checked ({c.reason}); it may hold NHS numbers."
                   for c in self.copies if c.nhs_numbers is None)
        if not self.copies:
            out.append("No backup beside the database holds NHS numbers.")
        return out


def worklist_data(store: Store) -> WorklistData:
    return WorklistData(store.scalar("SELECT count(*) FROM smr_worklist"),
                        store.scalar(f"SELECT {rows_changed(_IN_TABLES)}"))


def confirmation_words(store: Store) -> list[str]:
    """What the user may type to confirm: the PCN's code (when set up) or FORGET."""
    code = store.scalar("SELECT code FROM pcn ORDER BY code LIMIT 1")
    return [code, FORGET_WORD] if code else [FORGET_WORD]


def matches(words: list[str], typed: str) -> bool:
    return typed.strip().upper() in words


def _scrub_labels(db) -> None:
    """Actions that wrote worklist rows keep their place in the history, not the patient's reference."""
    rows = db.execute(f"SELECT id, label FROM action WHERE id IN (SELECT action_id FROM change WHERE {_IN_TABLES})")
    for action_id, label in rows.fetchall():
        scrubbed = _ENTRY_LABEL.sub("SMR worklist entry (forgotten)", label)
        if scrubbed != label:
            db.execute("UPDATE action SET label = ? WHERE id = ?", [scrubbed, action_id])


def forget_worklist(store: Store) -> ForgetReport:
    """Erase the worklist and its history for good (the caller has had the user confirm)."""
    with store.lock:
        data = worklist_data(store)
        action_id = None
        if not data.empty:
            secure = store.scalar("PRAGMA secure_delete")
            store.conn.execute("PRAGMA secure_delete = ON")
            try:
                label = f"Forget the SMR worklist ({data.patients:,} patients)"
                with store.action(label, kind="forget") as tx:
                    _scrub_labels(tx.db)
                    tx.db.execute("DELETE FROM smr_worklist_cohort")
                    tx.db.execute("DELETE FROM smr_worklist")
                    tx.db.execute(f"DELETE FROM change WHERE {_IN_TABLES}")  # this action's own deletes too
                    action_id = tx.action_id
            finally:
                store.conn.execute(f"PRAGMA secure_delete = {secure}")
        scrubbed = _scrub(store)
    return ForgetReport(data.patients, data.history_rows, action_id, scrubbed, backups_holding_nhs_numbers(store.path))


def _scrub(store: Store) -> bool:
    """Leave no old page anywhere: the WAL still holds pages as they were, so copy it into the
    file and empty it, rebuild the file (VACUUM), and empty the WAL again. False when another
    copy of pcntui kept the file busy (a later run finishes the job)."""
    try:
        busy = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        store.conn.execute("VACUUM")
        busy += store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.OperationalError:
        return False
    return busy == 0


def _is_pcntui_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return (len(header) == 100 and header.startswith(b"SQLite format 3\x00")
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def _nhs_numbers_in(path: Path) -> PatientCopy:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return PatientCopy(path, conn.execute(_NHS_NUMBERS_HELD).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return PatientCopy(path, None, str(exc))


def _files_beside(db_path: Path) -> list[Path]:
    folder = db_path.parent
    found = []
    try:
        folders = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
    except OSError:
        return []
    for where in folders:
        try:
            found.extend(sorted(p for p in where.iterdir() if p.is_file()))
        except OSError:
            continue
    return found


def backups_holding_nhs_numbers(db_path: Path) -> list[PatientCopy]:
    """pcntui files in the database's folder and its immediate subfolders (backups, copies kept
    by a restore or a migration, `backups/`) that hold NHS numbers, or that could not be read."""
    live = Path(db_path).resolve()
    copies = []
    for path in _files_beside(Path(db_path)):
        if path.resolve() == live or not _is_pcntui_file(path):
            continue
        copy = _nhs_numbers_in(path)
        if copy.nhs_numbers != 0:
            copies.append(copy)
    return copies

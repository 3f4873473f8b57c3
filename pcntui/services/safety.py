"""Keeping the data safe, one function per user action (CLI and TUI alike): undo and redo (an
undo of 10 rows or more is confirmed first), the integrity check, backups and restore, the
start-of-use backup, and forgetting the SMR worklist for good."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.errors import UserError

if TYPE_CHECKING:
    from pcntui.store.audit import ActionSummary
    from pcntui.store.backup import Backup
    from pcntui.store.db import Store
    from pcntui.store.forget import ForgetReport, WorklistData
    from pcntui.store.restore import Restored


class ConfirmUndo(UserError):
    """The undo would put back many rows and was not confirmed: nothing was undone."""

    def __init__(self, target: ActionSummary) -> None:
        self.target = target
        self.question = undo_question(target)
        super().__init__(f"{self.question} Confirm it first; nothing was undone.")


def rows_text(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def reverted_text(done: ActionSummary, *, redo: bool = False) -> str:
    """What an undo (or redo) did, for both front ends: '2 row changes reverted' (an undone add
    removes rows, an undone delete brings them back: both are changes reverted)."""
    n = f"{done.changes:,} row change" + ("" if done.changes == 1 else "s")
    return f"{n} made again" if redo else f"{n} reverted"


def undo_question(target: ActionSummary) -> str:
    """The one sentence both front ends ask before a large undo."""
    return (f"'{target.subject}' changed {rows_text(target.changes)} ({target.at[:10]}, from {target.source}); "
            "undoing it puts every one of them back as it was before.")


def undo_target(store: Store) -> ActionSummary | None:
    """What `undo` would revert now (to show, and to ask about when `needs_confirmation`)."""
    return store.undo_target()


def undo(store: Store, *, expected_id: int | None = None, confirmed: bool = False) -> ActionSummary | None:
    """`u` and `pcntui undo`: revert the latest change still in effect (None: nothing to undo).

    One that changed 10 rows or more (`ActionSummary.needs_confirmation`) is undone only when
    `confirmed` (ConfirmUndo otherwise); `expected_id`: the action the user agreed to undo — if
    another copy saved since, nothing is undone (ConflictError)."""
    if not confirmed:
        target = store.undo_target()
        if target is not None and target.needs_confirmation and expected_id in (None, target.id):
            raise ConfirmUndo(target)
        expected_id = expected_id if expected_id is not None else target.id if target else None
    return store.undo(expected_id=expected_id)


def redo(store: Store) -> ActionSummary | None:
    """`pcntui redo` and redo in the TUI: put back what the latest undo reverted (None: nothing)."""
    return store.redo()


def check(store: Store) -> list[str]:
    """`pcntui check`: integrity and foreign-key problems, one sentence each."""
    return store.check()


def start_of_use(store: Store) -> list[str]:
    """The day's backup before the first change; the notes to show (the cloud-folder warning, once)."""
    from pcntui.store.backup import start_of_use as start

    return start(store)


# ---------------------------------------------------------------- backups and restore
@dataclass(frozen=True)
class Backups:
    """The backups folder of a database and the copies in it."""

    folder: Path  # where pcntui keeps the copies of this database
    copies: list[Backup]  # newest first


def backups_of(db_file: Path) -> Backups:
    """The copies of the database `db_file` in its backups folder, newest first."""
    from pcntui.store.backup import list_backups
    from pcntui.store.files import backups_folder

    return Backups(backups_folder(db_file), list_backups(db_file))


def backup(store: Store, out: Path | None = None) -> Path:
    """`pcntui backup [--out F]`: a copy to the file `out`, else into the backups folder (or the
    folder `out`)."""
    from pcntui.store.backup import make_backup

    if out is not None and not out.is_dir():
        return store.backup(out)
    return make_backup(store, "backup", folder=out)


def restore(db_file: Path, source: Path, *, store: Store | None = None) -> Restored:
    """`pcntui restore FILE` and `enter` on a backup: the database holds what `source` holds,
    what it held kept first as a new backup."""
    from pcntui.store.restore import restore as put_back

    return put_back(db_file, source, store=store)


# ---------------------------------------------------------------- forgetting the worklist
@dataclass(frozen=True)
class ForgetAsk:
    """What forgetting the SMR worklist would erase, and the words that confirm it."""

    data: WorklistData  # what there is to forget
    words: list[str]  # what the user types to confirm (the PCN code, or FORGET)


def forget_ask(store: Store) -> ForgetAsk:
    from pcntui.store.forget import confirmation_words, worklist_data

    return ForgetAsk(worklist_data(store), confirmation_words(store))


def forget_typed_ok(ask: ForgetAsk, typed: str) -> bool:
    """Whether what the user typed confirms the forget."""
    from pcntui.store.forget import matches

    return bool(ask.words) and matches(ask.words, typed)


def forget_worklist(store: Store) -> ForgetReport:
    """Erase the worklist and its history for good (one action that no undo crosses)."""
    from pcntui.store.forget import forget_worklist as forget

    return forget(store)

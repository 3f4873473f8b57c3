"""The backups of this database (its backups folder), newest first; `enter` restores one.

The restore asks first, then copies the backup into the open database in place (the same
`services.safety.restore` as `pcntui restore`), after keeping what it replaces as a new copy here.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.markup import escape
from textual.message import Message

from pcntui.domain.period import Period
from pcntui.services.safety import backups_of
from pcntui.store import Store
from pcntui.tui.commands import key_of
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row


class BackupsScreen(TableScreen):
    SECTION = "history"
    NOUN = ("backup", "backups")
    EMPTY = "No backups yet: pcntui makes one each day you open the database, and before large imports."
    HELP = (
        "The copies of this database in its backups folder, newest first: one each day it is opened "
        "(the last 7 days and 4 weeks are kept), one before each large or rules import, one before each "
        "restore, and those made with 'pcntui backup'. Opening a copy restores it, after "
        "asking: the database goes back to what that copy holds, and what it holds now is kept first as "
        "a new copy in this list, so a restore can itself be reversed."
    )
    COLUMNS: ClassVar = [
        Col("made", "Made"),
        Col("kind", "Why"),
        Col("size", "Size", numeric=True),
        Col("name", "File"),
    ]

    class Restored(Message):
        def __init__(self, source: Path, kept: Path | None, pcn: dict | None) -> None:
            super().__init__()
            self.source = source
            self.kept = kept
            self.pcn = pcn

    def __init__(self) -> None:
        super().__init__(crumb="Backups")

    def fetch(self, store: Store, period: Period) -> TableData:
        backups = backups_of(store.path)
        rows = [
            Row(b.path.name, [f"{b.made:%Y-%m-%d %H:%M:%S}", b.why, b.size_text, b.path.name],
                sort=[b.made, b.why, b.size, b.path.name])
            for b in backups.copies
        ]
        folder = escape(str(backups.folder))
        text = f"Copies of this database in {folder}, newest first. [b]{key_of('open')}[/b] restores one (after asking)."
        return TableData(text, rows)

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.confirm import ConfirmModal

        store = self.pcn_app.store
        if store is None:
            return
        source = backups_of(store.path).folder / key

        def answered(yes: bool | None) -> None:
            store = self.pcn_app.store
            if yes and store is not None:
                self._restore(store, source)

        self.app.push_screen(ConfirmModal(
            f"Restore {source.name}?",
            detail="Everything in the database goes back to what this copy holds. What it holds now is kept "
            "first, as a new copy in this list, so you can restore that to undo this.",
            confirm_label="Restore"), answered)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _restore(self, store: Store, source: Path) -> None:
        from pcntui.services.safety import restore
        from pcntui.tui.opening import current_pcn

        done = restore(store.path, source, store=store)
        self.post_message(self.Restored(source, done.kept, current_pcn(store)))

    @on(Restored)
    def _restored(self, message: Restored) -> None:
        app = self.pcn_app
        app.pcn = message.pcn
        kept = f" What it replaced is kept as {message.kept.name}." if message.kept else ""
        self.notify(f"Restored from {message.source.name}.{kept}", title="Restored")
        app.data_changed()

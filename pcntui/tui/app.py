"""The pcntui App: global keys, the open database, sections as modes, undo/redo and the year.

Threading: every database call runs in a thread worker (`group="db"`); workers post
messages (`pcntui.tui.messages`) and the handlers here own the state. A worker that fails
becomes a notification with one sentence, never a crash.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.domain.text import terminal_safe
from pcntui.tui import collector
from pcntui.tui.commands import bindings_for, editing_actions, key_of, palette_provider
from pcntui.tui.messages import (
    DataChanged,
    FileVersion,
    StoreFailed,
    StoreOpened,
    Undone,
    UndoAsked,
    describe_error,
)
from pcntui.tui.opening import current_pcn, opened
from pcntui.tui.sections import SECTIONS, section
from pcntui.tui.stylesheets import read_screens_css

if TYPE_CHECKING:
    from pcntui.store import Store


POLL_SECONDS = 2.0  # how often to look for changes saved by another copy of pcntui


class PcnApp(App[int]):
    """`PcnApp(db_path, today=...)`; pass `store=` when the caller already opened the file."""

    CSS_PATH = "app.tcss"  # the dashboard's styles; every other screen's: screens.tcss (tui/stylesheets.py)
    TITLE = "pcntui"
    COMMANDS = App.COMMANDS | {palette_provider}  # (loaded when the palette first opens)
    MODES = {s.name: s.loader() for s in SECTIONS}
    DEFAULT_MODE = "dashboard"  # the first frame is the dashboard itself (no blank screen first)
    # Width classes set on every screen, for the stylesheet; at the same widths the section bar drops
    # the date and then the year, and the footer (narrow) spaces its keys tighter and drops ^p palette.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-normal"), (120, "-wide")]
    # Height classes: the dashboard's panels grow with the terminal (7 lines, 8 from 28, 12 from 40).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (28, "-mid"), (40, "-tall")]
    BINDINGS = bindings_for("app")  # the section keys, undo, the year, help, back, quit
    NEEDS_STORE = {"section", "undo", "redo", "previous_year", "next_year", "restore_backup", "export_rules",
                   "import_rules", "start_next_year"}
    # the header shows the sub-title (PCN · year) and repaints itself when it changes; App's own
    # reactive would repaint the whole screen (a year change drew every widget again)
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    rollup_only = False  # True for `pcntui rollup --tui` (rollup_app.RollupApp): no database of its own

    def __init__(self, db_path: str | Path, *, today: date, store: Store | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path).expanduser()
        self.today = today
        self.fy = FinancialYear.of(today)
        self.store: Store | None = store
        self.pcn: dict | None = None
        self.data_version = 0  # bumped on every change; screens reload when theirs is older
        self.saved_version = 0  # bumped on every change of the data, not of the year: what held years are kept by
        self.first_frame_shown = False  # screens read the database only after the first frame
        self.failure: str | None = None  # why the file could not be opened, if it could not
        self.opening = store is None and not self.rollup_only and self.db_path.exists()  # keys needing it: dimmed
        self._file_version: int | None = None  # SQLite's PRAGMA data_version as last seen
        self._file_key: object = None  # Store.version_key as last seen (the latest action)

    @property
    def period(self) -> Period:
        return Period(self.today, self.fy)

    # ---------------------------------------------------------------- start-up
    def on_mount(self) -> None:
        self._update_sub_title()
        self.poll_timer = self.set_interval(POLL_SECONDS, self._poll, name="poll for changes by another copy")
        if self.store is None and not self.db_path.exists():
            from pcntui.tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen(self.db_path))

    # ---------------------------------------------------------------- changes by another copy
    def _poll(self) -> None:
        if self.store is not None and not any(w.group == "db" and w.is_running for w in self.workers):
            self._poll_worker(self.store)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def _poll_worker(self, store: Store) -> None:
        # data_version changes only when *another* connection commits to the file.
        version = store.data_version()
        self.post_message(FileVersion(store, version, store.version_key()))

    @on(FileVersion)
    def _file_version_seen(self, message: FileVersion) -> None:
        if message.store is not self.store:
            return
        before, self._file_version = self._file_version, message.version
        seen, self._file_key = self._file_key, message.key
        # another copy committed (data_version) and what it wrote was data, not a cache (version_key)
        if before is not None and before != message.version and seen != message.key:
            self.data_changed()
            self.notify("Another copy of pcntui saved changes; the screen shows them now.", title="Updated")

    def on_ready(self) -> None:
        """The first frame is on screen: now read the database (a worker's imports would slow it)."""
        from pcntui.tui.screens.base import DataScreen

        self.first_frame_shown = True
        if self.store is not None or self.db_path.exists():
            self._open(self.store)
        else:
            collector.release()  # (first run: nothing to read)
        if isinstance(self.screen, DataScreen):
            self.screen.reload_if_stale()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _open(self, store: Store | None) -> None:
        self.post_message(opened(self, self.db_path, store))

    @on(StoreOpened)
    async def _store_opened(self, message: StoreOpened) -> None:
        fresh = self.store is not message.store
        self.store = message.store
        self.opening = False
        self.pcn = message.pcn
        if fresh:
            self.data_version += 1
            self.saved_version += 1
            self._file_version = self._file_key = None
        if getattr(self.screen, "CLOSE_WHEN_OPENED", False):  # the first-run screen
            await self.pop_screen()
        if message.first is not None:
            screen, period, data = message.first
            screen.show_read(data, period)
        self.call_after_refresh(self._start_up_over)
        self.data_changed(bump=False)
        self.refresh_bindings()  # the keys that need a database are live now
        if message.note:
            self.notify(message.note, title="Ready")

    def _start_up_over(self) -> None:
        """The first screen's figures are drawn: the collector runs again, the other screens' styles are read."""
        collector.release()
        read_screens_css(self)

    def push_screen(self, *args, **kwargs):
        read_screens_css(self)  # (before the first screen but the dashboard is made: first run, a dialog)
        return super().push_screen(*args, **kwargs)

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        from pcntui.tui.screens.message import MessageScreen

        self.failure = message.text
        self.opening = False
        collector.release()
        self.sub_title = "cannot open the database"
        self.push_screen(MessageScreen("This database cannot be used", message.text))

    def action_quit_with_error(self) -> None:
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs) -> None:
        """Every notification (from any screen): its text shown as written, never as markup or
        terminal controls, since messages quote names, titles and file contents."""
        super().notify(terminal_safe(message), title=terminal_safe(title), markup=markup, **kwargs)

    # ---------------------------------------------------------------- state
    def _update_sub_title(self) -> None:
        pcn = terminal_safe(f"{self.pcn['code']} {self.pcn['name']}") if self.pcn else None
        if self.store is None:
            self.sub_title = "first run" if not self.db_path.exists() else "opening…"
        else:
            self.sub_title = f"{pcn or 'no PCN set up'} · FY {self.fy.label}"

    def data_changed(self, *, bump: bool = True, year_only: bool = False) -> None:
        """The database or (`year_only`) only the year changed: refresh what is on screen; others
        refresh when shown."""
        from pcntui.tui.screens.base import DataScreen
        from pcntui.tui.widgets.section_bar import SectionBar

        if bump:
            self.data_version += 1
            self.saved_version += not year_only
        self._update_sub_title()
        if not self.screen_stack:  # closing down: a late poll result has nothing to refresh
            return
        for bar in self.screen.query(SectionBar):
            bar.update_period()
        if isinstance(self.screen, DataScreen):
            self.screen.reload_if_stale()

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.data_changed()
        if message.note:
            self.notify(message.note)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(describe_error(event.worker.error), title="Not done", severity="error", timeout=10)

    # ---------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.NEEDS_STORE and self.store is None:
            return None if self.opening else False
        if getattr(self.screen, "fixed_store", None) is not None and (action in editing_actions() or action == "section"):
            return False  # another file's read-only view (the roll-up's dashboard): nothing edits, no sections
        return True

    def action_rollup(self) -> None:
        """The ICB roll-up of a folder of PCN files (asks for the folder)."""
        from pcntui.tui.screens.rollup import FolderModal, RollupScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.push_screen(RollupScreen([path]))

        self.push_screen(FolderModal(), chosen)

    async def action_section(self, name: str) -> None:
        """Open a section at its first screen (a dialog left open there stays open)."""
        target = section(name)
        if target is None:
            self.notify(f"There is no '{name}' section yet.", severity="warning")
            return
        if self.current_mode != name:
            await self.switch_mode(name)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            await self.pop_screen()

    def action_undo(self) -> None:
        if self.store is not None:
            self._peek_undo(self.store)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _peek_undo(self, store: Store) -> None:
        from pcntui.services.safety import undo_target

        self.post_message(UndoAsked(undo_target(store)))

    @on(UndoAsked)
    def _undo_asked(self, message: UndoAsked) -> None:
        target = message.target
        if target is None:
            self.notify("Nothing to undo.", title="Undo")
            return
        if not target.needs_confirmation:
            self._undo(self.store, target.id, False)
            return
        from pcntui.services.safety import undo_question
        from pcntui.tui.screens.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes and self.store is not None:
                self._undo(self.store, target.id, True)

        self.push_screen(
            ConfirmModal(f"Undo “{target.subject}”?", detail=undo_question(target), confirm_label="Undo"),
            answered,
        )

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _undo(self, store: Store, expected_id: int, confirmed: bool) -> None:
        from pcntui.services.safety import undo

        # refused (ConflictError, one sentence) if another copy saved since the target was shown;
        # (ConfirmUndo) if it grew past 10 rows unasked
        self.post_message(Undone(undo(store, expected_id=expected_id, confirmed=confirmed), current_pcn(store)))

    def action_redo(self) -> None:
        if self.store is not None:
            self._redo(self.store)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _redo(self, store: Store) -> None:
        from pcntui.services.safety import redo

        self.post_message(Undone(redo(store), current_pcn(store), redo=True))

    @on(Undone)
    def _undone(self, message: Undone) -> None:
        title = "Redo" if message.redo else "Undo"
        if message.summary is None:
            self.notify(f"Nothing to {title.lower()}.", title=title)
            return
        from pcntui.services.safety import reverted_text

        s = message.summary
        self.pcn = message.pcn
        words = reverted_text(s, redo=message.redo)
        if message.redo:
            self.notify(f"Redid “{s.subject}” ({words}; {key_of('undo')} undoes it).", title=title)
        else:
            self.notify(f"Undid “{s.subject}” ({words}; {key_of('redo')} redoes it).", title=title)
        self.data_changed()

    def action_previous_year(self) -> None:
        self.fy = self.fy.previous()
        self.data_changed(year_only=True)

    def action_next_year(self) -> None:
        self.fy = self.fy.next()
        self.data_changed(year_only=True)

    def action_help(self) -> None:
        from pcntui.tui.screens.help import HelpScreen, key_lines

        screen = self.screen
        current = section(self.current_mode)
        title = getattr(screen, "crumb", None) or (current.title if current else "pcntui")
        self.push_screen(HelpScreen(title, getattr(screen, "HELP", ""), key_lines(screen), key_lines(self)))

    def action_start_next_year(self) -> None:
        from pcntui.tui.screens.new_year import start_next_year

        if self.store is not None:
            start_next_year(self, self.store, self.fy.next())

    def action_restore_backup(self) -> None:
        from pcntui.tui.screens.backups import BackupsScreen

        self.push_screen(BackupsScreen())

    def action_export_rules(self) -> None:
        from pcntui.tui.screens.rules_pack import ExportRulesModal

        self.push_screen(ExportRulesModal(self.fy), self._rules_pack_done)

    def action_import_rules(self) -> None:
        from pcntui.tui.screens.rules_pack import ImportRulesModal

        self.push_screen(ImportRulesModal(), self._rules_pack_done)

    def _rules_pack_done(self, message: str | None) -> None:
        if message:
            self.notify(message, title="Rules pack")
            self.data_changed()

    async def action_back(self) -> None:
        screen = self.screen
        handle_back = getattr(screen, "handle_back", None)
        if handle_back is not None and handle_back():
            return
        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.store is not None and self.current_mode != "dashboard":
            await self.switch_mode("dashboard")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Our own provider carries Quit and Help; keep Textual's theme, keys panel, screenshot.
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command


def run(db_path: Path, *, today: date) -> int:
    """Open the TUI on `db_path`. A file that cannot be used: one sentence, exit 2.

    The file is opened in a worker once the first frame is up (start-up speed); a file that
    cannot be used shows its sentence in the TUI, and again on stderr after quitting.
    """
    app = PcnApp(Path(db_path).expanduser(), today=today)
    try:
        app.run()
    finally:
        collector.release()
    if app.failure is not None:
        print(f"pcntui: {app.failure}", file=sys.stderr)
        return 2
    return app.return_code or 0

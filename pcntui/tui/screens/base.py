"""The base class for screens that show data from the database.

`DataScreen` owns the load cycle: `fetch()` runs in a thread worker (never on the UI
thread), posts `Loaded`, and `show()` paints it on the UI thread. A screen reloads when it
is shown again after the data changed (undo, a save, another financial year, a change saved
by another copy). A worker that fails shows its one-sentence error in the screen and as a
notification, never a crash. Table screens build on it in `table.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.events import ScreenResume
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from pcntui.tui.ahead import styled_ahead
from pcntui.tui.commands import at_once_actions, editing_actions
from pcntui.tui.messages import describe_error
from pcntui.tui.widgets.footer import KeyFooter
from pcntui.tui.widgets.in_place import PcnHeader
from pcntui.tui.widgets.section_bar import SectionBar

if TYPE_CHECKING:
    from textual.widget import Widget

    from pcntui.domain.period import Period
    from pcntui.store import Store
    from pcntui.tui.app import PcnApp
    from pcntui.views.base import View


class DataScreen(Screen):
    """A screen whose content comes from the database, loaded in a worker."""

    SECTION: ClassVar[str | None] = None  # the section it belongs to (highlighted in the bar)
    HELP: ClassVar[str] = ""  # a paragraph for the help screen
    EXPORT_NAME: ClassVar[str | None] = None  # file-name stem for `x`; None: nothing to export
    # the widgets that gain and lose focus restyle and repaint themselves; Screen's own reactive also
    # repainted the whole screen (e.g. escape from a filter box drew every widget again)
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    class Loaded(Message):
        def __init__(self, data: Any, version: int) -> None:
            super().__init__()
            self.data = data
            self.version = version

    def __init__(self, *, crumb: str | None = None, store: Store | None = None, banner: str | None = None) -> None:
        super().__init__()
        self.crumb = crumb
        self.fixed_store = store  # another file, shown instead of the App's (the roll-up's read-only view)
        self.banner = banner
        self.loaded_version = -1
        self._requested_version = -1
        self.load_error: str | None = None

    @property
    def pcn_app(self) -> PcnApp:
        return self.app  # type: ignore[return-value]

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield PcnHeader()
        yield SectionBar(self.SECTION, self.crumb)
        if self.banner:
            yield Static(self.banner, id="read-only-banner", markup=False)
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    # ---------------------------------------------------------------- loading
    def on_mount(self) -> None:
        self.reload_if_stale()

    def on_unmount(self) -> None:
        if self.fixed_store is not None:  # a read-only view of another file: closed with the screen
            self.fixed_store.close()

    def on_screen_resume(self, event: ScreenResume) -> None:
        if styled_ahead(self):  # made ahead for the stylesheet in use: restyling would drop the lines it drew
            event.refresh_styles = False
        elif not self.stack_updates and self._css_update_count == self.app._css_update_count:
            event.refresh_styles = False  # shown for the first time, styled as it mounted by the stylesheet in use
        for bar in self.query(SectionBar):
            bar.update_period()
        self.reload_if_stale()

    _asked_for: tuple | None = None  # (saved version, year) of the load asked for last
    _shown_for: tuple | None = None  # (saved version, year) of the data shown

    def reload_if_stale(self) -> None:
        app = self.pcn_app
        if self._requested_version == app.data_version:
            return
        if (self._shown_for == (app.saved_version, app.fy) and self.loaded_version == self._requested_version
                and self.load_error is None):  # the year changed and came back, the data did not: as shown
            self._requested_version = self.loaded_version = app.data_version
            return
        self.reload()

    def reload(self) -> None:
        """Fetch again (in a worker), e.g. after an undo or a change of year."""
        app = self.pcn_app
        store = self.store
        if store is None or not app.first_frame_shown:
            return  # the App calls again once the first frame is painted / the file is open
        self._requested_version = app.data_version
        self._asked_for = (app.saved_version, app.fy)
        held = self.held(app.period)
        if held is not None:  # already worked out for this year and data: shown at once, no read
            self._loaded(held, app.data_version)
            return
        self._fetch(store, app.period, app.data_version)

    def held(self, period: Period) -> Any:
        """What `fetch` would return for `period` and the data as it is now, when the screen already
        holds it (e.g. another year worked out ahead); None: read it."""
        return None

    @property
    def store(self) -> Store | None:
        """The database this screen shows: its own (a read-only view of another file) or the App's."""
        return self.fixed_store or self.pcn_app.store

    @property
    def read_only(self) -> bool:
        """Nothing can be saved from here: the keys that edit are off (`edits` in the registry)."""
        store = self.store
        return store is not None and store.mode == "ro"

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _fetch(self, store: Store, period: Period, version: int) -> None:
        self.post_message(self.Loaded(self.read(store, period), version))

    def read(self, store: Store, period: Period) -> Any:
        """What `fetch` returns, made ready to paint (in a worker thread)."""
        return self.prepare(self.fetch(store, period))

    def show_read(self, data: Any, period: Period) -> None:
        """Show `data`, read for `period` by the worker that opened the file (`read_first`), as a load
        of its own would; unless this is no longer the screen on show or the period changed meanwhile
        (it then loads as usual)."""
        from pcntui.tui.ahead import work_ahead

        app = self.pcn_app
        if self is not app.screen or period != app.period or self.store is None:
            return
        self._requested_version = app.data_version
        self._asked_for = (app.saved_version, app.fy)
        self._loaded(data, app.data_version)
        app.call_after_refresh(work_ahead, app)  # a read is done: the next section made ahead

    def fetch(self, store: Store, period: Period) -> Any:
        """Read what the screen shows. Runs in a worker thread: no widgets here."""
        return None

    def prepare(self, data: Any) -> Any:
        """What `fetch` returned, made ready to paint (in the worker too: what the UI thread need not do)."""
        return data

    def show(self, data: Any) -> None:
        """Paint what `fetch` returned (UI thread)."""

    def show_error(self, text: str) -> None:
        """Say in the screen that loading failed."""

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.version != self._requested_version:
            return  # a newer load is on its way
        if not self.display or not self.app.is_running:
            return  # being removed, or the App closing down (e.g. while a screen made ahead was loading)
        self._loaded(message.data, message.version)

    def _loaded(self, data: Any, version: int) -> None:
        self.loaded_version, self._shown_for = version, self._asked_for
        self.load_error = None
        self.show(data)
        self.update_bindings()

    _binding_state: object = None

    def binding_state(self) -> object:
        """What the enabled keys depend on; the footer is redrawn only when it changes."""
        return self.loaded_version

    def update_bindings(self) -> None:
        state = self.binding_state()
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    _last_worker_event: object = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker of this screen that fails: a notification with one sentence, never a crash.

        A subclass that reports a worker's failure itself calls `event.stop()` (or
        `prevent_default()`) so it is not reported twice. Textual calls this method once per
        class in the MRO, and subclasses may also call it through super(): it acts once.
        """
        if event is self._last_worker_event:
            return
        self._last_worker_event = event
        if event.worker.group == "db" and event.state == WorkerState.SUCCESS:
            from pcntui.tui.ahead import work_ahead

            self.app.call_after_refresh(work_ahead, self.app)  # a read is done: the next section made ahead
        if event.state != WorkerState.ERROR or event.worker.error is None or event._stop_propagation:
            return
        text = describe_error(event.worker.error)
        if event.worker.name == "_fetch":
            self.load_error = text
            self.show_error(text)
            self.notify(text, title="Could not load", severity="error", timeout=8)
        else:
            self.notify(text, title="Not done", severity="error", timeout=10)

    # ---------------------------------------------------------------- hooks for the App
    def handle_back(self) -> bool:
        """`escape`: return True when the screen used it (e.g. to clear a filter)."""
        return False

    def export_data(self) -> tuple[list[str], list[Sequence[object]]] | View | None:
        """The current view for `x`, as a View (written as `pcntui export` writes it) or as (columns,
        rows); None when there is nothing to export."""
        return None

    def can_export(self) -> bool:
        """Whether `x` has something to write now (checked often: keep it cheap)."""
        return self.export_data() is not None

    def action_export(self) -> None:
        data = self.export_data()
        if data is None or not self.EXPORT_NAME:
            self.notify("Nothing to export here yet.", severity="warning")
            return
        from pcntui.tui.screens.export import ExportModal

        modal = (ExportModal.of_view(self.EXPORT_NAME, data, today=self.pcn_app.today) if not isinstance(data, tuple)
                 else ExportModal(self.EXPORT_NAME, *data, today=self.pcn_app.today))
        self.app.push_screen(modal, self._exported)

    def _exported(self, path) -> None:
        if path is not None:
            self.notify(f"Exported to {path}.", title="CSV written")

    def action_import_file(self, kind: str = "") -> None:
        """The palette's "Import a file…" and its entry per KIND (tui/screens/imports.py)."""
        from pcntui.tui.screens.imports import start_import

        start_import(self, kind or None)

    def yields_key(self, action: str) -> bool:
        """An at-once key's action (`/`) while a text box has the focus: the key is the box's, typed.
        Every `check_action` asks this first."""
        return action in at_once_actions() and isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in editing_actions():
            return False
        if self.yields_key(action):
            return None  # (shown dimmed: the footer keeps its keys in place)
        if action == "export":
            if not self.EXPORT_NAME:
                return False
            return True if self.can_export() else None
        return True


def read_first(app: PcnApp, store: Store) -> tuple | None:
    """In the worker that opens the App's file: the screen on show's data, read there too, so the
    figures follow the first frame after one round trip to the UI thread, not two. None when the
    screen is not one of the App's file's or its read failed (it then loads, and says why, itself)."""
    try:
        screen, period = app.screen, app.period
        if not isinstance(screen, DataScreen) or screen.fixed_store is not None:
            return None
        return screen, period, screen.read(store, period)
    except Exception:
        return None


def __getattr__(name: str):
    """`TableScreen`, `TableData` and `FilterInput` live in `table.py` (they import DataTable,
    which the dashboard does not need at start-up); importing them from here still works."""
    if name in ("TableScreen", "TableData", "FilterInput"):
        from pcntui.tui.screens import table

        return getattr(table, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

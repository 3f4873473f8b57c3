"""Base classes for screens that show data from the database.

`DataScreen` owns the load cycle: `fetch()` runs in a thread worker (never on the UI
thread), posts `Loaded`, and `show()` paints it on the UI thread. A screen reloads when it
is shown again after the data changed (undo, a save, another financial year). A worker that
fails shows its one-sentence error in the screen and as a notification, never a crash.

`TableScreen` adds a `ViewTable` with `/` filter, `o` sort, `enter` open and `x` export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from pcntui.tui.messages import describe_error
from pcntui.tui.widgets.section_bar import SectionBar
from pcntui.tui.widgets.view_table import Col, Row, ViewTable

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store.db import Store
    from pcntui.tui.app import PcnApp


class FilterInput(Input):
    """The `/` box: enter keeps the filter and goes back to the table; escape clears it."""

    BINDINGS = [
        Binding("enter", "submit", "Keep filter"),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]


class DataScreen(Screen):
    """A screen whose content comes from the database, loaded in a worker."""

    SECTION: ClassVar[str | None] = None  # the section it belongs to (highlighted in the bar)
    HELP: ClassVar[str] = ""  # a paragraph for the help screen
    EXPORT_NAME: ClassVar[str | None] = None  # file-name stem for `x`; None: nothing to export

    class Loaded(Message):
        def __init__(self, data: Any, version: int) -> None:
            super().__init__()
            self.data = data
            self.version = version

    def __init__(self, *, crumb: str | None = None) -> None:
        super().__init__()
        self.crumb = crumb
        self.loaded_version = -1
        self._requested_version = -1
        self.load_error: str | None = None

    @property
    def pcn_app(self) -> PcnApp:
        return self.app  # type: ignore[return-value]

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield SectionBar(self.SECTION, self.crumb)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    # ---------------------------------------------------------------- loading
    def on_mount(self) -> None:
        self.reload_if_stale()

    def on_screen_resume(self) -> None:
        self.query_one(SectionBar).update_period()
        self.reload_if_stale()

    def reload_if_stale(self) -> None:
        if self._requested_version != self.pcn_app.data_version:
            self.reload()

    def reload(self) -> None:
        """Fetch again (in a worker), e.g. after an undo or a change of year."""
        app = self.pcn_app
        if app.store is None:
            return
        self._requested_version = app.data_version
        self._fetch(app.store, app.period, app.data_version)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _fetch(self, store: Store, period: Period, version: int) -> None:
        data = self.fetch(store, period)
        self.post_message(self.Loaded(data, version))

    def fetch(self, store: Store, period: Period) -> Any:
        """Read what the screen shows. Runs in a worker thread: no widgets here."""
        return None

    def show(self, data: Any) -> None:
        """Paint what `fetch` returned (UI thread)."""

    def show_error(self, text: str) -> None:
        """Say in the screen that loading failed."""

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.version != self._requested_version:
            return  # a newer load is on its way
        self.loaded_version = message.version
        self.load_error = None
        self.show(message.data)
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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            text = describe_error(event.worker.error)
            self.load_error = text
            self.show_error(text)
            self.notify(text, title="Could not load", severity="error", timeout=8)

    # ---------------------------------------------------------------- hooks for the App
    def handle_back(self) -> bool:
        """`escape`: return True when the screen used it (e.g. to clear a filter)."""
        return False

    def export_data(self) -> tuple[list[str], list[Sequence[object]]] | None:
        """The current view as (columns, rows) for `x`; None when there is nothing to export."""
        return None

    def action_export(self) -> None:
        data = self.export_data()
        if data is None or not self.EXPORT_NAME:
            self.notify("Nothing to export here yet.", severity="warning")
            return
        from pcntui.tui.screens.export import ExportModal

        columns, rows = data
        self.app.push_screen(ExportModal(self.EXPORT_NAME, columns, rows, today=self.pcn_app.today),
                             self._exported)

    def _exported(self, path) -> None:
        if path is not None:
            self.notify(f"Exported to {path}.", title="CSV written")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            if not self.EXPORT_NAME:
                return False
            return True if self.export_data() is not None else None
        return True


@dataclass
class TableData:
    """What a TableScreen's `fetch` returns."""

    summary: str  # content markup shown above the table
    rows: list[Row]
    export_columns: list[str] = field(default_factory=list)
    export_rows: dict[str, Sequence[object]] = field(default_factory=dict)
    found: bool = True  # False: the thing this screen shows no longer exists


class TableScreen(DataScreen):
    """A summary line, a filterable/sortable table and a status line."""

    COLUMNS: ClassVar[list[Col]] = []
    NOUN: ClassVar[tuple[str, str]] = ("row", "rows")
    OPENS: ClassVar[bool] = False  # `enter` opens something for a row
    EMPTY: ClassVar[str] = "Nothing here yet."
    AUTO_FOCUS = "#table"

    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("o", "sort", "Sort"),
        Binding("x", "export", "Export CSV"),
        Binding("enter", "open", "Open", show=False),
    ]

    def __init__(self, *, crumb: str | None = None) -> None:
        super().__init__(crumb=crumb)
        self.data: TableData | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static("Loading…", id="summary")
            yield FilterInput(placeholder="Filter: type to narrow the rows · enter keeps it · escape clears it",
                              id="filter", classes="-hidden")
            yield ViewTable(self.COLUMNS, id="table")
            yield Static("", id="table-status")

    @property
    def table(self) -> ViewTable:
        return self.query_one("#table", ViewTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def show(self, data: TableData) -> None:
        self.data = data
        self.query_one("#summary", Static).update(data.summary)
        self.table.set_rows(data.rows)
        box = self.filter_input
        if not (box.has_focus and not box.has_class("-hidden")):
            self.table.focus()

    def show_error(self, text: str) -> None:
        self.query_one("#summary", Static).update(f"[b $error]Could not load:[/] {text}")

    # ---------------------------------------------------------------- status line
    @on(ViewTable.ViewChanged)
    def _view_changed(self, event: ViewTable.ViewChanged) -> None:
        table = event.table
        total, shown = len(table.all_rows), len(table.shown)
        noun = self.NOUN[0] if total == 1 else self.NOUN[1]
        if not total:
            text = self.EMPTY if self.data is not None else "Loading…"
        elif table.filter_text:
            text = f"{shown} of {total} {noun} match “{table.filter_text}”"
        else:
            text = f"{total} {noun}"
        if total and table.sort_label:
            text += f" · sorted by {table.sort_label}"
        self.query_one("#table-status", Static).update(text)
        self.update_bindings()

    def binding_state(self) -> object:
        table = self.table
        return (self.data is not None, bool(self.data and self.data.rows), bool(table.shown))

    # ---------------------------------------------------------------- keys
    def action_filter(self) -> None:
        box = self.filter_input
        box.remove_class("-hidden")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.filter_input.add_class("-hidden")
        self.table.focus()

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def clear_filter(self) -> None:
        box = self.filter_input
        box.value = ""
        box.add_class("-hidden")
        self.table.set_filter("")
        self.table.focus()

    def handle_back(self) -> bool:
        if self.filter_input.has_focus or self.table.filter_text:
            self.clear_filter()
            return True
        return False

    def action_sort(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        table = self.table
        labels = []
        for i, col in enumerate(table.spec):
            mark = ""
            if table.sort_column == i:
                mark = "  (now; again to reverse)"
            labels.append(col.label + mark)
        self.app.push_screen(PickModal("Sort by", labels, table.sort_column or 0), self._sorted)

    def _sorted(self, index: int | None) -> None:
        if index is not None:
            self.table.sort_by(index)

    def action_open(self) -> None:
        key = self.table.current_key()
        if key is not None:
            self.open_row(key)

    @on(DataTable.RowSelected, "#table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.OPENS and event.row_key.value is not None:
            self.open_row(event.row_key.value)

    def open_row(self, key: str) -> None:
        """`enter` on a row (override when OPENS)."""

    def export_data(self) -> tuple[list[str], list[Sequence[object]]] | None:
        if self.data is None or not self.data.export_columns:
            return None
        rows = [self.data.export_rows[k] for k in self.table.visible_keys() if k in self.data.export_rows]
        return self.data.export_columns, rows

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("filter", "sort"):
            return True if self.data is not None and self.data.rows else None
        if action == "open":
            if not self.OPENS:
                return False
            return True if self.data is not None and self.table.current_key() is not None else None
        return super().check_action(action, parameters)

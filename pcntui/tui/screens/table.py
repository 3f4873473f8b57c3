"""Screens built around one table: a summary, `/` filter, `o` sort, `enter` open, `x` export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from pcntui.tui.commands import bindings_for
from pcntui.tui.safe import markup
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.widgets.view_table import Col, Row, ViewTable


class FilterInput(Input):
    """The `/` box: enter keeps the filter and goes back to the table; escape clears it."""

    BINDINGS = [
        Binding("enter", "submit", "Keep filter"),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]



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

    BINDINGS = bindings_for("TableScreen")

    def __init__(self, *, crumb: str | None = None) -> None:
        super().__init__(crumb=crumb)
        self.data: TableData | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="body"):
            yield Static("Loading…", id="summary")
            yield FilterInput(placeholder="Filter: type to narrow the rows · enter keeps it · escape clears it",
                              id="filter", classes="-hidden")
            yield ViewTable(self.COLUMNS, id="table")
            yield from self.compose_below_table()
            yield Static("", id="table-status")

    def compose_below_table(self) -> ComposeResult:
        """Widgets a screen shows between its table and the status line (none by default)."""
        return ()

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
        self.query_one("#summary", Static).update(f"[b $error]Could not load:[/] {markup(text)}")

    # ---------------------------------------------------------------- status line
    @on(ViewTable.ViewChanged)
    def _view_changed(self, event: ViewTable.ViewChanged) -> None:
        table = event.table
        total, shown = len(table.all_rows), len(table.shown)
        noun = self.NOUN[0] if total == 1 else self.NOUN[1]
        if not total:
            text = self.EMPTY if self.data is not None else "Loading…"
        elif table.filter_text:
            text = f"{shown} of {total} {noun} match “{markup(table.filter_text)}”"
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

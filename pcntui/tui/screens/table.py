"""Screens built around one table: a summary, `/` filter, `o` sort, `enter` open, `x` export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.widgets.in_place import SizedInPlace, SteadyStatic
from pcntui.tui.widgets.view_table import Col, Row, ViewTable, widest_of

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store import Store
    from pcntui.views.base import Column, Line, View


class FilterInput(SizedInPlace, Input):
    """The `/` box, hidden until asked for: enter keeps the filter (an empty one hides the box) and the
    screen goes back to its table; escape clears it."""

    BINDINGS = [
        Binding("enter", "submit", "Keep filter"),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]

    def reveal(self) -> None:
        """Shown, with the focus now: keys typed with `/` in one burst (already waiting) are the box's.
        (`focus()` moves it only after them, and they went to the table.)"""
        self.shown(True)
        self.screen.set_focus(self)

    def put_away(self) -> None:
        """Empty and hidden again."""
        self.value = ""
        self.shown(False)

    def shown(self, shown: bool) -> None:
        """Show or hide the box (hidden, it takes no room)."""
        self.set_class(not shown, "-hidden")

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyled for its focus only when shown: a box put away (styled hidden) loses focus next, and
        restyling it then was a second restyle of the box (its component classes too) for nothing;
        `reveal` restyles it with its focus as it is then."""
        if self.display:
            super().watch_has_focus(has_focus)

    @on(Input.Submitted)
    def _kept(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.shown(False)



@dataclass
class TableData:
    """What a TableScreen's `fetch` returns."""

    summary: str  # content markup shown above the table
    rows: list[Row]
    export_columns: list[str] = field(default_factory=list)
    export_rows: dict[str, Sequence[object]] = field(default_factory=dict)
    found: bool = True  # False: the thing this screen shows no longer exists
    view: View | None = None  # the view shown: `x` writes it (filtered and sorted as on screen)
    compact: str | None = None  # the summary on a short terminal (app.py's "-short"), else the summary itself
    widest: list[int] | None = None  # the widest cell of each column (`prepare` works it out in the worker)


def cols_of(columns: Iterable[Column], **widths: int) -> list[Col]:
    """The table's columns for a view's screen columns (`widths`: a column's width before any row is known)."""
    # a view's priority 1 is its default: the table's own default then keeps the first column too
    return [Col(c.key, c.label, numeric=c.numeric, width=widths.get(c.key),
                priority=None if c.priority == 1 else c.priority)
            for c in columns if c.screen]


@dataclass(frozen=True)
class Shown:
    """A value a table shows in its own words or style (a mark, a colour), still sorted by the value."""

    value: object
    text: str | None = None  # None: as its column's Kind shows the value (views.format); "": blank
    style: str = ""


def typed_row(key: str, values: Sequence[object], columns: Sequence[Column]) -> Row:
    """A table row from one typed value per column: each shown as views.format shows its column's
    Kind (a `Shown` value in its own words or style), each sorted by the value."""
    from rich.text import Text

    from pcntui.views.format import cell

    cells, sort = [], []
    for value, column in zip(values, columns, strict=True):
        shown = value if isinstance(value, Shown) else Shown(value)
        text = cell(shown.value, column) if shown.text is None else shown.text
        cells.append(None if not text else Text(text, shown.style) if shown.style else text)
        sort.append(shown.value)
    return Row(key, cells, sort=sort)


def line_markup(line: Line) -> str:
    """A summary line of a view as markup: its text escaped, a span naming a command led by its key."""
    out = []
    for span in line:
        text = markup(span.text)
        if span.command:
            text = f"[b]{key_of(span.command)}[/b] {text}"
        out.append(f"[{span.tag}]{text}[/{span.tag}]" if span.tag in ("b", "dim") else text)
    return "".join(out)


def view_data(view: View, summary: str | None = None) -> TableData:
    """What a TableScreen shows for `view`: its screen columns as display text, its values as sort
    keys, its filter text as the search (so `/` keeps the rows `export --filter` keeps)."""
    from pcntui.views.format import cell

    shown = [i for i, c in enumerate(view.columns) if c.screen]
    rows = [Row(r.key, [cell(r.values[i], view.columns[i]) or None for i in shown], sort=[r.values[i] for i in shown],
                search=view.text_of(r))
            for r in view.iter_rows()]
    text = summary if summary is not None else "\n".join(line_markup(line) for line in view.summary)
    return TableData(text, rows, view=view)


def exported(view: View, filter_text: str = "", sort_column: int | None = None, reverse: bool = False) -> View:
    """The view `x` writes: filtered as `export --filter` filters, sorted by the screen's sort
    column (an index among the screen columns)."""
    shown = view.filtered(filter_text)
    if sort_column is None:
        return shown
    index = [i for i, c in enumerate(view.columns) if c.screen][sort_column]
    return shown.sorted(index, reverse)


class FilterScreen(DataScreen):
    """A screen whose list a `FilterInput` (#filter) narrows as you type: enter keeps the filter and
    goes back to the list; escape, or back, clears it. A subclass says what the text narrows
    (`narrow`), which widget lists (`listing`) and whether a filter is on (`filtering`)."""

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one("#filter", FilterInput)

    @property
    def listing(self) -> Widget:
        raise NotImplementedError

    def narrow(self, text: str) -> None:
        raise NotImplementedError

    def filtering(self) -> bool:
        return False

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.narrow(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.back_to_listing()

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def clear_filter(self) -> None:
        self.filter_input.put_away()
        self.narrow("")
        self.back_to_listing()

    def back_to_listing(self) -> None:
        """Focus the list now and show its keys in the footer in the same frame as the box goes (a focus
        moved on the next tick, and the footer's keys after the next paint, laid the screen out twice)."""
        self.set_focus(self.listing)
        self.refresh_bindings()

    def handle_back(self) -> bool:
        if self.filter_input.has_focus or self.filtering():
            self.clear_filter()
            return True
        return False


class TableScreen(FilterScreen):
    """A summary line, a filterable/sortable table and a status line."""

    COLUMNS: ClassVar[list[Col]] = []
    NOUN: ClassVar[tuple[str, str]] = ("row", "rows")
    EMPTY: ClassVar[str] = "Nothing here yet."
    AUTO_FOCUS = "#table"

    BINDINGS = bindings_for("TableScreen")

    def __init__(self, *, crumb: str | None = None) -> None:
        super().__init__(crumb=crumb)
        self.data: TableData | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="body"):
            yield SteadyStatic("Loading…", id="summary")
            yield SteadyStatic("", id="summary-compact")
            yield from self.compose_above_table()
            yield FilterInput(placeholder="Filter: type to narrow the rows · enter keeps it · escape clears it",
                              id="filter", classes="-hidden")
            yield ViewTable(self.COLUMNS, id="table")
            yield from self.compose_below_table()
            yield SteadyStatic("", id="table-status")

    def compose_above_table(self) -> ComposeResult:
        """Widgets a screen shows between its summary and its table (none by default)."""
        return ()

    def compose_below_table(self) -> ComposeResult:
        """Widgets a screen shows between its table and the status line (none by default)."""
        return ()

    @property
    def table(self) -> ViewTable:
        return self.query_one("#table", ViewTable)

    @property
    def listing(self) -> ViewTable:
        return self.table

    @property
    def opens(self) -> bool:
        """Whether `enter` opens something for a row: it does where the screen says what (`open_row`)."""
        return type(self).open_row is not TableScreen.open_row

    def narrow(self, text: str) -> None:
        self.table.set_filter(text)

    def filtering(self) -> bool:
        return bool(self.table.filter_text)

    def prepare(self, data: TableData) -> TableData:
        rows = getattr(data, "rows", None)
        if rows is None:
            return data
        for row in rows:  # each row's cells as the table draws them, made off the UI thread
            row.drawn(self.COLUMNS)
        data.widest = widest_of(rows, len(self.COLUMNS))
        return data

    def show(self, data: TableData) -> None:
        self.data = data
        self.query_one("#summary", Static).update(data.summary)
        compact = self.query_one("#summary-compact", Static)
        compact.update(data.compact or "")
        for box in (self.query_one("#summary", Static), compact):
            box.set_class(data.compact is not None, "-has-compact")
        self.table.set_rows(data.rows, getattr(data, "widest", None))
        box = self.filter_input
        if not (box.has_focus and not box.has_class("-hidden")):
            self.table.focus()

    def show_error(self, text: str) -> None:
        self.query_one("#summary", Static).update(f"[b $error]Could not load:[/] {markup(text)}")
        for box in self.query("#summary, #summary-compact"):
            box.remove_class("-has-compact")

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
        self.filter_input.reveal()

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
        if self.opens and event.row_key.value is not None:
            self.open_row(event.row_key.value)

    def open_row(self, key: str) -> None:
        """`enter` on a row: what it opens (a screen that overrides this opens rows)."""

    def export_data(self) -> tuple[list[str], list[Sequence[object]]] | View | None:
        if self.data is not None and self.data.view is not None:
            table = self.table
            return exported(self.data.view, table.filter_text, table.sort_column, table.sort_reverse)
        if self.data is None or not self.data.export_columns:
            return None
        rows = [self.data.export_rows[k] for k in self.table.visible_keys() if k in self.data.export_rows]
        return self.data.export_columns, rows

    def can_export(self) -> bool:
        if self.data is not None and self.data.view is not None:
            return True
        return super().can_export()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.yields_key(action):
            return None  # (shown dimmed: the footer keeps its keys in place)
        if action in ("filter", "sort"):
            return True if self.data is not None and self.data.rows else None
        if action == "open":
            if not self.opens:
                return False
            return True if self.data is not None and self.table.current_key() is not None else None
        return super().check_action(action, parameters)


class ViewScreen(TableScreen):
    """A TableScreen showing one catalog view: `fetch` builds view VIEW (about `item` for a KIND
    with `--id`), and `x` writes what `pcntui export VIEW [--id ITEM]` writes."""

    VIEW: ClassVar[str] = ""
    GONE: ClassVar[str] = "{item} is no longer in this database."  # the item's view refused it
    CRUMB: ClassVar[str | None] = None  # for an item: the crumb, "{item}" standing for it
    ITEM_SCREEN: ClassVar[type[ViewScreen] | None] = None  # what `enter` opens: that screen about the row's key

    def __init__(self, item: str | None = None, *, crumb: str | None = None) -> None:
        super().__init__(crumb=crumb or (self.CRUMB.format(item=item) if self.CRUMB and item is not None else None))
        self.item = item
        # `x`'s file name: EXPORT_NAME ("{item}" standing for the item), else the view's KIND
        self.EXPORT_NAME = (self.EXPORT_NAME or self.VIEW).format(item=item)

    @property
    def opens(self) -> bool:
        return self.ITEM_SCREEN is not None

    def open_row(self, key: str) -> None:
        if self.ITEM_SCREEN is not None:
            self.app.push_screen(self.ITEM_SCREEN(key))

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.errors import UserError
        from pcntui.views.base import ViewQuery
        from pcntui.views.load import view

        try:
            return view_data(view(self.VIEW, store, ViewQuery(period, item=self.item)))
        except UserError:
            if self.item is None:
                raise
            return TableData(markup(self.GONE.format(item=self.item)), [], found=False)

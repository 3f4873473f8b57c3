"""A DataTable that keeps every row it was given and shows a filtered, sorted view of them.

Rows carry display cells (what you see), sort values (what ordering uses: `views.base.sort_key`,
numbers, Decimal money and WTE too, by size; dates as dates; blanks last) and an export key, so
`x` writes exactly the rows on screen, in screen order, with the raw values. Meant for bounded lists (up to a
few thousand rows); screens load them in workers.

The columns fit the width (widgets/column_fit.py): numbers are never cut, text is cut with `…`,
the least important columns go first on a narrow terminal, and the sorted column's header
carries ▲ or ▼.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets._data_table import Row as TableRow
from textual.widgets.data_table import DuplicateKey, RowKey

from pcntui.tui.safe import guard, plain
from pcntui.tui.widgets.column_fit import ColumnNeed, fit_widths
from pcntui.tui.widgets.in_place import SizedInPlace
from pcntui.tui.widgets.scrollbar import HeldScrollbars
from pcntui.tui.widgets.table_paint import PaintOnce
from pcntui.views.base import sort_key

ARROWS = (" ▲", " ▼")  # ascending, descending
DRAWN_CELLS = 4096  # cells' drawn lines kept across refills (another year shown again draws nothing)


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    numeric: bool = False  # right-aligned, never cut
    width: int | None = None  # the width before any row is known
    priority: int | None = None  # 0 always shown, higher dropped sooner; default 0 for the first and numeric columns
    whole: bool = False  # text never cut (like a number), e.g. a due date with its words
    rank: int | None = None  # among columns of one priority, the highest goes first (None: the rightmost first)

    def need(self, index: int, widest: int, *, sorted_by: bool = False) -> ColumnNeed:
        header = cell_len(self.label) + (len(ARROWS[0]) if sorted_by else 0)
        priority = self.priority if self.priority is not None else (0 if index == 0 or self.numeric else 1)
        return ColumnNeed(max(widest, header), header, self.numeric or self.whole, priority, self.rank)


@dataclass(slots=True)
class Row:
    key: str
    cells: Sequence[object]  # display values (None shows as "–")
    sort: Sequence[object] = ()  # one per column; defaults to the cells
    search: str = field(default="", repr=False)  # what `/` looks in; by default the cells (`searched`)
    _drawn: tuple | None = field(default=None, repr=False, compare=False)
    _widths: list[int] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sort:
            self.sort = tuple(self.cells)

    def searched(self) -> str:
        """What `/` looks in (the cells' text unless given; worked out at the first search)."""
        if not self.search:
            self.search = " ".join("" if c is None else str(c) for c in self.cells).casefold()
        return self.search

    def drawn(self, spec: Sequence[Col], right: tuple[bool, ...] | None = None) -> list[Text]:
        """The cells as a table of columns `spec` draws them, made once until `forget` (a screen's
        worker makes them with the rows, off the UI thread). `right`: which of `spec` are numeric."""
        right = right if right is not None else tuple(c.numeric for c in spec)
        if self._drawn is None or self._drawn[0] != right:
            self._drawn = (right, [cell_text(v, c) for v, c in zip(self.cells, spec)])
        return self._drawn[1]

    def forget(self) -> None:
        """Let the drawn cells go (rows kept but not on show: their cells are made again if shown)."""
        self._drawn = None

    def widths(self) -> list[int]:
        """How many cells each value takes on one line (worked out once)."""
        if self._widths is None:
            self._widths = [_width(v) for v in self.cells]
        return self._widths


def cell_text(value: object, col: Col) -> Text:
    """A cell as the table draws it: one line, cut with `…`; a blank as a dim `–`."""
    if value is None or value == "":
        return Text("–", style="dim", justify="right" if col.numeric else "left")
    text = guard(value) if isinstance(value, Text) else plain(value, justify="right" if col.numeric else None)
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


class ViewTable(SizedInPlace, HeldScrollbars, PaintOnce, DataTable):
    """Stock DataTable plus filter/sort state. `enter` opens the row under the cursor."""

    # `enter` runs the screen's `open` action, so the screen decides whether it shows.
    BINDINGS = [Binding("enter", "screen.open", "Open", show=True)]

    DEFAULT_CSS = """
    ViewTable { height: 1fr; }
    """

    class ViewChanged(Message):
        """The filter or sort changed (the screen updates its status line)."""

        def __init__(self, table: ViewTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> ViewTable:
            return self.table

    def __init__(self, columns: Sequence[Col], **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.spec = list(columns)
        self.all_rows: list[Row] = []
        self.filter_text = ""
        self.sort_column: int | None = None
        self.sort_reverse = False
        self.shown: list[Row] = []
        self.widest: list[int] = [0] * len(self.spec)  # the widest cell of each column, over all rows
        self.widths: list[int | None] = []  # as fitted; None: not shown at this width
        self._header_made: list[tuple] = []  # what the columns on show were made from
        self._cells_drawn: dict[tuple, object] = {}  # (the cell's look, where, how) → its lines

    def on_mount(self) -> None:
        self._columns()

    def on_resize(self) -> None:
        if self._fitted() != self.widths:
            self._render_rows()

    # ---------------------------------------------------------------- data
    def set_rows(self, rows: Sequence[Row], widest: list[int] | None = None) -> None:
        """Show `rows` (`widest`: `widest_of` them, when worked out already, e.g. in a worker)."""
        self.all_rows = list(rows)
        self.widest = widest if widest is not None else widest_of(self.all_rows, len(self.spec))
        self._render_rows()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self._render_rows()

    def sort_by(self, index: int) -> None:
        """Sort by column `index`; the same column again reverses the order."""
        if self.sort_column == index:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = index, False
        self._render_rows()

    @property
    def sort_label(self) -> str | None:
        if self.sort_column is None:
            return None
        arrow = "↓" if self.sort_reverse else "↑"
        return f"{self.spec[self.sort_column].label} {arrow}"

    def current_key(self) -> str | None:
        if not self.shown or self.cursor_row < 0 or self.cursor_row >= len(self.shown):
            return None
        return self.shown[self.cursor_row].key

    def visible_keys(self) -> list[str]:
        return [r.key for r in self.shown]

    # ---------------------------------------------------------------- drawing
    def _visible(self) -> list[Row]:
        rows = self.all_rows
        if self.filter_text:
            words = self.filter_text.casefold().split()
            rows = [r for r in rows if all(w in r.searched() for w in words)]
        if self.sort_column is not None:
            i = self.sort_column
            ordered = sorted(rows, key=lambda r: sort_key(r.sort[i]), reverse=self.sort_reverse)
            if self.sort_reverse:  # keep blanks last
                ordered = [r for r in ordered if sort_key(r.sort[i])[0] != 2] + [
                    r for r in ordered if sort_key(r.sort[i])[0] == 2
                ]
            rows = ordered
        return rows

    # ---------------------------------------------------------------- fitting
    def _fitted(self) -> list[int | None]:
        room = self.size.width or self.app.size.width
        if len(self.shown) + 1 > (self.size.height or self.app.size.height):
            room -= self.styles.scrollbar_size_vertical
        needs = [c.need(i, self.widest[i], sorted_by=i == self.sort_column) for i, c in enumerate(self.spec)]
        return fit_widths(needs, room, self.cell_padding)

    def _header(self, index: int) -> Text:
        label = self.spec[index].label
        if self.sort_column == index:
            label += ARROWS[self.sort_reverse]
        return Text(label, justify="right" if self.spec[index].numeric else "left", no_wrap=True, overflow="ellipsis")

    def _columns(self) -> None:
        """(Re)build the header: the columns that fit, at their fitted widths (the same header as
        before: only the rows are cleared, so the columns are not made and measured again)."""
        fitted = self._fitted() if self.all_rows else [c.width for c in self.spec]
        header = [(col.key, self._header(i).plain, col.numeric, fitted[i])
                  for i, col in enumerate(self.spec) if not self.all_rows or fitted[i] is not None]
        if header == self._header_made and self.columns:
            self.clear()
        else:
            self.clear(columns=True)
            for i, col in enumerate(self.spec):
                if not self.all_rows or fitted[i] is not None:
                    self.add_column(self._header(i), key=col.key, width=fitted[i])
            self._header_made = header
        self.widths = fitted if self.all_rows else []

    def _render_rows(self) -> None:
        keep = self.current_key()
        self.shown = self._visible()
        self._columns()
        on = [i for i in range(len(self.spec)) if i in self._on()]
        right = tuple(c.numeric for c in self.spec)
        if len(on) == len(self.spec):
            self._add_rows([(row.key, row.drawn(self.spec, right)) for row in self.shown])
        else:
            self._add_rows([(row.key, [cells[i] for i in on]) for row in self.shown
                            for cells in (row.drawn(self.spec, right),)])
        if keep is not None:
            for index, row in enumerate(self.shown):
                if row.key == keep:
                    self.move_cursor(row=index, animate=False)
                    break
        self.post_message(self.ViewChanged(self))

    def _on(self) -> set[int]:
        """The indexes of the columns shown now."""
        return {i for i, w in enumerate(self.widths) if w is not None} if self.widths else set(range(len(self.spec)))

    def _add_rows(self, rows: list[tuple[str, list[Text]]]) -> None:
        """DataTable.add_row for each (key, cells) of one-line rows, with its bookkeeping per row but
        the cursor checked and the idle check asked for once, not once per row."""
        columns = [c.key for c in self.ordered_columns]
        empty = not self.rows
        keys = [key for key, _ in rows]
        if len(set(keys)) < len(keys) or (not empty and any(RowKey(k) in self._row_locations for k in keys)):
            raise DuplicateKey("A row key is there twice.")
        at = len(self.rows)
        for at, (key, cells) in enumerate(rows, start=at):
            row_key = RowKey(key)
            self._row_locations[row_key] = at
            self._data[row_key] = dict(zip_longest(columns, cells))
            self.rows[row_key] = TableRow(row_key, 1, None, False)
            self._new_rows.add(row_key)
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # a cell under the cursor now, as add_row says of its first row
        self._update_count += len(rows)
        self.check_idle()

    def _update_dimensions(self, new_rows) -> None:
        """The table's size after rows were added. Once every column has its fitted width (`_fitted`,
        from `widest`), DataTable's own pass, which measures every new cell again on the UI thread
        (the slowest part of showing a few hundred rows), would change nothing: only the size is set
        (rows are added by `_add_rows` alone, each one line high: none has an automatic height)."""
        columns = self.columns.values()
        if not self.widths or any(c.auto_width for c in columns):
            super()._update_dimensions(new_rows)
            return
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(sum(c.get_render_width(self) for c in columns) + self._row_label_column_width,
                                 self._total_row_height + header)

    def _render_cell(self, row_index: int, column_index: int, base_style, width: int, cursor: bool = False,
                     hover: bool = False):
        """A cell's lines as DataTable draws them, kept across refills for a cell of the same look at the
        same place (`[` back to a year shown draws no cell again; DataTable's own cache is emptied
        whenever rows are added)."""
        cell = None
        if row_index >= 0 and column_index >= 0:
            cell = self._data[self._row_locations.get_key(row_index)].get(self._column_locations.get_key(column_index))
        if not isinstance(cell, Text):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (cell.plain, str(cell.style), cell.justify, cell.overflow, cell.no_wrap, tuple(cell.spans), row_index,
               column_index, base_style, width, cursor, hover, self._show_hover_cursor, self._pseudo_class_state)
        lines = self._cells_drawn.get(key)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if len(self._cells_drawn) >= DRAWN_CELLS:
                self._cells_drawn.clear()
            self._cells_drawn[key] = lines
        return lines

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cells_drawn.clear()  # a new look (theme, focus): drawn again

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        keys = [c.key for c in self.spec]
        self.sort_by(keys.index(str(event.column_key.value)))


def widest_of(rows: Sequence[Row], columns: int) -> list[int]:
    """The widest cell of each of `columns` columns over `rows`."""
    widths = [r.widths() for r in rows]
    return [max((w[i] for w in widths), default=0) for i in range(columns)]


def _width(value: object) -> int:
    """How many cells a value takes on one line (its longest line)."""
    if value is None or value == "":
        return 1
    text = value.plain if isinstance(value, Text) else str(value)
    return max((cell_len(line) for line in text.splitlines() or [""]), default=0)

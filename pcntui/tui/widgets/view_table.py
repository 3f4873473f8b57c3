"""A DataTable that keeps every row it was given and shows a filtered, sorted view of them.

Rows carry display cells (what you see), sort values (what ordering uses: `views.base.sort_key`,
numbers, Decimal money and WTE too, by size; dates as dates; blanks last) and an export key, so
`x` writes exactly the rows on screen, in screen order, with the raw values. Meant for bounded lists (up to a
few thousand rows); screens load them in workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from pcntui.tui.safe import guard, plain
from pcntui.views.base import sort_key


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    numeric: bool = False  # right-aligned
    width: int | None = None


@dataclass
class Row:
    key: str
    cells: Sequence[object]  # display values (None shows as "–")
    sort: Sequence[object] = ()  # one per column; defaults to the cells
    search: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.sort:
            self.sort = tuple(self.cells)
        if not self.search:
            self.search = " ".join("" if c is None else str(c) for c in self.cells).casefold()


class ViewTable(DataTable):
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

    def on_mount(self) -> None:
        for col in self.spec:
            self.add_column(col.label, key=col.key, width=col.width)

    # ---------------------------------------------------------------- data
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.all_rows = list(rows)
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
            rows = [r for r in rows if all(w in r.search for w in words)]
        if self.sort_column is not None:
            i = self.sort_column
            ordered = sorted(rows, key=lambda r: sort_key(r.sort[i]), reverse=self.sort_reverse)
            if self.sort_reverse:  # keep blanks last
                ordered = [r for r in ordered if sort_key(r.sort[i])[0] != 2] + [
                    r for r in ordered if sort_key(r.sort[i])[0] == 2
                ]
            rows = ordered
        return rows

    def _cell(self, value: object, col: Col) -> object:
        if value is None or value == "":
            return Text("–", style="dim", justify="right" if col.numeric else "left")
        if isinstance(value, Text):
            return guard(value)
        return plain(value, justify="right" if col.numeric else None)

    def _render_rows(self) -> None:
        keep = self.current_key()
        self.shown = self._visible()
        self.clear(columns=False)
        for row in self.shown:
            self.add_row(*(self._cell(v, c) for v, c in zip(row.cells, self.spec)), key=row.key)
        if keep is not None:
            for index, row in enumerate(self.shown):
                if row.key == keep:
                    self.move_cursor(row=index, animate=False)
                    break
        self.post_message(self.ViewChanged(self))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_index)

"""What every table the user sees is: a View of typed rows, built once for the CLI, the TUI,
`x` and `pcntui export`.

Values in rows are typed (Decimal, int, date, str, bool, None), never pre-formatted text:
`views.format.cell` makes the display text, `sort_key` the order, the CSV writer the file.
A big view streams: its rows may be a function returning a fresh iterator (e.g. pages of a
query), read only while it is written, so it is never held in memory whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from itertools import chain, islice
from typing import TYPE_CHECKING

from pcntui.store.tx import Reader
from pcntui.views.format import cell

if TYPE_CHECKING:
    from pcntui.domain.period import Period


class Kind(StrEnum):
    """What a column holds: how it is shown (views.format) and sorted (sort_key)."""

    TEXT = "text"
    INT = "int"  # an id or a plain whole number
    COUNT = "count"  # people or things: 1,234
    MONEY = "money"  # Decimal pounds: £1,234.50
    MONEY_WHOLE = "money_whole"  # Decimal pounds shown whole: £1,235
    WTE = "wte"  # Decimal whole-time equivalent: 0.80
    PCT = "pct"  # a percentage: 80%
    DECIMAL = "decimal"
    SCORE = "score"  # a Decimal score shown to one place (an IMD score: 34.9); the CSV keeps it as held
    DATE = "date"
    MONTH = "month"  # a date shown as its month: Nov 2026
    BOOL = "bool"  # yes / no
    CHOICE = "choice"  # a code shown in words (Column.words)


NUMERIC = frozenset({Kind.INT, Kind.COUNT, Kind.MONEY, Kind.MONEY_WHOLE, Kind.WTE, Kind.PCT, Kind.DECIMAL,
                     Kind.SCORE})


@dataclass(frozen=True)
class Column:
    key: str  # the documented CSV column name
    label: str  # the screen header
    kind: Kind = Kind.TEXT
    priority: int = 1  # 0 = always on screen; higher numbers give way first on a narrow screen
    screen: bool = True  # False: CSV only
    csv: bool = True  # False: screen only
    words: Mapping[str, str] | None = None  # CHOICE: code → words

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


@dataclass(frozen=True)
class Row:
    key: str  # unique in its view: what `enter` and the cursor follow
    values: tuple[object, ...]  # one per column, typed
    tags: frozenset[str] = frozenset()  # "total", "problem", "warning", "dim", "rag:red" …
    opens: str | None = None  # what `enter` opens (None: nothing)


@dataclass(frozen=True)
class Span:
    """A piece of a summary line: plain text, a semantic tag, and the command it names (the TUI shows its key)."""

    text: str
    tag: str = ""
    command: str | None = None


Line = tuple[Span, ...]
Rows = Sequence[Row] | Callable[[], Iterable[Row]]  # a sequence, or a function giving a fresh iterator
Batches = Callable[[], Iterable[Sequence[Sequence[object]]]]  # a fresh iterator of batches of rows' values


def sort_key(value: object, kind: Kind | None = None) -> tuple:
    """Order of a value: numbers (Decimal too) by size, dates by date, no before yes, text by its
    casefold (a TEXT or CHOICE column sorts every value as text); blanks last. `kind` None:
    by the value's type. Keys of one column's values compare with each other."""
    if value is None or value == "":
        return (2, 0, "")
    if kind in (Kind.TEXT, Kind.CHOICE) or isinstance(value, str):
        return (1, 0, str(value).casefold())
    if isinstance(value, (bool, int, float, Decimal)):
        return (0, value, "")
    if isinstance(value, (date, datetime)):
        return (0, 0, value.isoformat())
    return (1, 0, str(value).casefold())


@dataclass(frozen=True)
class View:
    kind: str  # the catalog KIND it is exported as
    title: str
    columns: tuple[Column, ...]
    rows: Rows = ()
    summary: tuple[Line, ...] = ()  # the block above the table: no markup, no key prose
    # a big view's values as SQLite stores them (text, whole numbers, blanks; dates as ISO text), a
    # batch at a time from one query: files are written from them as they are; `rows` is then unused
    batches: Batches | None = None

    def iter_rows(self) -> Iterator[Row]:
        """The rows in order; a streamed view reads its source afresh each time (rows of `batches`
        are keyed by their position, their dates typed)."""
        if self.batches is None:
            return iter(self.rows() if callable(self.rows) else self.rows)
        dates = [i for i, c in enumerate(self.columns) if c.kind == Kind.DATE]

        def typed(values: Sequence[object]) -> tuple[object, ...]:
            out = list(values)
            for i in dates:
                out[i] = date.fromisoformat(out[i]) if isinstance(out[i], str) and out[i] else out[i]
            return tuple(out)

        return (Row(str(n), typed(v)) for n, v in enumerate(chain.from_iterable(self.batches())))

    def value_batches(self, size: int = 1000) -> Iterator[Sequence[Sequence[object]]]:
        """The rows' values a batch at a time: what a file is written from."""
        if self.batches is not None:
            return iter(self.batches())
        rows = self.iter_rows()
        return iter(lambda: [r.values for r in islice(rows, size)], [])

    def text_of(self, row: Row) -> str:
        """What the filter matches: the row's display text, in lower case."""
        return " ".join(cell(v, c) for v, c in zip(row.values, self.columns)).casefold()

    def filtered(self, text: str) -> View:
        """Rows holding every word of `text` in their display text; rows tagged "total" are kept.
        Streamed views stay streamed."""
        words = text.casefold().split()
        if not words:
            return self

        def keep(row: Row) -> bool:
            return "total" in row.tags or all(w in self.text_of(row) for w in words)

        if self.batches is not None or callable(self.rows):
            source = self.iter_rows
            return replace(self, rows=lambda: (r for r in source() if keep(r)), batches=None)
        return replace(self, rows=tuple(r for r in self.rows if keep(r)))

    def sorted(self, column: int, reverse: bool = False) -> View:
        """Rows ordered by one column (blanks last either way; ties keep their order). Reads a
        streamed view whole."""
        kind = self.columns[column].kind
        rows = list(self.iter_rows())
        filled = [r for r in rows if sort_key(r.values[column], kind)[0] != 2]
        blank = [r for r in rows if sort_key(r.values[column], kind)[0] == 2]
        filled.sort(key=lambda r: sort_key(r.values[column], kind), reverse=reverse)
        return replace(self, rows=tuple(filled + blank), batches=None)


@dataclass(frozen=True)
class ViewQuery:
    """What a view is asked for: the period, the item (`export KIND --id X`), whether a year was
    given (`period = "optional-year"` views show every year without one) and named filters."""

    period: Period
    item: str | None = None
    fy_given: bool = True
    filters: Mapping[str, str] = field(default_factory=dict)


ViewFn = Callable[[Reader, ViewQuery], View]

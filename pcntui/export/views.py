"""The one CSV writer of views: `pcntui export KIND` and `x` on a screen both call `write_view`,
so the same view with the same filter gives the same bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.catalog import resolve, view_kind, view_kinds
from pcntui.errors import UserError
from pcntui.export.csvfile import fast_cell, write_batches, write_out
from pcntui.views.base import Column, Kind, Row, View, ViewQuery
from pcntui.views.load import view

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store.tx import Reader


EXACT = frozenset({Kind.WTE, Kind.PCT, Kind.DECIMAL, Kind.SCORE})  # a Decimal written as held


def _exact(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


def _month(value: object) -> object:
    return value.strftime("%Y-%m") if isinstance(value, date) else value


def _as_is(value: object) -> object:
    return value


def file_value(column: Column) -> Callable[[object], object]:
    """How a value of `column` goes into a file, before the CSV writer's rule for its type
    (csvfile.cell: money with 2 places, dates ISO, the Excel rule for text): a Decimal that is
    not money as the view holds it (`0.8`, `47.10`), a month as `YYYY-MM`, a code in words (PRODUCT.md:
    "words rather than internal codes"; the view adds a column of codes where they are wanted)."""
    if column.kind in EXACT:
        return _exact
    if column.kind == Kind.MONTH:
        return _month
    if column.kind == Kind.CHOICE and column.words:
        words = column.words
        return lambda value: words.get(value, value) if isinstance(value, str) else value
    return _as_is


def file_cell(column: Column) -> Callable[[object], object]:
    """`file_value` then the CSV writer's rule: what `write_view` writes for a value of `column`."""
    first = file_value(column)
    return fast_cell if first is _as_is else lambda value: fast_cell(first(value))


def csv_table(view: View, rows: Sequence[Row] | None = None) -> tuple[list[str], Iterator[list[object]]]:
    """The view's CSV column names and its rows (`rows`, else all of them, read lazily) with each
    value as `file_value` makes it: what `x` hands to the CSV writer, so it writes what
    `write_view` writes."""
    keep = [(i, file_value(c)) for i, c in enumerate(view.columns) if c.csv]
    source = view.iter_rows() if rows is None else iter(rows)
    return [view.columns[i].key for i, _ in keep], ([f(row.values[i]) for i, f in keep] for row in source)


def write_view(shown: View, out: str | Path | None) -> Path | None:
    """The view's CSV columns and rows to `out` (a file written atomically, mode 0600, with a BOM;
    stdout when None or '-'). Rows are written a batch at a time as they are read: a streamed
    view stays streamed."""
    keep = [i for i, c in enumerate(shown.columns) if c.csv]
    columns = [shown.columns[i] for i in keep]
    batches = shown.value_batches()
    if len(keep) < len(shown.columns):
        batches = ([[values[i] for i in keep] for values in batch] for batch in batches)
    return write_batches(out, [c.key for c in columns], batches, [file_cell(c) for c in columns],
                         stored=shown.batches is not None)


def export_kind(kind: str, reader: Reader, query: ViewQuery, out: str | Path | None, words: str = "") -> Path | None:
    """`pcntui export KIND`: the view's CSV, or the text of a non-CSV KIND (the calendar: no BOM)."""
    spec = view_kind(kind)
    if spec.format == "ics":
        if words:
            raise UserError(f"'export {kind}' has no rows to filter; leave out --filter.")
        return write_out(out, resolve(spec.target)(reader, query.period))
    return write_view(view(kind, reader, query).filtered(words), out)


def export_all(reader: Reader, period: Period, out_dir: Path, *, fy_given: bool = True) -> list[Path]:
    """Every view `export all` writes (not those about one item), one KIND.csv each in `out_dir`."""
    written = []
    for kind in view_kinds():
        if kind.in_all and not kind.item:
            path = write_view(view(kind.kind, reader, ViewQuery(period, fy_given=fy_given)), out_dir / f"{kind.kind}.csv")
            if path:
                written.append(path)
    return written

"""The one CSV writer of views: `pcntui export KIND` and `x` on a screen both call `write_view`,
so the same view with the same filter gives the same bytes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.catalog import resolve, view_kind, view_kinds
from pcntui.errors import UserError
from pcntui.export.csvfile import write_csv, write_out
from pcntui.views.base import View, ViewQuery
from pcntui.views.load import view

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store.tx import Reader


def write_view(shown: View, out: str | Path | None) -> Path | None:
    """The view's CSV columns and rows to `out` (a file written atomically, mode 0600, with a BOM;
    stdout when None or '-'). Rows are written as they are read: a streamed view stays streamed."""
    keep = [i for i, c in enumerate(shown.columns) if c.csv]
    return write_csv(out, [shown.columns[i].key for i in keep],
                     ([row.values[i] for i in keep] for row in shown.iter_rows()))


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

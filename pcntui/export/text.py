"""Plain-text tables for the CLI, fitted to a width (80 columns unless told)."""

from __future__ import annotations

from collections.abc import Sequence

WIDTH = 80
GAP = "  "


def fit(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int] = frozenset(),
        width: int = WIDTH) -> list[str]:
    """Columns as wide as their widest cell, two spaces apart, `right` ones right-aligned, each
    line cut at `width`."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], len(text))
    out = []
    for row in [headers, *rows]:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        out.append(GAP.join(cells).rstrip()[:width])
    return out

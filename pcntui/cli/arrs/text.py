"""Plain-text output of `pcntui arrs …`: numbers of WTE, fixed-width tables, alerts."""

from __future__ import annotations

import textwrap
from decimal import Decimal


WIDTH = 80


def fte(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    out = []
    for row in [headers, *rows]:
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)]
        out.append("  ".join(cells).rstrip()[:WIDTH])
    return out


def print_alerts(alerts) -> None:
    for a in alerts:
        mark = "!! " if a.severity == "problem" else " ! "
        print("\n".join(textwrap.wrap(mark + a.message, WIDTH, subsequent_indent="   ")))

"""What a user sees cut on the current screen, read from the rendered lines (not from a snapshot).

`cut_problems(app)` lists, in one sentence each:
- a DataTable header label not shown whole in its column (cut, with or without `…`);
- a DataTable column running past the table's right edge (the table should drop it instead);
- a cell holding a figure (a number, money, percentage or date, perhaps with a one-letter unit, as
  `100% · L £82,050`) not shown whole in its column;
- outside the tables, an amount of money cut short with `…` (e.g. `£82,…`).

It compares each column's label and cells with the characters drawn at that column's place on
screen, so re-recording a snapshot cannot hide a cut.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

# A cell "holds a figure" when it has a digit, no word of two letters or more and no code (S2): 1,460 ·
# £21,787 · 47.1% · 49/104 · 2026-10-31 · +0.20 · *** *** 5228 · 65–80% ↑ · 100% · L £82,050/£78,500.
FIGURE = re.compile(r"^(?!.*[A-Za-z]{2})(?!.*[A-Za-z]\d)[^\n]*\d")
CUT_MONEY = re.compile(r"£[\d,.]*…")


def _plain(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    return "" if value is None else str(value)


def cut_problems(app) -> list[str]:
    screen = app.screen
    strips = list(screen._compositor.render_strips())
    size = f"{app.size.width}×{app.size.height}"
    where = type(screen).__name__
    problems: list[str] = []
    in_tables: set[int] = set()
    for table in screen.query(DataTable):
        shown = _shown(screen, table)
        if shown is not None:
            in_tables.update(range(shown.y, shown.bottom))
            problems += [f"{where} at {size}, table #{table.id}: {p}" for p in _table_problems(table, shown, strips)]
    problems += [f"{where} at {size}: money is cut on line {y}: {line.text.strip()!r}"
                 for y, line in enumerate(strips) if y not in in_tables and CUT_MONEY.search(line.text)]
    return problems


def _shown(screen, table: DataTable) -> Region | None:
    """The part of the table's content on screen (clipped by whatever scrolls it), or None."""
    if table not in screen._compositor.visible_widgets:
        return None
    _, clip = screen._compositor.visible_widgets[table]
    shown = table.content_region.intersection(clip)
    return shown if shown.area else None


def _segment(strips: list[Strip], y: int, x0: int, x1: int) -> str:
    return strips[y].crop(x0, x1).text if 0 <= y < len(strips) else ""


def _table_problems(table: DataTable, shown: Region, strips: list[Strip]) -> list[str]:
    assert not table.fixed_columns and not table.fixed_rows, "fixed rows/columns are not checked"
    box = table.content_region
    right = box.x + box.width - (table.styles.scrollbar_size_vertical if table.show_vertical_scrollbar else 0)
    pad = table.cell_padding
    scroll_x, scroll_y = table.scroll_offset
    problems: list[str] = []
    x = box.x - scroll_x
    spans = []  # per column: its label, the screen x of its content, the content width
    for column in table.ordered_columns:
        outer = column.get_render_width(table)
        spans.append((_plain(column.label).strip(), x + pad, outer - 2 * pad))
        x += outer
    for label, cx, width in spans:
        if cx + width > right and cx < right:
            problems.append(f"column {label!r} runs past the table's right edge")
        elif cx >= right:
            problems.append(f"column {label!r} is off-screen to the right")
    if table.show_header and shown.y <= box.y < shown.bottom:
        for label, cx, width in spans:
            if cx < right and _segment(strips, box.y, cx, min(cx + width, right)).strip() != label:
                problems.append(f"header {label!r} is cut")
    top = box.y + (table.header_height if table.show_header else 0)
    y = top - scroll_y
    for index, row in enumerate(table.ordered_rows):
        if y >= shown.bottom:
            break
        if y >= max(top, shown.y):
            cells = table.get_row_at(index)
            for (label, cx, width), value in zip(spans, cells):
                text = _plain(value).strip()
                if cx < right and FIGURE.match(text):
                    drawn = _segment(strips, y, cx, min(cx + width, right)).strip()
                    if drawn != text:
                        problems.append(f"row {index + 1}, column {label!r}: {text!r} shows as {drawn!r}")
        y += row.height
    return problems

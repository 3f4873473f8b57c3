"""A screen's own table from typed values (tui/screens/table.py `typed_row`): each cell shown as
views.format shows its column's Kind, sorted by the value, so money sorts by size on every screen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.text import Text

from pcntui.tui.screens.table import Shown, cols_of, typed_row
from pcntui.views.base import Column, Kind, sort_key

COLUMNS = (Column("month", "Month", Kind.MONTH), Column("wte", "WTE", Kind.WTE),
           Column("cost", "Cost", Kind.MONEY_WHOLE), Column("cap", "Cap"), Column("note", "Note"))


def test_cells_are_shown_as_their_kind_and_sorted_by_their_value():
    row = typed_row("k", [date(2026, 11, 1), Decimal("0.8"), Decimal("10500"), "1 WTE", None], COLUMNS)
    assert row.cells == ["Nov 2026", "0.80", "£10,500", "1 WTE", None]  # None: the table's dash
    assert row.sort == [date(2026, 11, 1), Decimal("0.8"), Decimal("10500"), "1 WTE", None]


def test_a_shown_value_has_its_own_words_or_style_and_keeps_its_value_for_sorting():
    row = typed_row("k", [date(2026, 4, 1), Shown(Decimal("-0.001")), Shown(Decimal(9000), ""),
                          Shown(Decimal("1.5"), "OVER 1.5 WTE", "bold $text-error"), Shown("", style="$text-warning")],
                    COLUMNS)
    assert row.cells[1] == "0.00"  # a WTE that rounds to nothing is never -0.00
    assert row.cells[2] is None and row.sort[2] == Decimal(9000)  # blank on screen, still a number
    assert isinstance(row.cells[3], Text) and row.cells[3].plain == "OVER 1.5 WTE"
    assert str(row.cells[3].style) == "bold $text-error" and row.sort[3] == Decimal("1.5")
    assert row.cells[4] is None  # an empty note stays blank, whatever its style


def test_money_sorts_by_size_not_as_text():
    rows = [typed_row(str(n), [date(2026, 4, 1), Decimal(1), Decimal(n), "", ""], COLUMNS) for n in (10500, 9000)]
    ordered = sorted(rows, key=lambda r: sort_key(r.sort[2]))
    assert [r.cells[2] for r in ordered] == ["£9,000", "£10,500"]


def test_columns_of_a_typed_table_keep_alignment_priority_and_widths():
    cols = cols_of((Column("role", "Role", priority=0), Column("wte", "WTE", Kind.WTE), Column("id", "Id", screen=False),
                    Column("note", "Note", priority=2)), role=26)
    assert [(c.key, c.numeric, c.width, c.priority) for c in cols] == [
        ("role", False, 26, 0), ("wte", True, None, None), ("note", False, None, 2)]

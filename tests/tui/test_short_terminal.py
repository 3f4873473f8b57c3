"""At 80×24 (the smallest terminal we promise) every table screen leaves room for at least 8 rows of
its table: a section's header collapses to a compact form below 28 lines (issue 11 item 4)."""

from __future__ import annotations

import pytest

from pcntui.tui.screens.table import TableScreen
from tests.tui.conftest import settle

MIN_ROWS = 8
SCREENS = [("p",), ("a",), ("a", "m"), ("a", "exclamation_mark"), ("a", "v"), ("a", "w"), ("a", "b"), ("a", "l"),
           ("a", "enter"), ("i",), ("r",), ("s",), ("s", "enter"), ("s", "c"), ("h",)]


def visible_rows(screen: TableScreen) -> int:
    table = screen.table
    return table.scrollable_content_region.height - (table.header_height if table.show_header else 0)


@pytest.mark.parametrize("keys", SCREENS, ids=["-".join(k) for k in SCREENS])
async def test_the_table_keeps_eight_rows_at_80x24(make_app, demo_db, keys):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TableScreen), screen
        assert screen.data is not None and screen.table.row_count, keys
        assert visible_rows(screen) >= min(MIN_ROWS, screen.table.row_count), (keys, visible_rows(screen))


async def test_the_full_arrs_header_comes_back_on_a_taller_terminal(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#summary").display and not app.screen.query_one("#summary-compact").display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen.query_one("#summary-compact").display and not app.screen.query_one("#summary").display

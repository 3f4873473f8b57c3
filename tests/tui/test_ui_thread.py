"""Work the UI thread no longer does (issue 12 item 6): counted, never timed."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from pcntui.tui.widgets.view_table import Col, Row, ViewTable
from tests.tui.conftest import app_on, calls_to, press_each, screen_text, settle

pytestmark = pytest.mark.every_frame  # what the UI thread draws is counted: every frame painted, as Textual does

COLUMNS = [Col("name", "Name"), Col("role", "Role", width=20), Col("wte", "WTE", numeric=True),
           Col("start", "Start"), Col("amount", "Claimable", numeric=True)]


def rows(n: int) -> list[Row]:
    return [Row(str(i), [f"Person {i}", "Clinical Pharmacist" if i % 2 else "Paramedic", f"{i % 10}.00",
                         f"2025-{i % 12 + 1:02d}-01", f"£{i * 1000:,}"]) for i in range(n)]


class TableApp(App):
    def compose(self):
        yield ViewTable(COLUMNS, id="table")


@pytest.fixture
def measured(monkeypatch):
    """How many times DataTable measures a cell."""
    from textual.widgets import _data_table

    return calls_to(monkeypatch, _data_table, "measure")


async def test_a_long_table_is_shown_without_measuring_each_cell_again(measured):
    """The columns are fitted from the rows' widths (column_fit); DataTable's own pass measured every
    cell of every new row again on the UI thread. The table's size is what that pass gave."""
    from textual.widgets import DataTable

    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(ViewTable)
        measured[0] = 0
        table.set_rows(rows(300))  # DataTable measured all 1,500 cells
        await pilot.pause()
        await pilot.pause()
        assert measured[0] <= len(COLUMNS)  # the headers, as the columns are made; no cell
        widths = [w for w in table.widths if w is not None]
        assert table.virtual_size.width == sum(w + 2 * table.cell_padding for w in widths)
        assert table.virtual_size.height == 300 + 1  # the rows and the header
        table.set_filter("Paramedic")
        await pilot.pause()
        await pilot.pause()
        assert measured[0] <= 2 * len(COLUMNS) and table.virtual_size.height == 150 + 1
        sized = table.virtual_size
        DataTable._update_dimensions(table, list(table.rows))  # DataTable's own pass: the same size
        assert table.virtual_size == sized and measured[0] > 2 * len(COLUMNS)


async def test_a_table_not_fitted_yet_is_measured_as_datatable_measures_it(measured):
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(ViewTable)
        table.add_row("Person", "Role", "1.00", "2026-04-01", "£1", key="x")  # no rows set: no fitted widths
        await pilot.pause()
        await pilot.pause()
        assert measured[0] > 0 and table.virtual_size.height == 2


async def test_a_sections_first_visit_does_not_reparse_every_stylesheet(demo_path, monkeypatch):
    """Textual re-parsed and re-applied all CSS at each mode's first show (as after a theme change)."""
    reparsed = calls_to(monkeypatch, Stylesheet, "reparse")
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reparsed[0] = 0
        await press_each(pilot, "a", "s", "i", "r", "p", "h")
        assert reparsed[0] == 0
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"  # a real change still does
        await settle(pilot)
        assert reparsed[0] >= 1


async def test_a_search_keystroke_in_the_worklist_is_one_round_trip(demo_path, monkeypatch):
    """The count and the rows on screen come back together: one worker per keystroke (it was a count,
    then, once that was in, a worker for the first block)."""
    from pcntui.tui.screens.smr.worklist import WorklistScreen
    from pcntui.tui.widgets.worklist_view import WorklistView

    trips: list[str] = []
    real = WorklistView.run_worker

    def counting(self, work, *args, **kwargs):
        trips.append(kwargs.get("group", ""))
        return real(self, work, *args, **kwargs)

    monkeypatch.setattr(WorklistView, "run_worker", counting)
    app = app_on(demo_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press_each(pilot, "s", "w")
        screen = app.screen
        assert isinstance(screen, WorklistScreen) and screen.view.count
        await pilot.press("slash")
        await settle(pilot)
        for key, typed, trip in (("0", "0", ["worklist-count"]), ("0", "00", ["worklist-count"]),
                                 ("escape", None, [])):  # escape: the list held from before the search
            trips.clear()
            await pilot.press(key)
            await settle(pilot)
            assert screen.filters.search == typed
            assert trips == trip, (key, trips)
            assert not screen.view.busy and screen.view.entry_at(0) is not None  # its rows are on screen
            assert screen.view.rows_in_memory == min(screen.view.count, 100)


async def test_rows_shown_again_draw_no_cell_again(monkeypatch):
    """The same rows shown again (ARRS `[` back to a year held) reuse the lines their cells drew; DataTable
    drew every cell on screen again after any refill. The lines are DataTable's own."""
    from textual.widgets import DataTable

    drawn = [0]
    real = DataTable._render_cell

    def counting(self, row_index, *args, **kwargs):
        drawn[0] += row_index >= 0
        return real(self, row_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counting)
    async with shown_again_counting(drawn):
        pass


@asynccontextmanager
async def shown_again_counting(count: list[int]):
    """Show 40 rows, then other rows, then the first again: `count` must grow at the first showing,
    not at all at the last, and the screen must then be as first shown (yields the pilot and table)."""
    first = rows(40)
    other = [Row(f"other {r.key}", r.cells) for r in rows(40)[::-1]]  # keys of its own: the cursor stays put
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(ViewTable)
        table.set_rows(first)
        await pilot.pause()
        shown = screen_text(app)
        assert count[0] > 0
        table.set_rows(other)
        await pilot.pause()
        count[0] = 0
        table.set_rows(first)
        await pilot.pause()
        assert count[0] == 0 and screen_text(app) == shown
        yield pilot, table


async def test_rows_shown_again_assemble_no_line_again(monkeypatch):
    """Nor are their lines put together again (row, cursor and hover styles, padding, crop): a body line
    is kept for its row object, its place and its look. The header is DataTable's own, as before."""
    from textual.widgets import DataTable

    assembled = [0]
    real = DataTable._render_line_in_row

    def counting(self, row_key, *args, **kwargs):
        assembled[0] += row_key is not self._header_row_key
        return real(self, row_key, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_line_in_row", counting)
    async with shown_again_counting(assembled) as (pilot, table):
        table.move_cursor(row=3)  # a new look for two rows: only those are put together again
        await pilot.pause()
        assert 0 < assembled[0] <= 2


async def test_a_table_screens_cells_are_made_off_the_ui_thread(demo_path, monkeypatch):
    """The rows' cells as the table draws them (and their widths) are made in the load's worker."""
    import threading

    from pcntui.tui.widgets import view_table

    on_ui = [0]
    real = view_table.cell_text

    def counting(value, col):
        on_ui[0] += threading.current_thread() is threading.main_thread()
        return real(value, col)

    monkeypatch.setattr(view_table, "cell_text", counting)
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("a", "s", "i", "r", "h"):
            await press_each(pilot, key)
            assert app.screen.query_one(ViewTable).all_rows
        assert on_ui[0] == 0


@pytest.fixture
def layouts(monkeypatch):
    """How many times a screen is laid out (every widget placed again, then painted)."""
    from textual.screen import Screen

    return calls_to(monkeypatch, Screen, "_refresh_layout")


async def test_a_search_keystroke_lays_nothing_out_again(demo_path, layouts):
    """The box's text and the list's count change, not their sizes: Textual laid the screen out twice
    per keystroke (the box's virtual width, the list's virtual height). Only a scrollbar that comes or
    goes lays it out; the scrollbar follows the count in place."""
    from pcntui.tui.screens.smr.worklist import WorklistScreen

    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_each(pilot, "s", "w", "slash")
        screen = app.screen
        assert isinstance(screen, WorklistScreen)
        view = screen.view
        for key in ("0", "0", "1", "backspace", "backspace", "backspace"):
            bars = view.show_vertical_scrollbar
            layouts[0] = 0
            await pilot.press(key)
            await settle(pilot)
            assert not view.busy and view.virtual_size.height == view.count + 1
            if view.show_vertical_scrollbar == bars:
                assert layouts[0] == 0, key
            if view.show_vertical_scrollbar:
                assert view.vertical_scrollbar.window_virtual_size == view.count + 1
            assert f"{view.count:,} patient" in screen_text(app)


async def test_a_year_change_lays_nothing_out_again(make_app, demo_db, layouts):
    """`[` and `]` to years held: the header's year, the summary (as many lines) and the table's rows
    change in place; Textual laid the screen out twice per key."""
    from tests.tui.arrs.test_year_change import around_held, held

    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:  # (at 100×30 one year's summary wraps to a line more)
        screen = await around_held(pilot)
        for key, year in (("left_square_bracket", "2025/26"), ("right_square_bracket", "2026/27")):
            layouts[0] = 0
            await pilot.press(key)
            await settle(pilot)
            assert layouts[0] == 0, key
            await held(pilot, screen, app.fy.previous(), app.fy.next())
            text = screen_text(app)
            assert f"ARRS {year}" in text and f"FY {year}" in text.splitlines()[0] + text.splitlines()[1]


async def test_a_change_of_size_is_still_laid_out(layouts):
    """What does change size still lays the screen out: a summary a line longer, a table whose rows no
    longer need a scrollbar (it goes, and the table widens into its place)."""
    from textual.containers import Vertical

    from pcntui.tui.widgets.in_place import SteadyStatic

    class Summed(App):
        def compose(self):
            with Vertical():
                yield SteadyStatic("one line", id="summary")
                yield ViewTable(COLUMNS, id="table")

    app = Summed()
    async with app.run_test(size=(100, 30)) as pilot:
        table, summary = app.query_one(ViewTable), app.query_one(SteadyStatic)
        table.set_rows(rows(40))
        await settle(pilot)
        assert table.show_vertical_scrollbar
        layouts[0] = 0
        summary.update("another line")
        table.set_rows(rows(41))
        await settle(pilot)
        assert layouts[0] == 0 and table.vertical_scrollbar.window_virtual_size == 42
        summary.update("two\nlines")
        await settle(pilot)
        assert layouts[0] >= 1 and summary.size.height == 2 and table.region.y == 2
        layouts[0] = 0
        table.set_rows(rows(5))
        await settle(pilot)
        assert layouts[0] >= 1 and not table.show_vertical_scrollbar and not table.vertical_scrollbar.display


def restyles_of(monkeypatch, selector: str) -> list[int]:
    """How many times the widget `selector` is restyled (Textual's update_styles, e.g. for a class or its focus)."""
    count = [0]
    real = App.update_styles

    def counting(self, node, animate: bool = True):
        if node is not self and getattr(node, "id", None) == selector.lstrip("#"):
            count[0] += 1
        return real(self, node, animate)

    monkeypatch.setattr(App, "update_styles", counting)
    return count


async def test_the_worklist_search_comes_and_goes_with_nothing_laid_out_or_drawn_again(demo_path, layouts,
                                                                                      monkeypatch):
    """`/` and escape in the worklist: the search line keeps its room (nothing moves, so nothing is laid
    out); escape shows the rows held from before the search without drawing their lines or the
    scrollbar's look again, and restyles the search line once (its focus). Escape laid the screen out,
    drew every row and the scrollbar again, and restyled the box twice (hidden, then blurred)."""
    from textual.scrollbar import ScrollBar

    from pcntui.tui.widgets import worklist_view
    from tests.tui.smr.test_smr_screens import open_worklist

    app = app_on(demo_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_worklist(pilot)
        view, box = screen.view, screen.filter_input
        total, text = view.count, screen_text(app)
        assert view.show_vertical_scrollbar and not box.value
        for key in ("slash", "escape"):  # (Textual styles the list's scrollbar in full when the list first
            await pilot.press(key)  # loses focus: a layout, once)
            await settle(pilot)
        layouts[0] = 0
        await pilot.press("slash")
        await settle(pilot)
        assert layouts[0] == 0 and box.has_focus and "Search: start of a reference" in screen_text(app)
        for key in "003":
            await pilot.press(key)
            await settle(pilot)
        assert view.count < total and view.show_vertical_scrollbar  # (a scrollbar that came or went is laid out)
        rows_drawn = calls_to(monkeypatch, worklist_view, "cells")
        bars_drawn = [0]  # looks of the list's scrollbar drawn (ScrollBar's own drawing, under the looks kept)
        draw = ScrollBar.render_lines

        def drawing(bar, crop):
            bars_drawn[0] += bar is view.vertical_scrollbar
            return draw(bar, crop)

        monkeypatch.setattr(ScrollBar, "render_lines", drawing)
        restyled = restyles_of(monkeypatch, "#filter")
        layouts[0] = 0
        await pilot.press("escape")
        await settle(pilot)
        assert view.count == total and view.has_focus and not box.value and screen_text(app) == text
        assert (layouts[0], rows_drawn[0], bars_drawn[0], restyled[0]) == (0, 0, 0, 1)


async def test_a_filter_box_put_away_is_restyled_once(demo_path, monkeypatch):
    """Escape from a table screen's filter box: the box is restyled as it is hidden, not again as it
    then loses focus (Input restyles its component classes too)."""
    from pcntui.tui.screens.table import TableScreen

    app = app_on(demo_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press_each(pilot, "r", "slash", "a")
        screen = app.screen
        assert isinstance(screen, TableScreen) and screen.filter_input.has_focus
        restyled = restyles_of(monkeypatch, "#filter")
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.filter_input.display and screen.query_one("#table").has_focus
        assert restyled[0] == 1
        await pilot.press("slash")  # shown again: styled for its focus as it is then
        await settle(pilot)
        box = screen.filter_input
        assert box.display and box.has_focus and box.styles.background_tint.a > 0

"""Work the UI thread no longer does (issue 12 item 6): counted, never timed."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet

from pcntui.store import open_store
from pcntui.tui.app import PcnApp
from pcntui.tui.widgets.view_table import Col, Row, ViewTable
from tests.tui.conftest import TODAY, screen_text, settle

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

    count = [0]
    real = _data_table.measure

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(_data_table, "measure", counting)
    return count


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
    reparsed = [0]
    real = Stylesheet.reparse

    def counting(self):
        reparsed[0] += 1
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reparsed[0] = 0
        for key in ("a", "s", "i", "r", "p", "h"):
            await pilot.press(key)
            await settle(pilot)
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
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        for key in ("s", "w"):
            await pilot.press(key)
            await settle(pilot)
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
    first = rows(40)
    other = [Row(f"other {r.key}", r.cells) for r in rows(40)[::-1]]  # keys of its own: the cursor stays put
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(ViewTable)
        table.set_rows(first)
        await pilot.pause()
        shown = screen_text(app)
        assert drawn[0] > 0
        table.set_rows(other)
        await pilot.pause()
        drawn[0] = 0
        table.set_rows(first)
        await pilot.pause()
        assert drawn[0] == 0 and screen_text(app) == shown


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
    first = rows(40)
    other = [Row(f"other {r.key}", r.cells) for r in rows(40)[::-1]]
    app = TableApp()
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(ViewTable)
        table.set_rows(first)
        await pilot.pause()
        shown = screen_text(app)
        table.set_rows(other)
        await pilot.pause()
        assembled[0] = 0
        table.set_rows(first)
        await pilot.pause()
        assert assembled[0] == 0 and screen_text(app) == shown
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
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("a", "s", "i", "r", "h"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen.query_one(ViewTable).all_rows
        assert on_ui[0] == 0


async def test_start_up_parses_each_stylesheet_once(demo_path, monkeypatch):
    """The first screen was taken for one styled before a theme change: every stylesheet was parsed
    twice before the first frame. The App opens the file itself here, as `pcntui` does."""
    reparsed = [0]
    real = Stylesheet.reparse

    def counting(self):
        reparsed[0] += 1
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counting)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "alerts need you" in screen_text(app)
        assert reparsed[0] == 0


async def test_the_dashboard_builds_its_footer_once_and_no_view_until_x(demo_path, monkeypatch):
    """Opening the file and loading the figures only light keys already shown (dimmed while the file
    opens): the footer's keys are made once. Whether `x` can export is asked at each footer refresh
    and builds no view of the alerts (that is done when `x` is pressed)."""
    from textual.widgets._footer import FooterKey

    from pcntui.tui.widgets.footer import KeyFooter
    from pcntui.views import alerts

    views = [0]
    real_view = alerts.alerts_view

    def counting_view(*args, **kwargs):
        views[0] += 1
        return real_view(*args, **kwargs)

    monkeypatch.setattr(alerts, "alerts_view", counting_view)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        assert "alerts need you" in screen_text(app)
        assert footer.rebuilds == 1
        keys = {k.key: not k.has_class("-disabled") for k in app.screen.query(FooterKey)}
        assert keys["u"] and keys["x"] and keys["enter"]  # lit now the file is open and the figures are in
        assert views[0] == 0


async def test_the_figures_follow_the_first_frame_after_one_round_trip(demo_path, monkeypatch):
    """The worker that opens the file reads the dashboard's figures too: no second worker (and no
    second pass of the UI thread) between the first frame and the figures."""
    from pcntui.tui.screens.base import DataScreen

    loads = [0]
    real = DataScreen._fetch

    def counting(self, *args):
        loads[0] += 1
        return real(self, *args)

    monkeypatch.setattr(DataScreen, "_fetch", counting)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "alerts need you" in screen_text(app)
        assert loads[0] == 0
        await pilot.press("right_square_bracket")  # another year: read by the screen itself, as before
        await settle(pilot)
        assert loads[0] == 1 and "FY 2027/28" in screen_text(app)


async def test_start_up_styles_the_dashboards_widgets_once(demo_path, monkeypatch):
    """The first screen was restyled whole twice before the figures: at its first show (taken for a
    screen styled before a theme change) and at its first resize (its width and height classes)."""
    from collections import Counter

    styled: Counter = Counter()
    real = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        styled[node] += 1
        return real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "alerts need you" in screen_text(app)
        again = {type(n).__name__ for n in app.screen.walk_children(with_self=True) if styled[n] > 1}
        assert again <= {"AlertList", "FooterKey"}, again  # (focused; lit once the file is open)


FIGURES_ONLY = """
import asyncio, sys
from datetime import date
import pcntui.cli.main
from pcntui.tui.app import PcnApp
from pcntui.tui.screens.dashboard import DashboardScreen

shown = []
show = DashboardScreen.show

def showing(self, data):
    show(self, data)
    shown.append(sorted(m for m in sys.modules if m.startswith("pcntui")))

DashboardScreen.show = showing

async def main():
    app = PcnApp(sys.argv[1], today=date.fromisoformat(sys.argv[2]))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(2000):
            await pilot.pause(0.01)
            if shown:
                print("figures", " ".join(shown[0]))
                break

asyncio.run(main())
"""


def test_the_dashboards_figures_load_no_code_they_do_not_show(demo_path):
    """Start-up to the figures: no CLI parser registry, no palette provider, no table views (the
    title line was read through the PCN screen's view module, the export check built the alerts
    view). A fresh process, as `pcntui` starts, on a file whose status is kept (as after any check-in)."""
    import subprocess
    import sys
    from pathlib import Path

    from pcntui.cli.main import main

    assert main(["status", "--db", str(demo_path), "--as-of", TODAY.isoformat()]) in (0, 1)
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", FIGURES_ONLY, str(demo_path), TODAY.isoformat()],
                         capture_output=True, text=True, cwd=root).stdout.split()
    assert out[:1] == ["figures"], out
    loaded = set(out)
    assert not loaded & {"pcntui.cli.registry", "pcntui.tui.commands.provider", "pcntui.views.base",
                         "pcntui.views.pcn", "pcntui.views.alerts"}, sorted(loaded & {"pcntui.cli.registry",
                         "pcntui.tui.commands.provider", "pcntui.views.base", "pcntui.views.pcn", "pcntui.views.alerts"})


async def test_the_dashboards_panels_read_no_toml_as_they_draw(demo_path, monkeypatch):
    """`reach` (the panels' "press s then g" hints, at each draw) parsed shell.toml again each time.
    (The status is kept, as after any check-in: its catalog is not read either.)"""
    import tomllib

    from pcntui.cli.main import main
    from pcntui.tui.commands import commands

    assert main(["status", "--db", str(demo_path), "--as-of", TODAY.isoformat()]) in (0, 1)
    commands()  # the registry itself is read once, at import
    loads = [0]
    real = tomllib.load

    def counting(*args, **kwargs):
        loads[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(tomllib, "load", counting)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "press" in screen_text(app)  # a panel's hint, worked out by `reach`
        assert loads[0] == 0


async def test_the_collector_is_held_from_start_up_to_the_figures(demo_path, monkeypatch):
    """`pcntui` holds Python's cyclic collector from before Textual is imported (its passes over
    start-up's objects were a fifth of the CPU time to the figures); the App gives it back, with
    start-up's objects frozen out of its passes, once the figures are drawn."""
    import gc

    import pcntui.tui.app as app_module
    from pcntui.cli.main import main

    held = []
    monkeypatch.setattr(app_module, "run", lambda path, today: held.append(gc.isenabled()) or 0)
    try:
        assert main(["--db", str(demo_path)]) == 0
        assert held == [False]
        app = PcnApp(demo_path, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert "alerts need you" in screen_text(app)
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()

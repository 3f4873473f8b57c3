"""The shell: start screen, section keys, years, help, palette, back and quit, at every size."""

from __future__ import annotations

import pytest

from pcntui.tui.commands.provider import PcnCommands
from pcntui.tui.screens.dashboard import DashboardScreen
from pcntui.tui.screens.help import HelpScreen
from pcntui.tui.screens.history import HistoryScreen
from pcntui.tui.screens.pcn import PcnScreen, PracticeScreen
from pcntui.tui.sections import SECTIONS
from pcntui.tui.widgets.section_bar import SectionBar
from tests.tui.conftest import screen_text, settle


async def test_dashboard_first_with_the_pcn_and_year(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title == "U99901 Riverside & Downs Demo PCN · FY 2026/27"
        from pcntui.tui.widgets.glance import FigurePanel

        panels = list(app.screen.query(FigurePanel))
        assert [p.glance.key for p in panels] == ["arrs", "smr", "interventions", "requirements", "iif"]
        # its one alert asks for the entitlement: the alerts have the focus, on it
        assert app.focused is app.screen.query_one("#alerts")
        assert "No ARRS entitlement is set for 2026/27" in screen_text(app)
        bar = app.screen.query_one(SectionBar)
        assert "FY 2026/27" in bar.period_text().plain
        assert "as of 23 Nov 2026" in bar.as_of_text().plain
        assert "‹ FY 2026/27 ›  as of 23 Nov 2026" not in screen_text(app)  # under 120 columns: no date
        assert "‹ FY 2026/27 › " in screen_text(app).splitlines()[1]


async def test_section_keys_switch_screens(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        assert app.screen.table.row_count == 6
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.table.row_count == 1
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        # The section bar is clickable: " Dashboard  PCN  …", PCN in columns 11-15.
        await pilot.click(SectionBar, offset=(13, 0))
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)


async def test_year_keys_change_the_financial_year(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        version = app.data_version
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.fy.label == "2025/26"
        assert app.period.fy.label == "2025/26"
        assert "FY 2025/26" in app.sub_title
        assert "‹ FY 2025/26 ›" in screen_text(app).splitlines()[1]
        assert app.data_version == version + 1
        assert app.screen.loaded_version == app.data_version  # the dashboard recomputed for the year
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.fy.label == "2027/28"
        assert "FY 2027/28" in app.sub_title
        # Another section picks the year up when shown.
        await pilot.press("p")
        await settle(pilot)
        assert "‹ FY 2027/28 ›" in screen_text(app).splitlines()[1]


async def test_help_lists_the_keys_of_the_current_screen(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        here = {line.title: line.keys for line in app.screen.here}
        everywhere = {line.title: line.keys for line in app.screen.everywhere}
        assert here["Filter rows"] == "/"
        assert here["Sort by a column"] == "o"
        assert here["Export to CSV"] == "x"
        assert here["Open the selected row"] == "enter"
        assert everywhere["Undo the last change"] == "u"
        assert everywhere["Previous financial year"] == "[" and everywhere["Next financial year"] == "]"
        assert everywhere["Go to Dashboard"] == "d" and everywhere["Go to History"] == "h"
        assert everywhere["Quit"] == "q" and everywhere["Back"] == "esc"
        assert everywhere["Command palette"] == "ctrl+p"
        assert "PCN" in app.screen.heading
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        # The dashboard's help has no table keys.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        here = {line.title: line.keys for line in app.screen.here}
        assert "Filter rows" not in here and here["Export to CSV"] == "x"
        assert "arrow keys" in app.screen.about  # moving between blocks is plumbing, not a command


async def test_palette_runs_an_action(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"go to history")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_palette_offers_the_table_keys_only_on_tables(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        async def titles() -> set[str]:
            provider = PcnCommands(app.screen)
            return {hit.text or str(hit.display) for hit in [h async for h in provider.discover()]}

        on_dashboard = await titles()
        assert {"Go to PCN", "Undo the last change", "Export to CSV", "Next financial year", "Quit"} <= on_dashboard
        assert "Filter rows" not in on_dashboard  # no table on the dashboard
        assert "ARRS: add a staff member" in on_dashboard  # another section's command: it goes there
        await pilot.press("p")
        await settle(pilot)
        assert {"Filter rows", "Sort by a column", "Open the selected row", "Export to CSV"} <= await titles()


async def test_enter_opens_and_escape_goes_back_then_to_the_dashboard(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # on the alert asking for the entitlement: opens ARRS
        await settle(pilot)
        assert app.current_mode == "arrs"
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape")  # nothing further back: stays
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_q_quits(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


SHELL_SIZES = ((80, 24), (100, 30), (160, 50), (200, 60))


async def test_every_screen_renders_at_every_size(make_app, pcn_db):
    """The shell's screens at each size: one app, each screen opened once and the terminal resized."""
    app = make_app(pcn_db)
    async with app.run_test(size=SHELL_SIZES[0]) as pilot:
        await settle(pilot)
        for keys, kind in [((), DashboardScreen), (("p",), PcnScreen), (("enter",), PracticeScreen)]:
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, kind)
            for size in SHELL_SIZES:
                await pilot.resize_terminal(*size)
                await settle(pilot)
                text = screen_text(app)
                bar = text.splitlines()[1]
                assert all(s.title in bar for s in SECTIONS), (kind.__name__, size, bar)  # every section tab fits
                assert "FY 2026/27" in text, (kind.__name__, size)
                # the bar's year from 100 columns, its date from 120, each time the width changes
                assert ("‹ FY 2026/27 ›" in bar, "as of 23 Nov 2026" in bar) == (size[0] >= 100, size[0] >= 120), bar
                if kind is PcnScreen:
                    assert "Riverside Medical Centre" in text, size
                    if size[0] >= 100:
                        assert "System" in text, size  # the whole practice table is visible from 100 columns
                if kind is PracticeScreen:
                    assert "Extract" in text and "2026-07-01" in text, size


@pytest.mark.every_frame  # (painted as Textual paints: a line drawn before the screen's width class is set stays)
async def test_the_bar_of_a_screen_opened_after_a_resize_fits_its_width(make_app, pcn_db):
    """The bar reads the width it is drawn at: a screen opened after the terminal grew from 80 to 100
    columns showed the date as well as the year (its screen had no width class yet as it was drawn)."""
    app = make_app(pcn_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PracticeScreen)
        bar = screen_text(app).splitlines()[1]
        assert "‹ FY 2026/27 ›" in bar and "as of" not in bar, bar

"""The roll-up in the TUI: the same rows as the CLI, `x` writes the CLI's CSV byte for byte, `enter`
opens a PCN's dashboard read-only (banner, no editing key, nothing written), escape comes back."""

from __future__ import annotations

from textual.widgets import Input, Static

from pcntui.domain.period import Period
from pcntui.report.rollup import Request
from pcntui.tui.app import PcnApp
from pcntui.tui.commands import editing_actions
from pcntui.tui.rollup_app import RollupApp
from pcntui.tui.screens.dashboard import DashboardScreen
from pcntui.tui.screens.rollup import FolderModal, RollupScreen
from tests.rollup.conftest import fingerprint, foreign_sqlite, pcntui
from tests.tui.conftest import TODAY, give_path, screen_text, settle


def folder_of_pcns(demo_copy, tmp_path):
    folder = tmp_path / "icb"
    demo_copy("riverside.db", folder=folder)
    demo_copy("harbour.db", "U12345", folder=folder)
    foreign_sqlite(folder / "other.db")
    return folder


async def test_rollup_tui_rows_export_and_read_only_dashboard(demo_copy, tmp_path):
    folder = folder_of_pcns(demo_copy, tmp_path)
    before = fingerprint(folder)
    cli_csv = tmp_path / "cli.csv"
    pcntui("rollup", folder, "--out", cli_csv)
    app = RollupApp([folder], Request(Period.make(TODAY)))
    out = tmp_path / "tui.csv"
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RollupScreen)
        assert [r.key.rsplit("/", 1)[-1] for r in screen.table.shown] == ["harbour.db", "riverside.db"]
        assert [r.cells[0] for r in screen.table.shown] == ["U12345", "U99901"]
        summary = str(screen.query_one("#summary", Static).render())
        assert "2 PCNs" in summary and "1 skipped" in summary and "other.db" in summary
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.click("#save")
        await settle(pilot)
        assert out.read_bytes() == cli_csv.read_bytes()  # the CLI's CSV, byte for byte

        await pilot.press("enter")  # the first row: harbour.db
        await settle(pilot)
        dash = app.screen
        assert isinstance(dash, DashboardScreen) and dash.read_only
        banner = dash.query_one("#read-only-banner", Static)
        assert "READ-ONLY: U12345" in str(banner.render())
        assert "press " not in screen_text(app)  # no key to suggest where nothing can be changed
        for action in editing_actions():
            assert dash.check_action(action, ()) is False, action
            assert app.check_action(action, ()) is False, action
        assert app.check_action("section", ("arrs",)) is False
        assert dash.check_action("open", ()) is False
        for key in ("u", "n", "e", "a", "enter", "delete"):
            await pilot.press(key)
        await settle(pilot)
        assert app.screen is dash
        assert fingerprint(folder) == before  # open for its dashboard: still nothing written
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")  # the roll-up is the whole App: escape stays on it
        await settle(pilot)
        assert app.screen is screen
    assert fingerprint(folder) == before


async def test_palette_entry_opens_a_rollup_from_the_normal_app(demo_copy, tmp_path):
    folder = folder_of_pcns(demo_copy, tmp_path)
    own = demo_copy("own.db", folder=tmp_path / "mine")
    app = PcnApp(own, today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await app.run_action("rollup")
        await settle(pilot)
        await give_path(pilot, folder, FolderModal)
        assert isinstance(app.screen, RollupScreen)
        assert len(app.screen.table.shown) == 2
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.screen.read_only
        assert app.check_action("undo", ()) is False  # the App's own file is not the one shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RollupScreen)
        assert app.check_action("undo", ()) is True


def test_rollup_tui_is_a_cli_option():
    p = pcntui("rollup", "--help")
    assert "--tui" in p.stdout

"""From `pcntui` to the dashboard's figures (issue 12: figures on screen as fast as an empty
Textual app): work start-up no longer does, counted, never timed. Each test opens the demo file as
`pcntui` does (the App opens it itself, after the first frame)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections import Counter
from contextlib import asynccontextmanager
from pathlib import Path

from textual.css.stylesheet import Stylesheet

from pcntui.cli.main import main
from pcntui.tui.app import PcnApp
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.widgets.footer import KeyFooter
from tests.tui.conftest import TODAY, calls_to, footer_keys, screen_text, settle


@asynccontextmanager
async def figures_on_screen(path):
    app = PcnApp(path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "alerts need you" in screen_text(app)
        yield app, pilot


def status_kept(path) -> None:
    """The file's status kept, as after any check-in (`pcntui status`)."""
    assert main(["status", "--db", str(path), "--as-of", TODAY.isoformat()]) in (0, 1)


async def test_start_up_parses_each_stylesheet_once(demo_path, monkeypatch):
    """The first screen was taken for one styled before a theme change: every stylesheet was parsed
    twice before the first frame."""
    reparsed = calls_to(monkeypatch, Stylesheet, "reparse")
    async with figures_on_screen(demo_path):
        assert reparsed[0] == 0


async def test_start_up_styles_the_dashboards_widgets_once(demo_path, monkeypatch):
    """The first screen was restyled whole twice before the figures: at its first show (taken for a
    screen styled before a theme change) and at its first resize (its width and height classes)."""
    styled: Counter = Counter()
    real = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        styled[node] += 1
        return real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    async with figures_on_screen(demo_path) as (app, _pilot):
        again = {type(n).__name__ for n in app.screen.walk_children(with_self=True) if styled[n] > 1}
        assert again <= {"AlertList"}, again  # (focused)


async def test_the_dashboard_builds_its_footer_once_and_no_view_until_x(demo_path, monkeypatch):
    """Opening the file and loading the figures only light keys already shown (dimmed while the file
    opens): the footer's keys are made once. Whether `x` can export is asked at each footer refresh
    and builds no view of the alerts (that is done when `x` is pressed)."""
    from pcntui.views import alerts

    views = calls_to(monkeypatch, alerts, "alerts_view")
    async with figures_on_screen(demo_path) as (app, _pilot):
        assert app.screen.query_one(KeyFooter).rebuilds == 1
        keys = {key: lit for key, _action, lit in footer_keys(app)}
        assert keys["u"] and keys["x"] and keys["enter"]  # lit now the file is open and the figures are in
        assert views[0] == 0


async def test_the_figures_follow_the_first_frame_after_one_round_trip(demo_path, monkeypatch):
    """The worker that opens the file reads the dashboard's figures too: no second worker (and no
    second pass of the UI thread) between the first frame and the figures."""
    loads = calls_to(monkeypatch, DataScreen, "_fetch")
    async with figures_on_screen(demo_path) as (app, pilot):
        assert loads[0] == 0
        await pilot.press("right_square_bracket")  # another year: read by the screen itself, as before
        await settle(pilot)
        assert loads[0] == 1 and "FY 2027/28" in screen_text(app)


async def test_the_dashboards_panels_read_no_toml_as_they_draw(demo_path, monkeypatch):
    """`reach` (the panels' "press s then g" hints, at each draw) parsed shell.toml again each time.
    (The status is kept: its catalog is not read either.)"""
    import tomllib

    from pcntui.tui.commands import commands

    status_kept(demo_path)
    commands()  # the registry itself is read once, at import
    loads = calls_to(monkeypatch, tomllib, "load")
    async with figures_on_screen(demo_path) as (app, _pilot):
        assert "press" in screen_text(app)  # a panel's hint, worked out by `reach`
        assert loads[0] == 0


async def test_the_alerts_and_the_section_bar_are_not_read_as_markup_again(demo_path, monkeypatch):
    """Between the file's figures and the screen, the UI thread read markup it need not: each alert
    group's sentence (a dozen on the demo), and the section bar's tabs and year at every draw (it
    was drawn again when the file opened, its year unchanged)."""
    from textual.content import Content

    from pcntui.tui.widgets.section_bar import SectionBar

    read: list[str] = []
    real = Content.from_markup.__func__

    def reading(cls, markup, **variables):
        read.append(str(markup))
        return real(cls, markup, **variables)

    monkeypatch.setattr(Content, "from_markup", classmethod(reading))
    async with figures_on_screen(demo_path) as (app, pilot):
        groups = app.screen.data.groups
        assert len(groups) > 5
        assert not [m for m in read for g in groups if g.text in m]  # no alert sentence parsed
        tabs = [m for m in read if "app.section(" in m]
        years = [m for m in read if "app.previous_year" in m]
        assert len(tabs) == 1 and len(years) == 1, (tabs, years)  # the one section bar, read once
        bar = app.screen.query_one(SectionBar)
        drawn = calls_to(monkeypatch, bar, "refresh")
        app.data_changed(bump=False)  # as when the file opened: the year is unchanged
        assert drawn[0] == 0
        await pilot.press("right_square_bracket")  # another year: drawn again, read again
        await settle(pilot)
        assert drawn[0] >= 1 and len([m for m in read if "app.previous_year" in m]) == 2
        assert "‹ FY 2027/28 ›" in screen_text(app).splitlines()[1]


async def test_the_alerts_bring_their_lines_up_to_date_once_per_draw(demo_path, monkeypatch):
    """Textual's OptionList brought its lines up to date again for every line it drew: the alerts
    list (drawn three times before the figures) does it once a draw, and draws what Textual draws."""
    from textual.geometry import Region
    from textual.widgets import OptionList

    from pcntui.tui.widgets.glance import AlertList

    async with figures_on_screen(demo_path) as (app, _pilot):
        alerts = app.screen.query_one(AlertList)
        everything = Region(0, 0, alerts.size.width, alerts.size.height)
        assert alerts.size.height >= 4 and alerts.option_count > alerts.size.height
        alerts._styles_cache.clear()
        textuals = OptionList.render_lines(alerts, everything)
        updates = calls_to(monkeypatch, alerts, "_update_lines")
        alerts._styles_cache.clear()
        ours = alerts.render_lines(everything)
        assert updates[0] == 1
        assert [list(line) for line in ours] == [list(line) for line in textuals]
        alerts.highlighted = 3  # and after a move, the lines (scrolled) as Textual finds them
        assert alerts._lines[alerts.scroll_offset.y][0] == OptionList._lines.fget(alerts)[alerts.scroll_offset.y][0]


async def test_the_collector_is_held_from_start_up_to_the_figures(demo_path, monkeypatch):
    """`pcntui` holds Python's cyclic collector from before Textual is imported (its passes over
    start-up's objects were a fifth of the CPU time to the figures); the App gives it back, with
    start-up's objects frozen out of its passes, once the figures are drawn."""
    import pcntui.tui.app as app_module

    held = []
    monkeypatch.setattr(app_module, "run", lambda path, today: held.append(gc.isenabled()) or 0)
    try:
        assert main(["--db", str(demo_path)]) == 0
        assert held == [False]
        async with figures_on_screen(demo_path):
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


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
    shown.append(sorted(m for m in sys.modules if m.startswith("pcntui") or m in ("tomllib", "argparse", "_strptime",
                                                                                   "textual.widgets._label", "calendar")))

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
NOT_FOR_THE_FIGURES = {"pcntui.cli.registry", "pcntui.tui.commands.provider", "pcntui.views.base", "pcntui.views.pcn",
                       "pcntui.views.alerts", "pcntui.cli.parser", "argparse", "tomllib", "_strptime",
                       "textual.widgets._label", "calendar"}


def figures_modules(demo_path) -> list[str]:
    """The modules loaded from `pcntui` to the dashboard's figures, in a fresh process as `pcntui`
    starts (the status kept, and a backup listed by the daily-backup check)."""
    status_kept(demo_path)
    assert main(["backup", "--db", str(demo_path)]) == 0  # (the check lists the backups)
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", FIGURES_ONLY, str(demo_path), TODAY.isoformat()],
                         capture_output=True, text=True, cwd=root).stdout.split()
    assert out[:1] == ["figures"], out
    return out[1:]


def test_the_dashboards_figures_load_no_code_they_do_not_show(demo_path):
    """Start-up to the figures: no CLI command registry, no palette provider, no table views (the
    title line was read through the PCN screen's view module, the export check built the alerts
    view), no argparse, no TOML parser (the commands' TOML is kept parsed: this process made it so
    as it imported the TUI; the status is kept), no `_strptime` (the daily-backup check, a backup there
    already), no Label (its styles were parsed for the one line under the panels), no `calendar` (the
    financial year's days in a month). A fresh process, as `pcntui` starts."""
    loaded = figures_modules(demo_path)
    assert not set(loaded) & NOT_FOR_THE_FIGURES, sorted(set(loaded) & NOT_FOR_THE_FIGURES)


def test_every_dataclass_the_figures_load_has_a_docstring(demo_path):
    """A dataclass without a docstring gets one made from `inspect.signature` as its module is
    imported: eight of them (the panels' figures, the sections, the backups...) on the way to the
    figures. (`pcntui status`'s own path: tests/status/test_status_imports.py.)"""
    from tests.status.test_status_imports import undocumented_dataclasses

    loaded = [m for m in figures_modules(demo_path) if m.startswith("pcntui")]
    assert len(loaded) > 40
    assert [name for module in loaded for name in undocumented_dataclasses(module)] == []

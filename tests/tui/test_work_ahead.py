"""Sections made ahead (tui/ahead.py): a first visit of ARRS, SMR or Interventions is a switch to a
screen already made, loaded and painted while the dashboard was read (issue 12 item 6)."""

from __future__ import annotations

import asyncio

import pytest

from pcntui.store import open_store
from pcntui.tui import ahead
from tests.tui.conftest import app_on, calls_to, screen_text, settle

ROOTS = {"a": "ArrsScreen", "s": "SmrScreen", "i": "InterventionsScreen"}


@pytest.fixture
def work_ahead(monkeypatch):
    monkeypatch.setattr(ahead, "ENABLED", True)


def painted(app) -> bool:
    """Every AHEAD section's first screen made, loaded and painted."""
    stacks = [app._screen_stacks.get(name) for name in ahead.AHEAD]
    return all(stack and ahead._steps.get(stack[0], (None, ""))[1] == "painted" for stack in stacks)


async def ahead_done(pilot) -> None:
    for _ in range(200):
        await settle(pilot)
        if painted(pilot.app):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the sections were not made ahead")


async def test_a_first_visit_of_a_section_made_ahead_reads_nothing_and_restyles_nothing(demo_path, work_ahead,
                                                                                      monkeypatch):
    """The visit shows data already held: no statement, no load, no restyle of the screen's widgets."""
    from textual.css.stylesheet import Stylesheet

    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ahead_done(pilot)
        app.poll_timer.pause()  # its look at the file (every two seconds) is not the visit's
        await settle(pilot)
        seen: list[str] = []
        app.store.conn.set_trace_callback(seen.append)
        restyled = calls_to(monkeypatch, Stylesheet, "update_nodes")
        try:
            for key, root in ROOTS.items():
                seen.clear()
                restyled[0] = 0
                await pilot.press(key)
                await settle(pilot)
                assert type(app.screen).__name__ == root and app.screen.loaded_version == app.data_version
                assert seen == [], key
                assert restyled[0] == 0, key
        finally:
            app.store.conn.set_trace_callback(None)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_screen_made_ahead_shows_what_a_screen_made_on_its_visit_shows(demo_path, tmp_path, monkeypatch, size):
    shown: dict[bool, list[str]] = {}
    for on in (False, True):
        monkeypatch.setattr(ahead, "ENABLED", on)
        path = tmp_path / f"{on}.db"
        path.write_bytes(demo_path.read_bytes())
        app = app_on(path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            if on:
                await ahead_done(pilot)
            shown[on] = []
            for key in ROOTS:
                await pilot.press(key)
                await settle(pilot)
                shown[on].append(screen_text(app))
    assert shown[True] == shown[False]


async def test_a_screen_made_ahead_shows_a_change_saved_since(demo_path, work_ahead):
    """Made ahead, then the data changes (here another copy's save): the visit loads it again."""
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ahead_done(pilot)
        first = app._screen_stacks["arrs"][0].table.shown[0].key  # the roster's first row, made ahead
        other = open_store(demo_path)
        with other.action("Rename a staff member"):
            other.conn.execute("UPDATE staff SET name = 'Aaron Renamed', rev = rev + 1 WHERE id = ?", [int(first)])
        other.close()
        app.data_changed()  # as the poll does on seeing another copy's write
        await pilot.press("a")
        await settle(pilot)
        assert "Aaron Renamed" in screen_text(app)


async def test_a_theme_change_restyles_a_screen_made_ahead(demo_path, work_ahead):
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ahead_done(pilot)
        waiting = app._screen_stacks["arrs"][0]
        assert ahead.styled_ahead(waiting)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        assert not ahead.styled_ahead(waiting)  # shown with a restyle, as any screen after a theme change
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is waiting and "ARRS 2026/27" in screen_text(app)

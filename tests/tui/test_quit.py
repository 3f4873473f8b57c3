"""Quitting while a screen is still being made: the program ends cleanly (exit code 0, no traceback)."""

from __future__ import annotations

import asyncio

from pcntui.tui import ahead
from pcntui.tui.widgets.in_place import PcnHeader
from tests.tui.conftest import settle


async def test_quitting_as_a_section_is_made_ahead_ends_cleanly(make_app, pcn_db, monkeypatch):
    """A section's first screen is being made ahead (tui/ahead.py) when `q` comes: its header mounts
    only once the App has stopped, Textual sets that header's title from a callback the App runs
    as it ends, after the header was removed. Seen under load in the real program (tmux): the
    traceback `NoMatches: No nodes match 'HeaderTitle'` and exit code 1."""
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the dashboard's own header mounted as usual
        held: list[PcnHeader] = []

        async def mounts_late(header: PcnHeader) -> None:  # (runs before Header's own mount handler)
            held.append(header)
            while header.app._running:  # a busy machine: the header's turn comes after the App stopped
                await asyncio.sleep(0)

        monkeypatch.setattr(PcnHeader, "on_mount", mounts_late, raising=False)
        app.call_later(ahead._make, app, "smr")  # what the work ahead does when the dashboard's load ends
        for _ in range(200):
            if held:
                break
            await pilot.pause()
        assert held, "the section's screen was not made"
        app.exit()  # the manager's `q`
    assert app.return_code == 0
    assert not app.is_running

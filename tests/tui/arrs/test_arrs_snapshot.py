"""One SVG snapshot of the ARRS roster at 100×30 (demo DB, today pinned, only the shell's tabs in the bar).

Update after an intended change of look: `pytest tests/tui/arrs/test_arrs_snapshot.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import app_on, settle


@pytest.fixture(autouse=True)
def _fixed_tabs(monkeypatch):
    """Other sections' tabs are left out so they can change without touching this picture."""
    from pcntui.tui import sections
    from pcntui.tui.widgets import section_bar

    core = [s for s in sections.SECTIONS if s.name in ("dashboard", "pcn", "arrs", "history")]
    monkeypatch.setattr(section_bar, "SECTIONS", core)


def test_arrs_roster_100x30(snap_compare, demo_db):
    async def open_arrs(pilot):
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    app = app_on(demo_db)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_arrs)

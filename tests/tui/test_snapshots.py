"""SVG snapshots at fixed sizes (pinned today, cursor blink off, only the PCN status block).

Update after an intended change of look: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then review `tests/tui/__snapshots__/` in the diff. Other domains' dashboard blocks and
section tabs are left out here so they can change without touching these pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pcntui.report import status
from pcntui.tui.app import PcnApp
from tests.tui.conftest import TODAY, app_on, settle


@pytest.fixture(autouse=True)
def _shell_only(monkeypatch):
    """The shell's own blocks and tabs: other sections change their look without touching these."""
    from pcntui.tui import sections
    from pcntui.tui.widgets import section_bar

    from pcntui import catalog
    from pcntui.views import alerts

    shell = tuple(b for b in catalog.status_blocks() if b.key == "pcn")
    monkeypatch.setattr(status, "status_blocks", lambda: shell)
    monkeypatch.setattr(alerts, "status_blocks", lambda: shell)
    core = [s for s in sections.SECTIONS if s.name in ("dashboard", "pcn", "history")]
    monkeypatch.setattr(section_bar, "SECTIONS", core)


def test_dashboard_80x24(snap_compare, pcn_db):
    assert snap_compare(app_on(pcn_db), terminal_size=(80, 24), run_before=settle)


def test_dashboard_160x50(snap_compare, pcn_db):
    assert snap_compare(app_on(pcn_db), terminal_size=(160, 50), run_before=settle)


def test_pcn_screen_100x30(snap_compare, pcn_db):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app_on(pcn_db), terminal_size=(100, 30), run_before=go)


def test_pcn_export_modal_80x24(snap_compare, pcn_db):
    async def go(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(app_on(pcn_db), terminal_size=(80, 24), run_before=go)


def test_first_run_80x24(snap_compare):
    app = PcnApp(Path("/nonexistent/pcntui/pcntui.db"), today=TODAY)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

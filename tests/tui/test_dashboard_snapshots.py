"""The complete dashboard on the demo PCN, pinned at 80×24 and 160×50 (issue 5).

Every figure on it comes from the demo database through the status blocks (ARRS, SMR,
interventions, requirements). Update after an intended change of look or of the demo:
`pytest tests/tui/test_dashboard_snapshots.py --snapshot-update`, then review the SVGs.
"""

from __future__ import annotations

from pcntui.store import open_store
from pcntui.tui.app import PcnApp
from tests.tui.conftest import TODAY, settle


def app_on(db) -> PcnApp:
    return PcnApp(db, today=TODAY, store=open_store(db, source="tui"))


def test_full_dashboard_80x24(snap_compare, demo_path):
    assert snap_compare(app_on(demo_path), terminal_size=(80, 24), run_before=settle)


def test_full_dashboard_160x50(snap_compare, demo_path):
    assert snap_compare(app_on(demo_path), terminal_size=(160, 50), run_before=settle)

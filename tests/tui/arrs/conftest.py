"""The ARRS TUI tests run on the full demo database (built once, copied per test), today 2026-11-23."""

from __future__ import annotations

import pytest

from tests.tui.conftest import light_dashboard


@pytest.fixture(autouse=True)
def _light_dashboard(monkeypatch):
    """The app starts on the dashboard; only its PCN block is built here (the ARRS screens are under test)."""
    light_dashboard(monkeypatch)

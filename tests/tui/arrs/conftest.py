"""The ARRS TUI tests run on the full demo database (built once, copied per test), today 2026-11-23."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcntui.store import open_store
from tests.tui.conftest import light_dashboard


@pytest.fixture(autouse=True)
def _light_dashboard(monkeypatch):
    """The app starts on the dashboard; only its PCN block is built here (the ARRS screens are under test)."""
    light_dashboard(monkeypatch)


def query(db_path: Path, sql: str, params=()) -> list[dict]:
    store = open_store(db_path)
    try:
        return store.query(sql, list(params))
    finally:
        store.close()


def is_form(screen, *models) -> bool:
    """`screen` is the form of one of these input models (tui/forms: every form is a FormModal)."""
    from pcntui.tui.forms import FormModal

    return isinstance(screen, FormModal) and screen.spec.model in models

"""The ARRS TUI tests run on the full demo database (built once, copied per test), today 2026-11-23."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pcntui.store import open_store
from tests.tui.conftest import TODAY


@pytest.fixture(autouse=True)
def _light_dashboard(monkeypatch):
    """The app starts on the dashboard; only its PCN block is built here (the ARRS screens are under test)."""
    from pcntui.report import status

    monkeypatch.setattr(status, "builders", lambda: [status.pcn_block])


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from pcntui.demo import write_demo

    path = tmp_path_factory.mktemp("arrs-demo") / "demo.db"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_db(_demo_template, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    return path


def query(db_path: Path, sql: str, params=()) -> list[dict]:
    store = open_store(db_path)
    try:
        return store.query(sql, list(params))
    finally:
        store.close()

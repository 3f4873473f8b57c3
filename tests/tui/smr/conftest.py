"""The SMR TUI tests run on the full demo database (built once, copied per test), today 2026-11-23."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pcntui.store import open_store
from tests.tui.conftest import TODAY


@pytest.fixture(scope="session")
def _smr_demo_template(tmp_path_factory) -> Path:
    from pcntui.demo import write_demo

    path = tmp_path_factory.mktemp("smr-demo") / "demo.db"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_db(_smr_demo_template, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(_smr_demo_template, path)
    return path


def query(db_path: Path, sql: str, params=()) -> list[dict]:
    store = open_store(db_path)
    try:
        return store.query(sql, list(params))
    finally:
        store.close()

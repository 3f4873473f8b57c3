"""Fixtures: the demo database (built once per session, copied per test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui.conftest import TODAY


@pytest.fixture(scope="session")
def _demo_built(tmp_path_factory) -> Path:
    from pcntui.demo import write_demo

    path = tmp_path_factory.mktemp("iv-demo") / "demo.db"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_db(_demo_built, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy2(_demo_built, path)
    return path

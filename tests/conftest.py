"""Shared fixtures. Real NHS files are read from ../shared/data (or $PCNTUI_SHARED_DATA).

Tests that need them use the `shared_data` fixture: skipped with a reason when the folder
is absent, but failing instead when PCNTUI_REQUIRE_REAL_DATA=1 (as .ci/run sets), so CI
can never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pcntui.store import Store, open_store

# Property tests are deterministic by default (the same examples every run, in CI and here);
# HYPOTHESIS_PROFILE=explore searches afresh each run.
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("PCNTUI_SHARED_DATA", ROOT.parent / "shared" / "data"))
TODAY = date(2026, 11, 23)  # "today" for every test unless a test says otherwise

MAP_FILE = "gp-reg-pat-prac-map_2026-07_sussex.csv"
AGE_FILE = "gp-reg-pat-prac-quin-age_2026-07_sussex-cornwall.csv"
IMD_FILE = "imd-2025-gp-practice_fingertips_sussex-cornwall.csv"
WORKFORCE_FILE = "pcn-workforce-individual_2026-06_sussex.csv"


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / MAP_FILE).is_file():
        reason = f"real NHS files not found at {SHARED_DATA} (set PCNTUI_SHARED_DATA)"
        if os.environ.get("PCNTUI_REQUIRE_REAL_DATA") == "1":
            pytest.fail(reason + "; PCNTUI_REQUIRE_REAL_DATA=1 forbids skipping")
        pytest.skip(reason)
    return SHARED_DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pcntui.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    s = open_store(db_path, mode="create")
    yield s
    s.close()


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """tmp_path/demo.db: a fresh copy of the demo (as of TODAY), built once per worker."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo database as of TODAY, built once per test session (per xdist worker); never
    opened by a test: use `demo_db`, a fresh copy."""
    from pcntui.demo import write_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database (as of TODAY) for one test."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> Store:
    s = open_store(demo_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch, tmp_path):
    """Never read or write the developer's own database or config; "today" is TODAY for the
    program too (a command given no --as-of would otherwise read the machine's clock)."""
    monkeypatch.setenv("PCNTUI_DB", str(tmp_path / "default-pcntui.db"))
    monkeypatch.setenv("PCNTUI_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))

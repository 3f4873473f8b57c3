import shutil
from datetime import date

import pytest

from pcntui.services.interventions.core import create_intervention


@pytest.fixture
def pcn_store(store):
    """An empty database with a PCN and two practices."""
    with store.action("test PCN") as tx:
        tx.db["pcn"].insert({"code": "U99901", "name": "Test PCN"})
        for code in ("Y90001", "Y90002"):
            tx.db["practice"].insert({"code": code, "pcn_code": "U99901", "name": f"Practice {code}"})
    return store


@pytest.fixture
def new_intervention(pcn_store):
    return create_intervention(pcn_store, {"title": "BP checks", "lead": "Dr A", "practices": "y90001"},
                               today=date(2026, 11, 23), on=date(2026, 1, 10)).value


@pytest.fixture
def demo_copy(demo_template, tmp_path):
    """A fresh copy of the demo database (tests/conftest.py's, built once per test session)."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path

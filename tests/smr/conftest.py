import shutil
from datetime import date
from pathlib import Path

import pytest

from pcntui.domain.fy import FinancialYear

FY = FinancialYear(2026)  # 1 Apr 2026 – 31 Mar 2027, the year of the `today` fixture (2026-11-23)
PRACTICES = ("Y90001", "Y90002", "Y90003")


@pytest.fixture
def pcn_store(store):
    """An empty database with a PCN and three practices."""
    with store.action("test PCN") as tx:
        tx.db["pcn"].insert({"code": "U99901", "name": "Test PCN"})
        for code in PRACTICES:
            tx.db["practice"].insert({"code": code, "pcn_code": "U99901", "name": f"Practice {code}"})
    return store


@pytest.fixture
def write_csv(tmp_path):
    """write_csv('name.csv', text) → path (text dedented, BOM optional via bom=True)."""

    def write(name: str, text: str, *, bom: bool = False) -> Path:
        import textwrap

        path = tmp_path / name
        body = textwrap.dedent(text).lstrip("\n")
        path.write_text(("\ufeff" if bom else "") + body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def smr_demo(demo_template, tmp_path):
    """A fresh copy of the demo database built once per session (as of 2026-11-23)."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


TODAY = date(2026, 11, 23)


def add_patient(store, practice: str, reference: str, cohorts, **fields) -> int:
    """A worklist patient added through the service (as `n` on the worklist does); its id."""
    from pcntui.services.smr.worklist import save_worklist_entry

    raw = {"practice_code": practice, "reference": reference, "cohorts": ";".join(cohorts), **fields}
    return save_worklist_entry(store, raw, today=TODAY).value

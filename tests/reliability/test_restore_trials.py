"""Kill -9 trials in CI (issue 8, item 11): 10 of an import and 10 of a restore at random moments
(fixed seed), each checked for lost records, half-imports, a mix of states, leftovers and
`pcntui check`. `python benchmarks/trials.py` runs the full 100 of each."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import trials  # noqa: E402

SEED = 8


@pytest.mark.parametrize("kind", ["kill-import", "kill-restore"])
def test_kill_trials(kind, tmp_path):
    summary = trials.run(kind, 10, SEED, tmp_path)
    assert summary.trials == 10
    assert (summary.failures, summary.lost) == (0, 0), summary.notes


def test_the_checks_see_what_they_look_for(demo_path, tmp_path, monkeypatch):
    """The trial checks are not blind: a lost row, a damaged file and a leftover are each seen."""
    import pcntui.store.dbfile as dbmod
    from pcntui.store import open_store

    before = trials.records(demo_path)
    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_path, copy)
    store = open_store(copy)
    with store.action("Lose one") as tx:
        tx.db.execute("DELETE FROM intervention_practice")
    store.close()
    lost = len(before["intervention_practice"])
    assert lost and trials.missing(before, trials.records(copy)) == lost
    assert trials.missing(before, trials.records(copy), before) == 0

    assert trials.problems_after_open(demo_path) == []
    damaged = tmp_path / "damaged.db"
    data = bytearray(demo_path.read_bytes())
    data[4096 * 3: 4096 * 6] = b"\xff" * (4096 * 3)
    damaged.write_bytes(bytes(data))
    assert trials.problems_after_open(damaged)

    (tmp_path / ".demo.db.restore-999999999-x").write_text("left by a killed run")
    monkeypatch.setattr(dbmod, "remove_leftovers", lambda path: None)  # as if the open forgot them
    assert any("left behind" in p for p in trials.problems_after_open(demo_path))

"""Kill -9 trials in CI (issue 8, item 11): 6 of an import and 10 of a restore at random moments
(fixed seed), each checked for lost records, half-imports, a mix of states, leftovers and
`pcntui check`. `python benchmarks/trials.py` runs the full 100 of each."""

from __future__ import annotations

import shutil

import pytest

from tests.reliability import kill_trials
from tests.reliability.trial_kit import each

SEED = 8


@pytest.mark.parametrize("kind, n", [("kill-import", 6), ("kill-restore", 10)])  # an import costs 1 s of CPU
def test_kill_trials(kind, n, tmp_path):
    trial = kill_trials.kill_import if kind == "kill-import" else kill_trials.kill_restore
    summary = each(kind, trial)(n, SEED, tmp_path)
    assert summary.trials == n
    assert (summary.failures, summary.lost) == (0, 0), summary.notes


def test_the_checks_see_what_they_look_for(demo_path, tmp_path, monkeypatch):
    """The trial checks are not blind: a lost row, a damaged file and a leftover are each seen."""
    import pcntui.store.dbfile as dbmod
    from pcntui.store import open_store

    before = kill_trials.records(demo_path)
    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_path, copy)
    store = open_store(copy)
    with store.action("Lose one") as tx:
        tx.db.execute("DELETE FROM intervention_practice")
    store.close()
    lost = len(before["intervention_practice"])
    assert lost and kill_trials.missing(before, kill_trials.records(copy)) == lost
    assert kill_trials.missing(before, kill_trials.records(copy), before) == 0

    assert kill_trials.problems_after_open(demo_path) == []
    damaged = tmp_path / "damaged.db"
    data = bytearray(demo_path.read_bytes())
    data[4096 * 3: 4096 * 6] = b"\xff" * (4096 * 3)
    damaged.write_bytes(bytes(data))
    assert kill_trials.problems_after_open(damaged)

    (tmp_path / ".demo.db.restore-999999999-x").write_text("left by a killed run")
    monkeypatch.setattr(dbmod, "remove_leftovers", lambda path: None)  # as if the open forgot them
    assert any("left behind" in p for p in kill_trials.problems_after_open(demo_path))

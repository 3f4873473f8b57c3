"""Two processes write to one file at once, undoing and redoing in between: every confirmed save
is in the file or correctly undone, no update is lost, the history is consistent, check is clean.
And the undo race: an undo never skips a save another process made at the same moment."""

from __future__ import annotations

from tests.reliability.trial_kit import Outcome
from tests.reliability.undo_race import run_trials
from tests.reliability.workers import run_pair


def test_two_processes_fifty_writes_each_with_undos_and_redos(tmp_path):
    """One trial of `writers` (benchmarks/trials.py runs 100)."""
    outcome = run_pair(tmp_path, seed=0, writes=50)
    assert outcome == Outcome(), outcome.note


def test_undo_races_a_save_ten_times(tmp_path):
    """A bounded run of the 100-trial undo race (`undo-race` in benchmarks/trials.py)."""
    result = run_trials(10, tmp_path)
    assert (result.trials, result.failures, result.lost, result.tracebacks) == (10, 0, 0, 0), result.notes

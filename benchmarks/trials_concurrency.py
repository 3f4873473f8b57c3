"""The undo race, 100 trials (tests/reliability/undo_race.py; the CI test runs 10).

    python benchmarks/trials_concurrency.py [--trials N] [--keep DIR]

Each trial: a fresh database, two processes released at the same moment, one saving and
one undoing. Prints one table row: trials, failures (an undo that skipped a newer save, a
failed integrity check), records lost (a confirmed save not in the file as recorded),
tracebacks. For benchmarks/trials.py's table: `tests.reliability.undo_race.run_trials(100)`
returns the TrialResult (name, trials, failures, records_lost, tracebacks, notes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout: tests.reliability

from tests.reliability.undo_race import run_trials  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="write the trial databases here (default: a temporary folder)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    r = run_trials(args.trials, args.keep)
    print(f"{'trial':<42} {'trials':>6} {'failures':>8} {'records lost':>12} {'tracebacks':>10}")
    print(f"{r.name:<42} {r.trials:>6} {r.failures:>8} {r.records_lost:>12} {r.tracebacks:>10}")
    for note in r.notes[:20]:
        print(f"  {note}")
    return 1 if r.failures or r.records_lost or r.tracebacks else 0


if __name__ == "__main__":
    raise SystemExit(main())

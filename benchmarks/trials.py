"""The full fault and bad-input trials of the installed program (issue 8), one table.

    python benchmarks/trials.py [--kinds K,K] [--trials N] [--seed 8] [--workdir DIR]

Kinds (each a function in tests/reliability/, whose tests run bounded versions in CI):

  kill-import    `pcntui import smr-worklist` (1,200 rows) killed with SIGKILL at a random moment
  kill-restore   `pcntui restore B` killed at a random moment
  undo-race      an undo released at the same moment as another process's save
  writers        two processes, 50 saves each with undos and redos, on one file
  fuzz-import    hostile files of every import KIND through `pcntui import KIND FILE`
  hostile-flags  every flag that takes a number, date, year or id, given nonsense
  hostile-text   every command on a file whose user text holds terminal controls and markup
  bad-file       every bad database file (not SQLite, another SQLite, newer, read-only, a
                 folder, missing) × every command

Default: 100 trials per kind, except fuzz-import (550 files: 50 per KIND), hostile-flags (4
values per flag), hostile-text (2 runs per command) and bad-file (every pair); `--trials N`
sets N for every kind. The program is the `pcntui` installed beside this Python (or
$PCNTUI_PROGRAM). Columns: trials with anything wrong ("failures"), records saved before a
fault and in no file after, tracebacks (or exit codes the contract does not have), nonsense
accepted, and databases changed although the input was refused. Exit 1 if any is not 0.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.reliability import input_trials, kill_trials  # noqa: E402
from tests.reliability.trial_kit import Outcome, Summary, each  # noqa: E402
from tests.reliability.undo_race import run_trials  # noqa: E402
from tests.reliability.workers import run_pair  # noqa: E402


def undo_race(n: int, seed: int, workdir: Path) -> Summary:
    folder = workdir / "undo-race"
    folder.mkdir(parents=True, exist_ok=True)
    return run_trials(n, folder, seed)


def writers(rng: random.Random, workdir: Path) -> Outcome:
    folder = workdir / "writers"
    shutil.rmtree(folder, ignore_errors=True)
    return run_pair(folder, rng.randrange(10**6), writes=50)


KINDS = {  # name → (run(n, seed, workdir) → Summary, default number of trials)
    "kill-import": (each("kill-import", kill_trials.kill_import), lambda: 100),
    "kill-restore": (each("kill-restore", kill_trials.kill_restore), lambda: 100),
    "undo-race": (undo_race, lambda: 100),
    "writers": (each("writers", writers), lambda: 100),
    "fuzz-import": (input_trials.fuzz_import, lambda: 550),
    "hostile-flags": (input_trials.hostile_flags, input_trials.hostile_flag_count),
    "hostile-text": (input_trials.hostile_text, input_trials.hostile_text_count),
    "bad-file": (input_trials.bad_files, input_trials.bad_file_count),
}
COLUMNS = [("trial kind", 14), ("trials", 6), ("failures", 8), ("records lost", 12), ("tracebacks", 10),
           ("accepted nonsense", 17), ("changed after refusal", 21), ("seconds", 7)]


def table(rows: list[tuple[Summary, float]]) -> str:
    lines = [" ".join(f"{name:<{w}}" if i == 0 else f"{name:>{w}}" for i, (name, w) in enumerate(COLUMNS))]
    for s, seconds in rows:
        values = [s.kind, s.trials, s.failures, s.lost, s.tracebacks, s.nonsense, s.changed, f"{seconds:.0f}"]
        lines.append(" ".join(f"{v:<{w}}" if i == 0 else f"{v:>{w}}" for i, (v, (_, w)) in enumerate(zip(values, COLUMNS))))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {', '.join(KINDS)}")
    parser.add_argument("--trials", type=int, help="trials of every kind (default: each kind's own, see above)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", type=Path, help="where to write the databases (default: a temporary folder)")
    args = parser.parse_args(argv)
    kinds = args.kinds.split(",")
    if unknown := [k for k in kinds if k not in KINDS]:
        parser.error(f"unknown kind {', '.join(unknown)}; the kinds are {', '.join(KINDS)}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pcntui-trials-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    started_all = time.monotonic()
    for kind in kinds:
        run, default = KINDS[kind]
        n = args.trials if args.trials is not None else default()
        started = time.monotonic()
        try:
            summary = run(n, args.seed, workdir / kind)
        except Exception as exc:  # noqa: BLE001 - the trials themselves broke: say so, go on with the others
            summary = Summary(kind, failures=1, notes=[f"the trial run itself stopped: {exc!r}"])
        rows.append((summary, time.monotonic() - started))
        print(f"{kind}: {summary.trials} trials in {rows[-1][1]:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    print(f"wall time {time.monotonic() - started_all:.0f} s; work folder {workdir}")
    for s, _ in rows:
        for note in s.notes[:10]:
            print(f"  {s.kind}: {note}")
    return 0 if all(s.clean for s, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

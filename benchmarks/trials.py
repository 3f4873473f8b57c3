"""Fault trials: the real program killed (`kill -9`) at random moments, then the file checked.

    python benchmarks/trials.py [--trials 100] [--seed 8] [--kinds kill-import,kill-restore] [--workdir DIR]

Prints one row per trial kind: trials, failures, records lost, and how many runs ended by
themselves before the fault (the others were cut short). A trial fails when the file
does not open, `pcntui check` finds a problem, an import is half there, a restore left a mix
of two states, a temporary file of the killed run is still there after the next open, or the
program ended with anything but success or the kill. Records lost counts rows that were
saved (or confirmed) before the fault and are in no file afterwards.

A trial kind is a function `(rng, workdir) -> Outcome` registered with `@trial("name")`; add
new kinds (concurrency, fuzzing, …) the same way. `tests/reliability/` runs a bounded number
of each in CI with a fixed seed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pcntui.store import Store, open_store  # noqa: E402
from pcntui.store.files import backups_folder, leftovers  # noqa: E402

TODAY = date(2026, 11, 23)
IMPORT_ROWS = 1200  # a "large" import (1,000 rows or more): it is backed up first, inside the killed window
NOT_DATA = {"action", "change", "meta"}  # the audit trail and file metadata: not records


@dataclass
class Outcome:
    failed: bool
    lost: int = 0
    note: str = ""
    finished: bool = False  # the program ended by itself before the fault (else the fault cut it short)


@dataclass
class Summary:
    kind: str
    trials: int = 0
    failures: int = 0
    lost: int = 0
    finished: int = 0
    notes: list[str] = field(default_factory=list)


Trial = Callable[[random.Random, Path], Outcome]
TRIALS: dict[str, Trial] = {}


def trial(name: str) -> Callable[[Trial], Trial]:
    def register(fn: Trial) -> Trial:
        TRIALS[name] = fn
        return fn

    return register


# ---------------------------------------------------------------------------- shared helpers
def pcntui(*args: str) -> list[str]:
    return [sys.executable, "-m", "pcntui", *args]


def records(path: Path) -> dict[str, set[tuple]]:
    """Every row of every data table, opened as pcntui opens it (which also clears leftovers)."""
    store = open_store(path)
    try:
        return _records(store)
    finally:
        store.close()


def _records(store: Store) -> dict[str, set[tuple]]:
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'") if r["name"] not in NOT_DATA]
    return {t: {tuple(r.values()) for r in store.query(f"SELECT * FROM [{t}]")} for t in tables}


def missing(before: dict[str, set[tuple]], *after: dict[str, set[tuple]]) -> int:
    """Rows of `before` found in none of `after`."""
    return sum(len(rows - set().union(*(a.get(t, set()) for a in after))) for t, rows in before.items())


def problems_after_open(path: Path) -> list[str]:
    """`pcntui check` on the file, and temporary files still there after it was opened."""
    try:
        store = open_store(path)
    except Exception as exc:  # the file no longer opens: the worst outcome
        return [f"does not open: {exc}"]
    try:
        found = store.check()
    except sqlite3.DatabaseError as exc:
        found = [f"check failed: {exc}"]
    finally:
        store.close()
    found += [f"left behind: {p.name}" for p in leftovers(path)]
    return found


def started_on(db: Path, proc: subprocess.Popen) -> float:
    """Wait until the program has opened the database (SQLite makes its `-shm` file then), or
    has ended; returns the time waited."""
    started = time.monotonic()
    shm = Path(f"{db}-shm")
    while not shm.exists() and proc.poll() is None:
        time.sleep(0.001)
    return time.monotonic() - started


def kill_at_random(cmd: list[str], db: Path, rng: random.Random, work: float) -> tuple[bool, str]:
    """Run `cmd`; once it has opened `db`, SIGKILL it after a random delay in [0, work].
    Returns (it finished by itself, what went wrong if it failed on its own)."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started_on(db, proc)
    time.sleep(rng.uniform(0, work))
    proc.kill()
    _, err = proc.communicate()
    if proc.returncode not in (0, -9):
        return False, f"exit {proc.returncode}: {err.strip()[-300:]}"
    return proc.returncode == 0, ""


_CACHE: dict[str, object] = {}


def template(workdir: Path) -> Path:
    """The demo database, written once per run."""
    path = workdir / "template.db"
    if not path.exists():
        from pcntui.demo import write_demo

        write_demo(path, today=TODAY)
    return path


def fresh_copy(src: Path, dest: Path) -> Path:
    if dest.parent.exists():
        shutil.rmtree(dest.parent)
    dest.parent.mkdir(parents=True)
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)
    return dest


def work_time(key: str, cmd: Callable[[], list[str]], db: Path) -> float:
    """How long the program works on the database (from opening it to its end, plus 10%):
    one unkilled run, measured once per run, so that kills land while it works."""
    if key not in _CACHE:
        proc = subprocess.Popen(cmd(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started_on(db, proc)
        started = time.monotonic()
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"the unkilled run failed: {err.strip()}")
        _CACHE[key] = (time.monotonic() - started) * 1.1
    return _CACHE[key]  # type: ignore[return-value]


# ---------------------------------------------------------------------------- kill -9 trials
def worklist_file(workdir: Path) -> Path:
    path = workdir / "worklist.csv"
    if not path.exists():
        rows = "".join(f"Y9000{1 + n % 6},TRIAL{n:05d},CARE_HOME\n" for n in range(IMPORT_ROWS))
        path.write_text("practice_code,reference,cohort\n" + rows, encoding="utf-8")
    return path


@trial("kill-import")
def kill_import(rng: random.Random, workdir: Path) -> Outcome:
    """`pcntui import smr-worklist` (3,000 rows, backed up first) killed at a random moment:
    the import is all there or not at all, and nothing already saved is lost."""
    source = worklist_file(workdir)
    db = workdir / "import" / "d.db"

    def cmd() -> list[str]:
        fresh_copy(template(workdir), db)
        return pcntui("import", "smr-worklist", str(source), "--db", str(db))

    work = work_time("kill-import", cmd, db)
    fresh_copy(template(workdir), db)
    before = records(db)
    finished, error = kill_at_random(cmd(), db, rng, work)
    if error:
        return Outcome(True, note=error)
    problems = problems_after_open(db)
    after = records(db)
    added = len(after["smr_worklist"]) - len(before["smr_worklist"])
    lost = missing(before, after) + (IMPORT_ROWS - added if finished else 0)
    if added not in (0, IMPORT_ROWS):
        problems.append(f"half an import: {added} of {IMPORT_ROWS} rows")
    return Outcome(bool(problems) or lost > 0, lost, "; ".join(problems), finished)


def restore_states(workdir: Path) -> tuple[Path, Path]:
    """(A, B): the database before the restore, and the backup it restores (different states)."""
    a, b = workdir / "state-a.db", workdir / "state-b.db"
    if not a.exists():
        for path, title in ((a, "Saved before the restore"), (b, "Only in the backup")):
            shutil.copyfile(template(workdir), path)
            store = open_store(path)
            with store.action(f"Add {title}") as tx:
                for n in range(30):
                    tx.db["intervention"].insert({"title": f"{title} #{n}", "created_on": TODAY.isoformat()})
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.close()
    return a, b


@trial("kill-restore")
def kill_restore(rng: random.Random, workdir: Path) -> Outcome:
    """`pcntui restore B` killed at a random moment: the file holds A or B, never a mix; when it
    holds B, the copy kept of A is complete, so no record of A is lost."""
    a, b = restore_states(workdir)
    db = workdir / "restore" / "d.db"

    def cmd() -> list[str]:
        fresh_copy(a, db)
        return pcntui("restore", str(b), "--db", str(db))

    work = work_time("kill-restore", cmd, db)
    fresh_copy(a, db)
    state_a, state_b = records(a), records(b)
    finished, error = kill_at_random(cmd(), db, rng, work)
    if error:
        return Outcome(True, note=error)
    problems = problems_after_open(db)
    now = records(db)
    kept = [records(p) for p in backups_folder(db).glob("*before-restore*.db")]
    if now == state_b:
        lost = missing(state_a, now, *kept)
    elif now == state_a:
        lost = 0
        if finished:
            problems.append("the restore said it was done but the file holds the old state")
    else:
        lost = missing(state_a, now)
        problems.append("the file holds a mix of the two states")
    return Outcome(bool(problems) or lost > 0, lost, "; ".join(problems), finished)


# ---------------------------------------------------------------------------- running
def run(kind: str, trials: int, seed: int, workdir: Path) -> Summary:
    rng = random.Random(f"{seed}-{kind}")
    summary = Summary(kind)
    for _ in range(trials):
        outcome = TRIALS[kind](rng, workdir)
        summary.trials += 1
        summary.failures += outcome.failed
        summary.lost += outcome.lost
        summary.finished += outcome.finished
        if outcome.note:
            summary.notes.append(outcome.note)
    return summary


def table(summaries: list[Summary]) -> str:
    lines = [f"{'trial kind':<16} {'trials':>7} {'failures':>9} {'records lost':>13} {'ran to the end':>15}"]
    lines += [f"{s.kind:<16} {s.trials:>7} {s.failures:>9} {s.lost:>13} {s.finished:>15}" for s in summaries]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--kinds", default=",".join(TRIALS), help=f"comma-separated, of: {', '.join(TRIALS)}")
    parser.add_argument("--workdir", type=Path, help="where to write the databases (default: a temporary folder)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pcntui-trials-"))
    workdir.mkdir(parents=True, exist_ok=True)
    summaries = []
    for kind in args.kinds.split(","):
        started = time.monotonic()
        summaries.append(run(kind, args.trials, args.seed, workdir))
        print(f"{kind}: {args.trials} trials in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(table(summaries))
    for s in summaries:
        for note in s.notes[:10]:
            print(f"  {s.kind}: {note}")
    return 1 if any(s.failures or s.lost for s in summaries) else 0


if __name__ == "__main__":
    sys.exit(main())

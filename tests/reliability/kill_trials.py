"""Kill -9 trials: the installed program killed at a random moment of an import or a restore.

A trial fails when the file does not open, `pcntui check` finds a problem, an import is half
there, a restore left a mix of two states, a temporary file of the killed run is still there
after the next open, or the program ended with anything but success or the kill. Records lost
counts rows that were saved (or confirmed) before the fault and are in no file afterwards.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from pcntui.store import Store, open_store
from pcntui.store.files import backups_folder, leftovers
from tests.reliability.trial_kit import TODAY, Outcome, demo_template, environment, fresh_copy, program

IMPORT_ROWS = 1200  # a "large" import (1,000 rows or more): it is backed up first, inside the killed window
NOT_DATA = {"action", "change", "meta"}  # the audit trail and file metadata: not records
Records = dict[str, set[tuple]]


def records(path: Path) -> Records:
    """Every row of every data table, opened as pcntui opens it (which also clears leftovers)."""
    store = open_store(path)
    try:
        return _records(store)
    finally:
        store.close()


def _records(store: Store) -> Records:
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'") if r["name"] not in NOT_DATA]
    return {t: {tuple(r.values()) for r in store.query(f"SELECT * FROM [{t}]")} for t in tables}


def missing(before: Records, *after: Records) -> int:
    """Rows of `before` found in none of `after`."""
    return sum(len(rows - set().union(*(a.get(t, set()) for a in after))) for t, rows in before.items())


def problems_after_open(path: Path) -> list[str]:
    """`pcntui check` on the file, and temporary files still there after it was opened."""
    try:
        store = open_store(path)
    except Exception as exc:  # noqa: BLE001 - the file no longer opens: the worst outcome
        return [f"does not open: {exc}"]
    try:
        found = store.check()
    except sqlite3.DatabaseError as exc:
        found = [f"check failed: {exc}"]
    finally:
        store.close()
    return found + [f"left behind: {p.name}" for p in leftovers(path)]


def started_on(db: Path, proc: subprocess.Popen) -> None:
    """Wait until the program has opened the database (SQLite makes its `-shm` file then), or has ended."""
    shm = Path(f"{db}-shm")
    while not shm.exists() and proc.poll() is None:
        time.sleep(0.001)


def _start(args: list[str], db: Path) -> subprocess.Popen:
    return subprocess.Popen([*program(), *args], cwd=db.parent, env=environment(db.parent.parent),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_at_random(args: list[str], db: Path, rng: random.Random, work: float) -> tuple[bool, str]:
    """Run `pcntui ARGS`; once it has opened `db`, SIGKILL it after a random delay in [0, work].
    Returns (it finished by itself, what went wrong if it failed on its own)."""
    proc = _start(args, db)
    started_on(db, proc)
    time.sleep(rng.uniform(0, work))
    proc.kill()
    _, err = proc.communicate()
    if proc.returncode not in (0, -9):
        return False, f"exit {proc.returncode}: {err.strip()[-300:]}"
    return proc.returncode == 0, ""


_CACHE: dict[tuple, object] = {}


def cached(key: tuple, make):
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def work_time(key: str, args: list[str], db: Path, fresh) -> float:
    """How long the program works on the database (from opening it to its end, plus 10%): one
    unkilled run, measured once per work folder, so that kills land while it works."""

    def measure() -> float:
        fresh()
        proc = _start(args, db)
        started_on(db, proc)
        started = time.monotonic()
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"the unkilled run failed: {err.strip()}")
        return (time.monotonic() - started) * 1.1

    return cached((key, db), measure)


# ---------------------------------------------------------------------------- an import
def worklist_file(workdir: Path) -> Path:
    path = workdir / "worklist.csv"
    if not path.exists():
        rows = "".join(f"Y9000{1 + n % 6},TRIAL{n:05d},CARE_HOME\n" for n in range(IMPORT_ROWS))
        path.write_text("practice_code,reference,cohort\n" + rows, encoding="utf-8")
    return path


def kill_import(rng: random.Random, workdir: Path) -> Outcome:
    """`pcntui import smr-worklist` (1,200 rows, backed up first) killed at a random moment:
    the import is all there or not at all, and nothing already saved is lost."""
    template = demo_template(workdir)
    db = workdir / "import" / "d.db"
    args = ["import", "smr-worklist", str(worklist_file(workdir)), "--db", str(db)]
    work = work_time("kill-import", args, db, lambda: fresh_copy(template, db))
    fresh_copy(template, db)
    before = cached(("records", template), lambda: records(template))
    finished, error = kill_at_random(args, db, rng, work)
    if error:
        return Outcome(failed=True, note=error)
    problems = problems_after_open(db)
    after = records(db)
    added = len(after["smr_worklist"]) - len(before["smr_worklist"])
    lost = missing(before, after) + (IMPORT_ROWS - added if finished else 0)
    if added not in (0, IMPORT_ROWS):
        problems.append(f"half an import: {added} of {IMPORT_ROWS} rows")
    return Outcome(failed=bool(problems), lost=lost, note="; ".join(problems), finished=finished)


# ---------------------------------------------------------------------------- a restore
def restore_states(workdir: Path) -> tuple[Path, Path]:
    """(A, B): the database before the restore, and the backup it restores (different states)."""
    a, b = workdir / "state-a.db", workdir / "state-b.db"
    if not a.exists():
        for path, title in ((a, "Saved before the restore"), (b, "Only in the backup")):
            shutil.copyfile(demo_template(workdir), path)
            store = open_store(path)
            with store.action(f"Add {title}") as tx:
                for n in range(30):
                    tx.db["intervention"].insert({"title": f"{title} #{n}", "created_on": TODAY})
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.close()
    return a, b


def kill_restore(rng: random.Random, workdir: Path) -> Outcome:
    """`pcntui restore B` killed at a random moment: the file holds A or B, never a mix; when it
    holds B, the copy kept of A is complete, so no record of A is lost."""
    a, b = restore_states(workdir)
    db = workdir / "restore" / "d.db"
    args = ["restore", str(b), "--db", str(db)]
    work = work_time("kill-restore", args, db, lambda: fresh_copy(a, db))
    fresh_copy(a, db)
    state_a = cached(("records", a), lambda: records(a))
    state_b = cached(("records", b), lambda: records(b))
    finished, error = kill_at_random(args, db, rng, work)
    if error:
        return Outcome(failed=True, note=error)
    problems = problems_after_open(db)
    now = records(db)
    if now == state_b:
        kept = [records(p) for p in backups_folder(db).glob("*before-restore*.db")]
        lost = missing(state_a, now, *kept)
    elif now == state_a:
        lost = 0
        if finished:
            problems.append("the restore said it was done but the file holds the old state")
    else:
        lost = missing(state_a, now)
        problems.append("the file holds a mix of the two states")
    return Outcome(failed=bool(problems), lost=lost, note="; ".join(problems), finished=finished)

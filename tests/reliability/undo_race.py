"""The undo race as a trial: on a fresh file, two processes are released at the same moment
(then a random few hundred microseconds apart), one saving a new intervention and one
undoing. Whatever the order, the undo must revert the change that was newest when it wrote
(never skip the other's save), and the confirmed save must be in the file: present, or
reverted by that undo.

`run_trials(100)` is the full version (`undo-race` in benchmarks/trials.py); the CI test
runs a bounded one. The checks read only columns every schema version has, so the trial can be
run against older builds too.
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import tempfile
import time
import traceback
from pathlib import Path

from tests.reliability.trial_kit import Outcome, Summary
from tests.reliability.workers import ON, set_up


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def _racer(role: str, jobs, results, barrier, seed: int) -> None:
    """Runs one side of each trial: `save` or `undo`, released by the barrier."""
    from pcntui.errors import UserError
    from pcntui.store import open_store
    from pcntui.services.interventions.core import create_intervention

    rng = random.Random(seed)
    while (job := jobs.get()) is not None:
        trial, db_path = job
        try:
            store = open_store(db_path)
            barrier.wait(timeout=30)
            _spin(rng.random() * 0.0005)
            try:
                if role == "save":
                    title = f"Saved in trial {trial}"
                    create_intervention(store, {"title": title}, today=ON)
                    outcome = ("saved", title)
                else:
                    done = store.undo()
                    outcome = ("undid", done.label if done else None)
            except UserError as exc:
                outcome = ("refused", str(exc))
            store.close()
        except Exception:  # noqa: BLE001 - a traceback is a finding, reported as one
            outcome = ("traceback", traceback.format_exc())
        results.put((role, trial, outcome))


def _check(db_path: Path, trial: int, outcomes: dict) -> Outcome:
    from pcntui.store import open_store

    out, notes = Outcome(), []
    for role, (kind, text) in outcomes.items():
        if kind == "traceback":
            out.tracebacks += 1
            notes.append(f"({role}) {text.strip().splitlines()[-1]}")
    store = open_store(db_path)
    try:
        skipped = store.query(
            "SELECT x.label FROM action u JOIN action x ON x.id > u.undoes AND x.id < u.id "
            "WHERE u.undoes IS NOT NULL AND x.undoes IS NULL AND x.state = 'done'")
        if skipped:
            out.failed = True
            notes.append(f"the undo skipped '{skipped[0]['label']}' (a newer save)")
        kind, what = outcomes["save"]
        if kind == "saved":
            action = store.query("SELECT state FROM action WHERE label = ?", [f"New intervention: {what}"])
            present = store.scalar("SELECT count(*) FROM intervention WHERE title = ?", [what])
            if not action or present != (action[0]["state"] == "done"):
                out.lost += 1
                notes.append(f"the confirmed save '{what}' is not in the file as recorded")
        problems = store.check()
        if problems:
            out.failed = True
            notes.append(problems[0])
    finally:
        store.close()
    out.note = f"trial {trial}: {'; '.join(notes)}" if notes else ""
    return out


def run_trials(trials: int = 100, folder: Path | None = None, seed: int = 8) -> Summary:
    result = Summary("undo-race")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    jobs = {role: ctx.Queue() for role in ("save", "undo")}
    results = ctx.Queue()
    workers = [ctx.Process(target=_racer, args=(role, jobs[role], results, barrier, seed + i), daemon=True)
               for i, role in enumerate(jobs)]
    for w in workers:
        w.start()
    with tempfile.TemporaryDirectory(prefix="pcntui-undo-race-") as scratch:
        where = Path(folder or scratch)
        try:
            for trial in range(trials):
                db_path = where / f"trial-{trial}.db"
                set_up(str(db_path))
                for q in jobs.values():
                    q.put((trial, str(db_path)))
                outcomes = {}
                for _ in jobs:
                    role, _, outcome = results.get(timeout=60)
                    outcomes[role] = outcome
                result.add(_check(db_path, trial, outcomes))
        except queue.Empty:
            result.add(Outcome(failed=True, note="a racer stopped answering"))
        finally:
            for q in jobs.values():
                q.put(None)
            for w in workers:
                w.join(timeout=10)
                if w.is_alive():
                    w.kill()
    return result

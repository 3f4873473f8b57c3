"""Two processes write to one file at once, undoing and redoing in between: every confirmed save
is in the file or correctly undone, no update is lost, the history is consistent, check is clean."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys

from pcntui.store import open_store
from tests.reliability.history_checks import action_ids, replay
from tests.reliability.undo_race import run_trials
from tests.reliability.workers import set_up, writer

WRITES = 50


def test_two_processes_fifty_writes_each_with_undos_and_redos(tmp_path):
    db = tmp_path / "pcntui.db"
    counter = set_up(str(db))
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=writer, args=(str(db), who, WRITES, counter, str(tmp_path / f"{who}.log"), start, seed))
             for who, seed in (("A", 1), ("B", 2))]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=240)
        assert p.exitcode == 0
    log = [json.loads(line) for who in "AB" for line in (tmp_path / f"{who}.log").read_text().splitlines()]
    saves = [e for e in log if e["op"] == "save"]
    undos = [e for e in log if e["op"] in ("undo", "redo") and e["target"] is not None]
    assert len(saves) >= WRITES  # the creates always go through; stale increments may be refused
    assert len(undos) >= 10 and any(e["op"] == "redo" for e in undos)

    store = open_store(db)
    try:
        found = replay(store)
        assert found.problems == []  # every undo reverted the newest change, every redo the newest undo
        ids = action_ids(store, [s["label"] for s in saves])
        assert [s["label"] for s in saves if s["label"] not in ids] == []  # no confirmed save lost
        titles = {r["title"] for r in store.query("SELECT title FROM intervention")}
        for s in saves:
            if s["kind"] == "create":
                assert (s["title"] in titles) == (ids[s["label"]] in found.effective), s
        increments = [s for s in saves if s["kind"] == "increment" and ids[s["label"]] in found.effective]
        budget = store.scalar("SELECT budget_pence FROM intervention WHERE id = ?", [counter])
        assert budget == len(increments)  # no lost update: every increment in effect is counted once
        reverted = {r["undoes"] for r in store.query("SELECT undoes FROM action WHERE undoes IS NOT NULL")}
        assert all(e["target"] in reverted for e in undos)
        for a in store.history(limit=10_000):  # the history says what the replay says
            if a.kind == "do" and a.id in ids.values():
                assert (a.status == "done" or a.status.startswith("redone")) == (a.id in found.effective), a
        assert store.check() == []
    finally:
        store.close()
    p = subprocess.run([sys.executable, "-m", "pcntui", "check", "--db", str(db)], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr


def test_undo_races_a_save_ten_times(tmp_path):
    """A bounded run of the 100-trial undo race (benchmarks/trials_concurrency.py)."""
    result = run_trials(10, tmp_path)
    assert (result.trials, result.failures, result.records_lost, result.tracebacks) == (10, 0, 0, 0), result.notes

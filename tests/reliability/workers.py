"""Writer processes for the concurrency trials: real store actions on one database file.

`writer` makes `writes` saves (new interventions, and read-modify-write increments of one
shared counter with optimistic locking), with undos (and redos after some) in between, and logs every
outcome it was told of as a JSON line: what the user would have been told was saved.
`run_pair` is one trial of two such writers (`writers` in benchmarks/trials.py; one in CI).
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from pcntui.domain.money import from_pence
from pcntui.errors import UserError
from tests.reliability.trial_kit import Outcome

COUNTER = "Counter"
ON = date(2026, 11, 23)


def set_up(db_path: str) -> int:
    """A database with one intervention whose budget (in pence) counts confirmed increments."""
    from pcntui.store import open_store
    from pcntui.services.interventions.core import create_intervention

    store = open_store(db_path, mode="create")
    try:
        return create_intervention(store, {"title": COUNTER}, today=ON).value
    finally:
        store.close()


def _increment(store, counter_id: int, title: str) -> None:
    from pcntui.services.interventions.core import edit_intervention

    row = store.query("SELECT rev, budget_pence FROM intervention WHERE id = ?", [counter_id])
    if not row:
        raise UserError("The counter is gone.")
    data = {"title": title, "budget": from_pence(row[0]["budget_pence"] + 1)}
    edit_intervention(store, counter_id, data, today=ON, expected_rev=row[0]["rev"])


def writer(db_path: str, who: str, writes: int, counter_id: int, log_path: str, start, seed: int) -> None:
    from pcntui.store import open_store
    from pcntui.services.interventions.core import create_intervention

    rng = random.Random(seed)
    store = open_store(db_path)
    start.wait()
    with open(log_path, "w", encoding="utf-8") as log:
        def note(**fields) -> None:
            log.write(json.dumps(fields) + "\n")
            log.flush()

        for i in range(writes):
            title = f"{who}-{i}"
            try:
                if i % 2:
                    _increment(store, counter_id, f"{COUNTER} {title}")
                    note(op="save", kind="increment", label=f"Edit intervention: {COUNTER} {title}")
                else:
                    create_intervention(store, {"title": title}, today=ON)
                    note(op="save", kind="create", title=title, label=f"New intervention: {title}")
            except UserError as exc:  # refused (a stale read, a busy file): told, nothing saved
                note(op="refused", label=title, reason=str(exc))
            try:
                if rng.random() < 0.3:
                    done = store.undo()
                    note(op="undo", target=done.id if done else None)
                    if rng.random() < 0.5:  # a redo finds the undo unless the other process saved since
                        done = store.redo()
                        note(op="redo", target=done.id if done else None)
            except UserError as exc:
                note(op="refused", label="undo/redo", reason=str(exc))
    store.close()


def run_pair(folder: Path, seed: int, writes: int = 50) -> Outcome:
    """One concurrency trial: two writer processes, `writes` saves each, undos and redos between,
    on a fresh file in `folder`; then every confirmed save, undo and redo checked against the
    file (tests/reliability/history_checks.py) and `pcntui check` run on it."""
    import multiprocessing

    from pcntui.store import open_store
    from tests.reliability.history_checks import action_ids, replay
    from tests.reliability.trial_kit import run_program

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "pcntui.db"
    counter = set_up(str(db))
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    procs = [ctx.Process(target=writer, args=(str(db), who, writes, counter, str(folder / f"{who}.log"), start, s))
             for who, s in (("A", seed * 2 + 1), ("B", seed * 2 + 2))]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(timeout=240)
    crashed = [p.exitcode for p in procs if p.exitcode != 0]
    if crashed:
        for p in procs:
            p.kill()
        return Outcome(tracebacks=len(crashed), note=f"a writer ended with exit {crashed[0]}")
    log = [json.loads(line) for who in "AB" for line in (folder / f"{who}.log").read_text().splitlines()]
    saves = [e for e in log if e["op"] == "save"]
    undos = [e for e in log if e["op"] in ("undo", "redo") and e["target"] is not None]
    problems: list[str] = []
    if len(saves) < writes or len(undos) < 10 or not any(e["op"] == "redo" for e in undos):
        problems.append(f"too little happened: {len(saves)} saves, {len(undos)} undos and redos")
    lost = 0
    store = open_store(db)
    try:
        found = replay(store)
        problems += found.problems  # every undo reverted the newest change, every redo the newest undo
        ids = action_ids(store, [s["label"] for s in saves])
        lost += sum(s["label"] not in ids for s in saves)  # a confirmed save with no action
        titles = {r["title"] for r in store.query("SELECT title FROM intervention")}
        lost += sum(s["kind"] == "create" and s["label"] in ids and (s["title"] in titles) != (ids[s["label"]] in found.effective)
                    for s in saves)
        increments = [s for s in saves if s["kind"] == "increment" and ids.get(s["label"]) in found.effective]
        budget = store.scalar("SELECT budget_pence FROM intervention WHERE id = ?", [counter])
        if budget != len(increments):  # a lost update: an increment in effect not counted once
            lost += abs(len(increments) - budget)
            problems.append(f"the counter is {budget}, but {len(increments)} increments are in effect")
        reverted = {r["undoes"] for r in store.query("SELECT undoes FROM action WHERE undoes IS NOT NULL")}
        problems += [f"{e['op']} of #{e['target']} was told done but is not recorded" for e in undos
                     if e["target"] not in reverted]
        for a in store.history(limit=10_000):  # the history says what the replay says
            if a.kind == "do" and a.id in ids.values():
                if (a.status == "done" or a.status.startswith("redone")) != (a.id in found.effective):
                    problems.append(f"the history shows #{a.id} as {a.status}")
        problems += store.check()
    finally:
        store.close()
    ran = run_program(["check", "--db", str(db)], folder)
    if ran.code != 0:
        problems.append(f"pcntui check: exit {ran.code} {ran.out.strip()} {ran.err.strip()}")
    return Outcome(failed=bool(problems), lost=lost, tracebacks=int("Traceback" in ran.err),
                   note="; ".join(problems[:3]))

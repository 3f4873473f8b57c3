"""Writer processes for the concurrency trials: real store actions on one database file.

`writer` makes `writes` saves (new interventions, and read-modify-write increments of one
shared counter with optimistic locking), with undos (and redos after some) in between, and logs every
outcome it was told of as a JSON line: what the user would have been told was saved.
"""

from __future__ import annotations

import json
import random
from datetime import date

from pcntui.domain.intervention import InterventionIn
from pcntui.errors import UserError

COUNTER = "Counter"
ON = date(2026, 11, 23)


def set_up(db_path: str) -> int:
    """A database with one intervention whose budget (in pence) counts confirmed increments."""
    from pcntui.store import open_store
    from pcntui.store.interventions import create_intervention

    store = open_store(db_path, mode="create")
    try:
        return create_intervention(store, InterventionIn(title=COUNTER), on=ON)
    finally:
        store.close()


def _increment(store, counter_id: int, title: str) -> None:
    from pcntui.store.interventions import update_intervention

    row = store.query("SELECT rev, budget_pence FROM intervention WHERE id = ?", [counter_id])
    if not row:
        raise UserError("The counter is gone.")
    data = InterventionIn(title=title, budget_pence=row[0]["budget_pence"] + 1)
    update_intervention(store, counter_id, data, expected_rev=row[0]["rev"])


def writer(db_path: str, who: str, writes: int, counter_id: int, log_path: str, start, seed: int) -> None:
    from pcntui.store import open_store
    from pcntui.store.interventions import create_intervention

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
                    create_intervention(store, InterventionIn(title=title), on=ON)
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

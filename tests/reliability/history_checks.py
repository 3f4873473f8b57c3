"""An independent oracle for the audit trail: replays the action log in commit order with
an editor's undo and redo stacks and says where the file disagrees.

Every undo must revert the change that was newest when it committed, every redo the undo
that was newest (with no save since), a forget empties both stacks, and an action is
'undone' exactly when a later undo or redo reverted it. `effective` is the set of saves
(kind 'do') whose effect should be in the database now.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Replay:
    problems: list[str] = field(default_factory=list)
    effective: set[int] = field(default_factory=set)


def replay(store) -> Replay:
    actions = store.query("SELECT id, kind, state, undoes FROM action WHERE state != 'open' ORDER BY id")
    kind = {a["id"]: a["kind"] for a in actions}
    undoes = {a["id"]: a["undoes"] for a in actions}

    def root(action_id: int) -> int:
        while kind[action_id] != "do":
            action_id = undoes[action_id]
        return action_id

    out = Replay()
    undo_stack: list[int] = []  # saves and redos whose effect stands, newest last
    redo_stack: list[int] = []  # undos that a redo may revert, newest last
    for a in actions:
        if a["kind"] == "do":
            undo_stack.append(a["id"])
            redo_stack.clear()
            out.effective.add(a["id"])
        elif a["kind"] == "forget":
            undo_stack.clear()
            redo_stack.clear()
        else:
            stack, other = (undo_stack, redo_stack) if a["kind"] == "undo" else (redo_stack, undo_stack)
            expected = stack.pop() if stack else None
            if a["undoes"] != expected:
                out.problems.append(f"{a['kind']} #{a['id']} reverted #{a['undoes']}, but the one to revert "
                                    f"then was #{expected}")
                if a["undoes"] in stack:
                    stack.remove(a["undoes"])
                if expected is not None:
                    stack.append(expected)
            other.append(a["id"])
            (out.effective.discard if a["kind"] == "undo" else out.effective.add)(root(a["undoes"]))
    reverted = {a["undoes"] for a in actions if a["undoes"] is not None}
    for a in actions:
        want = "undone" if a["id"] in reverted else "done"
        if a["state"] != want:
            out.problems.append(f"action #{a['id']} is {a['state']}, expected {want}")
    return out


def action_ids(store, labels: list[str]) -> dict[str, int]:
    """label → action id for saves (labels unique by construction in the trials)."""
    rows = store.query("SELECT id, label FROM action WHERE kind = 'do' AND state != 'open'")
    found = {r["label"]: r["id"] for r in rows}
    return {label: found[label] for label in labels if label in found}

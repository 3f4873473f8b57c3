"""`pcntui undo` asks before reverting a big action (and refuses without a terminal unless --yes);
`pcntui redo` puts back what an undo reverted; `pcntui history` says which is which."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pcntui.cli.main import main
from pcntui.store.audit import CONFIRM_UNDO_ROWS
from pcntui.store import open_store


def run(*args, stdin: str = ""):
    return subprocess.run([sys.executable, "-m", "pcntui", *args], input=stdin, capture_output=True, text=True,
                          timeout=60)


def practices(path) -> int:
    store = open_store(path)
    try:
        return store.scalar("SELECT count(*) FROM practice")
    finally:
        store.close()


def test_undo_of_a_big_action_without_a_terminal_is_refused_unless_yes(demo_path):
    p = run("undo", "--db", str(demo_path))  # stdin is a pipe: nobody to ask
    assert p.returncode == 2
    assert p.stderr.startswith("pcntui: 'Load the demo PCN' changed ") and "pcntui undo --yes" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
    assert practices(demo_path) == 6  # nothing undone
    p = run("undo", "--yes", "--db", str(demo_path))
    assert p.returncode == 0 and p.stdout.startswith("Undone: Load the demo PCN (")
    assert practices(demo_path) == 0


@pytest.fixture
def terminal(monkeypatch):
    """stdin is a terminal; `answers` are what the user types at each question."""
    answers: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def fake_input(question: str) -> str:
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr("builtins.input", fake_input)
    return answers, asked


def test_undo_of_a_big_action_asks_on_a_terminal(demo_path, terminal, capsys):
    answers, asked = terminal
    answers.extend(["", "y"])
    assert main(["undo", "--db", str(demo_path)]) == 0
    assert "Nothing was undone." in capsys.readouterr().out
    assert practices(demo_path) == 6
    assert asked[0].startswith("'Load the demo PCN' changed ") and asked[0].endswith("Undo it? [y/N] ")
    assert main(["undo", "--db", str(demo_path)]) == 0
    assert "Undone: Load the demo PCN" in capsys.readouterr().out
    assert practices(demo_path) == 0


def test_a_small_undo_does_not_ask(db_path, terminal, capsys):
    store = open_store(db_path, mode="create")
    with store.action("Add a PCN") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Small"})
    store.close()
    assert CONFIRM_UNDO_ROWS > 1
    assert main(["undo", "--db", str(db_path)]) == 0
    assert terminal[1] == []  # never asked
    assert "Undone: Add a PCN (1 row change reverted)." in capsys.readouterr().out


def test_redo_puts_back_the_undone_demo_and_history_shows_it(demo_path):
    p = run("redo", "--db", str(demo_path))
    assert (p.returncode, p.stdout) == (0, "Nothing to redo.\n")
    assert run("undo", "--yes", "--db", str(demo_path)).returncode == 0
    p = run("redo", "--db", str(demo_path))
    assert p.returncode == 0 and p.stdout.startswith("Redone: Load the demo PCN (")
    assert practices(demo_path) == 6
    p = run("history", "--db", str(demo_path))
    lines = p.stdout.splitlines()
    assert "Redo: Load the demo PCN  [redoes #1]" in lines[0]
    assert "Undo: Load the demo PCN  [undoes #1, redone by #3]" in lines[1]
    assert "Load the demo PCN  [redone by #3]" in lines[2]
    assert (run("redo", "--db", str(demo_path)).stdout) == "Nothing to redo.\n"
    # undo of the redo is big too: it asks, or needs --yes
    assert run("undo", "--db", str(demo_path)).returncode == 2
    assert run("undo", "--yes", "--db", str(demo_path)).returncode == 0
    assert practices(demo_path) == 0
    assert run("check", "--db", str(demo_path)).returncode == 0

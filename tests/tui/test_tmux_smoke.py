"""The installed program in a real terminal (tmux, 100×30): open, look, change, quit, check the file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from pcntui.store import open_store
from tests.tui.conftest import pcn_only_db, practice_name, small_change

pytestmark = pytest.mark.e2e


def program() -> list[str]:
    script = Path(sys.executable).with_name("pcntui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pcntui"]


class Tmux:
    def __init__(self, command: str, width: int = 100, height: int = 30) -> None:
        self.name = f"pcntui-e2e-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
                       check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def tmux_available():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")


def test_real_program_in_tmux(tmux_available, tmp_path):
    db = pcn_only_db(tmp_path / "e2e.db")
    small_change(db)
    env = f"env PCNTUI_DB={shlex.quote(str(tmp_path / 'unused.db'))} TERM=xterm-256color"
    command = " ".join([env, *map(shlex.quote, program()), "--db", shlex.quote(str(db)), "--as-of", "2026-11-23"])
    session = Tmux(f"{command}; echo PCNTUI-EXITED=$?; sleep 30")
    try:
        shown = session.wait_for("Claimable to date")  # the ARRS panel: the dashboard has its figures
        assert "U99901 Riverside & Downs Demo PCN" in shown
        assert "FY 2026/27" in shown
        session.keys("p")
        shown = session.wait_for("Meadowbank Renamed")
        assert "Riverside Medical Centre" in shown and "List size" in shown
        session.keys("u")  # undo the rename: one row, no question asked
        shown = session.wait_for("Meadowbank Surgery")
        assert "Meadowbank Renamed" not in shown
        session.keys("q")
        session.wait_for("PCNTUI-EXITED=0")
    finally:
        session.close()
    assert practice_name(db, "Y90006") == "Meadowbank Surgery"
    store = open_store(db)
    try:
        last = store.query("SELECT label, source FROM action ORDER BY id DESC LIMIT 1")[0]
        assert last == {"label": "Undo: Rename Meadowbank", "source": "tui"}
        assert store.check() == []
    finally:
        store.close()
    assert not (tmp_path / "unused.db").exists()
    assert os.stat(db).st_mode & 0o077 == 0

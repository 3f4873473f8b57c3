"""What every trial kind shares: its outcome, the tally of a run, and the installed program.

A trial kind is a function `(trials, seed, workdir) -> Summary` (per-trial kinds are written as
`(rng, workdir) -> Outcome` and wrapped by `each`). benchmarks/trials.py runs the full version
of every kind and prints the table; tests/reliability/ runs bounded versions with a fixed seed.

The program under trial is the installed `pcntui` (the console script beside this Python, or
`$PCNTUI_PROGRAM`), run as a subprocess with "today" pinned and its own home folders, so a
trial never reads or writes anyone's own database.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TODAY = "2026-11-23"


@dataclass
class Outcome:
    failed: bool = False  # anything wrong that the counts below do not name
    lost: int = 0  # records saved (or confirmed) before and in no file after
    tracebacks: int = 0  # a traceback, or an exit code the contract does not have
    nonsense: int = 0  # nonsense accepted (exit 0 for a value that must be refused)
    changed: int = 0  # the database changed although the input was refused
    finished: bool = False  # (kill trials) the program ended by itself before the kill
    note: str = ""

    @property
    def bad(self) -> bool:
        return bool(self.failed or self.lost or self.tracebacks or self.nonsense or self.changed)


@dataclass
class Summary:
    kind: str
    trials: int = 0
    failures: int = 0  # trials with anything wrong
    lost: int = 0
    tracebacks: int = 0
    nonsense: int = 0
    changed: int = 0
    finished: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.trials += 1
        self.failures += outcome.bad
        self.lost += outcome.lost
        self.tracebacks += outcome.tracebacks
        self.nonsense += outcome.nonsense
        self.changed += outcome.changed
        self.finished += outcome.finished
        if outcome.note:
            self.notes.append(outcome.note)

    @property
    def clean(self) -> bool:
        return self.trials > 0 and not self.failures


Trial = Callable[[random.Random, Path], Outcome]
Kind = Callable[[int, int, Path], Summary]


def each(name: str, trial: Trial) -> Kind:
    """A kind whose trials are independent: `trial(rng, workdir)` called `n` times."""

    def run(n: int, seed: int, workdir: Path) -> Summary:
        rng = random.Random(f"{seed}-{name}")
        summary = Summary(name)
        for _ in range(n):
            summary.add(trial(rng, workdir))
        return summary

    return run


# ---------------------------------------------------------------------------- the program
def program() -> list[str]:
    """The installed `pcntui` console script (or $PCNTUI_PROGRAM, e.g. one in another venv)."""
    given = os.environ.get("PCNTUI_PROGRAM")
    if given:
        return [given]
    beside = Path(sys.executable).with_name("pcntui")
    found = str(beside) if beside.exists() else shutil.which("pcntui")
    if not found:
        raise RuntimeError("pcntui is not installed beside this Python (pip install .) and not on PATH")
    return [found]


def environment(workdir: Path) -> dict[str, str]:
    home = workdir / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "PCNTUI_TODAY": TODAY, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "PCNTUI_DB": str(home / "default.db"),
            "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_program(args: list[str], workdir: Path, *, timeout: float = 180) -> Ran:
    """`pcntui ARGS` to its end, stdin empty (never a terminal), stdout and stderr captured."""
    try:
        p = subprocess.run([*program(), *args], cwd=workdir, env=environment(workdir), stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return Ran(-1, "", f"no answer in {timeout:.0f} s")
    return Ran(p.returncode, p.stdout, p.stderr)


def refusal_problems(ran: Ran) -> list[str]:
    """What is wrong with how the program answered bad input: it must exit 2 with one sentence on
    stderr (an import's refusal may list its problems under it, indented), never a traceback."""
    lines = ran.err.splitlines()
    if "Traceback" in ran.err or ran.code not in (0, 1, 2):
        return [f"exit {ran.code}: {ran.err.strip()[-300:]}"]
    if ran.code == 2 and (not lines or not lines[0].startswith("pcntui") or any(not x.startswith("  ") for x in lines[1:])):
        return [f"not one sentence on stderr: {ran.err[:300]!r}"]
    return []


# ---------------------------------------------------------------------------- the database, seen from outside
def file_print(path: Path) -> tuple:
    """The database as bytes on disk (with its WAL, if one was left) and its mode."""
    if path.is_dir():
        return ("folder", sorted(os.listdir(path)))
    if not path.exists():
        return ("missing",)
    wal = Path(f"{path}-wal")
    wal_bytes = wal.read_bytes() if wal.exists() else b""
    return (hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(wal_bytes).hexdigest(),
            os.stat(path).st_mode)


def row_print(path: Path) -> str:
    """Every row of every table, read without pcntui: equal prints mean nothing was added, changed or removed."""
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
            h.update(table.encode() + repr(conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()).encode())
        return h.hexdigest()
    finally:
        conn.close()


def fresh_copy(src: Path, dest: Path) -> Path:
    """`src` copied to `dest` in an emptied folder of its own, mode 0600."""
    if dest.parent.exists():
        shutil.rmtree(dest.parent)
    dest.parent.mkdir(parents=True)
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)
    return dest


def demo_template(workdir: Path) -> Path:
    """The demo database, written once per work folder."""
    path = workdir / "template.db"
    if not path.exists():
        from datetime import date

        from pcntui.demo import write_demo

        write_demo(path, today=date.fromisoformat(TODAY))
    return path

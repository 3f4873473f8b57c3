"""Trials of bad input through the installed program (a subprocess, as a user runs it).

- `fuzz_import`: hostile files of every import KIND (tests/reliability/fuzz_files.py): exit 0
  with every stored value within bounds and the file still readable, or exit 2 in sentences
  with the database byte-for-byte and row-for-row unchanged. Nonsense accepted is counted.
- `hostile_flags`: every flag that takes a number, date, year or id (found in the parser) given
  a value it must refuse: exit 2, one sentence, the database unchanged.
- `hostile_text`: every command on a database whose names and notes hold terminal control
  sequences and markup (random per trial), stdout on a terminal: nothing that acts on a
  terminal reaches it, or stderr.
- `bad_files`: every bad database file × every command: exit 2, one sentence naming the file,
  the file and its folder unchanged.
"""

from __future__ import annotations

import os
import pty
import random
import shutil
import subprocess
import termios
import threading
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.reliability.cli_surface import (
    BAD_FILES, CREATES, FINDING, argv_for, commands, make_bad, value_flags,
)
from tests.reliability.fuzz_files import (
    EXPLICIT, OPTIONS, check_readable, explicit, hostile_csv, must_refuse, stored_problems, write_csv,
)
from tests.reliability.hostile import acts_on_a_terminal, make_hostile, random_hostile
from tests.reliability.trial_kit import (
    Outcome, Ran, Summary, demo_template, environment, file_print, fresh_copy, program, refusal_problems,
    row_print, run_program,
)


class Database:
    """A copy of a template database for trials to run on, copied afresh only when a trial changed it."""

    def __init__(self, template: Path, path: Path) -> None:
        self.template, self.path = template, path
        self.fresh()

    def fresh(self) -> None:
        fresh_copy(self.template, self.path)
        self.bytes, self.rows = file_print(self.path), row_print(self.path)

    def changed(self) -> bool:
        """Changed in any byte, or any row (read after the bytes: reading may checkpoint a WAL)."""
        return file_print(self.path) != self.bytes or row_print(self.path) != self.rows


def _refused(ran: Ran, db: Database, what: str) -> Outcome:
    """The outcome of a run that had to refuse its input."""
    problems = refusal_problems(ran)
    if problems:
        return Outcome(tracebacks=1, note=f"{what}: {problems[0]}")
    if ran.code != 2:
        db.fresh()
        return Outcome(nonsense=1, note=f"{what}: accepted (exit {ran.code}): {ran.out.strip()[:200]}")
    if db.changed():
        db.fresh()
        return Outcome(changed=1, note=f"{what}: refused ({ran.err.strip()[:120]}) but the database changed")
    return Outcome()


# ---------------------------------------------------------------------------- import files
def _fuzz_one(kind: str, case, db: Database, folder: Path) -> Outcome:
    rows, hostile = case
    source = write_csv(folder / f"{kind}.csv", rows)
    options = [f"--{k}={v}" for k, v in OPTIONS.get(kind, {}).items()]
    ran = run_program(["import", kind, str(source), "--db", str(db.path), *options], folder)
    what = f"import {kind} {rows[1:]}"
    if ran.code != 0:
        return _refused(ran, db, what)
    out = Outcome()
    if must_refuse(kind, rows, hostile):
        out = Outcome(nonsense=1, note=f"{what}: accepted nonsense in {sorted(hostile)}")
    problems = stored_problems(db.path)
    try:
        from pcntui.store import open_store

        store = open_store(db.path)
        try:
            check_readable(store)
        finally:
            store.close()
    except Exception as exc:  # noqa: BLE001 - a file a later command cannot read is a finding
        problems.append(f"unreadable after the import: {exc!r}")
    if problems:
        out.failed, out.note = True, f"{what}: {problems[0]}"
    db.fresh()
    return out


def fuzz_import(n: int, seed_: int, workdir: Path) -> Summary:
    """`n` hostile files (spread over the import KINDs, the issue's reproductions first), each
    imported by the installed program into a copy of the demo."""
    from pcntui.catalog import import_kinds

    summary = Summary("fuzz-import")
    kinds = sorted(k.kind for k in import_kinds())
    folder = workdir / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    for i, kind in enumerate(kinds):
        wanted = n // len(kinds) + (i < n % len(kinds))
        explicit_cases = [explicit(kind, o) for o in EXPLICIT[kind]][:wanted]
        generated = wanted - len(explicit_cases)
        db = Database(demo_template(workdir), folder / kind / "d.db")
        for case in explicit_cases:
            summary.add(_fuzz_one(kind, case, db, folder))
        if generated > 0:
            _generated(kind, generated, seed_, lambda case: summary.add(_fuzz_one(kind, case, db, folder)))
    return summary


def _generated(kind: str, n: int, seed_: int, trial) -> None:
    """`trial(case)` for `n` files drawn by hypothesis (seeded: the same files each run)."""

    @settings(max_examples=n, database=None, deadline=None, derandomize=False, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @seed(seed_)
    @given(hostile_csv(kind))
    def one(case) -> None:
        trial(case)

    one()


# ---------------------------------------------------------------------------- flags
def _inputs(workdir: Path, db: Path) -> tuple[str, str]:
    """(a CSV file, a backup of the demo) for the commands that need one."""
    csv_file, backup = workdir / "input.csv", workdir / "backup.db"
    if not backup.exists():
        csv_file.write_text("practice_code,name\nY90001,A surgery\n", encoding="utf-8")
        shutil.copyfile(db, backup)
    return str(csv_file), str(backup)


def round_robin(groups: list[list], rng: random.Random) -> list:
    """One of each group in turn (groups and their members shuffled): any prefix covers the groups evenly."""
    groups = [rng.sample(g, len(g)) for g in groups]
    rng.shuffle(groups)
    return [g[i] for i in range(max(map(len, groups), default=0)) for g in groups if i < len(g)]


def hostile_flags(n: int, seed_: int, workdir: Path) -> Summary:
    """`n` (flag, hostile value) pairs, every flag before any gets a second value."""
    rng = random.Random(f"{seed_}-hostile-flags")
    summary = Summary("hostile-flags")
    parsers = {tuple(path): p for path, p in commands()}
    cases = round_robin([[(f, v) for v in f.hostile_values()] for f in value_flags()], rng)[:n]
    db = Database(demo_template(workdir), workdir / "flags" / "d.db")
    csv_file, backup = _inputs(workdir, demo_template(workdir))
    for flag, value in cases:
        argv = argv_for(list(flag.path), parsers[flag.path], str(db.path), csv_file, backup, {flag.dest: value})
        summary.add(_refused(run_program(argv, workdir), db, f"pcntui {' '.join(argv)}"))
    return summary


def hostile_flag_count() -> int:
    return 4 * len(value_flags())


# ---------------------------------------------------------------------------- text on a terminal
def run_on_terminal(args: list[str], workdir: Path, timeout: float = 180) -> Ran:
    """`pcntui ARGS` with stdout on a pseudo-terminal (output processing off, so what arrives is
    exactly what the program wrote), stdin empty, stderr captured."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen([*program(), *args], cwd=workdir, env=environment(workdir), stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the program ended and closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        err = err + b"\nno answer in time"
    reader.join(timeout=10)
    os.close(master)
    return Ran(proc.returncode, b"".join(chunks).decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def hostile_text(n: int, seed_: int, workdir: Path) -> Summary:
    """`n` runs of the commands in turn, each on a fresh demo whose user text is hostile."""
    rng = random.Random(f"{seed_}-hostile-text")
    summary = Summary("hostile-text")
    cases = round_robin([[c] for c in commands()], rng)
    folder = workdir / "text"
    for i in range(n):
        path, parser = cases[i % len(cases)]
        name, note = random_hostile(rng)
        db = make_hostile(fresh_copy(demo_template(workdir), folder / "d.db"), name, note)
        csv_file, backup = folder.parent / "text-input.csv", folder.parent / "text-backup.db"
        csv_file.write_text(f"practice_code,name\nY90001,{name}\n", encoding="utf-8")
        shutil.copyfile(db, backup)
        replace = {a.dest: FINDING[a.dest] for a in parser._actions if a.dest in FINDING and a.required}
        argv = argv_for(path, parser, str(db), str(csv_file), str(backup), replace)
        ran = run_on_terminal(argv, folder)
        what = f"pcntui {' '.join(path)}"
        # CR LF is a line end (CSV keeps it on a terminal): it cannot overwrite or hide text; a lone CR can.
        shown = sorted({repr(c) for c in (ran.out + ran.err).replace("\r\n", "\n") if acts_on_a_terminal(c)})
        if "Traceback" in ran.err or ran.code not in (0, 1, 2):
            summary.add(Outcome(tracebacks=1, note=f"{what}: exit {ran.code}: {ran.err.strip()[-300:]}"))
        elif shown:
            summary.add(Outcome(failed=True, note=f"{what}: {', '.join(shown)} reached the terminal"))
        else:
            summary.add(Outcome())
    return summary


def hostile_text_count() -> int:
    return max(100, 2 * len(commands()))


# ---------------------------------------------------------------------------- bad database files
def bad_files(n: int, seed_: int, workdir: Path) -> Summary:
    """`n` (bad file, command) pairs, in an order that tries every kind of file with every
    command before any pair twice."""
    rng = random.Random(f"{seed_}-bad-file")
    summary = Summary("bad-file")
    template = demo_template(workdir)
    csv_file, backup = _inputs(workdir, template)
    pairs = [(kind, path, p) for kind in BAD_FILES for path, p in commands()
             if not (kind == "missing" and path[0] in CREATES)]
    pairs = rng.sample(pairs, len(pairs))
    for i in range(n):
        kind, path, parser = pairs[i % len(pairs)]
        folder = workdir / "bad" / f"{i}"
        if folder.parent.exists():
            shutil.rmtree(folder.parent)
        bad = make_bad(kind, folder, template)
        before, beside = file_print(bad), sorted(os.listdir(folder))
        argv = argv_for(path, parser, str(bad), csv_file, backup)
        ran = run_program(argv, workdir)
        what = f"{kind}: pcntui {' '.join(argv)}"
        lines = ran.err.splitlines()
        if "Traceback" in ran.err or ran.code not in (0, 1, 2):
            summary.add(Outcome(tracebacks=1, note=f"{what}: exit {ran.code}: {ran.err.strip()[-300:]}"))
        elif file_print(bad) != before or sorted(os.listdir(folder)) != beside:
            summary.add(Outcome(changed=1, note=f"{what}: the file or its folder changed"))
        elif ran.code != 2 or len(lines) != 1 or str(bad) not in ran.err:
            summary.add(Outcome(failed=True, note=f"{what}: exit {ran.code}, stderr {ran.err[:200]!r}"))
        else:
            summary.add(Outcome())
    return summary


def bad_file_count() -> int:
    return sum(1 for kind in BAD_FILES for path, _ in commands() if not (kind == "missing" and path[0] in CREATES))

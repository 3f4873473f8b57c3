"""Shared helpers for the roll-up tests: the program's command line, file hashes, a second pcntui holding a file."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.conftest import TODAY

ENV = {**os.environ, "PCNTUI_TODAY": TODAY.isoformat(), "COLUMNS": "100"}


def pcntui(*args: str, check: bool = True, columns: int = 100) -> subprocess.CompletedProcess:
    """`pcntui ARGS` through the program's own entry (what `python -m pcntui` calls), in this process
    (a new Python per call cost ~1 s of CPU), with stdout and stderr captured, on a terminal
    `columns` wide; "today" is pinned by tests/conftest.py. The installed program itself is run by
    .ci/run and tests/reliability; a second process holding a file is HOLDER below."""
    from pcntui.cli.main import main

    argv, out, err = [str(a) for a in args], io.StringIO(), io.StringIO()
    was = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(columns)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help, or a usage error
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        if was is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = was
    p = subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    if check:
        assert p.returncode == 0, p.stderr
    return p


def status_json(path: Path, *extra: str) -> dict:
    return json.loads(pcntui("status", "--json", "--db", path, *extra).stdout)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in `folder` (names and bytes): the listing and each file's hash."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def copy_demo(template: Path, dest: Path, code: str | None = None, name: str | None = None) -> Path:
    """A copy of the demo, optionally under another PCN code and name (one store action)."""
    from pcntui.store import open_store

    shutil.copyfile(template, dest)
    if code:
        with open_store(dest) as store, store.action("Test copy") as tx:
            tx.execute("PRAGMA defer_foreign_keys = ON")
            tx.execute("UPDATE practice SET pcn_code = ?", [code])
            tx.execute("UPDATE pcn SET code = ?, name = ?", [code, name or f"Copy {code}"])
    return dest


def foreign_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()
    return path


@pytest.fixture
def demo_copy(demo_template, tmp_path):
    def make(name: str, code: str | None = None, folder: Path | None = None) -> Path:
        folder = folder or tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        return copy_demo(demo_template, folder / name, code)

    return make

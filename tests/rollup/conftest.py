"""Shared helpers for the roll-up tests: the real program, file hashes, a second pcntui holding a file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY

ENV = {**os.environ, "PCNTUI_TODAY": TODAY.isoformat(), "COLUMNS": "100"}


def pcntui(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real program, as a user runs it."""
    p = subprocess.run([sys.executable, "-m", "pcntui", *map(str, args)], capture_output=True, text=True,
                       timeout=120, env=ENV)
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

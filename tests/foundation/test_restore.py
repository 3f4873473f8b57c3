"""Restore (issue 8, items 1–3): in place through SQLite, never swapping the file under an open
copy; kept copies under names never reused; the edge cases name the user's files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime

import pytest

import pcntui.store.backup as backup_mod
import pcntui.store.dbfile as dbmod
from pcntui.cli.main import main
from pcntui.store import open_store
from pcntui.store.files import claim_unique, leftovers
from tests.conftest import file_sha


def titles(path) -> list[str]:
    store = open_store(path)
    try:
        return [r["title"] for r in store.query("SELECT title FROM intervention ORDER BY id")]
    finally:
        store.close()


def add_intervention(store, title: str) -> None:
    with store.action(f"Add {title}") as tx:
        tx.db["intervention"].insert({"title": title, "created_on": "2026-11-23"})


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# ---------------------------------------------------------------------------- item 1
def test_restore_under_an_open_copy_keeps_its_later_saves(demo_path, tmp_path, capsys):
    """The issue's scenario: a second copy (the TUI) has the file open during the restore; what it
    saves afterwards is in the file, and a fresh open sees it. Before: its saves went to a
    deleted inode and were lost."""
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    other = open_store(demo_path, source="tui")  # the copy of pcntui left open
    inode = os.stat(demo_path).st_ino
    version = other.scalar("PRAGMA data_version")
    assert main(["intervention", "add", "--title", "Made from the CLI", "--db", str(demo_path)]) == 0
    assert other.scalar("PRAGMA data_version") != version  # it notices the CLI's save
    version = other.scalar("PRAGMA data_version")

    assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    assert os.stat(demo_path).st_ino == inode  # the same file, never swapped
    assert other.scalar("PRAGMA data_version") != version  # the open copy sees the restore
    assert "Made from the CLI" not in [r["title"] for r in other.query("SELECT title FROM intervention")]

    add_intervention(other, "Saved after the restore")
    other.close()
    shown = titles(demo_path)
    assert "Saved after the restore" in shown and "Made from the CLI" not in shown
    assert main(["check", "--db", str(demo_path)]) == 0


def test_restore_refuses_a_database_another_writer_holds(demo_path, tmp_path, monkeypatch, capsys):
    """BEGIN EXCLUSIVE in another connection: the restore waits out the busy timeout, then refuses."""
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    other = open_store(demo_path)
    add_intervention(other, "Saved before the restore")
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 600)
    holder = sqlite3.connect(demo_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        assert main(["restore", str(backup), "--db", str(demo_path)]) == 2
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waited >= 0.5
    err = one_line_error(capsys)
    assert f"{demo_path} is busy" in err and "nothing was restored" in err
    assert "Saved before the restore" in titles(demo_path)
    assert not list(tmp_path.glob("demo.db-backups/*before-restore*"))
    other.close()


# ---------------------------------------------------------------------------- item 2
def test_two_restores_in_one_second_keep_both_copies(demo_path, tmp_path, monkeypatch, capsys):
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    monkeypatch.setattr(backup_mod, "now", lambda: datetime(2026, 11, 23, 14, 5, 1))
    store = open_store(demo_path)
    add_intervention(store, "First state")
    store.close()
    assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    first = capsys.readouterr().out
    store = open_store(demo_path)
    add_intervention(store, "Second state")
    store.close()
    assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    second = capsys.readouterr().out
    folder = tmp_path / "demo.db-backups"
    a, b = folder / "demo-before-restore-20261123-140501.db", folder / "demo-before-restore-20261123-140501-2.db"
    assert f"kept as {a}" in first and f"kept as {b}" in second
    assert "First state" in titles(a) and "Second state" not in titles(a)
    assert "Second state" in titles(b)


def test_claimed_names_never_replace_a_file(tmp_path, monkeypatch):
    existing = tmp_path / "copy.db"
    existing.write_text("kept")
    for fallback in (False, True):
        if fallback:  # a file system without hard links: the name is reserved with O_EXCL instead
            def no_links(src, dst):
                raise PermissionError(1, "Operation not permitted")

            monkeypatch.setattr(os, "link", no_links)
        tmp = tmp_path / ".tmp"
        tmp.write_text("new")
        got = claim_unique(tmp, tmp_path, "copy", ".db")
        assert existing.read_text() == "kept" and got.read_text() == "new" and not tmp.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy-2.db", "copy-3.db", "copy.db"]


def test_migration_copies_never_replace_each_other(db_path, monkeypatch):
    """The copy written before a migration gets a new name when one from the same second exists."""
    open_store(db_path, mode="create").close()

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 23, 14, 5, 1, tzinfo=tz)

    stamp = f"v{dbmod.SCHEMA_VERSION}-20261123-140501"
    squatter = db_path.with_name(f"{db_path.name}.{stamp}.bak")
    squatter.write_text("an earlier copy")
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", dbmod.SCHEMA_VERSION + 1)
    monkeypatch.setattr(dbmod, "datetime", Frozen)
    open_store(db_path).close()
    assert squatter.read_text() == "an earlier copy"
    assert db_path.with_name(f"{db_path.name}.{stamp}-2.bak").is_file()


# ---------------------------------------------------------------------------- item 3
def test_target_in_a_missing_folder(demo_path, tmp_path, capsys):
    target = tmp_path / "nowhere" / "x.db"
    assert main(["restore", str(demo_path), "--db", str(target)]) == 2
    err = one_line_error(capsys)
    assert f"Cannot restore to {target}: the folder {target.parent} does not exist." in err
    assert not target.parent.exists()


@pytest.mark.parametrize("kind", ["not-sqlite", "other-sqlite", "newer", "damaged"])
def test_errors_name_the_backup_never_the_staging_copy(demo_path, tmp_path, capsys, kind):
    source = tmp_path / "given.db"
    if kind == "not-sqlite":
        source.write_text("name,age\nann,3\n")
    elif kind == "other-sqlite":
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        shutil.copyfile(demo_path, source)
        conn = sqlite3.connect(source)
        if kind == "newer":
            conn.execute(f"PRAGMA user_version = {dbmod.SCHEMA_VERSION + 1}")
        conn.close()
        if kind == "damaged":
            data = bytearray(source.read_bytes())
            data[4096 * 3: 4096 * 6] = b"\xff" * (4096 * 3)  # pages of tables, overwritten
            source.write_bytes(bytes(data))
    before = file_sha(demo_path)
    assert main(["restore", str(source), "--db", str(demo_path)]) == 2
    err = one_line_error(capsys)
    assert str(source) in err and ".restore-" not in err
    assert file_sha(demo_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "given.db"]


def test_symlinked_database_is_restored_through_the_link(demo_path, tmp_path, capsys):
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    link = tmp_path / "link.db"
    link.symlink_to(demo_path)
    store = open_store(link)
    add_intervention(store, "Replaced by the restore")
    store.close()
    assert main(["restore", str(backup), "--db", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(demo_path)
    assert "Replaced by the restore" not in titles(demo_path)
    assert "Replaced by the restore" in titles(next((tmp_path / "demo.db-backups").glob("*before-restore*")))


def test_demo_force_through_a_symlink_keeps_the_link(demo_path, tmp_path, capsys):
    link = tmp_path / "link.db"
    link.symlink_to(demo_path)
    store = open_store(link)
    add_intervention(store, "Replaced by the demo")
    store.close()
    inode = os.stat(demo_path).st_ino
    assert main(["demo", "--force", "--db", str(link), "--as-of", "2026-11-23"]) == 0
    assert link.is_symlink() and os.stat(demo_path).st_ino == inode
    assert "Replaced by the demo" not in titles(link)
    assert "kept as" in capsys.readouterr().out
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    link2 = tmp_path / "link2.db"
    link2.symlink_to(junk)
    assert main(["demo", "--force", "--db", str(link2), "--as-of", "2026-11-23"]) == 0
    assert link2.is_symlink() and titles(junk)


def test_staging_copy_is_0600_from_its_first_byte(demo_path, tmp_path, monkeypatch, capsys):
    """Whatever copies the backup's bytes writes into a file that is already 0600 (before: 0644
    until a chmod after the copy)."""
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    os.chmod(backup, 0o644)
    seen = []

    def spy(original):
        def copy(fsrc, fdst, *args, **kwargs):
            seen.append(stat.S_IMODE(os.fstat(fdst.fileno()).st_mode))
            return original(fsrc, fdst, *args, **kwargs)
        return copy

    monkeypatch.setattr(shutil, "copyfileobj", spy(shutil.copyfileobj))
    monkeypatch.setattr(shutil, "_fastcopy_sendfile", spy(shutil._fastcopy_sendfile))
    old = os.umask(0o022)
    try:
        assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    finally:
        os.umask(old)
    assert seen and set(seen) == {0o600}


def test_leftovers_of_a_killed_run_are_removed_at_the_next_open(demo_path, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    folder = tmp_path / "demo.db-backups"
    folder.mkdir()
    names = [f".demo.db.restore-{pid}-abc", f".demo.db.restore-{pid}-abc-wal", f".demo.db.restore-{pid}-abc.v1-x.bak",
             f".demo.db.demo-{pid}", f".demo.db.demo-{pid}-wal", f".pcntui-backup-{pid}-x1"]
    for name in names:
        (tmp_path / name).write_text("left by a killed run")
    (folder / f".pcntui-backup-{pid}-y").write_text("left by a killed run")
    mine = [tmp_path / f".demo.db.restore-{os.getpid()}-zz", tmp_path / f".other.db.restore-{pid}-q",
            tmp_path / "notes.txt"]
    for path in mine:
        path.write_text("not ours to remove")
    assert len(leftovers(demo_path)) == len(names) + 1
    open_store(demo_path).close()
    assert not [n for n in names if (tmp_path / n).exists()]
    assert not (folder / f".pcntui-backup-{pid}-y").exists()
    assert all(p.exists() for p in mine)


def test_restore_into_a_new_file_and_from_a_live_database(demo_path, tmp_path, capsys):
    target = tmp_path / "new.db"
    assert main(["restore", str(demo_path), "--db", str(target)]) == 0
    assert "kept as" not in capsys.readouterr().out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert titles(target) == titles(demo_path)
    store = open_store(demo_path)  # open, with changes still in demo.db-wal
    add_intervention(store, "Only in the WAL")
    assert main(["restore", str(demo_path), "--db", str(target)]) == 2
    assert "demo.db-wal" in one_line_error(capsys)
    store.close()


def test_restore_while_an_open_copy_reads_in_a_thread(demo_path, tmp_path, capsys):
    """An open copy reading all the time (as the TUI's workers do) neither blocks nor breaks it."""
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    reader = open_store(demo_path)
    stop, errors = threading.Event(), []

    def read():
        while not stop.is_set():
            try:
                reader.scalar("SELECT count(*) FROM intervention")
            except Exception as exc:  # pragma: no cover - the failure being tested for
                errors.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    finally:
        stop.set()
        thread.join()
        reader.close()
    assert not errors

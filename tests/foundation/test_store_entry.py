"""The storage layer's public entry: `pcntui.store` (lazy), the Store as a context manager, the
read-only mode, the version numbers the TUI and a status cache watch, and the action's `Tx`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from pcntui import __version__
from pcntui.errors import DatabaseFileError, UserError
from pcntui.store import open_store, schema
from pcntui.store.tx import WriteReport
from tests.conftest import file_sha


def beside(path):
    return sorted(p.name for p in path.parent.iterdir())


def a_pcn(path, name="Kept PCN"):
    with open_store(path, mode="create") as store, store.action("add pcn") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": name})


def test_importing_the_package_loads_no_storage_code():
    code = ("import sys, pcntui.store\n"
            "assert 'sqlite_utils' not in sys.modules and 'pcntui.store.db' not in sys.modules, 'loaded'\n"
            "from pcntui.store import Store, open_store, Mode\n"
            "assert Store.__module__ == 'pcntui.store.db' and open_store.__module__ == 'pcntui.store.dbfile'\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    with pytest.raises(AttributeError):
        import pcntui.store as package

        package.no_such_name  # noqa: B018


def test_store_is_a_context_manager_that_closes(db_path):
    with pytest.raises(UserError):
        with open_store(db_path, mode="create") as store:
            raise UserError("a command failed half-way")
    with pytest.raises(sqlite3.ProgrammingError):
        store.scalar("SELECT 1")


# ---------------------------------------------------------------------- read-only
def test_read_only_reads_and_leaves_the_file_and_folder_as_they_were(db_path):
    a_pcn(db_path)
    before, files = file_sha(db_path), beside(db_path)
    with open_store(db_path, mode="ro") as store:
        assert store.mode == "ro"
        assert store.query("SELECT name FROM pcn") == [{"name": "Kept PCN"}]
        assert store.version_key().last_action >= 1
        with pytest.raises(UserError, match="read-only"):
            with store.action("sneaky"):
                pass
        with pytest.raises(sqlite3.OperationalError):  # not even a write behind the action's back
            store.conn.execute("UPDATE pcn SET name = 'changed'")
    assert file_sha(db_path) == before
    assert beside(db_path) == files  # no -wal, -shm, backup or leftover-cleaning


def test_read_only_opens_a_read_only_file(db_path):
    a_pcn(db_path)
    db_path.chmod(0o444)
    try:
        with open_store(db_path, mode="ro") as store:
            assert store.scalar("SELECT count(*) FROM pcn") == 1
    finally:
        db_path.chmod(0o600)


def test_read_only_sees_what_a_writer_has_committed(db_path):
    a_pcn(db_path)
    with open_store(db_path) as writer:
        with writer.action("rename") as tx:
            tx.execute("UPDATE pcn SET name = 'Renamed'")
        with open_store(db_path, mode="ro") as reader:  # the writer's WAL is in use: read through it
            assert reader.scalar("SELECT name FROM pcn") == "Renamed"


def test_read_only_refuses_an_older_file_in_one_sentence(db_path, monkeypatch):
    a_pcn(db_path)
    before, files = file_sha(db_path), beside(db_path)
    import pcntui.store.dbfile as dbfile

    monkeypatch.setattr(dbfile, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(DatabaseFileError, match=r"older pcntui .*read-only, so it cannot be upgraded") as caught:
        open_store(db_path, mode="ro")
    assert "\n" not in str(caught.value)
    assert file_sha(db_path) == before and beside(db_path) == files  # no migration, no backup


@pytest.mark.parametrize("content,message", [(b"name\nann\n", "not an SQLite file"), (None, "no pcntui database")])
def test_read_only_refuses_what_rw_refuses(tmp_path, content, message):
    path = tmp_path / "x.db"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DatabaseFileError, match=message):
        open_store(path, mode="ro")
    assert path.exists() == (content is not None)


def test_create_makes_a_new_file_and_rw_does_not(db_path):
    with pytest.raises(DatabaseFileError):
        open_store(db_path, mode="rw")
    assert not db_path.exists()
    with open_store(db_path, mode="create") as store:
        assert store.mode == "rw"
    with open_store(db_path, mode="create") as store:  # an existing file is simply opened
        assert store.scalar("SELECT count(*) FROM pcn") == 0


# ---------------------------------------------------------------------- versions
def test_data_version_moves_when_another_copy_commits(db_path):
    a_pcn(db_path)
    with open_store(db_path) as mine, open_store(db_path) as other:
        seen = mine.data_version()
        with mine.action("mine") as tx:  # our own commits do not move it
            tx.execute("UPDATE pcn SET name = 'Mine'")
        assert mine.data_version() == seen
        with other.action("theirs") as tx:
            tx.execute("UPDATE pcn SET name = 'Theirs'")
        assert mine.data_version() != seen


def test_version_key_changes_with_every_action_undo_and_redo(db_path):
    a_pcn(db_path)
    with open_store(db_path) as store:
        first = store.version_key()
        assert first.schema == schema.SCHEMA_VERSION and first.program == __version__ and first.created_at
        assert store.version_key() == first  # reading changes nothing
        with store.action("rename") as tx:
            tx.execute("UPDATE pcn SET name = 'Renamed'")
        after_save = store.version_key()
        store.undo()
        after_undo = store.version_key()
        store.redo()
        keys = [first, after_save, after_undo, store.version_key()]
    assert len(set(keys)) == 4


def test_version_key_tells_two_files_with_the_same_history_apart(tmp_path):
    a_pcn(tmp_path / "a.db", "A")
    a_pcn(tmp_path / "b.db", "B")
    with open_store(tmp_path / "a.db") as a, open_store(tmp_path / "b.db") as b:
        a.conn.execute("UPDATE meta SET value = '2026-01-01T00:00:00+00:00' WHERE key = 'created_at'")
        assert a.version_key().last_action == b.version_key().last_action
        assert a.version_key() != b.version_key()


# ---------------------------------------------------------------------- the action's Tx
def test_label_can_be_set_once_the_action_knows_what_it_saves(store):
    with store.action() as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Named later"})
        assert tx.query("SELECT name FROM pcn") == [{"name": "Named later"}]  # reads see its own writes
        assert tx.scalar("SELECT count(*) FROM change WHERE action_id = ?", [tx.action_id]) == 1
        tx.label = "Add PCN Named later"
    assert [a.label for a in store.history()] == ["Add PCN Named later"]
    assert store.undo().label == "Add PCN Named later"


def test_an_action_without_a_label_saves_nothing(store):
    with pytest.raises(ValueError, match="label"):
        with store.action() as tx:
            tx.db["pcn"].insert({"code": "U12345", "name": "Nameless"})
    assert store.scalar("SELECT count(*) FROM pcn") == 0
    assert store.history() == []


def test_dry_run_runs_everything_then_saves_nothing(store):
    ran = []
    store.before_first_write.append(lambda s: ran.append("backup"))
    report = WriteReport("practices")
    with store.action("Import practices", dry_run=True) as tx:
        assert tx.dry_run
        tx.db["pcn"].insert({"code": "U12345", "name": "Dry"})
        report.add("inserted")
        assert tx.scalar("SELECT count(*) FROM pcn") == 1
    assert store.scalar("SELECT count(*) FROM pcn") == 0 and store.history() == []
    assert report.summary() == "practices: 1 added, 0 updated, 0 unchanged."
    assert ran == []  # no backup for a dry run: it is kept for the first real write
    with store.action("Import practices") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Wet"})
    assert ran == ["backup"]

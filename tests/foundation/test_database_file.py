"""The database file: creation, refusal of files we must not touch, migrations with a backup."""

import os
import sqlite3
import stat

import pytest

from pcntui.errors import DatabaseFileError
from pcntui.store import schema
from pcntui.store import open_store
from tests.conftest import file_sha


def test_new_file_mode_0600_wal_foreign_keys(db_path):
    store = open_store(db_path, mode="create")
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000
    assert store.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION
    assert store.scalar("PRAGMA application_id") == schema.APPLICATION_ID
    store.close()


def test_missing_file_is_not_created_without_create(db_path):
    with pytest.raises(DatabaseFileError, match="no pcntui database"):
        open_store(db_path)
    assert not db_path.exists()


def test_foreign_keys_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        with store.action("orphan") as tx:
            tx.db["practice"].insert({"code": "A12345", "pcn_code": "U00000", "name": "Orphan"})
    assert store.scalar("SELECT count(*) FROM practice") == 0


@pytest.mark.parametrize(
    "content",
    [b"name,age\nann,3\n", b"", b"\x00" * 200, b"SQLite format 3"],  # text, empty, binary, truncated header
    ids=["csv", "empty", "binary", "truncated"],
)
def test_not_sqlite_left_untouched(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = file_sha(path)
    with pytest.raises(DatabaseFileError, match="not an SQLite file"):
        open_store(path)
    assert file_sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_other_sqlite_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = file_sha(path)
    with pytest.raises(DatabaseFileError, match="not a pcntui database"):
        open_store(path)
    assert file_sha(path) == before


def test_newer_version_refused(db_path):
    open_store(db_path, mode="create").close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = file_sha(db_path)
    with pytest.raises(DatabaseFileError, match="newer pcntui"):
        open_store(db_path)
    assert file_sha(db_path) == before


def test_read_only_refused(db_path):
    open_store(db_path, mode="create").close()
    os.chmod(db_path, 0o400)
    before = file_sha(db_path)
    try:
        with pytest.raises(DatabaseFileError, match="read-only"):
            open_store(db_path)
        assert file_sha(db_path) == before
    finally:
        os.chmod(db_path, 0o600)


def test_folder_refused(tmp_path):
    with pytest.raises(DatabaseFileError, match="folder"):
        open_store(tmp_path)


def test_migration_runs_forward_after_backup(db_path, monkeypatch):
    """A file of this version opened by the next: backup written first, step run, version bumped, one transaction."""
    store = open_store(db_path, mode="create")
    with store.action("add pcn") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Old PCN"})
    store.close()

    def step(db):
        db.execute("ALTER TABLE pcn ADD COLUMN nickname TEXT")
        db.execute("UPDATE pcn SET nickname = 'old'")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION, step)
    import pcntui.store.dbfile as dbmod

    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", schema.SCHEMA_VERSION)
    store = open_store(db_path)
    assert store.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION
    assert store.query("SELECT nickname FROM pcn") == [{"nickname": "old"}]
    backups = list(db_path.parent.glob(f"pcntui.db.v{schema.SCHEMA_VERSION - 1}-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION - 1
    assert old.execute("SELECT name FROM pcn").fetchall() == [("Old PCN",)]
    old.close()
    # the new column is audited too (triggers regenerated)
    with store.action("rename") as tx:
        tx.db.execute("UPDATE pcn SET nickname = 'new'")
    assert store.undo().label == "rename"
    assert store.query("SELECT nickname FROM pcn") == [{"nickname": "old"}]
    store.close()


def test_failed_migration_changes_nothing(db_path, monkeypatch):
    open_store(db_path, mode="create").close()

    def broken(db):
        db.execute("ALTER TABLE pcn ADD COLUMN extra TEXT")
        raise RuntimeError("boom")

    import pcntui.store.dbfile as dbmod

    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION + 1, broken)
    with pytest.raises(RuntimeError):
        open_store(db_path)
    monkeypatch.undo()
    store = open_store(db_path)
    assert store.scalar("PRAGMA user_version") == schema.SCHEMA_VERSION
    assert "extra" not in store.db["pcn"].columns_dict
    store.close()


def test_schema_sql_is_packaged_source():
    text = schema.schema_sql()
    assert "CREATE TABLE IF NOT EXISTS practice" in text


def test_missing_tables_are_added_after_a_backup(db_path):
    """A file of the same version lacking a table schema.sql defines gets it (backup first)."""
    store = open_store(db_path, mode="create")
    with store.action("add pcn") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Kept"})
    store.conn.execute("DROP TABLE setting")
    store.close()
    store = open_store(db_path)
    assert "setting" in store.db.table_names()
    assert store.query("SELECT name FROM pcn") == [{"name": "Kept"}]
    assert len(list(db_path.parent.glob(f"pcntui.db.v{schema.SCHEMA_VERSION}-*.bak"))) == 1
    with store.action("a setting") as tx:
        tx.db["setting"].insert({"key": "k", "value": "v"})
    assert store.undo().label == "a setting"
    store.close()


def test_none_is_bound_as_null_found_at_once_by_its_adapter(db_path):
    """Binding None, Python's sqlite3 looks for an adapter: with none registered it looks the slow
    way (attribute look-ups, an error message made and dropped) for every NULL, a third of what
    binding a 100,000-row worklist import's rows cost. With one registered, NULL is still NULL."""
    with open_store(db_path, mode="create") as store:
        assert sqlite3.adapters.get((type(None), sqlite3.PrepareProtocol)) is not None
        assert store.conn.execute("SELECT ? IS NULL, typeof(?), coalesce(?, 'none')", [None, None, None]).fetchone() == (
            1, "null", "none")


@pytest.mark.parametrize("by", [+1, -1])
def test_a_file_whose_schema_changed_while_open_is_not_written(demo_db, by):
    """A newer pcntui upgraded the file while this one had it open (or it was replaced by an older
    file): this one would write it as its own schema wants, leaving what the newer keeps stale (an
    SMR worklist row's cohorts, with an older pcntui open at schema 11), so each save and undo is
    refused in one sentence and nothing is written. (It saved.)"""
    from dataclasses import replace

    from pcntui.errors import UserError
    from pcntui.store.worklist import get_entry, write_entry

    store = open_store(demo_db)
    try:
        entry = get_entry(store, store.scalar("SELECT min(id) FROM smr_worklist"))
        other = sqlite3.connect(demo_db)
        other.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + by}")
        other.close()
        actions = store.scalar("SELECT count(*) FROM action")
        with pytest.raises(UserError, match="newer pcntui" if by > 0 else "older pcntui") as refused:
            with store.action("Edit") as tx:
                write_entry(tx, replace(entry, cohorts=("MED_ERRORS",)))
        assert "nothing was saved" in str(refused.value) and "\n" not in str(refused.value)
        with pytest.raises(UserError, match="nothing was saved"):
            store.undo()
        assert store.scalar("SELECT count(*) FROM action") == actions
        assert get_entry(store, entry.id) == entry
    finally:
        store.close()

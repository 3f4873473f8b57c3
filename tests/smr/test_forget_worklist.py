"""Patient data can be forgotten: the worklist and its history leave no NHS number in the file,
no undo or redo crosses the forget, and the backups that still hold numbers are named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pcntui.cli.main import main
from pcntui.domain import nhs_number
from pcntui.domain.worklist import WorklistEntry
from pcntui.errors import UserError
from pcntui.store import open_store
from pcntui.store.forget import backups_holding_nhs_numbers, forget_worklist, worklist_data
from pcntui.services.smr.worklist import delete_worklist_entry, save_worklist_entry
from pcntui.store.worklist_import import import_worklist
from tests.smr.conftest import TODAY, add_patient


def valid_numbers(count: int, start: int = 400_000_000) -> list[str]:
    out, n = [], start
    while len(out) < count:
        first = f"{n:09d}"
        check = nhs_number.check_digit(first)
        if check is not None:
            out.append(first + str(check))
        n += 7919
    return out


NUMBERS = valid_numbers(60)


def raw_bytes(db_path: Path) -> bytes:
    """Every byte SQLite keeps for the database: the file, its WAL and its shared-memory index."""
    return b"".join(Path(str(db_path) + s).read_bytes() for s in ("", "-wal", "-shm")
                    if Path(str(db_path) + s).exists())


def numbers_in(data: bytes) -> list[str]:
    return [n for n in NUMBERS if n.encode() in data]


@pytest.fixture
def worklist_db(pcn_store, write_csv):
    """A worklist with a long history: imported, edited, some deleted, an undo, a re-import."""
    rows = "\n".join(f"Y9000{1 + i % 3},PT-{i:04d},Care home residents,{n}" for i, n in enumerate(NUMBERS[:40]))
    import_worklist(pcn_store, write_csv("wl.csv", "practice_code,reference,cohort,nhs_number\n" + rows + "\n"))
    save_worklist_entry(pcn_store, {"nhs_number": NUMBERS[40], "note": "number corrected"}, today=TODAY, entry=1)
    for entry_id in (2, 3, 4):
        delete_worklist_entry(pcn_store, entry_id)
    pcn_store.undo()  # entry 4 comes back
    add_patient(pcn_store, "Y90002", "PT-LATE", ["CARE_HOME"], nhs_number=NUMBERS[41])
    with pcn_store.action("Rename the PCN") as tx:  # not patient data: kept, and undoable
        tx.db.execute("UPDATE pcn SET name = 'Renamed PCN'")
    return pcn_store


def test_forget_leaves_no_nhs_number_in_the_database_files(worklist_db):
    store = worklist_db
    store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    assert len(numbers_in(raw_bytes(store.path))) == 42  # the test can see them before
    assert b"PT-0005" in raw_bytes(store.path)
    data = worklist_data(store)
    assert data.patients == 39 and data.history_rows > 80
    report = forget_worklist(store)
    assert (report.patients, report.history_rows, report.scrubbed) == (39, data.history_rows, True)
    assert numbers_in(raw_bytes(store.path)) == []
    assert b"PT-0" not in raw_bytes(store.path) and b"PT-LATE" not in raw_bytes(store.path)  # references too
    assert Path(str(store.path) + "-wal").stat().st_size == 0
    assert worklist_data(store).empty
    assert store.scalar("SELECT name FROM pcn") == "Renamed PCN"  # everything else kept
    assert store.check() == []
    # the history keeps every action, without the patients' references, and shows the forget
    history = store.history()
    assert history[0].label == "Forget the SMR worklist (39 patients)"
    assert history[0].status == "cannot be undone" and history[0].id == report.action_id
    labels = [a.label for a in history]
    assert "Add SMR worklist entry (forgotten)" in labels
    assert "Undo: Delete SMR worklist entry (forgotten)" in labels
    assert not [label for label in labels if "PT-" in label]


def test_no_undo_or_redo_crosses_a_forget(worklist_db):
    store = worklist_db
    store.undo()  # the PCN rename: a redo is possible…
    assert store.redo_target() is not None
    report = forget_worklist(store)
    assert store.redo() is None  # …until the forget
    with pytest.raises(UserError, match=rf"^Nothing before #{report.action_id} 'Forget the SMR worklist .*' \(20..-..-..\) "
                                        r"can be undone: it erased patient data and its history for good\.$"):
        store.undo()
    with store.action("Rename after") as tx:  # changes after the forget undo and redo as usual
        tx.db.execute("UPDATE pcn SET name = 'After'")
    assert store.undo().label == "Rename after"
    assert store.redo().subject == "Rename after"
    assert store.undo().subject == "Rename after"
    with pytest.raises(UserError, match="can be undone: it erased patient data"):
        store.undo()
    assert store.scalar("SELECT count(*) FROM smr_worklist") == 0


def test_backups_beside_the_database_that_hold_numbers_are_listed(worklist_db, tmp_path):
    store = worklist_db
    (tmp_path / "backups").mkdir()
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    kept = [store.backup(tmp_path / "pcntui-backup-20261123-101010.db"),
            store.backup(tmp_path / "backups" / "pcntui-2026-11-23.db"),
            store.backup(tmp_path / "pcntui.db.v1-20261101-090000.bak")]
    store.backup(tmp_path / "nested" / "deeper" / "too-deep.db")  # beyond the immediate subfolders
    (tmp_path / "notes.db").write_text("not a database")
    listed = {c.path.name: c.nhs_numbers for c in forget_worklist(store).copies}
    assert listed == {p.name: 42 for p in kept}
    assert backups_holding_nhs_numbers(store.path) == forget_worklist(store).copies  # read-only: unchanged


def test_a_backup_with_numbers_only_in_its_history_is_listed(pcn_store, tmp_path):
    """The worklist was emptied, but the change table of the copy still holds the numbers."""
    entry_id = add_patient(pcn_store, "Y90001", "ONLY", ["CARE_HOME"], nhs_number=NUMBERS[0])
    delete_worklist_entry(pcn_store, entry_id)
    pcn_store.backup(tmp_path / "old-backup.db")
    report = forget_worklist(pcn_store)
    assert [(c.path.name, c.nhs_numbers) for c in report.copies] == [("old-backup.db", 1)]
    assert numbers_in(raw_bytes(pcn_store.path)) == []


# ------------------------------------------------------------------ the command
def test_cli_without_a_terminal_needs_yes(worklist_db, capsys):
    path = str(worklist_db.path)
    worklist_db.close()
    assert main(["smr", "forget-worklist", "--db", path]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pcntui: This erases the SMR worklist (39 patients)") and "--yes" in err
    assert len(err.strip().splitlines()) == 1
    store = open_store(path)
    assert store.scalar("SELECT count(*) FROM smr_worklist") == 39  # nothing removed
    store.close()
    assert main(["smr", "forget-worklist", "--yes", "--db", path]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Forgot the SMR worklist: 39 patients and ")
    assert "No backup beside the database holds NHS numbers." in out
    assert numbers_in(raw_bytes(Path(path))) == []
    assert main(["undo", "--db", path]) == 2
    assert "can be undone: it erased patient data" in capsys.readouterr().err
    assert main(["history", "--db", path]) == 0
    assert "Forget the SMR worklist (39 patients" in capsys.readouterr().out.splitlines()[0]
    assert main(["smr", "forget-worklist", "--db", path]) == 0
    assert "There is no SMR worklist data in this database to forget." in capsys.readouterr().out


@pytest.fixture
def typed(monkeypatch):
    answers: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: answers.pop(0))
    return answers


def test_cli_on_a_terminal_asks_for_the_pcn_code(worklist_db, typed, capsys, tmp_path):
    path = str(worklist_db.path)
    worklist_db.backup(tmp_path / "pcntui-backup-1.db")
    worklist_db.close()
    typed.extend(["U99902", "", "u99901"])
    assert main(["smr", "forget-worklist", "--db", path]) == 2
    assert "What you typed is not U99901 or FORGET; nothing was removed." in capsys.readouterr().err
    assert main(["smr", "forget-worklist", "--db", path]) == 0
    assert "Nothing was removed." in capsys.readouterr().out
    store = open_store(path)
    assert store.scalar("SELECT count(*) FROM smr_worklist") == 39
    store.close()
    assert main(["smr", "forget-worklist", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "Type U99901 or FORGET to go on" not in out  # the question goes through input()
    assert "These files beside the database still hold NHS numbers" in out
    assert f"  {tmp_path / 'pcntui-backup-1.db'} (42 NHS numbers)" in out


def test_a_copy_that_cannot_be_read_is_named_as_unchecked(pcn_store, tmp_path):
    add_patient(pcn_store, "Y90001", "ONE", ["CARE_HOME"], nhs_number=NUMBERS[0])
    copy = pcn_store.backup(tmp_path / "copy.db")
    damaged = tmp_path / "damaged-backup.db"
    damaged.write_bytes(copy.read_bytes()[:100] + b"\xff" * 4000)  # a pcntui header, then garbage
    report = forget_worklist(pcn_store)
    unchecked = [c for c in report.copies if c.nhs_numbers is None]
    assert [c.path.name for c in unchecked] == ["damaged-backup.db"] and unchecked[0].reason
    assert any(line.startswith(f"  {damaged} could not be checked (") for line in report.lines())


def test_a_reader_holding_old_pages_delays_the_scrub_and_a_second_run_finishes_it(pcn_store):
    """Another copy in the middle of a read keeps the WAL's old pages: the forget says so, and
    running it again once that copy is done overwrites them."""
    for i, n in enumerate(NUMBERS[:5]):
        add_patient(pcn_store, "Y90001", f"R{i}", ["CARE_HOME"], nhs_number=n)
    reader = open_store(pcn_store.path)
    reader.conn.execute("BEGIN")
    assert reader.scalar("SELECT count(*) FROM smr_worklist") == 5  # a read snapshot, held open
    pcn_store.conn.execute("PRAGMA busy_timeout = 50")
    report = forget_worklist(pcn_store)
    assert (report.patients, report.scrubbed) == (5, False)
    assert any("kept the file busy" in line for line in report.lines())
    assert numbers_in(raw_bytes(pcn_store.path))  # still in the WAL's old pages, as the sentence says
    reader.conn.execute("COMMIT")
    reader.close()
    again = forget_worklist(pcn_store)
    assert (again.action_id, again.scrubbed) == (None, True)
    assert again.lines()[0] == "There is no SMR worklist data in this database to forget."
    assert numbers_in(raw_bytes(pcn_store.path)) == []

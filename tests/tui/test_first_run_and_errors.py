"""First run (no database yet), files that cannot be used, and worker failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Static

from pcntui.ingest.national import read_practice_map
from pcntui.store import open_store
from pcntui.store.pcn import pcns_in_map
from pcntui.tui.app import PcnApp, run
from pcntui.tui.screens.dashboard import DashboardScreen
from pcntui.tui.screens.first_run import FirstRunScreen
from pcntui.tui.screens.message import MessageScreen
from pcntui.tui.screens.pcn import PcnScreen
from tests.conftest import AGE_FILE, MAP_FILE
from tests.tui.conftest import TODAY, screen_text, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_first_run_loads_the_demo(tmp_path):
    db = tmp_path / "new" / "pcntui.db"
    app = PcnApp(db, today=TODAY)
    notes: list[str] = []  # what the app says (a toast may time out before a loaded machine looks)
    shown = app.notify
    app.notify = lambda message, **options: (notes.append(str(message)), shown(message, **options))[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert "There is no database at" in screen_text(app)
        assert app.check_action("undo", ()) is False  # nothing to undo without a database
        assert isinstance(app.focused, Button)
        await pilot.press("~", "/", "x")  # a newcomer who starts typing a path loses no character
        box = app.screen.query_one("#map-file", Input)
        assert (app.focused, box.value) == (box, "~/x")
        await pilot.press("shift+tab")
        await pilot.press("enter")  # the demo button has the focus
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title.startswith("U99901 Riverside & Downs Demo PCN")
        assert any("Loaded the demo PCN" in n for n in notes), notes
    store = open_store(db)
    assert store.scalar("SELECT count(*) FROM practice") == 6
    assert store.scalar("SELECT code FROM pcn") == "U99901"
    store.close()


@pytest.mark.realdata
async def test_first_run_sets_up_a_real_pcn_from_the_map_file(tmp_path, shared_data, monkeypatch):
    from pcntui.tui.screens import imports

    heard = []  # what the set-up's progress line is told, as the import dialog's is
    told = imports.Running.__call__
    monkeypatch.setattr(imports.Running, "__call__", lambda self, *report: (heard.append(report), told(self, *report)))
    map_file = shared_data / MAP_FILE
    code, name, n = pcns_in_map(read_practice_map(map_file))[0]
    db = tmp_path / "mine.db"
    app = PcnApp(db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        setup_button = screen.query_one("#setup", Button)
        assert setup_button.disabled
        screen.query_one("#map-file", Input).value = str(map_file)
        await settle(pilot)
        assert "PCNs in" in text_of(screen, "#map-check")
        screen.query_one("#pcn-code", Input).focus()
        await pilot.press(*"zz")
        await settle(pilot)
        assert text_of(screen, "#pcn-check") == f"No PCN in {MAP_FILE} matches “zz” (by code or name)."
        await pilot.press("backspace", "backspace", *name[:6].lower())  # part of the name narrows the list
        await settle(pilot)
        options = screen.query_one("#pcn-list", OptionList)
        assert 1 <= options.option_count < len(pcns_in_map(read_practice_map(map_file)))
        await pilot.press("down")  # into the list
        await settle(pilot)
        assert options.has_focus
        await pilot.press("enter")
        await settle(pilot)
        picked = screen.query_one("#pcn-code", Input).value
        assert picked.startswith("U") and "✓" in text_of(screen, "#pcn-check")
        screen.query_one("#list-file", Input).value = f"{shared_data}/"
        await pilot.press("ctrl+o")  # the list sizes file from the imports' file picker
        await settle(pilot)
        assert isinstance(app.screen, imports.ImportFileOpen)
        await pilot.press("tab", *AGE_FILE, "enter")  # the picker's file name box
        await settle(pilot)
        assert app.screen is screen and Path(screen.query_one("#list-file", Input).value) == (shared_data / AGE_FILE).resolve()
        assert not setup_button.disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.pcn["code"] == picked
        ends = [(done, total) for stage, done, total in heard if stage == "Reading" and done and done == total]
        assert len(ends) == 2 and ends[1][0] > 10_000, heard[-3:]  # both files' rows counted to the last
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        expected = sum(1 for p in read_practice_map(map_file) if p.pcn_code == picked)
        assert app.screen.table.row_count == expected
    store = open_store(db)
    assert store.scalar("SELECT code FROM pcn") == picked
    assert store.scalar("SELECT count(*) FROM practice WHERE pcn_code = ?", [picked]) == expected
    assert store.scalar("SELECT count(*) FROM list_size") >= 1
    assert store.scalar("SELECT source FROM action") == "tui"
    store.close()


@pytest.mark.realdata
async def test_first_run_says_what_is_wrong_and_leaves_no_file(tmp_path, shared_data):
    db = tmp_path / "mine.db"
    broken = tmp_path / "broken-map.csv"
    broken.write_text("PRACTICE_CODE,PRACTICE_NAME\nX1,Nowhere\n")
    app = PcnApp(db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#map-file", Input).value = str(tmp_path / "missing.csv")
        await settle(pilot)
        assert text_of(screen, "#map-check") == f"There is no file at {tmp_path / 'missing.csv'}."
        screen.query_one("#map-file", Input).value = str(broken)
        await settle(pilot)
        assert "broken-map.csv" in text_of(screen, "#map-check")
        assert screen.query_one("#map-check", Static).has_class("-error")
        screen.query_one("#map-file", Input).value = str(shared_data / MAP_FILE)
        await settle(pilot)
        screen.query_one("#pcn-code", Input).value = "U00000"
        await settle(pilot)
        assert text_of(screen, "#pcn-check") == f"U00000 is not in {MAP_FILE}."
        assert screen.query_one("#setup", Button).disabled
        await pilot.press("ctrl+s")  # refused, with a word why
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
    assert not db.exists()


def quit_after_settling(monkeypatch):
    """Make PcnApp.run headless: wait for the app to settle, then press q."""
    import asyncio

    def fake_run(self):
        async def drive():
            async with self.run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                await pilot.press("q")
                await pilot.pause()

        asyncio.run(drive())

    monkeypatch.setattr(PcnApp, "run", fake_run)


def test_run_prints_one_sentence_for_a_file_that_is_not_a_database(tmp_path, capsys, monkeypatch):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"my shopping list\n" * 20)
    before = bad.read_bytes()
    quit_after_settling(monkeypatch)
    assert run(bad, today=TODAY) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"pcntui: {bad} is not a pcntui database (it is not an SQLite file); it was left untouched."
    assert bad.read_bytes() == before


async def test_app_shows_a_message_for_a_bad_file_and_quits_with_2(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"my shopping list\n" * 20)
    before = bad.read_bytes()
    app = PcnApp(bad, today=TODAY)  # not pre-opened: the app opens it in a worker
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "is not a pcntui database" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 2
    assert bad.read_bytes() == before


async def test_any_failure_while_opening_ends_start_up_with_a_message(demo_path, monkeypatch):
    """An error other than a bad file while opening (here SQLite's) was a bare "Not done" notice:
    the title said "opening…" and the keys stayed dimmed for good, and the collector held by
    `pcntui` at start-up was never given back."""
    import gc
    import sqlite3

    import pcntui.store as store_module

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_module, "open_store", locked)
    app = PcnApp(demo_path, today=TODAY)
    gc.disable()  # as `pcntui` holds it before the first frame
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert not app.opening
            assert isinstance(app.screen, MessageScreen)
            assert "The database could not be used (disk I/O error)" in screen_text(app)
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_failing_load_is_a_message_not_a_crash(make_app, pcn_db, monkeypatch):
    def broken(self, store, period):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(PcnScreen, "fetch", broken)
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.is_running
        assert "Could not load: Something went wrong (RuntimeError: disk on fire)" in text_of(app.screen, "#summary")
        assert any("disk on fire" in n.message and n.severity == "error" for n in app._notifications)
        await pilot.press("d")  # the rest of the app still works
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_an_undo_conflict_is_reported(make_app, pcn_db, monkeypatch):
    from pcntui.errors import ConflictError
    from pcntui.store import Store

    def conflict(self, expected_id=None):
        raise ConflictError("Cannot undo 'x': a practice record it changed has been changed since.")

    monkeypatch.setattr(Store, "undo", conflict)
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u", "y")
        await settle(pilot)
        assert app.is_running
        assert any("has been changed since" in n.message for n in app._notifications)


async def test_a_database_from_an_older_copy_opens_in_a_worker(tmp_path, demo_path):
    """The App opens an existing file itself when not handed a store (as tests and tools may do)."""
    db = tmp_path / "copy.db"
    shutil.copy(demo_path, db)
    app = PcnApp(db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.store is not None and app.store.source == "tui"
        assert app.sub_title.startswith("U99901")
        assert app.screen.loaded_version == app.data_version


def test_run_opens_an_existing_file(tmp_path, pcn_db, monkeypatch):
    seen = {}
    quit_after_settling(monkeypatch)
    original_init = PcnApp.__init__

    def spy(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        seen["app"] = self

    monkeypatch.setattr(PcnApp, "__init__", spy)
    assert run(Path(pcn_db), today=TODAY) == 0
    app = seen["app"]
    assert app.today == TODAY and app.failure is None
    assert app.pcn["code"] == "U99901"


async def test_a_failing_save_worker_is_reported_once(make_app, pcn_db):
    """Workers other than the load report 'Not done' once, whichever way a subclass passes the event on."""
    from textual import work

    from pcntui.tui.screens.pcn import PcnScreen

    class Saving(PcnScreen):
        @work(thread=True, exclusive=True, group="db", exit_on_error=False)
        def save(self) -> None:
            raise OSError(28, "No space left on device")

        def on_worker_state_changed(self, event):
            super().on_worker_state_changed(event)

    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = Saving()
        app.push_screen(screen)
        await settle(pilot)
        screen.save()
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == ["No space left on device."]
        assert app.is_running


@pytest.mark.realdata
async def test_first_run_check_previews_the_set_up_and_writes_nothing(tmp_path, shared_data):
    """Check is the import dialog's dry run: what set-up would add from each file, or every problem
    with its row, and no database file either way."""
    map_file = shared_data / MAP_FILE
    code, _, n = pcns_in_map(read_practice_map(map_file))[0]
    bad_sizes = tmp_path / "sizes.csv"
    bad_sizes.write_text("PRACTICE,PATIENTS\nX1,12\n")  # not the published list-size columns
    db = tmp_path / "new" / "folder" / "mine.db"  # folders the set-up would make: the check leaves none
    app = PcnApp(db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#check", Button).disabled
        screen.query_one("#map-file", Input).value = str(map_file)
        await settle(pilot)
        screen.query_one("#pcn-code", Input).value = code
        screen.query_one("#list-file", Input).value = str(shared_data / AGE_FILE)
        await settle(pilot)
        screen.query_one("#check", Button).press()
        await settle(pilot, rounds=60)
        preview = text_of(screen, "#setup-preview")
        assert f"{n:,} to add" in preview and preview.count("to add") == 2, preview
        assert "one action" in text_of(screen, "#setup-status")
        assert not (tmp_path / "new").exists() and isinstance(app.screen, FirstRunScreen)
        screen.query_one("#list-file", Input).value = str(bad_sizes)
        await settle(pilot)
        assert screen.query_one("#setup-preview", Static).has_class("-hidden")  # it was about the other file
        screen.query_one("#check", Button).press()
        await settle(pilot, rounds=60)
        assert screen.query_one("#setup-status", Static).has_class("-error"), (text_of(screen, "#setup-status"), text_of(screen, "#setup-preview"))
        assert "sizes.csv" in text_of(screen, "#setup-status")
    assert not (tmp_path / "new").exists()

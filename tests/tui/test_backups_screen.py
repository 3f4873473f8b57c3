"""The TUI and restores (issue 8, items 1 and 10): a restore made from the CLI under an open
TUI, restoring from the backups list, and the cloud-folder warning."""

from __future__ import annotations

from pcntui.cli.main import main
from pcntui.store import open_store
from pcntui.tui.app import PcnApp
from pcntui.tui.screens.backups import BackupsScreen
from pcntui.tui.screens.confirm import ConfirmModal
from tests.tui.conftest import TODAY, messages, palette_search, practice_name, screen_text, settle, small_change


async def test_a_cli_restore_under_the_open_tui(make_app, demo_path, tmp_path):
    """The issue's scenario: the TUI keeps the same file, refreshes on the restore, and its undo
    acts on the restored history (before: it went on in a deleted file and undid its own)."""
    backup = tmp_path / "B.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app._poll()  # the file's version as the TUI first sees it
        await settle(pilot)
        assert main(["intervention", "add", "--title", "Made from the CLI", "--db", str(demo_path)]) == 0
        app._poll()
        await settle(pilot)
        assert "Made from the CLI" in screen_text(app)
        assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
        app._poll()
        await settle(pilot)
        assert "Made from the CLI" not in screen_text(app)
        assert app.store.history(1)[0].label == "Load the demo PCN"
        small_change(demo_path)  # the TUI's file is the file everyone else sees
        assert app.store.scalar("SELECT name FROM practice WHERE code = 'Y90006'") == "Meadowbank Renamed"


async def test_restore_from_the_backups_list(make_app, pcn_db, tmp_path):
    assert main(["backup", "--db", str(pcn_db)]) == 0
    small_change(pcn_db)
    app = make_app(pcn_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "restore a backup")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BackupsScreen)
        text = screen_text(app)
        assert "pcn-backup-" in text and "pcntui backup" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, BackupsScreen)
        assert practice_name(pcn_db, "Y90006") != "Meadowbank Renamed"
        done = [m for m in messages(app) if m.startswith("Restored from pcn-backup-")]
        assert done and "kept as pcn-before-restore-" in done[0]
        assert "pcn-before-restore-" in screen_text(app)  # the list shows the copy just kept
        app._poll()
        await settle(pilot)
        assert not any("Another copy" in m for m in messages(app))  # its own restore is not "another copy"
        await pilot.press("h")
        await settle(pilot)
        assert "Rename Meadowbank" not in screen_text(app)


async def test_busy_restore_is_a_message_not_a_crash(make_app, pcn_db, monkeypatch):
    import sqlite3

    import pcntui.store.dbfile as dbmod

    assert main(["backup", "--db", str(pcn_db)]) == 0
    app = make_app(pcn_db)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.store.conn.execute("PRAGMA busy_timeout = 300")
        app.action_restore_backup()
        await settle(pilot)
        holder = sqlite3.connect(pcn_db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("y")
            for _ in range(100):  # the worker fails (by design): wait for its message, not for it
                await pilot.pause(0.05)
                if any("is busy" in m for m in messages(app)):
                    break
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert any("is busy" in m and "nothing was restored" in m for m in messages(app))
        assert isinstance(app.screen, BackupsScreen)


async def test_cloud_folder_warning_and_daily_backup_when_the_tui_opens(demo_path, tmp_path):
    from pcntui.demo import write_demo

    path = tmp_path / "OneDrive - NHS" / "pcn.db"
    write_demo(path, today=TODAY)
    for run in range(2):
        app = PcnApp(path, today=TODAY)  # the app opens the file itself, as `pcntui` does
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            warned = [m for m in messages(app) if "OneDrive folder" in m]
            assert len(warned) == (1 if run == 0 else 0)
    assert len(list((tmp_path / "OneDrive - NHS" / "pcn.db-backups").glob("pcn-daily-*.db"))) == 1
    store = open_store(path)
    assert store.scalar("SELECT count(*) FROM meta WHERE key = 'cloud_sync_warned'") == 1
    store.close()

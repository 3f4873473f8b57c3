"""Keys that read or change data: undo, export, filter, sort, open; checked on screen and in the database."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

from textual.widgets import Button, Input, Static

from pcntui.cli.main import main
from pcntui.store import open_store
from pcntui.tui.screens.confirm import ConfirmModal
from pcntui.tui.screens.export import ExportModal, check_path
from pcntui.tui.screens.history import ActionScreen, HistoryScreen
from pcntui.tui.screens.pcn import PcnScreen, PracticeScreen
from pcntui.views import pcn as pcn_view
from tests.tui.conftest import give_path, messages, practice_name, screen_text, settle, small_change


async def open_pcn(pilot):
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PcnScreen)
    return pilot.app.screen


async def test_u_undoes_the_last_change_and_refreshes(make_app, pcn_db):
    small_change(pcn_db, "Rename first", "Meadowbank First")
    small_change(pcn_db)
    assert practice_name(pcn_db, "Y90006") == "Meadowbank Renamed"
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        assert "Meadowbank Renamed" in [r.cells[1] for r in screen.table.all_rows]
        await pilot.press("u")  # one row: no confirmation needed
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
        assert practice_name(pcn_db, "Y90006") == "Meadowbank First"
        assert "Meadowbank First" in [r.cells[1] for r in screen.table.all_rows]  # the screen reloaded
        assert any("Undid “Rename Meadowbank” (1 row change reverted; U redoes it)" in m for m in messages(app))
        # The history shows the undo and the undone action.
        await pilot.press("h")
        await settle(pilot)
        states = {r.cells[3]: r.cells[5] for r in app.screen.table.all_rows}
        assert states["Rename Meadowbank"].startswith("undone by #")
        assert states["Undo: Rename Meadowbank"].startswith("undoes #")
        # u on the history: the next change back; the PCN screen reloads when shown again.
        small_change(pcn_db, "Rename again", "Meadowbank Again")  # another copy of pcntui saved meanwhile
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.table.all_rows[0].cells[3] == "Undo: Rename again"
        assert practice_name(pcn_db, "Y90006") == "Meadowbank First"
        await pilot.press("p")
        await settle(pilot)
        names = [r.cells[1] for r in app.screen.table.all_rows]
        assert "Meadowbank First" in names and "Meadowbank Again" not in names


async def test_u_asks_before_undoing_a_big_action(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Load the demo PCN" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert practice_name(pcn_db, "Y90001") == "Riverside Medical Centre"  # nothing undone
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert practice_name(pcn_db, "Y90001") is None
        assert app.sub_title.startswith("no PCN set up")
        await pilot.press("u")  # an undo is not itself undone: nothing left
        await settle(pilot)
        assert messages(app)[-1] == "Nothing to undo."


async def test_shift_u_redoes_what_u_undid_and_the_history_says_so(make_app, pcn_db):
    small_change(pcn_db)
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pcn(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert messages(app)[-1] == "Nothing to redo."
        await pilot.press("u")
        await settle(pilot)
        assert practice_name(pcn_db, "Y90006") != "Meadowbank Renamed"
        await pilot.press("U")
        await settle(pilot)
        assert messages(app)[-1] == "Redid “Rename Meadowbank” (1 row change made again; u undoes it)."
        assert practice_name(pcn_db, "Y90006") == "Meadowbank Renamed"
        assert "Meadowbank Renamed" in [r.cells[1] for r in app.screen.table.all_rows]  # the screen reloaded
        await pilot.press("h")
        await settle(pilot)
        states = {r.cells[3]: r.cells[5] for r in app.screen.table.all_rows}
        assert states["Rename Meadowbank"].startswith("redone by #")
        assert states["Undo: Rename Meadowbank"].startswith("undoes #") and ", redone by #" in states[
            "Undo: Rename Meadowbank"]
        assert states["Redo: Rename Meadowbank"].startswith("redoes #")
        # a new change ends the chain: U has nothing to redo after an undo and a save
        await pilot.press("u")
        await settle(pilot)
        small_change(pcn_db, "Rename again", "Meadowbank Again")
        await pilot.press("U")
        await settle(pilot)
        assert [m for m in messages(app) if not m.startswith("Another copy")][-1] == "Nothing to redo."
        assert practice_name(pcn_db, "Y90006") == "Meadowbank Again"
        await pilot.press("question_mark")
        await settle(pilot)
        assert ("U", "Redo what was undone") in [(line.keys, line.title) for line in app.screen.everywhere]


async def test_a_big_undo_is_refused_if_another_copy_saved_while_the_question_was_open(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)  # the demo load: asks
        small_change(pcn_db)  # another copy saves while the question is on screen
        await pilot.press("y")
        await settle(pilot)
        assert any("no longer the one shown" in m for m in messages(app))  # (a poll may note the save too)
        assert practice_name(pcn_db, "Y90006") == "Meadowbank Renamed"  # nothing undone
        assert practice_name(pcn_db, "Y90001") == "Riverside Medical Centre"


async def test_x_exports_the_table_view_to_csv(make_app, pcn_db, tmp_path):
    app = make_app(pcn_db)
    out = tmp_path / "out" / "practices.csv"
    out.parent.mkdir()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pcn(pilot)
        await pilot.press("x")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ExportModal)
        box = modal.query_one("#path", Input)
        assert box.value == "~/pcntui-practices-2026-11-23.csv"
        box.value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == [c.key for c in pcn_view.COLUMNS if c.csv]
    assert len(rows) == 7
    assert {r[0] for r in rows[1:]} == {"Y90001", "Y90002", "Y90003", "Y90004", "Y90005", "Y90006"}
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert any(str(out) in m for m in messages(app))


async def test_x_exports_only_the_filtered_rows_in_screen_order(make_app, pcn_db, tmp_path):
    app = make_app(pcn_db)
    out = tmp_path / "filtered.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        await pilot.press("slash", *"surgery")
        await settle(pilot)
        await pilot.press("enter")  # keep the filter, back to the table
        screen.table.sort_by([c.key for c in screen.table.spec].index("list_size"))  # smallest first
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.click("#save")
        await settle(pilot)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert [r[1] for r in rows[1:]] == ["Meadowbank Surgery", "Harbour Street Surgery"]


async def test_x_says_what_is_wrong_with_a_bad_path(make_app, pcn_db, tmp_path):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pcn(pilot)
        await pilot.press("x")
        await settle(pilot)
        modal = app.screen
        box = modal.query_one("#path", Input)
        box.value = str(tmp_path / "no-such-folder" / "x.csv")
        await settle(pilot)
        check = modal.query_one("#path-check", Static)
        assert "does not exist" in str(check.render())
        assert check.has_class("-error")
        assert modal.query_one("#save", Button).disabled
        await pilot.press("enter")  # refused: the modal stays
        await settle(pilot)
        assert app.screen is modal
        box.value = str(tmp_path)
        await settle(pilot)
        assert "is a folder" in str(check.render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PcnScreen)
    assert list(tmp_path.glob("*.csv")) == []


def test_check_path_sentences(tmp_path):
    assert check_path("")[1] == "Type the path of the CSV file to write."
    existing = tmp_path / "a.csv"
    existing.write_text("x")
    path, error, note = check_path(str(existing))
    assert path == existing and error is None and "will be replaced" in note
    assert "does not end in .csv" in check_path(str(tmp_path / "a.txt"))[2]
    assert "is a file, not a folder" in check_path(str(existing / "b.csv"))[1]


async def test_slash_filters_rows_as_you_type_and_escape_clears(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert screen.filter_input.has_focus
        await pilot.press(*"riv")
        await settle(pilot)
        assert screen.table.row_count == 1
        assert "1 of 6 practices match “riv”" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", *"emis")
        await settle(pilot)
        assert screen.table.row_count == 3  # matches the clinical system column too
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.row_count == 6
        assert screen.table.has_focus
        assert isinstance(app.screen, PcnScreen)  # escape cleared the filter, did not leave


async def test_o_sorts_by_a_chosen_column(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # Code, Practice, System, List size
        await settle(pilot)
        assert screen.table.visible_keys()[0] == "Y90006"  # 4,115: the smallest list
        assert "sorted by List size ↑" in screen_text(app)
        await pilot.press("o", "enter")  # the same column again: reversed
        await settle(pilot)
        assert screen.table.visible_keys()[0] == "Y90001"  # 14,210


async def test_enter_opens_a_practice_with_its_list_sizes(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        key = screen.table.current_key()
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, PracticeScreen) and detail.item == key
        assert [r.cells[0] for r in detail.table.all_rows] == ["2026-10-01", "2026-07-01"]
        assert f"› Practice {key}" in screen_text(app)



def test_a_table_screen_opens_rows_where_it_says_what_enter_opens():
    """`enter` is offered where a screen says what it opens (`open_row`, or a view screen's item
    screen), nowhere else; a view screen's `x` file is named after its view's KIND."""
    import importlib
    import pkgutil

    import pcntui.tui.screens as screens
    from pcntui.tui.screens.table import TableScreen, ViewScreen

    for info in pkgutil.walk_packages(screens.__path__, "pcntui.tui.screens."):
        importlib.import_module(info.name)
    tables, seen = [TableScreen], set()
    while tables:
        cls = tables.pop()
        tables.extend(c for c in cls.__subclasses__() if c not in seen)
        seen.add(cls)
    for cls in seen - {TableScreen, ViewScreen}:
        says = cls.ITEM_SCREEN is not None if issubclass(cls, ViewScreen) else cls.open_row is not TableScreen.open_row
        assert cls.opens.fget(cls.__new__(cls)) is says, cls.__name__
    assert HistoryScreen().opens and PcnScreen().opens
    assert not ActionScreen("7").opens and not PracticeScreen("Y90001").opens
    assert (HistoryScreen().EXPORT_NAME, PcnScreen().EXPORT_NAME) == ("history", "practices")
    assert (ActionScreen("7").EXPORT_NAME, PracticeScreen("Y90001").EXPORT_NAME) == (
        "action-7", "practice-Y90001-list-sizes")

async def test_history_lists_actions_and_opens_their_changes(make_app, pcn_db, tmp_path):
    small_change(pcn_db)
    app = make_app(pcn_db)
    out = tmp_path / "action.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert [r.cells[3] for r in screen.table.all_rows] == ["Rename Meadowbank", "Load the demo PCN"]
        assert [r.cells[2] for r in screen.table.all_rows] == ["cli", "cli"]
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, ActionScreen)
        assert [(r.cells[0], r.cells[2]) for r in detail.table.all_rows] == [("practice", "update")]
        assert "name: Meadowbank Surgery → Meadowbank Renamed" in detail.table.all_rows[0].cells[3]
        await pilot.press("x")
        await settle(pilot)
        await give_path(pilot, out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["change_id", "table", "row_id", "op", "before", "after", "last_row_id"]
    assert rows[1][1:4] == ["practice", "6", "update"]
    cli = tmp_path / "cli.csv"  # `x` wrote the file `pcntui export history-action` writes
    assert main(["export", "history-action", "--id", detail.item, "--db", str(pcn_db), "--out", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()


async def test_dashboard_x_exports_the_alerts(make_app, tmp_path):
    # An empty database: the PCN block raises an alert, and the ARRS block asks for the entitlement.
    db = tmp_path / "empty.db"
    open_store(db, mode="create").close()
    app = make_app(db)
    out = tmp_path / "alerts.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "2 alerts need you" in screen_text(app)  # no PCN; no entitlement
        await pilot.press("x")
        await settle(pilot)
        await give_path(pilot, out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["area", "severity", "message"]
    assert ["pcn", "problem", "No PCN is set up in this database."] in rows
    cli = tmp_path / "cli.csv"  # `x` wrote the file `pcntui export alerts` writes
    assert main(["export", "alerts", "--as-of", "2026-11-23", "--db", str(db), "--out", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()


async def test_confirm_modal_returns_yes_or_no(make_app, pcn_db):
    app = make_app(pcn_db)
    answers = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in (["y"], ["escape"], ["left", "enter"]):
            app.push_screen(ConfirmModal("Delete this?", detail="It cannot be seen again."), answers.append)
            await settle(pilot)
            assert app.screen.query_one("#no", Button).has_focus  # a stray enter never deletes
            await pilot.press(*keys)
            await settle(pilot)
    # left then enter moves to the Delete button and presses it.
    assert answers == [True, False, True]


def test_export_file_is_written_atomically(tmp_path: Path):
    """The modal writes through write_csv (atomic, 0600, a BOM for Excel); no temp files are left behind."""
    from pcntui.export.csvfile import write_csv

    out = write_csv(tmp_path / "a.csv", ["a"], [["=1+1"]])
    assert out.read_bytes() == b"\xef\xbb\xbfa\r\n'=1+1\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


async def test_changes_saved_by_another_copy_show_up(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_pcn(pilot)
        app._poll()  # the first look records the file's version
        await settle(pilot)
        small_change(pcn_db, "Rename elsewhere", "Meadowbank Elsewhere")
        app._poll()  # (runs every two seconds on its own)
        await settle(pilot)
        assert "Meadowbank Elsewhere" in [r.cells[1] for r in screen.table.all_rows]
        assert any("Another copy of pcntui saved changes" in m for m in messages(app))


async def test_another_copy_keeping_its_cache_is_not_taken_for_a_saved_change(make_app, pcn_db, capsys):
    """A read-only command in another shell (status for another date) writes only its cache: the
    file's data_version moves, its data does not; the TUI neither reloads nor says it changed."""
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_pcn(pilot)
        app._poll()
        await settle(pilot)
        seen, version = app.data_version, app._file_version
        assert main(["status", "--db", str(pcn_db), "--as-of", "2026-07-15"]) == 0
        app._poll()
        await settle(pilot)
        assert app._file_version != version  # the file did change under the app (its cache) …
        assert app.data_version == seen  # … and nothing was reloaded or said
        assert not any("Another copy" in m for m in messages(app))
    capsys.readouterr()


def highlight_alert(app, area: str) -> str:
    """Highlight the dashboard's first alert group of one alert about one item of `area`; its ref."""
    groups = app.screen.data.groups
    index = next(i for i, g in enumerate(groups) if g.count == 1 and g.area == area and g.alerts[0].ref)
    app.screen.query_one("#alerts").highlighted = index
    return groups[index].alerts[0].ref


async def test_enter_on_an_item_alert_opens_that_item(make_app, demo_path):
    """An alert about one intervention / person / cohort opens it, not just its section."""
    from pcntui.tui.screens.interventions import InterventionScreen

    app = make_app(demo_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        ref = highlight_alert(app, "interventions")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
        assert str(app.screen.intervention_id) == ref
        assert f"#{ref}" in screen_text(app) or "Intervention" in screen_text(app)


async def test_enter_on_a_staff_alert_opens_the_person(make_app, demo_path):
    from pcntui.tui.screens.arrs import PersonScreen

    app = make_app(demo_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        highlight_alert(app, "arrs")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert "Roster" in screen_text(app) or app.current_mode == "arrs"

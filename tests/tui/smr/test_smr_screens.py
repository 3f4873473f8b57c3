"""SMR screens driven by keys and the palette, checked on screen and in the database (demo DB, today 2026-11-23)."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from pcntui.inputs.smr import CountIn, ShareIn, WorklistEntryIn
from pcntui.store import derived, open_store
from pcntui.tui.forms import FormModal
from pcntui.tui.screens.confirm import ConfirmModal
from pcntui.tui.screens.export import ExportModal
from pcntui.tui.screens.smr import CapacityScreen, CohortScreen, SmrScreen, WorklistScreen
from pcntui.tui.widgets.worklist_view import WorklistView
from tests.tui.conftest import burst, give_path, is_form, query, screen_text, settle


async def open_smr(pilot) -> SmrScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SmrScreen)
    return pilot.app.screen


async def open_worklist(pilot) -> WorklistScreen:
    await open_smr(pilot)
    await pilot.press("w")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorklistScreen)
    await wait_view(pilot, screen.view)
    return screen


async def wait_view(pilot, view: WorklistView) -> None:
    for _ in range(50):
        await settle(pilot)
        if not view.busy:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def under(form: FormModal, name: str) -> str:
    """What the form says under one box."""
    return str(form.query_one(f"#m-{name}", Static).render())


async def type_into(pilot, form: FormModal, name: str, text: str) -> None:
    box = form.query_one(f"#f-{name}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def palette(pilot, title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = title  # typing it key by key is slow; the search is the same
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def open_counts_grid(pilot):
    """The SMR section, then its month-end counts grid from the palette (as a manager finds it)."""
    from pcntui.tui.screens.smr.grid import CountsGrid

    await open_smr(pilot)
    await palette(pilot, "SMR: month-end counts grid")
    assert isinstance(pilot.app.screen, CountsGrid)
    return pilot.app.screen


async def test_overview_shows_cohorts_by_practice_with_totals_and_status(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_smr(pilot)
        text = screen_text(app)
        assert "SMR cohorts 2026/27" in text
        assert "Care home residents" in text and "PCN total" in text
        assert "Y90001 Riverside Medic" in text
        assert "Behind:" in text  # the demo has one cohort behind
        keys = screen.table.visible_keys()
        assert "CARE_HOME|" in keys and "CARE_HOME|Y90001" in keys
        # `/` narrows to one practice's rows; `x` writes them with the columns of 'pcntui export smr'
        await pilot.press("slash", *"Y90002", "enter")
        await settle(pilot)
        assert all(k.endswith("|Y90002") for k in screen.table.visible_keys())
        columns, rows = screen.export_data()
        assert columns[:4] == ["fy", "cohort_code", "cohort", "practice_code"]
        # the rows of 'export smr --filter Y90002': the practice's rows, and the totals (kept by a filter)
        assert [r for r in rows if r[3] != "TOTAL"] and {r[3] for r in rows} == {"Y90002", "TOTAL"}
        assert len([r for r in rows if r[3] != "TOTAL"]) == len(screen.table.visible_keys())


async def test_enter_opens_the_cohort_with_chart_and_forecast_in_words(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_smr(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CohortScreen) and app.screen.cohort_code == "CARE_HOME"
        text = screen_text(app)
        assert "Care home residents" in text
        assert "80% ┤" in text and "target" in text  # the target line on the chart
        assert "Apr" in text and "Mar" in text
        assert "reviews/week to 31 March" in text
        assert "days early" in text or "days late" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SmrScreen)


async def test_counts_form_checks_as_you_type_and_one_save_is_one_undo_step(make_app, demo_db):
    before = query(demo_db, "SELECT completed, eligible FROM smr_count WHERE practice_code = 'Y90001' AND "
                   "cohort_code = 'CARE_HOME' ORDER BY as_of DESC LIMIT 1")[0]
    eligible = before["eligible"]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_smr(pilot)
        keys = screen.table.visible_keys()
        for _ in range(keys.index("CARE_HOME|Y90001")):
            await pilot.press("down")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert is_form(form, CountIn)
        assert form.query_one("#f-practice_code", Select).value == "Y90001"
        assert form.query_one("#f-cohort", Select).value == "CARE_HOME"
        await type_into(pilot, form, "eligible", str(eligible))
        await type_into(pilot, form, "completed", str(before["completed"] - 5))
        assert "went down from" in under(form, "completed")  # a warning: saving is still allowed
        assert "Latest held" in screen_text(app)
        # not a number: said under its box, and nothing is saved
        await type_into(pilot, form, "completed", "ten")
        assert "'ten' is not a whole number" in under(form, "completed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        # completed above eligible is an error (issue 11), not "saved — please check"
        await type_into(pilot, form, "completed", str(eligible + 3))
        assert f"{eligible + 3:,} is more than the {eligible:,} eligible" in under(form, "completed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert not query(demo_db, "SELECT 1 FROM smr_count WHERE as_of = '2026-11-23'")
        await type_into(pilot, form, "completed", str(eligible))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SmrScreen)
        rows = query(demo_db, "SELECT eligible, completed, source FROM smr_count WHERE practice_code = 'Y90001' "
                     "AND cohort_code = 'CARE_HOME' AND as_of = '2026-11-23'")
        assert rows == [{"eligible": eligible, "completed": eligible, "source": "form"}]
        await pilot.press("u")
        await settle(pilot)
        assert not query(demo_db, "SELECT 1 FROM smr_count WHERE as_of = '2026-11-23'")


async def test_capacity_panel_and_editing_a_share(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_smr(pilot)
        await palette(pilot, "SMR: capacity")
        screen = app.screen
        assert isinstance(screen, CapacityScreen)
        text = screen_text(app)
        assert "hours/week" in text and ("short by" in text or "spare" in text)
        assert "Clinical Pharmacist" in text
        staff_id = int(screen.table.current_key())
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert is_form(form, ShareIn)
        await type_into(pilot, form, "share_pct", "150")
        assert "150 must be from 0 to 100." in under(form, "share_pct")
        await type_into(pilot, form, "share_pct", "35")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CapacityScreen)
        assert query(demo_db, "SELECT share_pct FROM smr_capacity_share WHERE staff_id = ?", [staff_id]) == [
            {"share_pct": 35.0}]
        assert "35%" in screen_text(app)


async def test_worklist_masks_nhs_numbers_filters_searches_and_exports(make_app, demo_db, tmp_path):
    total = query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"]
    completed = query(demo_db, "SELECT count(*) AS n FROM smr_worklist WHERE status = 'completed'")[0]["n"]
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_worklist(pilot)
        view = screen.view
        assert view.count == total
        text = screen_text(app)
        assert "*** *** " in text and f"{total} patients" in text
        nhs = query(demo_db, "SELECT nhs_number FROM smr_worklist WHERE nhs_number IS NOT NULL ORDER BY "
                    "practice_code, reference LIMIT 1")[0]["nhs_number"]
        assert f"{nhs[:3]} {nhs[3:6]}" not in text
        await pilot.press("m")
        await pilot.pause()
        assert f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}" in screen_text(app)
        # filter by status: f → Status → completed
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "down", "enter")
        await wait_view(pilot, view)
        assert view.count == completed < total
        assert "filtered: status completed" in screen_text(app)
        # `x` writes the filtered patients (NHS numbers masked)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        out = tmp_path / "worklist.csv"
        await give_path(pilot, out)
        assert isinstance(app.screen, WorklistScreen)
        lines = out.read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == completed + 1 and lines[0].startswith("practice_code,reference,nhs_number_masked")
        assert all(",completed," in line for line in lines[1:])
        assert nhs not in out.read_text()
        # escape clears the filters
        await pilot.press("escape")
        await wait_view(pilot, view)
        assert view.count == total
        # `/` search: the start of a reference
        prefix = "001-"
        expected = query(demo_db, "SELECT count(*) AS n FROM smr_worklist WHERE reference LIKE ?", [prefix + "%"])[0]["n"]
        await pilot.press("slash", *prefix)
        await wait_view(pilot, view)
        assert view.count == expected < total
        assert f"{expected} patients" in screen_text(app)


async def test_entry_form_checks_the_nhs_number_as_typed_and_saves_nothing_until_valid(make_app, demo_db):
    total = query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert is_form(form, WorklistEntryIn)
        form.query_one("#f-practice_code", Select).value = "Y90002"
        await type_into(pilot, form, "reference", "002-NEW-1")
        await type_into(pilot, form, "nhs_number", "9434765918")  # check digit wrong (9434765919 is valid)
        assert "not a valid NHS number" in under(form, "nhs_number")
        await type_into(pilot, form, "cohorts", "care home residents")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"] == total
        await type_into(pilot, form, "nhs_number", "943 476 5919")
        assert under(form, "nhs_number") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        rows = query(demo_db, "SELECT nhs_number, status FROM smr_worklist WHERE reference = '002-NEW-1'")
        assert rows == [{"nhs_number": "9434765919", "status": "identified"}]


async def test_delete_asks_first_and_u_undoes_it(make_app, demo_db):
    total = query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        first = screen.view.current
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"] == total
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"] == total - 1
        assert not query(demo_db, "SELECT 1 FROM smr_worklist WHERE id = ?", [first.id])
        await wait_view(pilot, screen.view)
        assert screen.view.count == total - 1
        await pilot.press("u")
        await settle(pilot)
        assert query(demo_db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"] == total
        await wait_view(pilot, screen.view)
        assert screen.view.count == total


async def test_palette_opens_the_smr_screens(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette(pilot, "Go to SMR")
        assert isinstance(app.screen, SmrScreen)
        await palette(pilot, "SMR: worklist")
        assert isinstance(app.screen, WorklistScreen)
        await palette(pilot, "SMR worklist: new patient")
        assert is_form(app.screen, WorklistEntryIn)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await palette(pilot, "SMR: enter a practice")
        assert is_form(app.screen, CountIn)


async def test_worklist_view_holds_only_a_few_pages_of_a_long_list(make_app, demo_db):
    store = open_store(demo_db)
    with store.action("5,000 test patients") as tx:
        ids = []
        for i in range(5000):
            ids.append(tx.db["smr_worklist"].insert({"practice_code": "Y90001", "reference": f"T{i:05d}",
                                                  "status": "identified"}).last_pk)
        tx.db["smr_worklist_cohort"].insert_all({"worklist_id": i, "cohort_code": "CARE_HOME"} for i in ids)
        derived.fill(tx.db.conn)
    total = store.scalar("SELECT count(*) FROM smr_worklist")
    store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_worklist(pilot)
        view = screen.view
        assert view.count == total > 5000
        for key in ("pagedown", "pagedown", "end", "pageup", "home"):
            await pilot.press(key)
            await wait_view(pilot, view)
            assert view.rows_in_memory <= 300
        await pilot.press("end")
        await wait_view(pilot, view)
        assert view.current is not None and view.cursor == total - 1
        assert view.fetches <= 6  # blocks read, not the table


async def test_x_on_each_smr_table_writes_the_bytes_of_export(make_app, demo_db, tmp_path, capsysbinary):
    from pcntui.cli.main import main
    from pcntui.export.csvfile import write_csv

    def export(*argv: str) -> bytes:
        assert main(["export", *argv, "--as-of", "2026-11-23", "--db", str(demo_db)]) == 0
        return capsysbinary.readouterr().out

    expected = {SmrScreen: export("smr"), CohortScreen: export("smr-cohort", "--id", "CARE_HOME"),
                CapacityScreen: export("smr-capacity")}
    def written(screen) -> bytes:
        out = write_csv(tmp_path / f"{type(screen).__name__}.csv", *screen.export_data())
        return out.read_bytes()[3:]

    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_smr(pilot)
        assert written(app.screen) == expected[SmrScreen]
        await pilot.press("enter")  # the first row's cohort: Care home residents
        await settle(pilot)
        assert isinstance(app.screen, CohortScreen) and written(app.screen) == expected[CohortScreen]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CapacityScreen) and written(app.screen) == expected[CapacityScreen]


async def test_the_counts_grid_marks_bad_cells_as_typed_and_saves_a_month_as_one_action(make_app, demo_db):
    def held(day: str) -> int:
        return query(demo_db, "SELECT count(*) AS n FROM smr_count WHERE as_of = ?", [day])[0]["n"]

    actions = query(demo_db, "SELECT count(*) AS n FROM action")[0]["n"]
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        grid = await open_counts_grid(pilot)
        assert len(grid.practices) == 6 and len(grid.cohorts) == 7
        await pilot.press(*"80/70")  # the first cell is focused: completed above eligible
        await pilot.pause()
        assert grid.query_one("#c-0-0", Input).has_class("-error")
        assert "is more than the 70 eligible" in str(grid.query_one("#grid-messages", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is grid and held("2026-11-23") == 0
        grid.query_one("#c-0-0", Input).value = ""
        await pilot.press(*"40/70", "down", *"12/30", "tab", *"3/9")  # down a practice, across a cohort
        await pilot.pause()
        assert grid.query_one("#c-1-1", Input).value == "3/9" and not grid.query_one("#c-0-0").has_class("-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SmrScreen)
        assert held("2026-11-23") == 3
        assert query(demo_db, "SELECT count(*) AS n FROM action")[0]["n"] == actions + 1
        await pilot.press("u")
        await settle(pilot)
        assert held("2026-11-23") == 0


async def test_the_status_line_names_the_row_the_cursor_is_on(make_app, demo_db):
    """The row number follows every move (it showed the row before the last key: issue found in tmux)."""
    async with make_app(demo_db).run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        status = pilot.app.screen.query_one("#wl-status")
        for keys, row in ((["down"], 2), (["down", "pagedown"], 3 + screen.view.data_height),
                          (["end"], screen.view.count), (["home"], 1), (["up"], 1)):
            await pilot.press(*keys)
            await settle(pilot)
            assert f"· row {row} ·" in status.text, (keys, status.text)
            assert screen.view.cursor == row - 1


async def test_the_search_line_shows_its_hint_whenever_it_has_the_focus(make_app, demo_db):
    """Tab (or a click) from the list focuses the search line, which is always there: it showed an
    empty line, so what was typed next searched with nothing on screen saying so."""
    from pcntui.tui.screens.smr.search_line import HINT

    async with make_app(demo_db).run_test(size=(80, 24)) as pilot:
        screen = await open_worklist(pilot)
        line = screen.query_one("#filter", Input)
        assert screen.view.has_focus and line.placeholder == ""
        for key, hinted in (("tab", True), ("shift+tab", False), ("slash", True), ("escape", False)):
            await pilot.press(key)
            await settle(pilot)
            assert line.has_focus is hinted and screen.view.has_focus is not hinted, key
            assert line.placeholder == (HINT if hinted else ""), key


async def test_what_is_typed_with_the_slash_in_one_burst_is_searched(make_app, demo_db):
    """`/003` in one read of the terminal (quick typing, a paste): `/` asked for the focus after the keys
    already waiting, so `003` went to the list and was lost."""
    async with make_app(demo_db).run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        burst(pilot, "slash", *"003")
        await settle(pilot)
        await wait_view(pilot, screen.view)
        assert screen.query_one("#filter", Input).value == "003"
        assert screen.query_one("#filter", Input).has_focus
        assert screen.filters.search == "003"
        await pilot.press("slash")  # in the box, `/` is typed
        assert screen.query_one("#filter", Input).value == "003/"

"""The month-end counts grid (issue 11 item 3): a block pasted into a cell fills from there, and the
grid's CSV (as its ctrl+w writes it) read back in with ctrl+o's reader; each cell checked as if typed,
saved as one action (demo DB, today 2026-11-23)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static

from pcntui.tui.screens.export import ExportModal
from pcntui.tui.screens.smr import SmrScreen
from tests.tui.conftest import give_path, query, settle
from tests.tui.smr.test_smr_screens import open_counts_grid


def held(db, day: str) -> list[tuple]:
    return [tuple(r.values()) for r in query(
        db, "SELECT practice_code, cohort_code, completed, eligible FROM smr_count WHERE as_of = ? ORDER BY 1, 2",
        [day])]


async def test_a_pasted_block_and_the_grids_own_csv_fill_the_cells_checked_as_typed(make_app, demo_db, tmp_path):
    actions = query(demo_db, "SELECT count(*) AS n FROM action")[0]["n"]
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await open_counts_grid(pilot)
        grid.query_one("#c-1-1", Input).post_message(events.Paste("40/70\t12/30\n80/70,3/9\n"))  # from practice 2
        await settle(pilot)
        value = {(r, c): grid.query_one(f"#c-{r}-{c}", Input).value for r in (1, 2) for c in (1, 2)}
        assert value == {(1, 1): "40/70", (1, 2): "12/30", (2, 1): "80/70", (2, 2): "3/9"}
        assert grid.query_one("#c-2-1", Input).has_class("-error")  # completed above eligible: as if typed
        assert "is more than the 70 eligible" in str(grid.query_one("#grid-messages", Static).render())
        grid.query_one("#c-2-1", Input).value = "8/70"
        await pilot.press("ctrl+w")  # the grid's CSV: practices × cohorts, as typed
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        path = tmp_path / "grid.csv"
        await give_path(pilot, path)
        assert app.screen is grid and path.is_file()
        for r in (1, 2):
            for c in (1, 2):
                grid.query_one(f"#c-{r}-{c}", Input).value = ""
        path.write_text(path.read_text(encoding="utf-8").replace("3/9", "30/9"), encoding="utf-8")
        grid.read_csv(path)  # what ctrl+o's file picker hands over
        await settle(pilot)
        assert grid.query_one("#c-1-1", Input).value == "40/70" and grid.query_one("#c-2-2", Input).has_class("-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is grid and held(demo_db, "2026-11-23") == []  # nothing saved while a cell is wrong
        grid.query_one("#c-2-2", Input).value = "3/9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SmrScreen)
    codes = [c for c in query(demo_db, "SELECT DISTINCT practice_code FROM smr_count ORDER BY 1")]
    assert len(held(demo_db, "2026-11-23")) == 4 and len(codes) >= 3
    assert query(demo_db, "SELECT count(*) AS n FROM action")[0]["n"] == actions + 1


async def test_a_grid_csv_of_unknown_practices_is_refused_in_words_and_the_cells_stay(make_app, demo_db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("practice_code,Care home residents\nY99999,3/4\n", encoding="utf-8")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await open_counts_grid(pilot)
        grid.query_one("#c-0-0", Input).value = "1/2"
        grid.read_csv(bad)
        await settle(pilot)
        said = str(grid.query_one("#grid-messages", Static).render())
        assert "bad.csv was not read into the grid: 1 problem." in said
        assert "row 2, column practice_code: Y99999 is not one of this PCN's practices." in said
        assert grid.query_one("#c-0-0", Input).value == "1/2" and app.screen is grid

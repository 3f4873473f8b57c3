"""`[` and `]` on the roster show a year worked out ahead, rows and all, with no read (issue 12 item 6:
the year change from data already loaded); a change to the data drops what was held."""

from __future__ import annotations

import asyncio

from textual.geometry import Region

from pcntui.store import open_store
from pcntui.tui.screens.arrs import ArrsScreen, roster
from pcntui.tui.widgets.view_table import ViewTable
from tests.tui.arrs.test_arrs_screens import open_arrs
from tests.tui.conftest import screen_text, settle


async def held(pilot, screen: ArrsScreen, *years) -> None:
    """Wait until the roster holds these years (worked out once the year shown is painted)."""
    period = pilot.app.period
    for _ in range(200):
        await settle(pilot)
        if all(screen.held(period.with_fy(fy)) is not None for fy in years):
            await settle(pilot)  # and the worker that made them done
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the roster did not work out {years} ahead")


async def around_held(pilot) -> ArrsScreen:
    """The roster open, with the years either side worked out ahead."""
    screen = await open_arrs(pilot)
    await held(pilot, screen, pilot.app.fy.previous(), pilot.app.fy.next())
    return screen


def counting(monkeypatch) -> list[str]:
    """The years the roster reads (its fetch, in any worker)."""
    read: list[str] = []
    real = ArrsScreen.fetch

    def fetch(self, store, period):
        read.append(period.fy.label)
        return real(self, store, period)

    monkeypatch.setattr(ArrsScreen, "fetch", fetch)
    return read


async def test_a_year_change_shows_the_year_worked_out_ahead_with_no_read(make_app, demo_db, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await around_held(pilot)
        read = counting(monkeypatch)
        seen: list[str] = []
        app.store.conn.set_trace_callback(seen.append)
        await app.run_action("previous_year")  # what `[` runs
        loaded = screen.loaded_version == app.data_version  # at once, in the key's own handler
        app.store.conn.set_trace_callback(None)
        assert loaded and read == [], seen
        assert seen == [], "\n".join(seen)
        await settle(pilot)
        assert "ARRS 2025/26" in screen_text(app)
        again = screen.prepare(screen.fetch(app.store, app.period))  # the same year read now
        assert screen.data.rows == again.rows and screen.data.summary == again.summary


def drawn(table: ViewTable) -> list[str]:
    """The table's lines as a paint draws them now (with the lines it keeps between paints)."""
    return [strip.text for strip in table.render_lines(Region(0, 0, *table.size))]


async def test_the_lines_drawn_after_a_year_change_are_the_years_own(make_app, demo_db):
    """A table keeps the body lines it drew across refills (widgets/table_paint.py): after `[` and `]`
    every line on screen must be the one drawn afresh for the year shown, not a line kept from the
    other year at the same place."""
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await around_held(pilot)
        table = screen.query_one(ViewTable)
        for key in ("left_square_bracket", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            await held(pilot, screen, app.fy)
            await settle(pilot)
            kept = drawn(table)
            table._lines_drawn.clear()
            table._clear_caches()
            assert kept == drawn(table), key
        assert "ARRS 2025/26" in screen_text(app)


async def test_going_back_and_forth_never_reads_the_year_shown(make_app, demo_db, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await around_held(pilot)
        read = counting(monkeypatch)
        for key in ("left_square_bracket", "right_square_bracket", "left_square_bracket", "right_square_bracket"):
            await pilot.press(key)
            await held(pilot, screen, app.fy.previous(), app.fy.next())
        assert read and set(read) <= {"2024/25", "2027/28"}  # only the years beyond, ahead; never a year shown


async def test_a_change_to_the_data_drops_the_years_held(make_app, demo_db, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await held(pilot, screen, app.fy.previous())
        first = screen.held(app.period.with_fy(app.fy.previous())).rows[0]
        other = open_store(demo_db)
        with other.action("Rename a staff member"):
            other.conn.execute("UPDATE staff SET name = 'Aaron Renamed', rev = rev + 1 WHERE id = ?", [int(first.key)])
        other.close()
        monkeypatch.setattr(roster, "YEARS_AHEAD_AFTER", 600)  # nothing worked out ahead from now on
        app.data_changed()  # as the poll does on seeing another copy's write
        await settle(pilot)
        read = counting(monkeypatch)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        # read again (twice when the poll also notices the other copy's write), not shown from what was held
        assert read and set(read) == {"2025/26"} and "Aaron Renamed" in {str(r.cells[0]) for r in screen.table.all_rows}


async def test_a_screen_left_is_not_read_again_when_the_year_comes_back(make_app, demo_db, monkeypatch):
    """ARRS left for the dashboard, a year back and forth there: ARRS shows what it held, with no read."""
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await pilot.press("d")
        await settle(pilot)
        for key in ("left_square_bracket", "right_square_bracket"):
            await pilot.press(key)
            await settle(pilot)
        app.poll_timer.pause()  # its look at the file is not the visit's
        await settle(pilot)
        read = counting(monkeypatch)
        seen: list[str] = []
        app.store.conn.set_trace_callback(seen.append)
        await app.run_action("section('arrs')")  # what `a` runs
        await settle(pilot)
        app.store.conn.set_trace_callback(None)
        assert app.screen is screen and screen.loaded_version == app.data_version
        assert read == [] and seen == []
        assert "ARRS 2026/27" in screen_text(app)


async def test_a_roster_too_long_to_hold_keeps_only_the_year_shown(make_app, demo_db, monkeypatch):
    """Memory (a 40× PCN's year is ~5 MB): past HELD_ROWS rows the years either side are not held, only
    their figures worked out ahead (views.arrs.year.YearViews), and `[` reads its rows."""
    from pcntui.views.arrs.year import YearViews

    monkeypatch.setattr(roster, "HELD_ROWS", 40)  # the demo's roster is 32 rows a year
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        for _ in range(20):
            await pilot.pause(0.05)
            await settle(pilot)
        views = YearViews.of(app.store)
        assert {fy for fy, _ in views._years} == {app.fy.previous(), app.fy, app.fy.next()}
        assert list(screen._years) == [(app.saved_version, app.fy, app.period.as_of)]
        read = counting(monkeypatch)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert read[:1] == ["2025/26"] and "ARRS 2025/26" in screen_text(app)

"""`x` on each ARRS table writes the bytes of `pcntui export KIND` (issue 9): the roster
(arrs-roster, with Claimable), a person's months (arrs-person --id), the role mix (arrs-summary),
alerts, planned posts, NWRS and the three rule tables; with a filter, the same rows filtered."""

from __future__ import annotations

import contextlib
import io
from datetime import date

from pcntui.cli.main import main
from pcntui.domain.period import Period
from pcntui.export.csvfile import render
from pcntui.export.views import export_kind
from pcntui.store import open_store
from pcntui.views.base import ViewQuery
from tests.tui.arrs.test_arrs_screens import open_arrs, select
from tests.tui.conftest import settle

AISHA = 7
AS_OF = "2026-11-23"


def exported_by_cli(db, kind: str) -> bytes:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", kind, "--as-of", AS_OF, "--db", str(db)]) == 0
    return out.getvalue().encode()


def person_export(db, staff_id: int) -> bytes:
    """`pcntui export arrs-person --id 7` (export_kind: what the command runs)."""
    out = io.StringIO()
    with open_store(db) as store, contextlib.redirect_stdout(out):
        export_kind("arrs-person", store, ViewQuery(Period.make(date.fromisoformat(AS_OF)), item=str(staff_id)), None)
    return out.getvalue().encode()


def x_bytes(screen) -> bytes:
    columns, rows = screen.export_data()
    return render(columns, rows).encode()


async def test_x_on_every_arrs_table_writes_the_bytes_of_export(make_app, demo_db):
    expected = {kind: exported_by_cli(demo_db, kind) for kind in (
        "arrs-roster", "arrs-summary", "arrs-alerts", "arrs-planned", "arrs-nwrs", "arrs-rates", "arrs-caps",
        "arrs-roles")}
    expected["arrs-person"] = person_export(demo_db, AISHA)
    got = {}
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        roster = await open_arrs(pilot)
        got["arrs-roster"] = x_bytes(roster)
        await select(pilot, roster, str(AISHA))
        await pilot.press("enter")
        await settle(pilot)
        got["arrs-person"] = x_bytes(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        for key, kind in (("m", "arrs-summary"), ("exclamation_mark", "arrs-alerts"), ("v", "arrs-planned"),
                          ("w", "arrs-nwrs"), ("b", "arrs-rates")):
            await pilot.press(key)
            await settle(pilot)
            got[kind] = x_bytes(app.screen)
        for kind in ("arrs-caps", "arrs-roles"):
            await pilot.press("k")  # the next rule table
            await settle(pilot)
            got[kind] = x_bytes(app.screen)
    for kind, data in expected.items():
        assert data.count(b"\r\n") > 1, kind  # a real table, not just a header
        assert got[kind] == data, kind


async def test_x_on_a_filtered_roster_writes_the_rows_export_filter_keeps(make_app, demo_db):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "arrs-roster", "--as-of", AS_OF, "--filter", "pharmacist", "--db", str(demo_db)]) == 0
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await pilot.press("slash", *"pharmacist")
        await settle(pilot)
        assert x_bytes(screen) == out.getvalue().encode()
        assert 1 < len(screen.table.visible_keys()) < len(screen.table.all_rows)

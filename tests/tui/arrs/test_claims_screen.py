"""The claims grid (ARRS `l`): one row per person, one column per month; a month's claim entered
through the form as one undoable action; `x` writes the bytes of `pcntui export arrs-claims`.
And the IIF screen (SMR `f`). Demo database, today 2026-11-23 (2026/27: April to October ended)."""

from __future__ import annotations

from textual.widgets import Input, Select

from pcntui.cli.main import main
from pcntui.store import open_store
from pcntui.inputs.arrs import ClaimIn
from pcntui.tui.screens.arrs.claims import ClaimsScreen
from tests.tui.arrs.test_arrs_screens import open_arrs
from tests.tui.conftest import is_form, query, settle

AISHA = 7  # demo: Aisha Khan, Care Coordinator, 1 WTE from 2024-10-01


def claims_of(db_path) -> list[dict]:
    return query(db_path, "SELECT month, staff_name, amount_claimed_pence, status, amount_paid_pence FROM arrs_claim")


def claimable_of(db_path, name: str, month: str) -> str:
    """The person's claimable for the month, as `export arrs-claims` gives it."""
    import contextlib
    import csv
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", "arrs-claims", "--as-of", "2026-11-23", "--db", str(db_path)]) == 0
    return next(r["claimable"] for r in csv.DictReader(io.StringIO(out.getvalue()))
                if r["name"] == name and r["month"] == month)


async def open_claims(pilot) -> ClaimsScreen:
    await open_arrs(pilot)
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClaimsScreen) and screen.data is not None
    return screen


async def test_a_month_claimed_through_the_form_is_one_undoable_action(make_app, demo_db):
    claimable = claimable_of(demo_db, "Aisha Khan", "2026-08")
    pence = int(claimable.replace(".", ""))
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_claims(pilot)
        key = next(k for k in screen.table.visible_keys() if k.startswith(f"{AISHA}|"))
        screen.table.move_cursor(row=screen.table.visible_keys().index(key), column=5, animate=False)  # August
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert is_form(form, ClaimIn) and "August 2026" in form.spec.title
        form.query_one("#f-amount_claimed", Input).value = "12,000"
        await settle(pilot)
        assert "-hidden" in form.query_one("#m-amount_claimed").classes  # £ and commas accepted
        form.query_one("#f-status", Select).value = "paid"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # a paid claim needs the amount paid: nothing saved
        assert "amount_paid" in str(form.query_one("#m-amount_paid").render()) and claims_of(demo_db) == []
        form.query_one("#f-amount_paid", Input).value = claimable
        form.query_one("#f-amount_claimed", Input).value = claimable
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        assert claims_of(demo_db) == [{"month": "2026-08", "staff_name": "Aisha Khan", "amount_claimed_pence": pence,
                                       "status": "paid", "amount_paid_pence": pence}]
        assert "✓" in str(app.screen.table.get_cell_at((screen.table.visible_keys().index(key), 5)))
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")  # in case undo asks
        await settle(pilot)
    assert claims_of(demo_db) == []


async def test_x_writes_the_bytes_of_export_arrs_claims(make_app, demo_db, tmp_path, capsysbinary):
    store = open_store(demo_db)
    store.close()
    assert main(["export", "arrs-claims", "--as-of", "2026-11-23", "--db", str(demo_db)]) == 0
    expected = capsysbinary.readouterr().out
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_claims(pilot)
        columns, rows = screen.export_data()
    from pcntui.export.csvfile import render

    assert render(columns, rows).encode() == expected


async def test_iif_screen_from_smr_lists_the_indicators_and_x_writes_export_iif(make_app, demo_db, capsysbinary):
    from pcntui.export.csvfile import render
    from pcntui.tui.screens.iif import IifScreen

    assert main(["export", "iif", "--as-of", "2026-11-23", "--db", str(demo_db)]) == 0
    expected = capsysbinary.readouterr().out
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IifScreen) and screen.table.visible_keys() == ["CAN-04", "HI-03"]
        chart = str(screen.query_one("#chart").render())
        assert "L" in chart and "U" in chart and "no IIF achievement file imported" in chart
        columns, rows = screen.export_data()
    assert render(columns, rows).encode() == expected

"""`F` on the SMR worklist forgets every patient after the PCN code is typed; `u` then stops at it."""

from __future__ import annotations

from textual.widgets import Button, Input

from pcntui.tui.screens.forget import ForgetModal
from pcntui.tui.screens.smr import WorklistScreen
from tests.tui.conftest import messages, query, screen_text, settle
from tests.tui.smr.test_smr_screens import open_worklist, palette, wait_view


def count(db) -> int:
    return query(db, "SELECT count(*) AS n FROM smr_worklist")[0]["n"]


async def test_forget_needs_the_pcn_code_typed_then_u_stops_at_it(make_app, demo_db, tmp_path):
    total = count(demo_db)
    code = query(demo_db, "SELECT code FROM pcn")[0]["code"]
    nhs = [r["nhs_number"] for r in query(demo_db, "SELECT nhs_number FROM smr_worklist WHERE nhs_number IS NOT NULL")]
    assert total > 10 and nhs
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        await pilot.press("F")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ForgetModal)
        assert f"Type {code} or FORGET to confirm" in screen_text(app)
        assert f"({total:,} patients)" in screen_text(app)
        forget = modal.query_one("#forget", Button)
        modal.query_one("#typed", Input).value = "U00000"
        await settle(pilot)
        assert forget.disabled
        await pilot.press("enter")  # the wrong code: says so, removes nothing
        await settle(pilot)
        assert app.screen is modal and "exactly" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen) and count(demo_db) == total
        # through the palette this time, and the code typed in lower case
        await palette(pilot, "SMR worklist: forget every patient")
        assert isinstance(app.screen, ForgetModal)
        app.screen.query_one("#typed", Input).value = code.lower()
        await settle(pilot)
        assert not app.screen.query_one("#forget", Button).disabled
        await pilot.press("enter")
        await settle(pilot)
        assert count(demo_db) == 0
        assert any(m.startswith(f"Forgot the SMR worklist: {total:,} patients and ") for m in messages(app))
        await wait_view(pilot, screen.view)
        assert screen.view.count == 0
        raw = demo_db.read_bytes() + (tmp_path / "demo.db-wal").read_bytes()
        assert not [n for n in nhs if n.encode() in raw]
        await pilot.press("u")
        await settle(pilot)
        assert "can be undone: it erased patient data and its history for good." in messages(app)[-1]
        assert count(demo_db) == 0
        await pilot.press("F")  # nothing left to forget: says so, no dialog
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        assert messages(app)[-1] == "There is no SMR worklist data in this database to forget."
        await pilot.press("h")
        await settle(pilot)
        first = app.screen.table.all_rows[0].cells
        assert first[3].startswith("Forget the SMR worklist") and first[5] == "cannot be undone"

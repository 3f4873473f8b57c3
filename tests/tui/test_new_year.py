"""The palette's "Start the next financial year": asks with what it will carry, estimate and replace,
then does it as one action (u undoes it); a year without rules is refused in one sentence."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.fy import FinancialYear
from pcntui.store import open_store
from pcntui.store.smr import targets
from pcntui.tui.commands.provider import PcnCommands
from pcntui.tui.screens.confirm import ConfirmModal
from tests.tui.conftest import messages, settle, screen_text
from tests.tui.test_commands import run

TITLE = "Start the next financial year"


async def test_palette_finds_it_and_refuses_a_year_without_rules(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hits = sorted([h async for h in PcnCommands(app.screen).search("start next year")], key=lambda h: -h.score)
        assert hits[0].text == TITLE
        await run(app, "start_next_year")  # shown: 2026/27, so 2027/28, whose rules are not on record
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert any(m.startswith("The 2027/28 rules are not shipped") for m in messages(app))


async def test_starts_the_year_after_the_one_shown_after_asking(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("[")  # show 2025/26: its next year is 2026/27
        await settle(pilot)
        await run(app, "start_next_year")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        text = screen_text(app)
        assert "Start 2026/27 from 2025/26?" in text and "Carries 6 SMR targets and the ARRS entitlement." in text
        assert "Estimated: ARRS entitlement 2026/27" in text and "Replaces 2026/27's 5 SMR targets" in text
        assert "Start 2026/27 (y)" in text  # the buttons fit at 80×24
        await pilot.press("y")
        await settle(pilot)
        assert any(m.startswith("Started 2026/27 from 2025/26.") for m in messages(app))
    with open_store(demo_db) as store:
        assert targets(store, FinancialYear(2026))["CARE_HOME"].value == Decimal(75)
        assert store.query("SELECT label, source FROM action WHERE kind = 'do' ORDER BY id DESC LIMIT 1") == [
            {"label": "Start 2026/27 from 2025/26", "source": "tui"}]

"""Sorting the roster by Claimable FY orders amounts by size: £10,500 after £9,000 (issue 9).

Money sort values are Decimals; they used to be sorted as text ("10500.00" < "9000.00"), which
every five-digit demo amount hid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcntui.domain.staff import StaffMember, Terms
from pcntui.store import open_store
from pcntui.store.staff import save_staff
from tests.tui.arrs.test_arrs_screens import open_arrs
from tests.tui.conftest import settle

CLAIMABLE = 6  # the roster's Claimable FY column


def add_starter(db_path, name: str, start: str) -> None:
    """A pharmacist starting late in 2026/27: a claim of a few months, four digits."""
    member = StaffMember(id=None, name=name, role_code="CP", start_date=date.fromisoformat(start), end_date=None,
                         terms=(Terms(date.fromisoformat(start), Decimal("1"), Decimal("45000"), None),))
    with open_store(db_path) as store:
        save_staff(store, member)


async def test_claimable_sorts_by_amount_not_as_text(make_app, demo_db):
    add_starter(demo_db, "Late Starter", "2027-03-01")
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_arrs(pilot)
        amounts = {r.cells[0]: r.sort[CLAIMABLE] for r in screen.table.all_rows}
        small = amounts["Late Starter"]
        assert Decimal(1000) < small < Decimal(10000)  # four digits, unlike every demo amount
        assert any(a >= Decimal(10000) for a in amounts.values())
        screen.table.sort_by(CLAIMABLE)
        await settle(pilot)
        shown = [r.sort[CLAIMABLE] for r in screen.table.shown]
        assert shown == sorted(shown)
        assert shown.index(small) < shown.index(max(shown))
        screen.table.sort_by(CLAIMABLE)  # largest first
        await settle(pilot)
        shown = [r.sort[CLAIMABLE] for r in screen.table.shown]
        assert shown == sorted(shown, reverse=True)


async def test_a_click_on_a_header_sorts_by_that_column_and_again_reverses(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_arrs(pilot)
        table = screen.table
        x = sum(c.get_render_width(table) for c in table.ordered_columns[:CLAIMABLE]) + 2  # in Claimable's header
        for reverse in (False, True):
            await pilot.click(table, offset=(x, 0))
            await settle(pilot)
            assert (table.sort_column, table.sort_reverse) == (CLAIMABLE, reverse)
            shown = [r.sort[CLAIMABLE] for r in table.shown]
            assert shown == sorted(shown, reverse=reverse)

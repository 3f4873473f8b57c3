"""ARRS screens driven by keys and the palette, checked on screen and in the database (demo DB, today 2026-11-23)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textual.widgets import Button, Input

from pcntui.domain.claimable import total
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import open_store
from pcntui.inputs.arrs import ChangeTermsIn, EntitlementIn, LeaverIn, NewPlannedPostIn, PlannedPostIn, RateIn, StaffIn
from pcntui.tui.screens.arrs import ArrsScreen, PersonScreen
from pcntui.tui.screens.arrs.alerts import AlertsScreen
from pcntui.tui.screens.arrs.mix import MixScreen
from pcntui.tui.screens.arrs.nwrs import NwrsScreen
from pcntui.tui.screens.arrs.planned import PlannedScreen
from pcntui.tui.screens.arrs.rules import RulesScreen
from pcntui.tui.widgets.entitlement_bar import entitlement_bar
from pcntui.tui.screens.confirm import ConfirmModal
from tests.tui.conftest import TODAY, burst, give_path, is_form, palette_search, query, screen_text, settle

AISHA = 7  # demo: Aisha Khan, Care Coordinator, 1 WTE from 2024-10-01


def period(fy: FinancialYear | None = None) -> Period:
    return Period(TODAY, fy or FinancialYear.of(TODAY))


def view_of(db_path, fy: FinancialYear | None = None):
    from pcntui.store.arrs import arrs_view

    store = open_store(db_path)
    try:
        return arrs_view(store, period(fy))
    finally:
        store.close()


async def open_arrs(pilot) -> ArrsScreen:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ArrsScreen)
    return pilot.app.screen


async def select(pilot, screen, key: str) -> None:
    keys = screen.table.visible_keys()
    screen.table.move_cursor(row=keys.index(key), animate=False)
    await settle(pilot)


async def fill(pilot, field: str, text: str, *, type_it: bool = False) -> None:
    """Put `text` in a form field (typed key by key with type_it; otherwise set, as a paste would)."""
    box = pilot.app.screen.query_one(f"#f-{field}", Input)
    box.focus()
    await pilot.pause()
    if type_it:
        box.value = ""
        await pilot.press(*text)
    else:
        box.value = text
    await settle(pilot)


def message(app, field: str) -> str:
    widget = app.screen.query_one(f"#m-{field}")
    return "" if widget.has_class("-hidden") else str(widget.render())


def count(db_path, table: str, where: str = "1", params=()) -> int:
    return query(db_path, f"SELECT count(*) AS n FROM {table} WHERE {where}", params)[0]["n"]


# ---------------------------------------------------------------------- roster and bar
async def test_a_opens_the_roster_with_the_entitlement_bar(make_app, demo_db):
    view = view_of(demo_db)
    h = view.year.headroom
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        text = screen_text(app)
        assert "Entitlement 2026/27: £1,521,349.14" in text
        assert f"claimable to date {gbp(h.claimable_to_date)}" in text
        assert f"forecast {gbp(h.forecast)}" in text
        assert "█" in text and "░" in text
        rows = {r.key: r for r in screen.table.all_rows}
        assert len(rows) == 32  # in post at some time in 2026/27 (one leaver before the year is left out)
        aisha = rows[str(AISHA)]
        assert aisha.cells[0] == "Aisha Khan" and aisha.cells[1] == "Care Coordinator"
        assert str(aisha.cells[6]) == gbp(total(view.year.person(AISHA)))
        baseline = next(r for r in rows.values() if r.cells[0] == "Janet Moore")
        assert baseline.cells[5] == "baseline" and str(baseline.cells[6]) == "£0.00"
        # / filters, o sorts (by claimable, largest first after reversing)
        await pilot.press("slash", *"pharm")
        await settle(pilot)
        assert {r.cells[1] for r in screen.table.shown} == {"Clinical Pharmacist", "Pharmacy Technician"}
        await pilot.press("escape")
        await settle(pilot)
        screen.table.sort_by(6)
        screen.table.sort_by(6)
        await settle(pilot)
        top = screen.table.shown[0]
        assert top.sort[6] == max(r.sort[6] for r in screen.table.all_rows)  # £110,117.04 above £75,974.04: numbers


async def test_a_filter_typed_with_the_slash_in_one_burst_filters(make_app, demo_db):
    """`/pharm` in one read of the terminal: the letters followed the focus into the filter box (they went
    to the table, `p` opening the planned posts, when `/` moved the focus only after them)."""
    async with make_app(demo_db).run_test(size=(120, 40)) as pilot:
        screen = await open_arrs(pilot)
        burst(pilot, "slash", *"pharm")
        await settle(pilot)
        assert pilot.app.screen is screen and screen.query_one("#filter", Input).value == "pharm"
        assert {r.cells[1] for r in screen.table.shown} == {"Clinical Pharmacist", "Pharmacy Technician"}


def test_entitlement_bar_blocks():
    from pcntui.domain.headroom import Headroom

    bar = entitlement_bar(Headroom(Decimal(100), Decimal(25), Decimal(50)), width=20)
    assert bar.count("█") == 5 and bar.count("▒") == 5 and bar.count("░") == 10
    over = entitlement_bar(Headroom(Decimal(100), Decimal(60), Decimal(150)), width=20)
    assert over.count("░") == 0 and "$error" in over
    assert "press t" in entitlement_bar(Headroom(None, Decimal(0), Decimal(0)))


async def test_year_keys_reload_the_roster_for_that_year(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "ARRS 2025/26" in screen_text(app)
        names = {r.cells[0] for r in screen.table.all_rows}
        assert "Sam Hughes" in names and "Lucy Ward" not in names  # Lucy starts 2026-09-10


# ---------------------------------------------------------------------- add / edit / validate
async def test_n_adds_staff_through_the_form_then_u_undoes_it(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert is_form(form, StaffIn)
        assert message(app, "name") == ""  # nothing said about blank fields before they are touched
        await fill(pilot, "name", "Rosa Diaz", type_it=True)
        await fill(pilot, "role", "cp")
        await fill(pilot, "wte", "0.6")
        await fill(pilot, "start_date", "01/12/2026")
        await fill(pilot, "fte_salary", "£52,000")
        assert "Clinical Pharmacist (CP)" in message(app, "role")  # once the record reads well
        assert not form.query_one("#save", Button).disabled
        assert "Claimable in 2026/27" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        rows = query(demo_db, "SELECT * FROM staff WHERE name = 'Rosa Diaz'")
        assert len(rows) == 1 and rows[0]["role_code"] == "CP" and rows[0]["start_date"] == "2026-12-01"
        terms = query(demo_db, "SELECT * FROM staff_terms WHERE staff_id = ?", [rows[0]["id"]])
        assert [(t["wte"], t["fte_salary_pence"]) for t in terms] == [("0.6", 5_200_000)]
        assert screen.table.current_key() == str(rows[0]["id"])  # the cursor is on the new person
        assert "Rosa Diaz" in screen_text(app)
        assert query(demo_db, "SELECT label FROM action ORDER BY id DESC LIMIT 1")[0]["label"] == "Add staff Rosa Diaz"
        await pilot.press("u")
        await settle(pilot)
        assert count(demo_db, "staff", "name = 'Rosa Diaz'") == 0
        assert "Rosa Diaz" not in {r.cells[0] for r in screen.table.all_rows}


async def test_bad_wte_says_why_under_the_field_and_saves_nothing(make_app, demo_db):
    before = count(demo_db, "staff")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await fill(pilot, "name", "Too Many Hours")
        await fill(pilot, "role", "Paramedic")
        await fill(pilot, "start_date", "2026-12-01")
        await fill(pilot, "fte_salary", "50000")
        await fill(pilot, "wte", "1.5", type_it=True)
        assert message(app, "wte") == "1.5 must be more than 0 and at most 1."
        assert form.query_one("#m-wte").has_class("-error")
        assert "must be more than 0 and at most 1" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused; the form stays
        assert form.query_one("#save", Button).disabled
        assert any("Not saved" in n.message for n in app._notifications)
        await fill(pilot, "wte", "0")
        assert "must be more than 0" in message(app, "wte")
        await fill(pilot, "wte", "abc")
        assert "'abc' is not a number" in message(app, "wte")
        await fill(pilot, "wte", "1")  # the record's own rules run once every box reads well
        await fill(pilot, "end_date", "2026-11-01")
        assert "before the start date" in message(app, "end_date")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
    assert count(demo_db, "staff") == before


async def test_warnings_do_not_block_saving(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "name", "Early Enhanced Nurse")
        await fill(pilot, "role", "EPN")
        await fill(pilot, "wte", "1")
        await fill(pilot, "start_date", "2023-01-01")  # EPN eligible from 2024-04-01
        await fill(pilot, "fte_salary", "250000")  # far above band 7
        assert "not an ARRS role on 2023-01-01" in message(app, "role")
        assert app.screen.query_one("#m-role").has_class("-warning")
        assert "outside the" in message(app, "fte_salary")
        assert app.screen.query_one("#m-fte_salary").has_class("-warning")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
    assert count(demo_db, "staff", "name = 'Early Enhanced Nurse'") == 1


async def test_e_edits_and_a_second_copy_cannot_be_overwritten(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("e")
        await settle(pilot)
        assert is_form(app.screen, StaffIn)
        assert app.screen.query_one("#f-name", Input).value == "Aisha Khan"
        await fill(pilot, "wte", "0.8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        # the form edits the latest terms (the demo's 2026/27 pay award, from 1 April 2026)
        assert query(demo_db, "SELECT wte FROM staff_terms WHERE staff_id = ? ORDER BY effective_from DESC",
                     [AISHA])[0]["wte"] == "0.8"
        assert {r.key: r for r in screen.table.all_rows}[str(AISHA)].cells[2] == "0.80"  # WTE to 2 places on screen
        # Open the form again, then another copy of pcntui saves Aisha first.
        await pilot.press("e")
        await settle(pilot)
        other = open_store(demo_db)
        with other.action("Other copy edits Aisha"):
            other.conn.execute("UPDATE staff SET supervisor = 'Someone Else', rev = rev + 1 WHERE id = ?", [AISHA])
        other.close()
        await fill(pilot, "note", "mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert is_form(app.screen, StaffIn)  # kept open with the reason
        assert "changed by someone else" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        for _ in range(60):  # let the app notice the other copy's save before it closes (no teardown race)
            if any("Another copy" in n.message for n in app._notifications):
                break
            await pilot.pause(0.1)
        await settle(pilot)
    row = query(demo_db, "SELECT supervisor, note FROM staff WHERE id = ?", [AISHA])[0]
    assert row == {"supervisor": "Someone Else", "note": ""}


# ---------------------------------------------------------------------- dated change, leaver, delete
async def test_c_changes_wte_from_a_date_and_the_grid_splits(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("c")
        await settle(pilot)
        assert is_form(app.screen, ChangeTermsIn)
        assert app.screen.query_one("#f-effective_from", Input).value == "2026-12-01"  # the next month's 1st
        await fill(pilot, "effective_from", "2026-12-16")
        await fill(pilot, "wte", "0.5")
        assert "From 2026-12-16: WTE 0.5" in screen_text(app)
        await fill(pilot, "effective_from", "2020-01-01")
        assert "is not in post on 2020-01-01" in message(app, "effective_from")
        await fill(pilot, "effective_from", "2026-12-16")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        terms = query(demo_db, "SELECT effective_from, wte FROM staff_terms WHERE staff_id = ? ORDER BY effective_from", [AISHA])
        assert [(t["effective_from"], t["wte"]) for t in terms] == [
            ("2024-10-01", "1"), ("2025-04-01", "1"), ("2026-04-01", "1"), ("2026-12-16", "0.5")]  # pay awards
        await pilot.press("enter")
        await settle(pilot)
        person = app.screen
        assert isinstance(person, PersonScreen)
        grid = {r.key: r for r in person.table.all_rows}
        assert grid["2026-12"].cells[2] == "0.74"  # two places of the day-weighted: (15 × 1 + 16 × 0.5) / 31
        assert grid["2027-01"].cells[2] == "0.50"


async def test_f_records_a_leaver(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("f")
        await settle(pilot)
        assert is_form(app.screen, LeaverIn)
        await fill(pilot, "end_date", "2020-01-01")
        assert "before Aisha Khan's start date" in message(app, "end_date")
        await fill(pilot, "end_date", "2027-01-31")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert query(demo_db, "SELECT end_date FROM staff WHERE id = ?", [AISHA])[0]["end_date"] == "2027-01-31"
        assert {r.key: r for r in screen.table.all_rows}[str(AISHA)].cells[4] == "2027-01-31"


async def test_delete_asks_then_deletes_and_u_undoes(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert app.screen.question == "Delete Aisha Khan (Care Coordinator)?"
        await pilot.press("n")
        await settle(pilot)
        assert count(demo_db, "staff", "id = ?", [AISHA]) == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        assert count(demo_db, "staff", "id = ?", [AISHA]) == 0
        assert count(demo_db, "staff_terms", "staff_id = ?", [AISHA]) == 0
        assert str(AISHA) not in screen.table.visible_keys()
        await pilot.press("u")
        await settle(pilot)
        assert count(demo_db, "staff", "id = ?", [AISHA]) == 1
        assert count(demo_db, "staff_terms", "staff_id = ?", [AISHA]) == 3  # start, 2025/26 and 2026/27 awards
        assert str(AISHA) in screen.table.visible_keys()


# ---------------------------------------------------------------------- person grid
async def test_enter_opens_the_month_grid_with_the_stores_totals(make_app, demo_db):
    months = view_of(demo_db).year.person(AISHA)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("enter")
        await settle(pilot)
        person = app.screen
        assert isinstance(person, PersonScreen)
        text = screen_text(app)
        assert "Aisha Khan" in text and "Care Coordinator" in text
        assert person.table.row_count == 12 == len(months)
        assert (f"actual cost {gbp(total(months, 'actual_cost'))} · cap {gbp(total(months, 'max_reimbursable'))} · "
                f"claimable {gbp(total(months))}") in " ".join(text.split())
        claim = sum((Decimal(str(r.cells[5]).replace("£", "").replace(",", "")) for r in person.table.all_rows), Decimal(0))
        assert claim == total(months)
        nov = {r.key: r for r in person.table.all_rows}["2026-11"]
        assert nov.cells[6] == "forecast"  # November has not ended on the 23rd
        assert {r.key: r for r in person.table.all_rows}["2026-10"].cells[6] == "to date"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_delete_from_the_person_screen_goes_back_to_the_roster(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
    assert count(demo_db, "staff", "id = ?", [AISHA]) == 0


# ---------------------------------------------------------------------- other screens
async def test_m_role_mix_against_caps(make_app, demo_db):
    view = view_of(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MixScreen)
        rows = {r.key: r for r in app.screen.table.all_rows}
        assert set(rows) >= {x.role_code for x in view.mix}
        assert str(rows["DTL"].cells[4]) == "no cap"  # the DTL cap of 1 ended with 2024/25
        assert "Every role is within its cap." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)


async def test_alerts_list_and_enter_opens_the_person(make_app, demo_db):
    view = view_of(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        assert screen.table.row_count == len(view.alerts)
        assert "registration expired on 2026-11-13" in screen_text(app)
        under = next(r.key for r in screen.data.extra["table"].iter_rows() if "underspend" in r.values[1])
        await select(pilot, screen, under)
        assert "is lost at 31 March 2027" in " ".join(screen_text(app).split())  # the whole alert, wrapped
        key = next(k for k in screen.table.visible_keys() if not k.endswith(":"))
        await select(pilot, screen, key)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)


async def test_entitlement_form_sets_an_amount_and_the_bar_follows(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("t")
        await settle(pilot)
        form = app.screen
        assert is_form(form, EntitlementIn)
        assert form.query_one("#f-weighted_population", Input).value == "57127"
        await fill(pilot, "weighted_population", "60000")
        assert "£1,597,860.00" in screen_text(app)  # 60,000 × £26.631
        await fill(pilot, "weighted_population", "-3")
        assert "-3 must be from 1 to 10,000,000" in message(app, "weighted_population")
        await fill(pilot, "weighted_population", "")
        await fill(pilot, "rate_per_patient", "")
        await fill(pilot, "amount", "1000000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        assert "Entitlement 2026/27: £1,000,000.00 (amount entered)" in screen_text(app)
    row = query(demo_db, "SELECT amount_pence, rate_per_patient FROM arrs_entitlement WHERE fy = '2026/27'")[0]
    assert row == {"amount_pence": 100_000_000, "rate_per_patient": None}


async def test_planned_post_what_if_shows_the_headroom_effect_then_saves(make_app, demo_db):
    from pcntui.domain.staff import PlannedPost
    from pcntui.store.arrs import what_if_post

    store = open_store(demo_db)
    expected = what_if_post(store, period(), PlannedPost(None, "PARA", Decimal(1), date(2027, 1, 1), Decimal(48000)))
    store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, PlannedScreen)
        assert "Care coordinator (frailty)" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert is_form(app.screen, PlannedPostIn, NewPlannedPostIn)
        await fill(pilot, "title", "Second paramedic")
        await fill(pilot, "role", "PARA")
        await fill(pilot, "wte", "1")
        await fill(pilot, "expected_start", "2027-01-01")
        await fill(pilot, "fte_salary", "48000")
        text = " ".join(screen_text(app).split())
        assert f"adds {gbp(expected.added)} claimable in 2026/27" in text
        assert f"Forecast unclaimed {gbp(expected.before.forecast_headroom)} → {gbp(expected.after.forecast_headroom)}" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PlannedScreen)
        assert count(demo_db, "planned_post", "title = 'Second paramedic'") == 1
        # delete it again (asks)
        screen = app.screen
        key = next(r.key for r in screen.table.all_rows if r.cells[0] == "Second paramedic")
        await select(pilot, screen, key)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert count(demo_db, "planned_post", "title = 'Second paramedic'") == 0


async def test_nwrs_reconciliation(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, NwrsScreen)
        text = screen_text(app)
        assert "NWRS census 2026-08-31" in text
        assert app.screen.table.row_count > 0


async def test_rule_tables_mark_unconfirmed_rows_and_edit_a_rate(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        text = screen_text(app)
        assert "UNCONFIRMED" in text and "rows UNCONFIRMED" in text
        key = "CC||2025-04-01"  # shipped, unconfirmed (role, band, date)
        assert str({r.key: r for r in screen.table.all_rows}[key].cells[3]) == "UNCONFIRMED"
        await select(pilot, screen, key)
        await pilot.press("e")
        await settle(pilot)
        assert is_form(app.screen, RateIn)
        await fill(pilot, "annual_max", "0")
        assert "must be more than £0 and at most £500,000" in message(app, "annual_max")
        await fill(pilot, "annual_max", "36500")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert str({r.key: r for r in screen.table.all_rows}[key].cells[3]) == "yours"
        await pilot.press("k")
        await settle(pilot)
        assert "<100k" in screen_text(app) and "100k+" in screen_text(app)
        assert not screen.check_action("edit_rate", ())
    rows = query(demo_db, "SELECT annual_max_pence, confirmed FROM arrs_rate WHERE role_code = 'CC'")
    assert rows == [{"annual_max_pence": 3_650_000, "confirmed": 1}]


# ---------------------------------------------------------------------- palette
async def test_palette_reaches_the_arrs_screens(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "to arrs")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        for words, kind in [("mix", MixScreen), ("s: alerts", AlertsScreen), ("planned p", PlannedScreen),
                            ("nwrs", NwrsScreen), ("rule tab", RulesScreen)]:
            await palette_search(pilot, words)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, kind), words
        await palette_search(pilot, "set the ent")
        await pilot.press("enter")
        await settle(pilot)
        assert is_form(app.screen, EntitlementIn)


async def test_palette_adds_staff(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await palette_search(pilot, "add a staff")
        await pilot.press("enter")
        await settle(pilot)
        assert is_form(app.screen, StaffIn)


async def test_arrs_screens_render_at_160_by_50(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_arrs(pilot)
        text = screen_text(app)
        assert "Claimable FY" in text and "Zara Ahmed" in text
        await pilot.press("b")
        await settle(pilot)
        assert "Source" in screen_text(app)


async def test_x_exports_the_filtered_roster_as_export_arrs_roster(make_app, demo_db, tmp_path):
    """§2.15 item 16: `x` on the roster writes `arrs-roster` (the rows on screen, with Claimable)."""
    import csv

    from pcntui.views.arrs.roster import COLUMNS

    out = tmp_path / "roster.csv"
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("slash", *"pharmacist")
        await settle(pilot)
        await pilot.press("enter", "x")
        await settle(pilot)
        await give_path(pilot, out)
        assert isinstance(app.screen, ArrsScreen)
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == [c.key for c in COLUMNS] and rows[0][-1] == "claimable"
    assert {r[1] for r in rows[1:]} == {"Farah Siddiqui", "Janet Moore", "Priya Shah", "Tom Okafor"}


async def test_every_arrs_screen_opens_on_a_database_without_arrs_data(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        text = screen_text(app)
        assert "No staff in post this year: press n" in text
        assert "Entitlement 2026/27: not set" in text
        for key, kind, words in [("m", MixScreen, "Every role is within its cap"), ("exclamation_mark", AlertsScreen, "no_entitlement"),
                                 ("v", PlannedScreen, "No planned posts"), ("w", NwrsScreen, "No NWRS census"),
                                 ("b", RulesScreen, "UNCONFIRMED")]:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, kind)
            if kind is AlertsScreen:
                assert [k for k in screen_text(app).split("\n") if "entitlement" in k.lower()]
            else:
                assert words in screen_text(app), key
        await pilot.press("t")
        await settle(pilot)
        assert is_form(app.screen, EntitlementIn)
        # 2026/27's rate is the 2025/26 one carried forward: offered, and said to be unconfirmed
        assert "blank: £26.631 (unconfirmed)" in screen_text(app)
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_the_palette_does_not_offer_the_screen_you_are_on(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_arrs(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("arrs_mix", ()) is False
        assert screen.check_action("arrs_alerts", ()) is True
        await pilot.press("exclamation_mark")  # from one ARRS view to another: replaces, escape goes to the roster
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)


async def test_the_staff_form_sets_an_own_percentage_a_band_and_confirms_an_estimate(make_app, demo_db):
    """An estimated record: the form shows it as estimated; saving with 'no', a band and 100% confirms it."""
    store = open_store(demo_db)
    with store.action("Mark Aisha estimated"):
        store.conn.execute("UPDATE staff SET estimated = 1 WHERE id = ?", [AISHA])
    store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_arrs(pilot)
        await select(pilot, screen, str(AISHA))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-estimated", Input).value == "yes"
        await fill(pilot, "reimbursement_pct", "120")
        assert "more than 0 and at most 100" in message(app, "reimbursement_pct")
        await fill(pilot, "band", "band 12")
        assert "not an Agenda for Change band" in message(app, "band")
        await fill(pilot, "reimbursement_pct", "100")
        await fill(pilot, "band", "Band 4")
        await fill(pilot, "estimated", "no")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
    row = query(demo_db, "SELECT band, reimbursement_pct, estimated FROM staff WHERE id = ?", [AISHA])[0]
    assert row == {"band": "4", "reimbursement_pct": "100", "estimated": 0}

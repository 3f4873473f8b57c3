"""Interventions and requirements screens on the demo database: RAG reasons, overdue and
due-soon in words, `e` saves, delete asks, `u` undoes, the palette, the summary export."""

from __future__ import annotations

import csv

import pytest
from textual.widgets import Input, Select, Static

from pcntui.store import open_store
from pcntui.tui.screens.confirm import ConfirmModal
from pcntui.tui.forms import FormModal
from pcntui.tui.screens.interventions import InterventionScreen, InterventionsScreen
from pcntui.tui.screens.pick import PickModal
from pcntui.tui.screens.requirements import RequirementsScreen
from tests.tui.conftest import give_path, light_dashboard, palette_search, screen_text, settle


@pytest.fixture(autouse=True)
def _light_dashboard(monkeypatch):
    """The app starts on the dashboard; only its PCN block is built here (the interventions and
    requirements screens are under test)."""
    light_dashboard(monkeypatch)


def q(db_path, sql, params=()):
    store = open_store(db_path)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def form_text(app, name: str | None = None) -> str:
    """What the open form says: under the box `name`, or everything it says (boxes and form)."""
    if name is not None:
        return str(app.screen.query_one(f"#m-{name}", Static).render())
    shown = [w for w in app.screen.query(".form-msg, .form-general") if not w.has_class("-hidden")]
    return " ".join(str(w.render()) for w in shown)


async def open_section(pilot, key, cls):
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, cls)
    return pilot.app.screen


async def test_list_shows_rag_with_its_reasons_and_the_page_explains_them(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_section(pilot, "i", InterventionsScreen)
        text = screen_text(app)
        assert "4 interventions · 1 red · 1 amber · 2 green" in text
        cells = {r.key: r.cells for r in screen.table.all_rows}
        assert str(cells["3"][3]) == "RED" and cells["3"][4] == "2 actions overdue · stage overdue"
        assert str(cells["1"][3]) == "AMBER" and cells["1"][4] == "measure off track"
        assert "AMBER because: Measure 'Raised readings not followed up within 4 weeks' is off track" in text
        await pilot.press("down", "down")  # to #3
        await settle(pilot)
        assert "RED because: Action 'Recruit four peer champions' was due 2026-10-09" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
        text = screen_text(app)
        assert "Why RED:" in text and "OVERDUE" in text
        assert "Stage Engagement" in text


async def test_requirements_overdue_and_due_soon_in_words(make_app, demo_db, tmp_path):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_section(pilot, "r", RequirementsScreen)
        text = screen_text(app)
        # the demo's 6 and the 5 shipped for 2026/27 (due at the year end)
        assert "DES requirements 2026/27: 11" in text and "1 OVERDUE" in text and "2 due in the next 30 days" in text
        assert "OVERDUE 10 days" in text and "DUE in 14 days" in text and "DUE in 25 days" in text
        due = {r.cells[2]: str(r.cells[0]) for r in screen.table.all_rows}
        assert due["Audit lower-GI urgent referrals for a FIT result"] == "2027-02-06"
        assert due["TNHI progress update to the commissioner"] == "2026-12-07? DUE in 14 days"
        assert "A date ending in ? is not confirmed" in text
        # The year keys: the previous year's rows.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "DES requirements 2025/26" in screen_text(app)
        # x: the year's rows with the columns of 'export requirements'.
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        out = tmp_path / "req.csv"
        await give_path(pilot, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 11 and {r["fy"] for r in rows} == {"2026/27"}
    assert sorted(r["due_state"] for r in rows) == [""] * 8 + ["Due soon", "Due soon", "Overdue"]


async def test_e_on_a_requirement_saves_and_u_undoes_it(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_section(pilot, "r", RequirementsScreen)
        r = screen.current()
        assert r.title.startswith("Agree the continuity-of-care cohort codes")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        select = app.screen.query_one("#f-status", Select)
        select.value = "done"
        await pilot.pause()
        await pilot.press("tab", "tab", "end", "ctrl+u", "ctrl+s")  # done with no evidence: refused, said under it
        await settle(pilot)
        assert isinstance(app.screen, FormModal) and "say what shows it is done" in form_text(app, "evidence")
        await pilot.press(*"Agreed 20 Nov")
        await pilot.press("shift+tab", "end", "ctrl+u", *"Jo")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RequirementsScreen)
        row = q(demo_db, "SELECT * FROM des_requirement WHERE id = ?", [r.id])[0]
        assert (row["status"], row["owner"], row["evidence"]) == ("done", "Jo", "Agreed 20 Nov")
        assert "1 OVERDUE" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        row = q(demo_db, "SELECT * FROM des_requirement WHERE id = ?", [r.id])[0]
        assert (row["status"], row["owner"], row["evidence"]) == (r.status, r.owner, r.evidence)
        assert "1 OVERDUE" in screen_text(app)


async def test_shipped_requirement_edit_is_one_undo_step(make_app, pcn_db):
    """On a database holding no requirements yet, editing a shipped one copies them in and
    saves in ONE action; u takes both back."""
    app = make_app(pcn_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "r", RequirementsScreen)
        assert "DES requirements 2026/27: 5" in screen_text(app)  # shipped, not yet in the database
        for _ in range(4):
            await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "DES requirements 2022/23" in screen_text(app)
        await pilot.press("enter")  # enter edits too
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        await pilot.press("tab", *"Sam", "ctrl+s")
        await settle(pilot)
        assert q(pcn_db, "SELECT count(*) AS n FROM des_requirement WHERE owner = 'Sam'")[0]["n"] == 1
        assert q(pcn_db, "SELECT count(*) AS n FROM action WHERE label LIKE '%DES requirement%'")[0]["n"] == 1
        await pilot.press("u")  # 31 rows copied in and one changed: undo asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "Edit DES requirement" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert q(pcn_db, "SELECT count(*) AS n FROM des_requirement")[0]["n"] == 0


async def test_n_adds_a_requirement_for_a_new_year(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "r", RequirementsScreen)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "No DES requirements for 2027/28 yet" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#f-fy", Input).value == "2027/28"
        await pilot.press("end", "ctrl+u", *"2027")
        assert form_text(app, "fy") == "'2027' is not a financial year such as 2024/25."
        await pilot.press(*"/28", "tab", "tab", *"Plan agreed", "tab", *"31/03/2028", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RequirementsScreen)
        row = q(demo_db, "SELECT * FROM des_requirement WHERE fy = '2027/28'")[0]
        assert (row["title"], row["due_on"], row["area"], row["origin"]) == (
            "Plan agreed", "2028-03-31", "health_inequalities", "user")
        assert "Plan agreed" in screen_text(app)


async def test_delete_asks_first_and_u_brings_it_back(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "Delete intervention 1" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert q(demo_db, "SELECT count(*) AS n FROM intervention")[0]["n"] == 4
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, InterventionsScreen)
        assert q(demo_db, "SELECT count(*) AS n FROM intervention")[0]["n"] == 3
        assert "Hypertension" not in screen_text(app)
        await pilot.press("u")  # the delete took its stages, sessions, measures…: undo asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "Delete intervention: Hypertension" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert q(demo_db, "SELECT count(*) AS n FROM outcome_reading r JOIN outcome_measure m ON m.id = r.measure_id "
                          "WHERE m.intervention_id = 1")[0]["n"] > 0
        assert "Hypertension" in screen_text(app)


async def test_palette_reaches_the_page_actions_and_actions_complete(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        await palette_search(pilot, "add an action")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormModal) and "Add an action" in app.screen.spec.title
        await pilot.press(*"Ring", "tab", "tab", *"01/11/2026", "enter")
        await settle(pilot)
        assert app.screen is detail
        assert "Action 'Ring' was due 2026-11-01 (22 days overdue)" in screen_text(app)  # a reason for the RAG
        # k: mark it done (pick the action, confirm the date).
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")  # the first open action, due first: Ring
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        done = q(demo_db, "SELECT done_on FROM intervention_action WHERE description = 'Ring'")[0]["done_on"]
        assert done == "2026-11-23"


async def test_detail_exports_the_commissioner_summary(make_app, demo_db, tmp_path):
    app = make_app(demo_db)
    out = tmp_path / "summary.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#f-path", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Hypertension case-finding")
    assert "**RAG:** AMBER" in text and "## Co-design" in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"


async def test_x_csv_row_on_the_page_writes_the_bytes_of_export_intervention(make_app, demo_db, tmp_path):
    from pcntui.cli.main import main
    from pcntui.tui.screens.export import ExportModal

    expected = tmp_path / "export.csv"
    assert main(["export", "intervention", "--id", "1", "--as-of", "2026-11-23", "--db", str(demo_db),
                 "--out", str(expected)]) == 0
    out = tmp_path / "x.csv"
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("enter")  # intervention 1's page
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # the CSV row (after the HTML and Markdown summaries)
        await settle(pilot)
        await give_path(pilot, out, ExportModal)
        assert isinstance(app.screen, InterventionScreen)
    assert out.read_bytes() == expected.read_bytes()


async def test_moving_to_delivery_without_codesign_warns_and_moving_back_is_recorded(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("down", "down")  # #3, at Engagement, no co-design session yet
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-stage", Select).value = "delivery"
        await pilot.pause()
        assert "no co-design session is logged on or before this date, so the RAG will be RED" in form_text(app, "stage")
        form.query_one("#f-stage", Select).value = "population_identified"
        await pilot.pause()
        assert "this moves it back" in form_text(app, "stage")
        await pilot.press("tab", "tab", *"Search redone", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
        move = q(demo_db, "SELECT * FROM intervention_stage_move WHERE intervention_id = 3 ORDER BY id DESC")[0]
        assert (move["from_stage"], move["to_stage"], move["evidence"]) == (
            "engagement", "population_identified", "Search redone")
        assert "↩ moved back to Population identified on 2026-11-23: Search redone" in screen_text(app)
    assert screen is not None


async def test_f_adds_a_partner(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("down", "enter")  # #2
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        await pilot.press("ctrl+s")  # a partner needs a name
        await settle(pilot)
        assert form_text(app, "name") == "is blank; give some text."
        await pilot.press(*"Food bank", "tab", "tab", *"Venue", "enter")
        await settle(pilot)
        row = q(demo_db, "SELECT * FROM intervention_partner WHERE name = 'Food bank'")[0]
        assert (row["intervention_id"], row["kind"], row["role"]) == (2, "voluntary", "Venue")
        assert "Food bank (Voluntary and community group: Venue)" in str(
            app.screen.query_one("#iv-population", Static).render())


async def test_l_sets_a_stage_target_and_the_rag_explains_when_it_is_past(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("down", "enter")  # #2, at Co-design, green
        await settle(pilot)
        assert "RAG GREEN" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-stage", Select).value == "plan_agreed"
        await pilot.press("tab", "end", "ctrl+u", *"01/11/2026")
        assert "the RAG will say this stage is overdue" in form_text(app, "target_on")
        await pilot.press("enter")
        await settle(pilot)
        row = q(demo_db, "SELECT target_on FROM intervention_stage WHERE intervention_id = 2 AND stage = 'plan_agreed'")
        assert row[0]["target_on"] == "2026-11-01"
        assert "Stage 'Plan agreed' was due by 2026-11-01 (22 days ago) and is not reached" in screen_text(app)


async def test_e_edits_the_intervention_and_keeps_what_the_form_does_not_show(make_app, demo_db):
    app = make_app(demo_db)
    before = q(demo_db, "SELECT * FROM intervention WHERE id = 1")[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_section(pilot, "i", InterventionsScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-title", Input).value == before["title"]
        assert form.query_one("#f-budget", Input).value == "12500"
        await pilot.press("tab", "end", "ctrl+u", *"Dr Lee", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterventionScreen)
        assert "lead Dr Lee" in screen_text(app)
    after = q(demo_db, "SELECT * FROM intervention WHERE id = 1")[0]
    assert after["lead"] == "Dr Lee" and after["rev"] == before["rev"] + 1
    assert {k: v for k, v in after.items() if k not in ("lead", "rev")} == {
        k: v for k, v in before.items() if k not in ("lead", "rev")}


async def test_a_past_years_open_requirements_are_lapsed_and_a_year_with_none_says_why(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_section(pilot, "r", RequirementsScreen)
        for _ in range(3):  # 2026/27 → 2023/24: its shipped requirements were never closed
            await pilot.press("left_square_bracket")
            await settle(pilot)
        text = screen_text(app)
        assert "DES requirements 2023/24" in text and "6 lapsed (left open when 2023/24 ended)" in text
        assert "2024-03-31? LAPSED" in text
        assert "OVERDUE" not in text
        for _ in range(4):  # → 2027/28: nothing shipped, and the screen says so in words
            await pilot.press("right_square_bracket")
            await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "No DES requirements for 2027/28 yet: pcntui ships none for that year (shipped for 2021/22 to " \
               "2026/27" in text
        assert "OVERDUE" not in text

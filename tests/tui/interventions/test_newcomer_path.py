"""The issue-5 'done when' path, from the keyboard alone, on a set-up but empty database:
create an intervention, log a co-design session, add a measure with two readings, move it to
delivery and export it. Checked on the screen, in the database and in the CSV."""

from __future__ import annotations

import csv

from textual.widgets import Button, Static

from pcntui.store import open_store
from pcntui.tui.forms import FormModal
from pcntui.tui.screens.export import ExportModal
from pcntui.tui.screens.interventions import InterventionScreen, InterventionsScreen
from pcntui.views.interventions.list import COLUMNS
from tests.tui.conftest import give_path, screen_text, settle
from tests.tui.interventions.test_screens import form_text

INTERVENTION_COLUMNS = [c.key for c in COLUMNS]


def q(db_path, sql, params=()):
    store = open_store(db_path)
    try:
        return store.query(sql, params)
    finally:
        store.close()


def block(app, name: str) -> str:
    """The text of one block of the intervention page (it may be scrolled out of view)."""
    return str(app.screen.query_one(f"#iv-{name}", Static).render())


async def fill(pilot, text: str) -> None:
    """Clear the focused box and type `text`."""
    await pilot.press("end", "ctrl+u", *text) if text else await pilot.press("end", "ctrl+u")


async def test_newcomer_creates_codesigns_measures_delivers_and_exports(make_app, pcn_db, tmp_path):
    app = make_app(pcn_db)
    out = tmp_path / "interventions.csv"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InterventionsScreen)
        assert "No interventions yet" in screen_text(app) and "press n" in screen_text(app).lower()

        # n: the form says what is missing, in words, and will not save until it is right.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        await pilot.press("ctrl+s")  # nothing typed: it says what is missing and saves nothing
        await settle(pilot)
        assert form_text(app, "title") == "is blank; give some text."
        assert app.screen.query_one("#save", Button).disabled
        await pilot.press(*"BP walk-in")
        await pilot.press("tab", *"Dr Khan")
        assert form_text(app) == ""
        for _ in range(4):  # to "Estimated size"
            await pilot.press("tab")
        await pilot.press(*"lots")
        assert "'lots' is not a whole number" in form_text(app, "population_size")
        assert app.screen.query_one("#save", Button).disabled
        await fill(pilot, "850")
        await pilot.press("tab", *"Y90001 Y90099")
        assert "Y90099 is not one of this PCN's practices" in form_text(app, "practices")
        await fill(pilot, "Y90001 Y90002")
        assert form_text(app) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, InterventionScreen)
        [row] = q(pcn_db, "SELECT * FROM intervention")
        assert row["title"] == "BP walk-in" and row["lead"] == "Dr Khan"
        assert row["stage"] == "lead_appointed" and row["population_size"] == 850
        iid = row["id"]
        assert [r["practice_code"] for r in q(pcn_db, "SELECT practice_code FROM intervention_practice "
                                               "ORDER BY practice_code")] == ["Y90001", "Y90002"]
        assert "BP walk-in" in screen_text(app)
        assert "No co-design sessions yet" in block(app, "codesign")

        # c: log a co-design session.
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, FormModal)
        await pilot.press("tab", "tab", *"Library")
        await pilot.press("tab", *"Residents=12")
        await pilot.press(",", "space", *"Carer")  # half-typed: said in words
        assert "'Carer' is not a participant count; write it as GROUP=NUMBER" in form_text(app, "participants")
        await pilot.press(*"s=3")
        await pilot.press("tab", *"Evenings")
        await pilot.press("tab", *"Walk-ins")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        [session] = q(pcn_db, "SELECT * FROM codesign_session")
        assert session["held_on"] == "2026-11-23" and session["heard"] == "Evenings"
        assert session["title"] == "Library" and session["decisions"] == "Walk-ins"
        people = {r["group_name"]: r["people"] for r in q(pcn_db, "SELECT * FROM codesign_participant")}
        assert people == {"Residents": 12, "Carers": 3}
        assert "(15 people: Residents 12, Carers 3)" in block(app, "codesign")

        # g: an outcome measure; v twice: two readings.
        await pilot.press("g")
        await settle(pilot)
        await pilot.press(*"BP done", "tab", *"%", "tab", "tab", *"40", "tab", *"01/04/2026")
        await pilot.press("tab", *"70", "tab", *"31/03/2027")
        assert form_text(app) == ""
        await pilot.press("enter")  # enter on the last box saves
        await settle(pilot)
        [measure] = q(pcn_db, "SELECT * FROM outcome_measure")
        assert (measure["name"], measure["unit"], measure["baseline_value"], measure["baseline_on"],
                measure["target_value"], measure["target_on"]) == ("BP done", "%", 40, "2026-04-01", 70,
                                                                    "2027-03-31")
        for value, day in (("50", "2026-10-01"), ("62", "")):
            await pilot.press("v")
            await settle(pilot)
            assert isinstance(app.screen, FormModal)
            await pilot.press(*value)
            if day:
                await pilot.press("tab")
                await fill(pilot, day)
            await pilot.press("ctrl+s")
            await settle(pilot)
        readings = q(pcn_db, "SELECT taken_on, value FROM outcome_reading ORDER BY taken_on")
        assert [(r["taken_on"], r["value"]) for r in readings] == [("2026-10-01", 50), ("2026-11-23", 62)]
        detail.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert "BP done ON TRACK" in text  # 62% on 23 Nov against an expected 59.5%
        assert "✕" in text and "●" in text  # the chart: the October reading was off the line

        # m: move it to delivery (choose the stage, give the date and the evidence).
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")  # open the stage list
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.press("tab", "tab", *"Clinic 1")
        assert form_text(app) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert q(pcn_db, "SELECT stage FROM intervention")[0]["stage"] == "delivery"
        move = q(pcn_db, "SELECT * FROM intervention_stage_move ORDER BY id DESC LIMIT 1")[0]
        assert (move["from_stage"], move["to_stage"], move["moved_on"], move["evidence"]) == (
            "lead_appointed", "delivery", "2026-11-23", "Clinic 1")
        detail.query_one("#detail").scroll_home(animate=False)
        await settle(pilot)
        assert "Stage Delivery" in screen_text(app) and "GREEN" in screen_text(app)

        # back to the list, x: the CSV.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterventionsScreen)
        assert "BP walk-in" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        await give_path(pilot, out, ExportModal)
        assert isinstance(app.screen, InterventionsScreen)

    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == INTERVENTION_COLUMNS
    [r] = rows
    assert r["id"] == str(iid) and r["title"] == "BP walk-in" and r["stage"] == "Delivery" and r["stage_code"] == "delivery"
    assert r["stage_since"] == "2026-11-23" and r["rag"] == "green" and r["rag_reasons"] == ""
    assert r["lead"] == "Dr Khan" and r["practices"] == "Y90001 Y90002" and r["population_size"] == "850"
    assert (r["codesign_sessions"], r["measures"], r["measures_on_track"], r["measures_off_track"]) == ("1", "1", "1", "0")
    # Every save was one undo step: the history holds exactly the six actions.
    labels = [a["label"] for a in q(pcn_db, "SELECT label FROM action WHERE id > 1 ORDER BY id")]
    assert labels == [
        "New intervention: BP walk-in", f"Co-design session 2026-11-23 (intervention {iid})",
        "Add measure: BP done", "Reading of BP done on 2026-10-01",
        "Reading of BP done on 2026-11-23", f"Move intervention {iid} to Delivery",
    ]

"""The dashboard (issue 11): the four areas' figures first, then the alerts grouped by kind.

Snapshots of the demo at 80×24, 100×30 and 160×50 (charts from about 145 columns), each taken after
checking on the same app that every area's figure is on the first screen, whole. Update after an
intended change of look or of the demo: `pytest tests/tui/test_dashboard_snapshots.py
--snapshot-update`, then review the SVGs. The real-PCN tests set up a Sussex PCN from the
published files and seed its roster from NWRS (as a new manager would).
"""

from __future__ import annotations

import re

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store
from tests.conftest import MAP_FILE, WORKFORCE_FILE
from tests.tui.conftest import TODAY, app_on, screen_text, settle

AREA_FIGURES = ("ARRS staffing 2026/27", "Entitlement", "Claimable to date", "Forecast", "Headroom",
                "Forecast unclaimed", "SMR cohorts", "Interventions", "Red", "DES requirements", "Overdue")


def arrs_money(db) -> list[str]:
    """The ARRS panel's five money figures, from the status block the panel is built from."""
    from pcntui.domain.period import Period
    from pcntui.report.arrs_status import arrs_block
    from pcntui.views.status.glance import arrs_glance

    with open_store(db) as store:
        figures = arrs_glance(arrs_block(store, Period.make(TODAY))).figures
    money = [f.value for f in figures if f.value.startswith("£")]
    assert len(money) == 5, money
    return money


async def figures_whole(pilot) -> None:
    """Run before each snapshot: every area's figure on the first screen, whole (read from the screen,
    which re-recording a snapshot cannot fool)."""
    await settle(pilot)
    app = pilot.app
    size = (app.size.width, app.size.height)
    text = screen_text(app)
    for word in AREA_FIGURES:
        assert word in text, (size, word)
    for money in arrs_money(app.db_path):
        assert money in text, (size, money)  # no figure cut
    assert re.search(r"\d+% of \d+%", text), size  # the cohort furthest behind, first
    assert "…" not in "".join(re.findall(r"£[\d,…]+", text)), size


def test_full_dashboard_80x24(snap_compare, demo_path):
    assert snap_compare(app_on(demo_path), terminal_size=(80, 24), run_before=figures_whole)


def test_full_dashboard_100x30(snap_compare, demo_path):
    assert snap_compare(app_on(demo_path), terminal_size=(100, 30), run_before=figures_whole)


def test_full_dashboard_160x50(snap_compare, demo_path):
    assert snap_compare(app_on(demo_path), terminal_size=(160, 50), run_before=figures_whole)


@pytest.fixture
def seeded_pcn(shared_data, tmp_path):
    """A real Sussex PCN (the largest in the NWRS file) set up and its roster seeded from NWRS."""
    db = str(tmp_path / "real.db")
    assert main(["setup", "--pcn", "U99438", "--practices", str(shared_data / MAP_FILE), "--db", db]) == 0
    assert main(["import", "workforce", str(shared_data / WORKFORCE_FILE), "--db", db]) == 0
    assert main(["arrs", "seed-roster", "--db", db]) == 0
    return db


@pytest.mark.realdata
async def test_a_seeded_real_pcn_shows_few_alert_lines_and_no_kind_twice(seeded_pcn, capsys):
    capsys.readouterr()
    app = app_on(seeded_pcn)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        groups = app.screen.data.groups
        assert len(app.screen.data.alerts) > 150  # the alerts are many …
        kinds = [(g.area, g.kind) for g in groups]
        assert len(kinds) == len(set(kinds))  # … but no kind of alert is repeated
        assert any(g.text.endswith("staff have no supervisor recorded.") and g.count > 50 for g in groups)
        alert_list = app.screen.query_one("#alerts")
        assert alert_list.virtual_size.height <= 12  # alert lines, wrapped sentences included
        text = screen_text(app)
        for word in ("Claimable to date", "Forecast unclaimed", "SMR cohorts", "Interventions", "DES requirements"):
            assert word in text
        # enter on a group of many opens the list of its alerts
        index = next(i for i, g in enumerate(groups) if g.kind == "no_supervisor")
        alert_list.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        from pcntui.tui.screens.pick import PickModal

        assert isinstance(app.screen, PickModal)
        assert len(app.screen.options) == groups[index].count
        assert all(o.startswith("! ") and o.endswith("has no supervisor recorded.") for o in app.screen.options)
        await pilot.press("enter")  # one person's alert: their page
        await settle(pilot)
        from pcntui.tui.screens.arrs import PersonScreen

        assert isinstance(app.screen, PersonScreen)


async def test_no_color_keeps_every_mark(demo_path, monkeypatch):
    """NO_COLOR: Textual drops colour; the dashboard still says ✕ / ! / ✓ in symbols."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_on(demo_path)
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "✕ Complex polypharmacy" in text and "! Forecast unclaimed" in text and "✓ Green" in text
        assert "✕ Daniel Evans" in text  # a problem alert
        from textual.filter import Monochrome, NoColor

        assert any(isinstance(f, (Monochrome, NoColor)) for f in app._filters)  # what reaches the terminal


async def test_help_states_the_glossary_and_keys(demo_path):
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from pcntui.domain.glossary import GLOSSARY

        help_screen = app.screen
        assert [w for w, _ in GLOSSARY] == ["Entitlement", "Claimable to date", "Forecast", "Headroom",
                                            "Forecast unclaimed"]
        await pilot.press("end")
        await settle(pilot)
        words = screen_text(app)
        assert "entitlement − forecast" in words and "Claimable to date" in words
        assert {line.title for line in help_screen.here} >= {"Open the selected row", "Export to CSV"}

"""Every section at 80×24, 100×30 and 160×50 on the demo (today pinned): a snapshot of each, and
a check of what is drawn that re-recording cannot fool (tests/tui/fit_check.py): no table header
cut, no number, money or date cut, no column pushed off the right edge. And at 80×24 (the smallest
terminal we promise) every table screen leaves room for at least 8 rows of its table: a section's
header collapses to a compact form below 28 lines and comes back whole on a taller terminal
(issue 11 item 4).

One app per group of screens: each screen is opened once and the terminal resized to the three
sizes. The groups are of a similar cost (ARRS is two), so the xdist workers share them evenly. After an intended change of look, re-record only the snapshots:
`pytest tests/tui/test_every_screen.py --snapshot-update` (the fit check must still pass), then
review `tests/tui/__snapshots__/test_every_screen/`. The dashboard's own snapshots are in
test_dashboard_snapshots.py; here it gets the fit check and, at 100×30, its four areas' figures
compared with `pcntui status --json`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pytest_textual_snapshot import SVGImageExtension

from pcntui.cli.main import main
from pcntui.tui.screens.table import TableScreen
from tests.tui.conftest import app_on, screen_text, settle
from tests.tui.fit_check import cut_problems

SIZES = ((80, 24), (100, 30), (160, 50))
MIN_ROWS = 8  # table rows every table screen shows at 80×24

# group -> (name, keys that reach it from the one before, snapshot?) in order; a section key
# always opens that section's first screen.
GROUPS = {
    "shell": [("dashboard", (), False), ("pcn", ("p",), True), ("history", ("h",), True),
              ("help", ("d", "question_mark"), True)],
    "arrs": [("roster", ("a",), True), ("person", ("enter",), True), ("mix", ("a", "m"), True),
             ("alerts", ("a", "exclamation_mark"), True), ("planned", ("a", "v"), True)],
    "arrs-rules": [("nwrs", ("a", "w"), True), ("rules", ("a", "b"), True), ("rules-caps", ("k",), True),
                   ("rules-roles", ("k",), True), ("claims", ("a", "l"), True)],
    "smr": [("smr", ("s",), True), ("cohort", ("enter",), True), ("capacity", ("s", "c"), True),
            ("worklist", ("s", "w"), True), ("iif", ("s", "f"), True)],
    "work": [("interventions", ("i",), True), ("intervention", ("enter",), True), ("requirements", ("r",), True)],
}
SCREENS = {"dashboard": "DashboardScreen", "pcn": "PcnScreen", "history": "HistoryScreen", "help": "HelpScreen",
           "roster": "ArrsScreen", "person": "PersonScreen", "mix": "MixScreen", "alerts": "AlertsScreen",
           "planned": "PlannedScreen", "nwrs": "NwrsScreen", "rules": "RulesScreen", "rules-caps": "RulesScreen",
           "rules-roles": "RulesScreen", "claims": "ClaimsScreen", "smr": "SmrScreen", "cohort": "CohortScreen",
           "capacity": "CapacityScreen", "worklist": "WorklistScreen", "iif": "IifScreen",
           "interventions": "InterventionsScreen", "intervention": "InterventionScreen",
           "requirements": "RequirementsScreen"}


def visible_rows(screen: TableScreen) -> int:
    table = screen.table
    return table.scrollable_content_region.height - (table.header_height if table.show_header else 0)


def short_terminal_problems(app, name: str) -> list[str]:
    """At 80×24 a table screen shows at least MIN_ROWS rows of its table (or all of them); below 28
    lines a compact summary replaces the full one, from 28 lines the full one is back."""
    screen, (width, height) = app.screen, app.size
    if not isinstance(screen, TableScreen):
        return []
    problems = []
    if not (screen.data is not None and screen.table.row_count):
        problems.append(f"{name} at {width}×{height}: the table is empty")
    elif (width, height) == SIZES[0] and visible_rows(screen) < min(MIN_ROWS, screen.table.row_count):
        problems.append(f"{name} at 80×24: only {visible_rows(screen)} rows of the table show")
    summary, compact = screen.query_one("#summary"), screen.query_one("#summary-compact")
    if summary.has_class("-has-compact") and (compact.display, summary.display) != (height < 28, height >= 28):
        problems.append(f"{name} at {width}×{height}: compact summary shown {compact.display}, full {summary.display}")
    return problems


@pytest.fixture
def svg_snapshot(snapshot):
    return snapshot.use_extension(SVGImageExtension)


@pytest.fixture
def demo_pinned(demo_path, monkeypatch):
    """The demo with its history stamped at a fixed time (the demo is built at the clock's time)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE action SET at = '2026-11-23T09:00:00+00:00'")
    conn.close()
    yield demo_path
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.parametrize("group", list(GROUPS))
async def test_every_screen_fits_at_each_size(group, demo_pinned, svg_snapshot):
    app = app_on(demo_pinned)
    problems: list[str] = []
    mismatched: list[str] = []
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        for name, keys, snap in GROUPS[group]:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            assert type(app.screen).__name__ == SCREENS[name], (name, app.screen)
            app.clear_notifications()  # a toast over the table's corner is neither a cut nor part of the screen
            for width, height in SIZES:
                await pilot.resize_terminal(width, height)
                await settle(pilot)
                problems += cut_problems(app) + short_terminal_problems(app, name)
                if snap and not svg_snapshot(name=f"{name}-{width}x{height}") == app.export_screenshot():
                    mismatched.append(f"{name}-{width}x{height}")
    assert not problems, "\n".join(problems)
    assert not mismatched, f"snapshots differ: {mismatched} (see snapshot_report.html)"


def whole(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP)


def pounds(value: float) -> str:
    return f"£{whole(value):,}"


def status_json(db, capsys) -> dict:
    capsys.readouterr()
    assert main(["status", "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


async def test_at_100x30_the_dashboards_first_screen_shows_the_four_areas_figures(demo_path, capsys):
    """The figures `pcntui status --json` gives, each on the first screen, whole, beside its label."""
    status = status_json(demo_path, capsys)
    arrs, smr, ints, reqs = status["arrs"], status["smr"], status["interventions"], status["requirements"]
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        text = screen_text(app)
    lines = text.splitlines()

    def shows(label: str, figure: str) -> bool:  # the label, then the figure whole, on one line
        return any(re.search(rf"{re.escape(label)}\s+{re.escape(figure)}(?![\d,])", line) for line in lines)

    expected = [("Entitlement", pounds(arrs["entitlement"])), ("Claimable to date", pounds(arrs["claimable"])),
                ("Forecast", pounds(arrs["forecast"])), ("Headroom", pounds(arrs["headroom"])),
                ("Forecast unclaimed", pounds(arrs["forecast_headroom"])),
                ("Red", str(ints["rag"]["red"])), ("Amber", str(ints["rag"]["amber"])),
                ("Green", str(ints["rag"]["green"])), ("Overdue actions", str(ints["overdue_actions"])),
                ("Overdue", str(len(reqs["overdue"]))), ("Due in 30 days", str(len(reqs["due_soon"]))),
                ("Open", str(reqs["not_started"] + reqs["in_progress"]))]
    behind = [c for c in smr["cohorts"] if c["rag"] in ("red", "amber")]
    assert behind  # the demo has cohorts behind: the panel must show them first
    expected += [(c["name"], f"{whole(c['percent'])}% of {whole(c['target_percent'])}%") for c in behind]
    missing = [f"{label} {figure}" for label, figure in expected if not shows(label, figure)]
    assert not missing, f"not on the first screen at 100×30: {missing}\n{text}"
    assert f"counts {smr['latest_counts']}" in text

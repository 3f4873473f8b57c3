"""The App's styles in two parts (tui/stylesheets.py): `app.tcss` for the first screen, the
dashboard; `screens.tcss` for every other screen, read once the figures are drawn or before any
other screen is made. Other screens must be styled as before, and reading the second part must
change nothing on the dashboard."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

import pcntui.tui.app as app_module
from pcntui.tui.app import PcnApp
from pcntui.tui.stylesheets import SCREENS_CSS
from tests.tui.conftest import TODAY, settle


def screens_css_read(app) -> bool:
    return app.stylesheet.has_source(str(SCREENS_CSS))


def rules_of(app, css: str) -> list:
    sheet = Stylesheet(variables=app.get_css_variables())
    sheet.add_source(css, read_from=("test", ""))
    return sheet.rules


def matching(app, rules) -> list[str]:
    """The screens.tcss rules that match a node of the App or of the screen on show."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return sorted({f"{rule.selectors} ~ {node!r}" for node in nodes for rule in rules
                   if list(Stylesheet._check_rule(rule, node.css_path_nodes))})


async def test_screens_css_is_read_after_the_figures_and_styles_the_next_screen(demo_path, monkeypatch):
    """Read once the dashboard's figures are drawn (not before the first frame); a dialog opened
    then is styled by it (`#dialog`'s thick border and padding 1 2)."""
    seen = []
    real = app_module.read_screens_css
    monkeypatch.setattr(app_module, "read_screens_css",
                        lambda app: seen.append(len(app.screen.query("FigurePanel"))) or real(app))
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert screens_css_read(app)
        assert seen and seen[0] > 0  # the first read came with the figures on screen
        await pilot.press("question_mark")
        await settle(pilot)
        dialog = app.screen.query_one("#dialog")
        assert dialog.styles.border_top[0] == "thick" and tuple(dialog.styles.padding) == (1, 2, 1, 2)


async def test_screens_made_before_the_figures_are_styled(tmp_path):
    """First run (no file yet) shows its own screen first: read before it is made."""
    app = PcnApp(tmp_path / "new.db", today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert screens_css_read(app)
        assert tuple(app.screen.query_one("#first-run").styles.padding) == (1, 2, 1, 2)


async def test_a_section_shown_before_the_figures_is_styled(demo_path, monkeypatch):
    """A section key pressed while the file opens: the section's screen is styled as always (its
    table's `#body` padding 0 1), though the figures never came before it."""
    monkeypatch.setattr(PcnApp, "_start_up_over", lambda self: None)  # (as if the figures had not come yet)
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not screens_css_read(app)
        await pilot.press("p")
        await settle(pilot)
        assert screens_css_read(app)
        assert tuple(app.screen.query_one("#body").styles.padding) == (0, 1, 0, 1)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
async def test_screens_css_matches_nothing_on_the_dashboard(demo_path, size):
    """Read after the dashboard is styled, its rules must match none of the dashboard's widgets
    (they would be styled without them), nor the App."""
    app = PcnApp(demo_path, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert matching(app, rules_of(app, SCREENS_CSS.read_text(encoding="utf-8"))) == []
        assert matching(app, rules_of(app, ".-narrow #alerts, .-normal #alerts, .-wide #alerts { padding: 1; }"))

"""The footer (tui/widgets/footer.py) is one widget drawing its line (issue 12: a UI thread that
never waits): it always shows the keys the screen's bindings give at that moment, redraws only when
they change, and a click on a key presses it."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets._footer import FooterKey

from pcntui.tui.app import PcnApp
from pcntui.tui.widgets.footer import KeyFooter
from tests.tui.conftest import TODAY, app_on, calls_to, footer_keys, settle


def shown_keys(app) -> list[tuple[str, bool]]:
    """The footer's keys as drawn: (key, lit), the palette's last."""
    return [(key, lit) for key, _action, lit in footer_keys(app)]


def expected_keys(app) -> list[tuple[str, bool]]:
    """What the screen's bindings give now, as Textual's Footer shows them (one key per action)."""
    bindings = app.screen.active_bindings
    first: dict[str, tuple[str, bool]] = {}
    for _node, b, enabled, _tooltip in bindings.values():
        if b.show:
            first.setdefault(b.action, (b.key, enabled))
    keys = list(first.values())
    palette = bindings.get(app.COMMAND_PALETTE_BINDING)
    return keys + ([(palette[1].key, palette[2])] if palette else [])


def assert_current(app) -> None:
    """The footer holds the keys the bindings give now, and draws them (those that fit, then the palette's)."""
    full = [(item.key, item.enabled) for item in app.screen.query_one(KeyFooter).shown]
    assert full == expected_keys(app)
    drawn = shown_keys(app)
    palette = drawn[-1:] if drawn and drawn[-1][0] == app.COMMAND_PALETTE_BINDING else []
    assert drawn == full[:len(drawn) - len(palette)] + palette and len(drawn) > len(palette)


@pytest.fixture
def count_changes(monkeypatch):
    """How many times a footer changed what it draws (each a refresh of its line)."""
    changes = [0]
    real = KeyFooter.bindings_changed

    def counting(self, screen):
        before = self.shown
        real(self, screen)
        changes[0] += self.shown is not before

    monkeypatch.setattr(KeyFooter, "bindings_changed", counting)
    return changes


@pytest.fixture
def count_keys_made(monkeypatch):
    return calls_to(monkeypatch, FooterKey, "__init__")


async def test_a_sections_first_visit_redraws_one_line_a_few_times_and_mounts_nothing(
        demo_path, count_changes, count_keys_made):
    # Textual's Footer mounted a new set of key widgets on every bindings signal: 6-7 sets per first visit
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("a", "s", "i", "r"):
            count_changes[0] = 0
            await pilot.press(key)
            await settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            assert not footer.children and footer_keys(app)
            assert 1 <= count_changes[0] <= 4, (key, count_changes[0])
        count_changes[0] = 0
        for key in ("f12", "down", "up"):  # nothing that changes a key: nothing redrawn
            await pilot.press(key)
            await settle(pilot)
        assert count_changes[0] == 0
    assert count_keys_made[0] == 0


async def test_the_footer_shows_the_keys_of_the_moment_everywhere(demo_path):
    """Keys that come and go with the data, the focus, a filter and the screen are always current."""
    app = app_on(demo_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert_current(app)
        for key in ("a", "enter", "escape", "slash", "x", "escape", "s", "w", "slash", "escape", "escape", "i",
                    "enter", "escape", "r", "h", "d", "tab", "tab"):
            await pilot.press(key)
            await settle(pilot)
            assert_current(app)


async def test_keys_shown_before_come_back_without_a_widget_made(demo_path, count_changes, count_keys_made):
    # the worklist's search box: its own keys while typing, the list's again on escape: each change
    # redraws the line once, and no widget is made or mounted
    app = app_on(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("s", "w", "slash", "0", "escape", "slash", "escape"):
            await pilot.press(key)
            await settle(pilot)
        listing = shown_keys(app)
        widgets = len(list(app.screen.walk_children()))
        for _ in range(2):
            count_changes[0] = 0
            await pilot.press("slash")
            await settle(pilot)
            typing = shown_keys(app)
            assert_current(app)
            assert typing != listing
            await pilot.press("0", "escape")
            await settle(pilot)
            assert_current(app)
            assert shown_keys(app) == listing
            assert count_changes[0] == 2
        assert len(list(app.screen.walk_children())) == widgets
    assert count_keys_made[0] == 0


async def test_keys_that_changed_under_a_dialog_are_shown_once(demo_path):
    """Help opened while the file was still opening: the keys changed under the dialog, and after
    escape the old keys must not stay on screen beside the new."""
    app = PcnApp(demo_path, today=TODAY)  # not pre-opened: the keys change as the file opens
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert_current(app)


def place_of(app, action: str) -> tuple[int, int]:
    footer = app.screen.query_one(KeyFooter)
    return next((start, end) for start, end, item in footer.places if item.action == action)


async def test_a_click_on_a_key_presses_it(demo_path):
    """The click's cell picks the key (its first and its last cell), the palette's on the right too;
    a click between keys or after the last does nothing."""
    from pcntui.tui.screens.arrs import ArrsScreen
    from pcntui.tui.screens.arrs.planned import PlannedScreen

    app = app_on(demo_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        last = max(end for start, end, item in dashboard.query_one(KeyFooter).places if not item.palette)
        assert last + 2 < place_of(app, "command_palette")[0]
        await pilot.click(KeyFooter, offset=(last + 1, 0))  # blank: nothing happens
        await settle(pilot)
        assert app.screen is dashboard and not CommandPalette.is_open(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        start, end = place_of(app, "arrs_planned")
        await pilot.click(KeyFooter, offset=(end - 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, PlannedScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click(KeyFooter, offset=(place_of(app, "arrs_planned")[0], 0))
        await settle(pilot)
        assert isinstance(app.screen, PlannedScreen)
        start, _end = place_of(app, "command_palette")
        assert start == 160 - len("▏^p palette ")
        await pilot.click(KeyFooter, offset=(start + 2, 0))
        await settle(pilot)
        assert CommandPalette.is_open(app)


async def test_a_dimmed_key_clicked_rings_the_bell_and_does_nothing(demo_path, monkeypatch):
    app = app_on(demo_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        footer.shown = tuple(item._replace(enabled=False) for item in footer.shown)  # as while the file opens
        footer.refresh()
        key, action, lit = footer_keys(app)[0]
        assert not lit
        bells = []
        monkeypatch.setattr(app, "bell", lambda: bells.append(1))
        start, _end = place_of(app, action)
        screen = app.screen
        await pilot.click(KeyFooter, offset=(start + 1, 0))
        await settle(pilot)
        assert bells and app.screen is screen


async def test_the_palette_key_lights_under_the_pointer_and_says_what_it_does(demo_path):
    app = app_on(demo_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        start, _end = place_of(app, "command_palette")
        plain = footer.render_line(0).crop(start + 1, start + 3)
        await pilot.hover(KeyFooter, offset=(start + 1, 0))
        assert footer.tooltip == "Open the command palette" and footer.has_class("-on-key")
        assert footer.render_line(0).crop(start + 1, start + 3) != plain  # lit
        await pilot.hover(KeyFooter, offset=(0, -5))
        assert footer.tooltip is None and footer.render_line(0).crop(start + 1, start + 3) == plain


@pytest.mark.parametrize(("width", "palette"), [(80, False), (100, True)])
async def test_under_100_columns_keys_sit_closer_and_the_palette_key_goes(demo_path, width, palette):
    app = app_on(demo_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        text = app.screen.query_one(KeyFooter).render_line(0).text
        assert text.endswith("▏^p palette ") == palette
        assert ("?" in text) and ("q Quit" in text or "q quit" in text.lower())

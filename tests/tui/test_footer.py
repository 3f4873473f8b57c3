"""The footer (tui/widgets/footer.py) is rebuilt only when its keys change (issue 12: a UI thread
that never waits), and always shows the keys the screen's bindings give at that moment."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from pcntui.tui.app import PcnApp
from pcntui.store import open_store
from pcntui.tui.widgets.footer import KeyFooter
from tests.tui.conftest import TODAY, settle


def shown_keys(app) -> list[tuple[str, bool]]:
    """The footer's keys on screen: (key, enabled), the palette's last."""
    return [(k.key, not k.has_class("-disabled")) for k in app.screen.query(FooterKey) if k.display]


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


@pytest.fixture
def count_keys_made(monkeypatch):
    made = [0]
    init = FooterKey.__init__

    def counting(self, *args, **kwargs):
        made[0] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(FooterKey, "__init__", counting)
    return made


async def test_a_sections_first_visit_builds_its_footer_once_or_twice(demo_path, count_keys_made):
    # Textual's Footer mounted a new set of keys on every bindings signal: 6-7 sets per first visit
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("a", "s", "i", "r"):
            count_keys_made[0] = 0
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen.query_one(KeyFooter), KeyFooter)
            on_screen = sum(1 for k in app.screen.query(FooterKey) if k.display)
            assert on_screen and count_keys_made[0] <= 4 * on_screen, (key, count_keys_made[0], on_screen)
        count_keys_made[0] = 0
        for key in ("f12", "down", "up"):  # nothing that changes a key: nothing rebuilt
            await pilot.press(key)
            await settle(pilot)
        assert count_keys_made[0] == 0


async def test_the_footer_shows_the_keys_of_the_moment_everywhere(demo_path):
    """Keys that come and go with the data, the focus, a filter and the screen are always current."""
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert shown_keys(app) == expected_keys(app)
        for key in ("a", "enter", "escape", "slash", "x", "escape", "s", "w", "slash", "escape", "escape", "i",
                    "enter", "escape", "r", "h", "d", "tab", "tab"):
            await pilot.press(key)
            await settle(pilot)
            assert shown_keys(app) == expected_keys(app), (key, type(app.screen).__name__)


async def test_keys_shown_before_come_back_without_making_a_key(demo_path, count_keys_made):
    # the worklist's search box: its own keys while typing, the list's again on escape; sets that come
    # and go are kept (hidden), so opening and closing the box again makes no key and mounts nothing
    app = PcnApp(demo_path, today=TODAY, store=open_store(demo_path, source="tui"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("s", "w", "slash", "0", "escape", "slash", "escape"):
            await pilot.press(key)
            await settle(pilot)
        listing = shown_keys(app)
        count_keys_made[0] = 0
        for _ in range(2):
            await pilot.press("slash")
            await settle(pilot)
            typing = shown_keys(app)
            assert typing == expected_keys(app) != listing
            await pilot.press("0", "escape")
            await settle(pilot)
            assert shown_keys(app) == expected_keys(app) == listing
        assert count_keys_made[0] == 0
        hidden = [(k.key, not k.has_class("-disabled")) for k in app.screen.query(FooterKey) if not k.display]
        assert hidden == typing  # the box's keys, kept for next time; no set made once left behind


async def test_keys_that_changed_under_a_dialog_are_shown_once(demo_path):
    """Help opened while the file was still opening: the keys changed under the dialog (the footer
    then forgets which set it shows), and after escape the old set stayed on screen beside the new."""
    app = PcnApp(demo_path, today=TODAY)  # not pre-opened: the keys change as the file opens
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert shown_keys(app) == expected_keys(app)

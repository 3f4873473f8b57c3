"""The command registry (`pcntui/tui/commands/`): one declaration gives the binding, the footer,
the `?` screen, the palette entry and the key hints; the palette runs any command from anywhere."""

from __future__ import annotations

import importlib
import inspect

from textual.app import App
from textual.screen import ModalScreen, Screen

from pcntui.tui.commands import APP, Command, command, commands, commands_on, key_hint, key_of, key_text
from pcntui.tui.commands.provider import PcnCommands, offered
from pcntui.tui.sections import SECTIONS
from pcntui.tui.widgets.footer import KeyFooter
from tests.tui.conftest import is_form, messages, screen_text, settle

SCREEN_MODULES = ["app", "screens.base", "screens.table", "screens.dashboard", "screens.pcn", "screens.history",
                  "screens.backups", "screens.first_run", "screens.arrs.roster", "screens.arrs.person", "screens.arrs.base",
                  "screens.arrs.mix", "screens.arrs.alerts", "screens.arrs.planned", "screens.arrs.nwrs", "screens.arrs.rules",
                  "screens.arrs.claims", "screens.iif", "screens.smr.overview", "screens.smr.cohort", "screens.smr.capacity",
                  "screens.smr.worklist", "screens.interventions.list", "screens.interventions.detail", "screens.requirements",
                  "screens.message"]


def tui_classes() -> dict[str, type]:
    """Every App and Screen class of the TUI, by name ("app" for the App)."""
    out: dict[str, type] = {}
    for name in SCREEN_MODULES:
        module = importlib.import_module(f"pcntui.tui.{name}")
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and issubclass(cls, (Screen, App)):
                out[APP if issubclass(cls, App) else cls.__name__] = cls
    return out


def bound(cls: type, key: str) -> list:
    return cls._merged_bindings.key_to_bindings.get(key, [])


# ---------------------------------------------------------------------------- the registry itself
def test_every_command_is_an_action_of_its_screen_bound_to_its_key_with_its_footer():
    classes = tui_classes()
    for cmd in commands():
        for name in cmd.screens:
            cls = classes[name]
            assert hasattr(cls, f"action_{cmd.name}"), f"{name} has no action_{cmd.name}"
            for key in cmd.keys:
                bindings = [b for b in bound(cls, key) if b.action == cmd.id]
                assert bindings, f"{name}: {key} is not bound to {cmd.id}"
                assert bindings[0].show == (cmd.footer is not None)
                assert bindings[0].description == (cmd.footer or cmd.title)
                assert bindings[0].priority == (cmd.priority or cmd.at_once)


def test_screens_bind_nothing_but_registry_commands():
    """A screen's own keys are all commands; plumbing keys live in widgets and dialogs."""
    declared = {(name, cmd.id) for cmd in commands() for name in cmd.screens}
    for name, cls in tui_classes().items():
        if issubclass(cls, ModalScreen) or name == "MessageScreen":  # dialogs: plumbing keys only
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            assert (name, binding.action) in declared, f"{name}: {binding.key} → {binding.action} is not a command"


def test_ids_and_titles_are_unique_and_every_command_can_be_reached():
    ids = [c.id for c in commands()]
    titles = [c.title for c in commands()]
    assert len(ids) == len(set(ids)) and len(titles) == len(set(titles))
    classes = tui_classes()
    roots = {s.name: classes[s.root] for s in SECTIONS}
    for cmd in commands():
        if cmd.section is None:
            continue
        root = roots[cmd.section]
        on_root = cmd.screen in {c.__name__ for c in root.__mro__}
        assert on_root or cmd.via or cmd.needs, f"{cmd.id}: not on {root.__name__}, no via, no needs"
        for step in cmd.via:  # each step a command of the root (the first step) and with a key
            assert hasattr(root, f"action_{step}") and command(step).keys, f"{cmd.id}: via {step}"
        if cmd.needs:
            assert cmd.needs.startswith(("a ", "an ")), cmd.needs


def test_keys_are_written_as_typed():
    assert key_text("exclamation_mark") == "!" and key_text("left_square_bracket") == "["
    assert key_text("right_square_bracket") == "]" and key_text("question_mark") == "?"
    assert key_text("slash") == "/" and key_text("delete") == "delete" and key_text("enter") == "enter"
    assert key_text("escape") == "esc" and key_text("ctrl+d") == "ctrl+d"
    assert command("arrs_alerts").keys == ("exclamation_mark",) and command("arrs_alerts").key_text == "!"
    assert command("edit_entry").key_text == "e enter"
    assert key_of("arrs_alerts") == "!" and key_of("previous_year") == "["


def test_key_hints_come_from_the_registry():
    assert key_hint("arrs_nwrs", "arrs_rules", "help") == "w NWRS · b rules · ? keys"
    assert key_hint("add_action", "complete_action") == "t adds one · k marks one done"
    moved = Command(id="arrs_nwrs", title="t", help="h", key="N", hint="NWRS")
    assert moved.key_text == "N"


def test_commands_on_a_screen_include_those_of_its_base_classes():
    from pcntui.tui.screens.arrs import PersonScreen

    on_person = {c.id for c in commands_on(PersonScreen(1, "Someone"))}
    assert {"arrs_mix", "arrs_alerts", "edit_staff", "delete_staff", "filter", "export"} <= on_person
    assert "add_staff" not in on_person


# ---------------------------------------------------------------------------- in the running app
async def run(app, command_id: str) -> None:
    """Run a command as the palette would, from the current screen."""
    runs = {cmd.id: go for cmd, go in offered(app, app.screen)}
    result = runs[command_id]()
    if inspect.isawaitable(result):
        await result


async def test_from_every_section_root_the_palette_finds_each_command_first(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for s in SECTIONS:
            await pilot.press(s.key)
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == s.root
            listed = {cmd.id for cmd, _ in offered(app, screen)}
            for cmd in commands():
                if cmd.section is None and not cmd.on(app) and not cmd.on(screen):
                    continue  # a table key off a table, first run's keys: only where they are
                assert cmd.id in listed, f"{s.name}: {cmd.title} not offered"
                hits = [h async for h in PcnCommands(screen).search(cmd.title)]
                hits.sort(key=lambda h: -h.score)
                assert hits[0].text == cmd.title, f"{s.name}: {cmd.title!r} → {hits[0].text!r}"
                assert len(hits) == 1 or hits[1].score < hits[0].score, f"{s.name}: {cmd.title} ties"


async def test_history_finds_staff_backup_and_restore(make_app, pcn_db):
    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

        async def found(query: str) -> list[str]:
            return [h.text async for h in PcnCommands(app.screen).search(query)]

        assert {"ARRS: add a staff member", "ARRS: edit staff member", "ARRS: delete staff member"} <= set(
            await found("staff"))
        assert "Restore a backup" in await found("backup")
        assert "Restore a backup" in await found("restore")
        assert "SMR worklist: new patient" in await found("new patient")


async def test_a_command_of_another_section_opens_its_screen_and_runs(make_app, demo_db):
    from pcntui.tui.screens.arrs import ArrsScreen
    from pcntui.inputs.arrs import NewPlannedPostIn, PlannedPostIn, StaffIn
    from pcntui.inputs.smr import SettingsIn
    from pcntui.tui.forms import FormModal
    from pcntui.tui.screens.arrs.planned import PlannedScreen
    from pcntui.tui.screens.smr import CapacityScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        # typed, as a user would: from History to the ARRS roster, with the form open
        await pilot.press("ctrl+p", *"ARRS: add a staff member")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert is_form(app.screen, StaffIn) and app.current_mode == "arrs"
        assert isinstance(app.screen_stack[-2], ArrsScreen)
        await pilot.press("escape")
        await settle(pilot)
        # `via`: the planned posts are opened from the roster, then the what-if form
        await pilot.press("s")
        await settle(pilot)
        await run(app, "add_planned")
        await settle(pilot)
        assert is_form(app.screen, PlannedPostIn, NewPlannedPostIn)
        assert [type(s) for s in app.screen_stack[-3:-1]] == [ArrsScreen, PlannedScreen]
        await pilot.press("escape")
        await settle(pilot)
        await run(app, "minutes")  # SMR capacity, from ARRS
        await settle(pilot)
        assert isinstance(app.screen, FormModal) and app.screen.spec.model is SettingsIn
        assert isinstance(app.screen_stack[-2], CapacityScreen)


async def test_a_command_that_needs_a_choice_says_what_to_choose(make_app, demo_db):
    from pcntui.tui.screens.arrs import ArrsScreen
    from pcntui.tui.screens.interventions import InterventionsScreen
    from pcntui.tui.screens.smr import WorklistScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run(app, "add_reading")  # on an intervention's page: chosen in the list first
        await settle(pilot)
        assert isinstance(app.screen, InterventionsScreen)
        assert messages(app)[-1] == ("Choose an intervention with an outcome measure and press enter to open it, "
                                     "then press v.")
        await run(app, "edit_entry")  # on the worklist, reached from the SMR overview
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        assert messages(app)[-1] == "Choose a patient, then press e."
        await run(app, "delete_staff")  # never on whatever row the roster's cursor is on
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        assert messages(app)[-1] == "Choose a staff member, then press delete."
        await run(app, "delete_staff")  # here: the row under the cursor is the choice
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ConfirmModal"


async def test_footer_and_help_come_from_the_registry(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        roster = app.screen
        footer = roster.query_one(KeyFooter)
        assert len(footer.places) > 5
        for _start, _end, key in footer.places:
            if key.action in ("command_palette", "screen.open"):
                continue
            assert key.description == command(key.action).footer
        assert "w NWRS · b rules · ? keys" in screen_text(app)  # the summary's key hint
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        shown = [(line.keys, line.title) for line in help_screen.here]
        expected = [(c.key_text, c.title) for c in commands_on(roster)
                    if c.keys and roster.check_action(c.name, c.params) is not False]
        assert shown == expected and ("!", "ARRS: alerts") in shown
        text = screen_text(app)
        assert "!  ARRS: alerts" in text and "exclamation_mark" not in text
        assert ("ctrl+p", "Command palette") in [(line.keys, line.title) for line in help_screen.everywhere]


async def test_a_section_key_opens_its_first_screen(make_app, demo_db):
    from pcntui.tui.screens.arrs import ArrsScreen, PersonScreen
    from pcntui.inputs.arrs import StaffIn
    from pcntui.tui.screens.arrs.rules import RulesScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", "b")
        await settle(pilot)
        assert isinstance(app.screen, RulesScreen)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen)
        await pilot.press("n")  # a person, not a rate row
        await settle(pilot)
        assert is_form(app.screen, StaffIn)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("a")  # its own key, from inside the section
        await settle(pilot)
        assert isinstance(app.screen, ArrsScreen) and len(app.screen_stack) == 1


async def test_the_dashboard_arrow_keys_still_move_between_alerts(make_app, demo_path):
    """Plumbing keys are not commands: the alert list's arrows are its own; tab reaches the panels."""
    from pcntui.tui.widgets.glance import FigurePanel

    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        alerts = app.screen.query_one("#alerts")
        assert app.focused is alerts and alerts.highlighted == 0
        await pilot.press("down")
        assert alerts.highlighted == 1
        await pilot.press("up")
        assert alerts.highlighted == 0
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FigurePanel)



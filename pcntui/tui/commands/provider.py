"""The command palette (`ctrl+p`): every command of the registry, from any screen.

A command is offered in one of three ways:
- *here*: it is an action of the screen the palette was opened on (or one of its base
  classes); offered unless that screen says it does not apply (`check_action` False);
- *app*: an action of the App, offered when the App allows it now;
- *go*: it lives on another screen of a section. Running it opens the section at its first
  screen, follows `via` to the command's screen, waits for it to load and runs the action.
  A command that acts on a chosen thing (`needs`) is not run on whatever row happens to be
  under the cursor: it stops where that thing is chosen and says, in one sentence, what to
  choose and which key to press.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import ModalScreen

from pcntui.tui.commands import Command, command, commands

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

LOAD_SECONDS = 20.0  # how long a palette command waits for its screen to load


def offered(app: App, screen: Screen) -> list[tuple[Command, Callable[[], object]]]:
    """The commands the palette lists on `screen`, each with what running it does: this screen's
    first, then the App's, then those on other screens."""
    here, everywhere, elsewhere = [], [], []
    can_go = not isinstance(screen, ModalScreen) and bool(app.check_action("section", ()))
    for cmd in commands():
        if cmd.on(app):
            if app.check_action(cmd.name, cmd.params):
                everywhere.append((cmd, partial(app.run_action, cmd.id)))
        elif cmd.on(screen):
            if screen.check_action(cmd.name, cmd.params) is not False:
                here.append((cmd, partial(run_here, app, screen, cmd)))
        elif cmd.section is not None and can_go:
            elsewhere.append((cmd, partial(go, app, cmd)))
    return here + everywhere + elsewhere


def go(app: App, cmd: Command) -> None:
    """Run a command of another screen (in a worker: it waits for screens to load)."""
    app.run_worker(run_command(app, cmd), name=f"palette: {cmd.title}", group="palette", exclusive=True,
                   exit_on_error=False)


def palette_help(cmd: Command) -> str:
    """The line under a palette entry: its help, and its key."""
    return f"{cmd.help} (key {cmd.key_text})" if cmd.keys else cmd.help


class PcnCommands(Provider):
    """The registry's commands, for the palette opened on `self.screen`."""

    async def discover(self) -> Hits:
        for cmd, run in offered(self.app, self.screen):
            yield DiscoveryHit(cmd.title, run, help=palette_help(cmd))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd, run in offered(self.app, self.screen):
            score = matcher.match(cmd.title)
            if score > 0:
                yield Hit(score, matcher.highlight(cmd.title), run, text=cmd.title, help=palette_help(cmd))


# ---------------------------------------------------------------------------- running a command
async def run_here(app: App, screen: Screen, cmd: Command) -> None:
    """Run a command of the current screen, or say why it cannot run now."""
    if screen.check_action(cmd.name, cmd.params):
        await app.run_action(cmd.id, screen)
    else:
        say(app, cmd, choose_here(cmd))


def choose_here(cmd: Command) -> str:
    if cmd.needs:
        return f"Choose {cmd.needs} first, then press {cmd.first_key}."
    return "Not possible on this screen yet: wait for it to load, or change what is shown."


def say(app: App, cmd: Command, text: str) -> None:
    app.notify(text, title=cmd.title, timeout=8)


async def run_command(app: App, cmd: Command) -> None:
    """Go to `cmd`'s screen (its section, then `via`), wait for it to load, then run it."""
    while isinstance(app.screen, CommandPalette):  # the palette closes first
        await asyncio.sleep(0.01)
    await app.run_action(f"section('{cmd.section}')")
    screen = await loaded(app)
    if screen is None:
        return say(app, cmd, "That section is still loading or has an open dialog; try again once it shows.")
    for step in map(command, cmd.via):
        if cmd.on(screen):
            break
        if not screen.check_action(step.name, step.params):
            return say(app, cmd, f"{step.title} is not possible here now.")
        await app.run_action(step.id, screen)
        screen = await loaded(app, after=screen)
        if screen is None:
            return say(app, cmd, "That screen did not open; try again once the section shows.")
    if not cmd.on(screen):
        opener = command("open").first_key
        return say(app, cmd, f"Choose {cmd.needs or 'one'} and press {opener} to open it, "
                             f"then press {cmd.first_key}.")
    if cmd.needs:
        return say(app, cmd, f"Choose {cmd.needs}, then press {cmd.first_key}.")
    await run_here(app, screen, cmd)


async def loaded(app: App, *, after: Screen | None = None) -> Screen | None:
    """The current screen once it has loaded its data (and is not `after`); None on a time-out
    or when a dialog is open there."""
    from pcntui.tui.screens.base import DataScreen

    for _ in range(int(LOAD_SECONDS / 0.02)):
        screen = app.screen
        if isinstance(screen, ModalScreen) and not isinstance(screen, CommandPalette):
            return None
        if isinstance(screen, DataScreen) and screen is not after and screen.is_mounted and (
                screen.loaded_version == app.data_version or screen.load_error is not None):
            return screen
        await asyncio.sleep(0.02)
    return None

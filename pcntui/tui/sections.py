"""The sections of the TUI (ARRS, SMR, ...), as listed in `tui/commands/shell.toml`.

Each section is a Textual *mode* with its own screen stack, reached by its key from
anywhere (always at its first screen), from the section bar (mouse) and from the command
palette. Its screen module is imported only when the section is first opened, which keeps
start-up fast.

To add a section: write a `DataScreen` subclass (see `screens/base.py`) with
`SECTION = "<name>"`, then add a `[[section]]` to shell.toml (its key and "Go to …"
palette entry come from there). Dashboard blocks whose `key` matches a section name open
that section on `enter`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pcntui.tui.commands import section_rows

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Section:
    """A section of the TUI: a Textual mode with its key, title and first screen."""

    name: str  # mode name; also the key of its dashboard status block
    title: str  # shown in the section bar and the palette
    key: str  # the key that opens it from anywhere
    screen: str  # "module:Class", imported lazily
    help: str  # one line for the palette and help screen

    @property
    def root(self) -> str:
        """The class name of the section's first screen (what its key always shows)."""
        return self.screen.partition(":")[2]

    def load(self) -> Screen:
        """The section's first screen (Textual calls this inside the App the first time the mode shows).

        A new section's screen is marked styled as of now, as a pushed screen is: else Textual takes
        it for one styled before a theme change, re-parses every stylesheet and restyles every widget
        (0.1–0.3 s on the UI thread at each section's first visit; before the first frame for the
        first screen of all), although the screen's widgets take the current styles anyway as they
        mount. For the first screen the App is styled first (the colours its widgets inherit come
        from it). The screen gets the App's width and height classes before it is styled, so its
        first resize changes none (which would restyle every widget again). Any screen but the first
        dashboard has its styles read first (`screens.tcss`, tui/stylesheets.py)."""
        from pcntui.tui.ahead import breakpoints
        from pcntui.tui.stylesheets import FIRST_SCREEN, read_screens_css

        module, _, cls = self.screen.partition(":")
        screen = getattr(importlib.import_module(module), cls)()
        app = screen.app
        if not app.screen_stack:
            app.stylesheet.apply(app)
        if app.screen_stack or self.name != FIRST_SCREEN:  # styled by more than app.tcss
            read_screens_css(app)
        screen.update_classes(breakpoints(app, screen), update=False)
        screen._css_update_count = app._css_update_count
        return screen

    def loader(self) -> Callable[[], Screen]:
        return self.load


SECTIONS: list[Section] = [Section(**row) for row in section_rows()]


def section(name: str) -> Section | None:
    return next((s for s in SECTIONS if s.name == name), None)

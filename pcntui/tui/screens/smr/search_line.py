"""The worklist's search box: one line, in the blank line under the summary, there whether a search
is on or not.

Hidden and shown again as the table screens' box is (`display: none`), it took three lines and
pushed the list down and up: each `/` and each escape laid the whole screen out again and drew
it twice (the list's new height, then its scrollbar). In its own line it takes no room it did not
have: put away, it is empty and unfocused, with no hint, so the line is blank as before; `/`
focuses it with its hint, escape empties it and focuses the list. Nothing moves, so neither key
lays the screen out. Focused any other way (tab, a click), it shows its hint too.
"""

from __future__ import annotations

from pcntui.tui.screens.table import FilterInput

HINT = "Search: start of a reference, or NHS number digits · enter keeps it · escape clears it"


class SearchLine(FilterInput):
    """A one-line FilterInput that keeps its room (styled in screens.tcss: `SearchLine#filter`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)

    def shown(self, shown: bool) -> None:
        """Always shown (it keeps its line): `/` focuses it and escape or enter focus the list, so
        its hint follows its focus (watch_has_focus)."""

    def watch_has_focus(self, has_focus: bool) -> None:
        """The hint while it has the focus, however it got it (`/`, tab, a click)."""
        super().watch_has_focus(has_focus)
        self.placeholder = HINT if has_focus else ""  # a repaint of its line, not a relayout

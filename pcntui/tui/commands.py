"""The command palette (`ctrl+p`): every action the TUI has, by name.

`PALETTE` is the registry. Each entry names an action on the App or on the current
screen; the provider offers only those the target has and whose `check_action` allows
them now, so the palette never lists something that would do nothing. A test checks
that every key binding's action is in this list: add new actions here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pcntui.tui.sections import SECTIONS


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    action: str  # e.g. "undo" or "section('pcn')"
    on: str = "app"  # "app" or "screen"


PALETTE: list[PaletteCommand] = [
    *(PaletteCommand(f"Go to {s.title}", f"{s.help} (key {s.key})", f"section('{s.name}')") for s in SECTIONS),
    PaletteCommand("Filter rows", "Type to narrow the table on this screen (key /)", "filter", "screen"),
    PaletteCommand("Sort by a column", "Choose the column to order the table by (key o)", "sort", "screen"),
    PaletteCommand("Open the selected row", "Show the details of the row under the cursor (key enter)", "open", "screen"),
    PaletteCommand("Export to CSV", "Write the table on this screen to a CSV file (key x)", "export", "screen"),
    PaletteCommand("Undo the last change", "Revert the most recent change to the database (key u)", "undo"),
    PaletteCommand("Previous financial year", "Show figures for the year before (key [)", "previous_year"),
    PaletteCommand("Next financial year", "Show figures for the year after (key ])", "next_year"),
    PaletteCommand("Help", "The keys of this screen (key ?)", "help"),
    PaletteCommand("Back", "Close this screen or clear the filter (key escape)", "back"),
    PaletteCommand("Quit", "Leave pcntui; everything is already saved (key q)", "quit"),
]


class PcnCommands(Provider):
    """Offers the PALETTE entries that apply on the screen the palette was opened from."""

    def _available(self) -> list[tuple[PaletteCommand, partial]]:
        out = []
        screen = self.screen
        for cmd in PALETTE:
            target = self.app if cmd.on == "app" else screen
            _, name, params = parse(cmd.action)
            if not hasattr(target, f"action_{name}"):
                continue
            if not target.check_action(name, params):
                continue
            out.append((cmd, partial(self.app.run_action, cmd.action, target)))
        return out

    async def discover(self) -> Hits:
        for cmd, run in self._available():
            yield DiscoveryHit(cmd.title, run, help=cmd.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd, run in self._available():
            score = matcher.match(cmd.title)
            if score > 0:
                yield Hit(score, matcher.highlight(cmd.title), run, help=cmd.help)

"""`pcntui rollup PATH... --tui`: the TUI with the roll-up as its only page and no database of its own.

Every PCN file is opened read-only (by the roll-up, and for a dashboard opened from a row);
the keys that need the App's own database (sections, undo, redo) are off.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import events

from pcntui.tui.app import PcnApp


class RollupApp(PcnApp):
    rollup_only = True

    def __init__(self, paths: Sequence[Path], request) -> None:
        super().__init__(Path(paths[0]) if paths else Path("."), today=request.period.as_of)
        self.fy = request.period.fy
        self.paths = list(paths)
        self.as_of_given = request.as_of_given

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # no database of its own: no polling, no first-run screen
        from pcntui.tui.screens.rollup import RollupScreen

        self._update_sub_title()
        self.push_screen(RollupScreen(self.paths, as_of_given=self.as_of_given))

    def on_ready(self, event: events.Ready) -> None:
        event.prevent_default()  # nothing to open: the roll-up reads its files itself
        self.first_frame_shown = True
        self.screen.reload_if_stale()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("previous_year", "next_year"):  # the roll-up's year (no database of its own needed)
            return True
        return super().check_action(action, parameters)

    def _update_sub_title(self) -> None:
        self.sub_title = f"ICB roll-up (read-only) · FY {self.fy.label}"


def run_rollup(paths: Sequence[Path], request) -> int:
    app = RollupApp(paths, request)
    app.run()
    return app.return_code or 0

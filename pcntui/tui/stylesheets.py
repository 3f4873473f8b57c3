"""The App's styles in two files: `app.tcss`, what the first screen (the dashboard) shows, read with
the App; `screens.tcss`, every other screen's, read once the dashboard's figures are drawn, or
before any other screen is made (a section's, a dialog, first run), whichever comes first. Its
rules match nothing on the dashboard, so reading it restyles nothing on screen (issue 12: its
parse was time spent before the first frame on styles no widget there uses)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

SCREENS_CSS = Path(__file__).with_name("screens.tcss")
FIRST_SCREEN = "dashboard"  # the section whose first screen app.tcss alone styles


def read_screens_css(app: App) -> None:
    """Add `screens.tcss` to the App's stylesheet (once; what it parsed before stays parsed)."""
    stylesheet = app.stylesheet
    where = str(SCREENS_CSS)
    if stylesheet.has_source(where):
        return
    stylesheet.add_source(SCREENS_CSS.read_text(encoding="utf-8"), read_from=(where, ""))
    stylesheet.parse()

"""The App's width class (-narrow, -normal, -wide) at a widget's width, for widgets that draw their
own narrow form (the section bar, the footer)."""

from __future__ import annotations

from textual.widget import Widget


def width_class(widget: Widget) -> str:
    """The class the App's HORIZONTAL_BREAKPOINTS give at this widget's width (its screen's for a
    full-width bar): read from the width, as the line is drawn again at each change of width (the
    screen's class may change after that)."""
    found = ""
    for least, name in sorted(getattr(widget.app, "HORIZONTAL_BREAKPOINTS", None) or ()):
        if widget.size.width >= least:
            found = name
    return found

"""What the widgets that draw their own line (the section bar, the footer) share: the App's width
class (-narrow, -normal, -wide) at their width, and the style of a blank cell."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def width_class(widget: Widget) -> str:
    """The class the App's HORIZONTAL_BREAKPOINTS give at this widget's width (its screen's for a
    full-width bar), picked as Textual picks the screen's (as ahead.breakpoints does): read from the
    width, as the line is drawn again at each change of width (the screen's class may change after that)."""
    on = widget.screen._get_breakpoint_classes(widget.size.width, widget.app.HORIZONTAL_BREAKPOINTS or [])
    return next(iter(on), "")


def blank_style(widget: Widget) -> Style:
    """The style of a blank cell of `widget`'s line (its own background)."""
    return Style.from_color(bgcolor=widget.background_colors[1].rich_color)

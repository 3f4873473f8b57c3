"""Changes that keep a widget's size, made without laying the whole screen out again.

Textual lays the whole screen out (every widget placed again, then painted) whenever a Static's
text is updated or a scrolling widget's virtual size changes, although the new text usually
takes the same room (a year's label, a summary of as many lines) and a new row count or
typed character usually leaves the scrollbars as they were. That was most of a keystroke's
time on the UI thread: two layouts per search character in the worklist, two per year
change on ARRS. Here a layout is asked for only when the size does change (a line more, a
scrollbar that comes or goes); else the widget is repainted in place.

Textual internals used (Textual is pinned < 9; re-check on an upgrade): `Widget.virtual_size`
redeclared without `layout=True`, `Widget._scroll_update` (what a layout does for a
scrolling widget's scrollbars), and the Header's title update (`PcnHeader.query_one`).
"""

from __future__ import annotations

from textual.css.query import QueryType
from textual.dom import NoScreen
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.widgets._header import HeaderTitle


def needs_room(widget: Widget) -> bool:
    """Whether the content now in `widget` needs another size than the one it was laid out at
    (its width or height set by its content, 'auto'); True when it was not laid out yet, False
    while it is hidden (laid out when shown)."""
    if not widget.display:
        return False  # laid out when shown
    size = widget.content_size
    if not size or widget.parent is None:
        return True
    styles = widget.styles
    container = widget.parent.content_size if isinstance(widget.parent, Widget) else widget.app.size
    viewport = widget.app.size
    if styles.width is not None and styles.width.is_auto and \
            widget.get_content_width(container, viewport) != size.width:
        return True
    return (styles.height is not None and styles.height.is_auto
            and widget.get_content_height(container, viewport, size.width) != size.height)


class SizedInPlace:
    """For a scrolling Widget (a mixin, first among its bases): a new virtual size (rows counted,
    text typed) updates its scrollbars in place; the screen is laid out again only when a
    scrollbar comes or goes (it asks for that itself)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def _watch_virtual_size(self, size: Size) -> None:
        widget: Widget = self  # type: ignore[assignment]
        if not widget.container_size:  # not laid out yet
            widget.refresh(layout=True)
            return
        widget._scroll_update(size)


class InPlace(SizedInPlace):
    """For a Static (a mixin, before it among the bases): `update` lays the screen out only when the
    new content needs another size (nor does its new size in that layout ask for a second one)."""

    def update(self, content="", *, layout: bool = True) -> None:
        super().update(content, layout=False)  # type: ignore[misc]
        if layout and needs_room(self):  # type: ignore[arg-type]
            self.refresh(layout=True)  # type: ignore[attr-defined]


class SteadyStatic(InPlace, Static):
    """A Static whose updates lay the screen out only when its size changes."""


class _Title(InPlace, HeaderTitle):
    pass


class PcnHeader(Header):
    """Textual's Header, its title (the App's sub-title: PCN · year) updated in place."""

    def compose(self):
        for widget in super().compose():
            yield _Title() if type(widget) is HeaderTitle else widget

    def query_one(self, selector: str | type[QueryType], expect_type: type[QueryType] | None = None):
        """As Widget's, but NoScreen once the header is being removed. Textual's Header sets its
        title (`query_one(HeaderTitle)`) from callbacks its mount leaves for the App to run; a header
        mounted as the App quits (a section made ahead when `q` came) is removed with its title
        before the App runs them as it ends. Header ignores NoScreen there (it is off screen); a
        missing title (NoMatches) was a traceback and exit code 1 on quitting."""
        if self._closing or self._closed:  # (what Textual's own reactive watchers are skipped by)
            raise NoScreen(f"{self!r} is being removed")
        return super().query_one(selector, expect_type)  # type: ignore[arg-type]

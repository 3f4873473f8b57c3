"""A vertical scrollbar that draws each look once: Textual repaints a table's scrollbar several
times per change of the table (each a few thousand calls on the UI thread), mostly in a state it
has drawn before (a year shown again, a search cleared). A look is what the drawing reads: the
bar's colours and position, its size, the colours behind it and its own CSS rules; Textual restyles
the bar whenever its table gains or loses focus, which changes none of them unless a rule does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.scrollbar import ScrollBar
from textual.strip import Strip

from pcntui.tui.widgets.in_place import SizedInPlace
from pcntui.tui.widgets.kept import Kept

if TYPE_CHECKING:
    from textual.widget import Widget

LOOKS_KEPT = 8


class HeldScrollBar(SizedInPlace, ScrollBar):
    """A ScrollBar whose drawn lines are kept by what they show (the bar's renderable, its size); its
    new size in a layout asks for no second layout."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._looks = Kept(LOOKS_KEPT)  # drawn lines (list[Strip]) by look
        self._rules: dict | None = None  # the CSS rules the looks kept were drawn with

    def render_lines(self, crop) -> list[Strip]:
        bar = self.render()  # the colours and position, worked out as ScrollBar draws them
        key = (crop, self.size, type(bar), tuple(sorted(vars(bar).items())), self.background_colors, self.opacity)
        lines = self._looks.found(key)
        if lines is None:
            lines = self._looks.keep(key, super().render_lines(crop))
        return lines

    def notify_style_update(self) -> None:
        super().notify_style_update()
        rules = self.styles.get_rules()
        if rules != self._rules:
            self._rules = rules
            self._looks.clear()


class HeldScrollbars:
    """For a Widget (a mixin, first among its bases): its vertical scrollbar is a HeldScrollBar, made as
    Widget.vertical_scrollbar makes one."""

    _vertical_scrollbar: ScrollBar | None

    @property
    def vertical_scrollbar(self: Widget) -> ScrollBar:
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = bar = HeldScrollBar(vertical=True, name="vertical",
                                                           thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

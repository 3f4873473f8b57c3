"""A vertical scrollbar that draws each look once: Textual repaints a table's scrollbar several
times per change of the table (each a few thousand calls on the UI thread), mostly in a state it
has drawn before (a year shown again, a search cleared). A look is what the drawing reads: the
bar's colours and position, its size, the colours behind it and its own CSS rules; Textual restyles
the bar whenever its table gains or loses focus, which changes none of them unless a rule does."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from textual.scrollbar import ScrollBar
from textual.strip import Strip

from pcntui.tui.widgets.in_place import SizedInPlace

if TYPE_CHECKING:
    from textual.widget import Widget

LOOKS_KEPT = 8


class HeldScrollBar(SizedInPlace, ScrollBar):
    """A ScrollBar whose drawn lines are kept by what they show (the bar's renderable, its size); its
    new size in a layout asks for no second layout."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._looks: OrderedDict[tuple, list[Strip]] = OrderedDict()
        self._rules: dict | None = None  # the CSS rules the looks kept were drawn with

    def render_lines(self, crop) -> list[Strip]:
        bar = self.render()  # the colours and position, worked out as ScrollBar draws them
        key = (crop, self.size, type(bar), tuple(sorted(vars(bar).items())), self.background_colors, self.opacity)
        lines = self._looks.get(key)
        if lines is None:
            lines = super().render_lines(crop)
            self._looks[key] = lines
            if len(self._looks) > LOOKS_KEPT:
                self._looks.popitem(last=False)
        else:
            self._looks.move_to_end(key)
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

"""The line under the header: the sections (click or press their key) and the period shown.

One widget drawing three parts on its one line, as three widgets side by side would: the tabs
(the width left, a long crumb cut at a word), the year (`‹ FY 2026/27 ›`, its arrows clickable)
and the as-of date. Under 100 columns the year goes (it is in the header too), under 120 the date
(the App's width breakpoints). One widget, not four: each screen styles, lays out and draws it once.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.markup import escape
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from pcntui.tui.safe import markup
from pcntui.tui.widgets import widths
from pcntui.tui.sections import SECTIONS


def _tab(title: str, key: str) -> str:
    """`[u]P[/u]CN` when the key is the title's first letter, else `Title (k)`."""
    if title[:1].lower() == key:
        return f"[u]{escape(title[0])}[/u]{escape(title[1:])}"
    return f"{escape(title)} ({escape(key)})"


class SectionBar(Widget):
    COMPONENT_CLASSES = {"section-bar--period", "section-bar--as-of"}
    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; link-style: none; link-color: $text; }
    SectionBar > .section-bar--period, SectionBar > .section-bar--as-of { color: $text-muted; }
    """

    def __init__(self, current: str | None, crumb: str | None = None) -> None:
        super().__init__()
        self.current = current
        self.crumb = crumb
        self._tabs: Content | None = None  # the tabs, read from markup once (not at every draw)
        self._period: tuple[object, Content] | None = None  # (the year, its text) drawn last

    def tabs_text(self) -> Content:
        if self._tabs is None:
            self._tabs = self._tabs_text()
        return self._tabs

    def _tabs_text(self) -> Content:
        parts = []
        for s in SECTIONS:
            style = "reverse bold" if s.name == self.current else ""
            label = f" {_tab(s.title, s.key)} "
            link = f"[@click=app.section('{s.name}')]{label}[/]"
            parts.append(f"[{style}]{link}[/]" if style else link)
        text = "".join(parts)
        if self.crumb:
            text += f" › [b]{markup(self.crumb)}[/b]"
        return Content.from_markup(text)

    def period_text(self) -> Content:
        app = self.app
        fy = getattr(app, "fy", None)
        today = getattr(app, "today", None)
        if fy is None or today is None:
            return Content("")
        if self._period is None or self._period[0] != fy:
            self._period = (fy, Content.from_markup(
                f"[@click=app.previous_year][b]‹[/b][/] FY [b]{fy.label}[/b] [@click=app.next_year][b]›[/b][/] "))
        return self._period[1]

    def as_of_text(self) -> Content:
        today = getattr(self.app, "today", None)
        return Content(f" as of {today.day} {today:%b %Y}" if today else "")

    def update_period(self) -> None:
        """Draw the year and date again if they changed since drawn (the file opening, a save: not)."""
        if self._drawn != self._period_shown():
            self.refresh()

    _drawn: tuple | None = None  # the (year, date) drawn last

    def _period_shown(self) -> tuple:
        return getattr(self.app, "fy", None), getattr(self.app, "today", None)

    def render_line(self, y: int) -> Strip:
        """The tabs in the width the year and the date leave, each part in its own colours."""
        self._drawn = self._period_shown()
        width = self.size.width
        width_class = widths.width_class(self)
        pad = widths.blank_style(self)
        right: list[Segment] = []
        if width_class != "-narrow":
            right += [Segment(" ", pad), *self._part(self.period_text(), "section-bar--period")]
            if width_class != "-normal":
                right += [*self._part(self.as_of_text(), "section-bar--as-of"), Segment(" ", pad)]
        used = sum(s.cell_length for s in right)
        tabs = self._part(self.tabs_text(), None, max(width - used, 0)).adjust_cell_length(max(width - used, 0), pad)
        return Strip([*tabs, *right]).crop(0, width)

    def _part(self, content: Content, component: str | None, width: int | None = None) -> Strip:
        """`content` drawn `width` wide (its own width by default), as a widget styled by `component` would draw it."""
        width = content.cell_length if width is None else width
        style = self.get_visual_style(component) if component else self.visual_style
        strips = Visual.to_strips(self, content, width, 1, style)
        return strips[0] if strips else Strip.blank(0)

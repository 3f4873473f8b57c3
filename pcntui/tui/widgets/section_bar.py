"""The line under the header: the sections (click or press their key) and the period shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from pcntui.tui.safe import markup
from pcntui.tui.widgets.in_place import SteadyStatic
from pcntui.tui.sections import SECTIONS


def _tab(title: str, key: str) -> str:
    """`[u]P[/u]CN` when the key is the title's first letter, else `Title (k)`."""
    if title[:1].lower() == key:
        return f"[u]{escape(title[0])}[/u]{escape(title[1:])}"
    return f"{escape(title)} ({escape(key)})"


class SectionBar(Horizontal):
    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; }
    SectionBar #tabs { width: 1fr; height: 1; link-style: none; link-color: $text; }
    SectionBar #period { width: auto; height: 1; padding: 0 0 0 1; color: $text-muted; link-style: bold; }
    SectionBar #as-of { width: auto; height: 1; padding: 0 1 0 0; color: $text-muted; }
    /* Narrow screens (app.tcss) drop the as-of date, then the year: the tabs all stay. */
    """

    def __init__(self, current: str | None, crumb: str | None = None) -> None:
        super().__init__()
        self.current = current
        self.crumb = crumb

    def compose(self) -> ComposeResult:
        parts = []
        for s in SECTIONS:
            style = "reverse bold" if s.name == self.current else ""
            label = f" {_tab(s.title, s.key)} "
            link = f"[@click=app.section('{s.name}')]{label}[/]"
            parts.append(f"[{style}]{link}[/]" if style else link)
        text = "".join(parts)
        if self.crumb:
            text += f" › [b]{markup(self.crumb)}[/b]"
        yield Static(Content.from_markup(text), id="tabs")
        yield SteadyStatic(self.period_text(), id="period")
        yield Static(self.as_of_text(), id="as-of")

    def period_text(self) -> Content:
        app = self.app
        fy = getattr(app, "fy", None)
        today = getattr(app, "today", None)
        if fy is None or today is None:
            return Content("")
        return Content.from_markup(f"[@click=app.previous_year]‹[/] FY [b]{fy.label}[/b] [@click=app.next_year]›[/] ")

    def as_of_text(self) -> str:
        today = getattr(self.app, "today", None)
        return f" as of {today.day} {today:%b %Y}" if today else ""

    def update_period(self) -> None:
        self.query_one("#period", Static).update(self.period_text())

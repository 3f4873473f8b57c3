"""The dashboard's parts: one panel of key figures per area (with a chart where the panel
is wide enough) and the one-line prompt of an alert group.

Figures keep their number whole: a label is cut with `…` first, then the note is dropped.
Every level has a symbol (✕ ! ✓) as well as a colour, so the panel reads without colour.
The chart (textual-plotext) is mounted only after the figures are on screen, so the first
frame does not wait for the plotting library to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList

from pcntui.domain.text import terminal_safe
from pcntui.tui.commands import reach
from pcntui.tui.safe import markup
from pcntui.tui.widgets.moves import LIST_MOVES
from pcntui.views.status.glance import Figure, Glance

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.geometry import Region
    from textual.strip import Strip

CHART_FROM = 70  # a panel this wide (border included) or wider shows its chart (terminals of ~145 columns)
FIGURES_WIDTH = 34  # the figures' width beside a chart


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else (text[: max(width - 1, 0)] + "…" if width > 0 else "")


def figure_lines(figures: tuple[Figure, ...], width: int, height: int, *,
                 hints: bool = True) -> list[tuple[Figure | None, str]]:
    """(figure, line) for as many figures as fit; a last line "+N more" when some do not.
    `hints`: a figure with an action says how to reach it (off where nothing can be changed)."""
    shown = list(figures)
    more = 0
    if height > 0 and len(shown) > height:
        shown, more = shown[: height - 1], len(shown) - (height - 1)
    if not shown:
        return [(None, f"+{more} more")] if more else []
    value_w = max(len(f.value) for f in shown)
    label_w = min(max(len(f.label) for f in shown), max(width - value_w - 3, 1))
    lines = []
    for f in shown:
        line = f"{f.mark} {clip(f.label, label_w):<{label_w}} {f.value:>{value_w}}"
        note = f.note or (f"press {reach(f.action)}" if f.action and hints else "")
        if note and len(line) + 2 + len(note) <= width:
            line += f"  {note}"
        lines.append((f, line))
    if more:
        lines.append((None, f"  +{more} more"))
    return lines


class Figures(Widget):
    """A block's key figures, one a line, fitted to the widget's size."""

    COMPONENT_CLASSES = {"figures--bad", "figures--warn", "figures--good", "figures--more"}
    DEFAULT_CSS = """
    Figures { width: 1fr; height: 1fr; }
    Figures > .figures--bad { color: $text-error; text-style: bold; }
    Figures > .figures--warn { color: $text-warning; }
    Figures > .figures--good { color: $text-success; }
    Figures > .figures--more { color: $text-muted; }
    """

    def __init__(self, figures: tuple[Figure, ...], *, hints: bool = True) -> None:
        super().__init__()
        self.figures = figures
        self.hints = hints

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, (f, line) in enumerate(figure_lines(self.figures, self.size.width, self.size.height, hints=self.hints)):
            if i:
                out.append("\n")
            level = "more" if f is None else f.level
            style = self.get_component_rich_style(f"figures--{level}") if level else ""
            out.append(terminal_safe(line), style=style)
        return out


class FigurePanel(Horizontal, can_focus=True):
    """One area's panel: its figures and, once mounted and if it fits, its chart."""

    def __init__(self, glance: Glance, *, openable: bool, hints: bool = True) -> None:
        super().__init__(classes=f"panel -{glance.key}")
        self.glance = glance
        self.openable = openable
        self.hints = hints  # say how to reach a figure's action (False: read only, nothing can be changed)
        self.chart: Widget | None = None
        self.border_title = markup(terminal_safe(glance.title))

    def compose(self):
        yield Figures(self.glance.figures, hints=self.hints)

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def mount_chart(self) -> None:
        """Add the chart (the plotting library is imported by now)."""
        if self.chart is not None or self.glance.chart is None:
            return
        from pcntui.tui.widgets.area_chart import AreaChart

        self.chart = AreaChart(self.glance.chart)
        self.mount(self.chart)
        self._fit()

    def _fit(self) -> None:
        wide = self.outer_size.width >= CHART_FROM and self.chart is not None
        if self.chart is not None:
            self.chart.display = wide
        self.query_one(Figures).styles.width = FIGURES_WIDTH if wide else "1fr"
        action = self.glance.action if self.hints else ""
        caption = self.glance.caption or (f"press {reach(action)}" if action else "")
        parts = [caption] if caption else []
        if wide and self.glance.chart and self.glance.chart.legend:
            parts.append(self.glance.chart.legend)
        self.border_subtitle = markup(" · ".join(parts))


def alert_prompt(group) -> Content:
    """An alert group as one option: ✕ (problem) or ! (warning), then its sentence, shown as written.
    Made as content, not markup: parsing a dozen sentences' markup was a millisecond of the UI
    thread's work between the file's figures and the screen (issue 12)."""
    mark = ("✕", "b $text-error") if group.severity == "problem" else ("!", "b $text-warning")
    return Content.assemble(mark, " ", terminal_safe(group.text))


class AlertList(OptionList, inherit_bindings=False):
    """The alert groups: arrows move; `enter` is the screen's Open (so the footer shows it).

    Drawn with its lines brought up to date once per draw, not once per line: Textual's OptionList
    does it again for every line it draws (`_lines`), most of the cost of drawing the list (the
    dashboard draws it three times before the figures are on screen, mostly empty lines while the
    file opens; issue 12). Textual internals (`_lines`, `_update_lines`, `_line_cache`; Textual is
    pinned < 9: re-check on an upgrade); tests/tui/test_start_up.py checks the lines drawn are
    Textual's own."""

    BINDINGS: ClassVar = LIST_MOVES
    _drawing = False  # True inside render_lines: the lines were brought up to date at its start

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_lines()
        self._drawing = True
        try:
            return super(OptionList, self).render_lines(crop)  # (what OptionList's does after the update)
        finally:
            self._drawing = False

    @property
    def _lines(self) -> Sequence[tuple[int, int]]:
        if not self._drawing:
            self._update_lines()
        return self._line_cache.lines

"""IIF achievement: each indicator of the year against its thresholds, in points and pounds,
with a bar per indicator (the thresholds marked, the achievement placed on the same scale).
`x` writes the rows of `pcntui export iif`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from pcntui.domain.iif import IifResult
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row

if TYPE_CHECKING:
    from pcntui.views.base import View

BAR = 40


def bar(r: IifResult, width: int = BAR) -> Text:
    """`├──L━━━━U──●──┤`: the scale from 0 to a little beyond the largest of the thresholds and the
    achievement; the earning band between the thresholds drawn heavy, the achievement `●` (green
    when it earns every point, amber some, red none)."""
    i = r.indicator
    lo, hi = sorted((i.lower_threshold, i.upper_threshold))
    got = r.achievement_pct
    top = max(hi, got or Decimal(0)) * Decimal("1.25") or Decimal(1)
    top = min(top, Decimal(100)) if hi <= 100 and (got is None or got <= 100) else top

    def at(value: Decimal) -> int:
        return max(0, min(width - 1, int(value / top * (width - 1))))

    cells = ["─"] * width
    for x in range(at(lo), at(hi) + 1):
        cells[x] = "━"
    cells[at(i.lower_threshold)], cells[at(i.upper_threshold)] = "L", "U"
    text = Text("├" + "".join(cells) + "┤", style="dim")
    if got is not None:
        style = "bold green" if r.fraction == 1 else ("bold yellow" if r.fraction else "bold red")  # a Static: no $vars
        x = at(got) + 1
        text = text[:x] + Text("●", style=style) + text[x + 1:]
    return text


@dataclass
class IifData(TableData):
    chart: Text | None = None
    table: View | None = None  # what `export iif` writes (`x`: its rows on screen, in screen order)


IMPORT_INDICATORS = "import_file('iif-indicators')"


class IifScreen(TableScreen):
    SECTION = "smr"
    NOUN = ("indicator", "indicators")
    EMPTY = f"No IIF indicators this year: {markup(reach(IMPORT_INDICATORS))}."
    EXPORT_NAME = "iif"
    HELP = (
        "Each IIF indicator of the year: the numerator and denominator summed from the imported "
        "achievement file (the PCN's own rows, else its practices'), the achievement against the lower "
        "and upper thresholds (↑ higher is better, ↓ lower is better), points earned of those available, "
        "£ and £ adjusted for list size. The chart puts each achievement (●) on a scale with the "
        "thresholds (L lower, U upper; the band between them earns points pro rata)."
    )
    COLUMNS: ClassVar = [
        Col("indicator", "Indicator"),
        Col("achieved", "Achieved", numeric=True),
        Col("thresholds", "Thresholds"),
        Col("points", "Points", numeric=True),
        Col("pounds", "£", numeric=True),
        Col("adjusted", "Adjusted £", numeric=True),
    ]

    def __init__(self) -> None:
        super().__init__(crumb="IIF achievement")

    def compose_below_table(self) -> ComposeResult:
        yield Static("", id="chart")

    def fetch(self, store: Store, period: Period) -> IifData:
        from pcntui.report.iif_report import iif_lines, pct, points_text, thresholds
        from pcntui.views.iif import iif_view, indicators_of

        year = iif_view(store, period.fy)
        table = indicators_of(year)
        rows, export = [], {}
        for n, r in enumerate(year.results):
            key = r.indicator.indicator
            rows.append(Row(key, [key, pct(r.achievement_pct), thresholds(r), points_text(r),
                                  None if r.pounds is None else gbp(r.pounds),
                                  None if r.pounds_adjusted is None else gbp(r.pounds_adjusted)],
                            sort=[key, r.achievement_pct, r.indicator.lower_threshold, r.points_achieved, r.pounds,
                                  r.pounds_adjusted]))
            export[key] = table.rows[n]
        return IifData(f"[b]IIF {year.fy.label}[/b] · " + markup(iif_lines(year, lambda kind: reach(f"import_file('{kind}')"))[0]), rows, [],
                       export, chart=self._chart(year.results), table=table)

    @staticmethod
    def _chart(results) -> Text:
        width = max((len(r.indicator.indicator) for r in results), default=0)
        out = Text()
        for r in results:
            out.append(f"{r.indicator.indicator:<{width}} ")
            out.append_text(bar(r))
            out.append(f"  {r.reason.split(' for ')[0]}\n" if r.achievement is None else "\n", style="dim")
        return out

    def export_data(self):
        if self.data is None or self.data.table is None:
            return None
        from pcntui.export.views import csv_table

        shown = [self.data.export_rows[k] for k in self.table.visible_keys() if k in self.data.export_rows]
        columns, rows = csv_table(self.data.table, shown)  # `export iif`: the indicators on screen
        return columns, list(rows)

    def show(self, data: IifData) -> None:
        super().show(data)
        self.query_one("#chart", Static).update(data.chart or "")

"""A dashboard panel's small chart, drawn with textual-plotext (imported only by this module,
which the dashboard loads after its first frame).

Series differ by marker as well as colour (█ bars, ◆ targets, ━ and · lines), so a chart
reads without colour.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from pcntui.views.status.glance import Chart

LINE_MARKERS = ("·", "━")
BAR_MARKER, TARGET_MARKER = "█", "◆"


class AreaChart(PlotextPlot):
    DEFAULT_CSS = """
    AreaChart { width: 1fr; height: 1fr; margin: 0 0 0 1; }
    """

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self.chart = chart

    def on_mount(self) -> None:
        plt = self.plt
        c = self.chart
        plt.clear_figure()
        plt.frame(False)
        xs = list(range(1, len(c.labels) + 1))
        if c.kind == "lines":
            top = 0.0
            for (name, values), marker in zip(c.series, LINE_MARKERS):
                points = [(x, v) for x, v in zip(xs, values) if v is not None]
                if points:
                    plt.plot([p[0] for p in points], [p[1] for p in points], marker=marker)
                    top = max(top, *(p[1] for p in points))
            if c.reference is not None:
                plt.hline(c.reference[1])
                top = max(top, c.reference[1])
            plt.yticks([0, top / 2, top], ["0", short_money(top / 2), short_money(top)])
            step = max(1, len(xs) // 4)
            plt.xticks(xs[::step], list(c.labels)[::step])
        else:  # 'target': bars (now) with the target as a marker above or inside each
            (_, now), (_, target) = c.series
            plt.bar(xs, list(now), marker=BAR_MARKER, width=0.5)
            plt.scatter(xs, list(target), marker=TARGET_MARKER)
            plt.xticks(xs, list(c.labels))
            plt.yticks([0, 50, 100], ["0%", "50%", "100%"])
            plt.ylim(0, 100)
        self.refresh()


def short_money(pounds: float) -> str:
    """£1.5m, £640k: an axis label."""
    if pounds >= 1_000_000:
        return f"£{pounds / 1_000_000:.1f}m"
    return f"£{pounds / 1000:.0f}k"

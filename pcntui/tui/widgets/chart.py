"""A small text plot of one outcome measure: readings over time against the line from the
baseline to the target. Readings on track are `●`, off track `✕` (shape as well as colour),
the target line is `·`, the target itself `◎`.

    chart_text(series, width=48, height=6) -> rich.text.Text
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from pcntui.domain.measure import expected_value, fmt_value

ON, OFF, LINE, TARGET = "●", "✕", "·", "◎"


def _good(direction: str, value: float, want: float) -> bool:
    return value >= want if direction == "increase" else value <= want


def chart_text(series, width: int = 48, height: int = 6) -> Text:
    width = max(width, 12)
    height = max(height, 3)
    start, base = series.baseline
    t_on, t_val = series.target
    days = [d for d, _ in series.points]
    end = max([start, *days, *([t_on] if t_on else [])])
    if end <= start:
        end = start + timedelta(days=1)
    span = (end - start).days
    values = [base, t_val, *(v for _, v in series.points)]
    lo, hi = min(values), max(values)
    if hi == lo:
        hi = lo + 1

    def col(day: date) -> int:
        return round((day - start).days / span * (width - 1))

    def row(value: float) -> int:
        return height - 1 - round((value - lo) / (hi - lo) * (height - 1))

    cells: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(height)]
    for c in range(width):
        day = start + timedelta(days=round(span * c / (width - 1)))
        want = expected_value(base, start, t_val, t_on, day)
        cells[row(want)][c] = (LINE, "dim")
    cells[row(t_val)][col(t_on) if t_on else width - 1] = (TARGET, "bold")
    for day, value in series.points:
        want = expected_value(base, start, t_val, t_on, day)
        good = _good(series.direction, value, want)
        cells[row(value)][col(day)] = (ON, "bold green") if good else (OFF, "bold red")

    unit = series.unit
    top, bottom = fmt_value(round(hi, 1), unit), fmt_value(round(lo, 1), unit)
    pad = max(len(top), len(bottom))
    out = Text()
    for r, line in enumerate(cells):
        label = top if r == 0 else bottom if r == height - 1 else ""
        out.append(f"{label:>{pad}} │", style="dim")
        for ch, style in line:
            out.append(ch, style=style)
        out.append("\n")
    out.append(" " * pad + " └" + "─" * width + "\n", style="dim")
    left, right = start.isoformat(), end.isoformat()
    out.append(" " * (pad + 2) + left + " " * max(1, width - len(left) - len(right)) + right + "\n", style="dim")
    out.append(" " * (pad + 2) + f"{ON} on track  {OFF} off track  {LINE} expected (baseline → target)  {TARGET} target",
               style="dim")
    return out

"""`pcntui iif`: IIF achievement, each indicator against its thresholds, in points and pounds."""

from __future__ import annotations

import argparse
import textwrap

from pcntui.export.text import WIDTH, fit as table
from pcntui.cli.common import add_period_options, clip, opened, period
from pcntui.cli.registry import add_command
from pcntui.domain.money import gbp


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "iif", parent, cmd_iif)
    add_period_options(p)


def cmd_iif(args) -> int:
    from pcntui.report.iif_report import iif_lines, pct, points_text, thresholds
    from pcntui.views.iif import iif_view

    when = period(args)
    with opened(args) as store:
        year = iif_view(store, when.fy)
    print(f"IIF {year.fy.label}" + (f" · achievement file of {year.ach_date.isoformat()}" if year.ach_date else ""))
    head = iif_lines(year)[0]
    print("\n".join(textwrap.wrap(head, WIDTH, initial_indent="  ", subsequent_indent="    ")))
    if not year.results:
        return 0
    rows = []
    for r in year.results:
        adjusted = "" if r.pounds_adjusted is None else gbp(r.pounds_adjusted)
        rows.append([clip(r.indicator.indicator, 10), pct(r.achievement_pct), thresholds(r),
                     points_text(r), "" if r.pounds is None else gbp(r.pounds),
                     adjusted])
    if year.ach_date is not None:
        rows.append(["Total", "", "", f"{year.points_achieved} / {year.points_available.normalize():f}",
                     gbp(year.pounds), gbp(year.pounds_adjusted)])
    print()
    for line in table(["Indicator", "Achieved", "Thresholds", "Points", "£", "Adjusted £"], rows, {1, 3, 4, 5}):
        print(line)
    if year.ach_date is None:
        return 0
    print()
    for r in year.results:
        text = f"{r.indicator.indicator}: {r.reason if r.achievement is None else _measures(r)}"
        if r.reason and r.achievement is not None:
            text += f"; {r.reason}"
        if not r.indicator.confirmed:
            text += " (definition unconfirmed)"
        print("\n".join(textwrap.wrap(text, WIDTH, subsequent_indent="    ")))
    return 0


def _measures(r) -> str:
    parts = []
    for m in (r.numerator, r.denominator):
        if m.total is None:
            parts.append(f"{m.measure} no rows")
        else:
            parts.append(f"{m.measure} {m.total.normalize():f} ({m.level}, {m.rows} row{'s' if m.rows != 1 else ''})")
    return " / ".join(parts)

"""Plain-text output of `pcntui arrs …`: numbers of WTE and alerts (tables: export/text.py)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from pcntui.export.text import WIDTH


def fte(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def print_alerts(alerts) -> None:
    for a in alerts:
        mark = "!! " if a.severity == "problem" else " ! "
        print("\n".join(textwrap.wrap(mark + a.message, WIDTH, subsequent_indent="   ")))

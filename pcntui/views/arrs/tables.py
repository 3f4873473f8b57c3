"""Small helpers for ARRS tables kept as the catalog's views."""

from __future__ import annotations

from dataclasses import replace

from pcntui.views.base import View


def keyed(view: View, column: str) -> View:
    """The view with each row keyed by its value in `column` (what a screen's cursor follows)."""
    i = [c.key for c in view.columns].index(column)
    return replace(view, rows=tuple(replace(r, key=str(r.values[i])) for r in view.iter_rows()))

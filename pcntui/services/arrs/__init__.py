"""ARRS use cases (one action each): staff records, planned posts, the entitlement, maxima, claims."""

from __future__ import annotations

from collections.abc import Iterable

from pcntui.errors import FieldMessage


def shown(warnings: Iterable[FieldMessage]) -> tuple[FieldMessage, ...]:
    """The warnings a save reports (the info lines a form shows as you type stay in the form)."""
    return tuple(w for w in warnings if w.level == "warning")

"""The TUI's title line: the PCN's code and name (a module of its own, so reading it before the
first figures loads none of the table views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.store.tx import Reader


def header(reader: Reader) -> dict | None:
    """The PCN's code and name (the TUI's title line), or None before set-up."""
    from pcntui.store.lookups import pcn_header

    return pcn_header(reader)

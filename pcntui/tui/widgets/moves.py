"""The cursor keys of a list that is not a command (plumbing: not in the registry, not in the footer)."""

from __future__ import annotations

from textual.binding import Binding

LIST_MOVES = [
    Binding("up", "cursor_up", "Up", show=False),
    Binding("down", "cursor_down", "Down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("home", "first", "First", show=False),
    Binding("end", "last", "Last", show=False),
]

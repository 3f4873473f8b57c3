"""User text into the TUI, one way: control characters shown, never sent to the terminal
(`terminal_safe`), and square brackets shown as written, never read as content markup.

`markup(text)` goes inside markup strings (`f"[b]{markup(name)}[/b]"`); `plain(text)` is a
`Text` (never parsed as markup) for table cells and options; `guard(text)` makes a styled
`Text` built from user text safe without losing its styles.
"""

from __future__ import annotations

from rich.text import Text

from pcntui.domain.text import terminal_safe

ZERO_WIDTH_SPACE = "\u200b"


def markup(text: object) -> str:
    """User text to interpolate into Textual content markup.

    Textual reads `\\[` as a literal bracket (so every bracket is escaped; `textual.markup.escape`
    leaves some, e.g. after `[2J`) and has no escape for a backslash: one at the very end would
    escape the tag that follows, so an invisible zero-width space keeps them apart."""
    safe = terminal_safe(text).replace("[", "\\[")
    return safe + ZERO_WIDTH_SPACE if safe.endswith("\\") else safe


def plain(text: object, style: str = "", **kwargs) -> Text:
    """User text as a `Text`: shown literally, brackets and all."""
    return Text(terminal_safe(text), style=style, **kwargs)


def guard(text: Text) -> Text:
    """`text` with its characters terminal-safe (one for one, so its styled spans stay put)."""
    safe = terminal_safe(text.plain)
    if safe == text.plain:
        return text
    out = text.copy()
    out.plain = safe
    return out

"""Text from files and users, made safe for where it goes: a terminal, the database, a spreadsheet.

- `terminal_safe`: what every front end shows. Characters a terminal would act on (C0 controls
  but tab and newline, DEL, C1 controls, the bidi embeddings/overrides/isolates of "Trojan
  Source", line and paragraph separators) become one visible character each: C0 and DEL their
  Unicode Control Picture (ESC shows as ␛, BEL as ␇, CR as ␍), the others U+FFFD (�). One for
  one, so column widths and styled spans stay right.
- `clean_input`: what imports and forms store. Line ends become newline; other C0/C1 controls
  and DEL (but tab) are removed.
- `to_spreadsheet` / `from_spreadsheet`: PRODUCT.md's one Excel rule and its exact inverse.
- `clip`: text cut to a width for plain-text columns, with `…` where it was cut; `counted`: "1 row",
  "2 rows" (never "1 rows" or "row(s)").
"""

from __future__ import annotations

import re

_C0 = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}  # ␀ … ␟
_OTHER = [0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TERMINAL = {**_C0, **{c: 0xFFFD for c in _OTHER}, 0x7F: 0x2421}  # DEL shows as ␡
_INPUT = {c: None for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)}
_LINE_ENDS = re.compile(r"\r\n?")
_ACTED_ON = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TERMINAL)) + "]")


def terminal_safe(text: object) -> str:
    """`text` as a string that a terminal shows as characters, never acts on (same length).
    (Text with none of them is returned as it is: looking is much cheaper than translating,
    which looks up every character, and a status at 40 times a real PCN prints 48,000.)"""
    text = str(text)
    return text.translate(_TERMINAL) if _ACTED_ON.search(text) else text


def clean_input(text: str) -> str:
    """Text as stored: CRLF and CR become newline; other control characters but tab are removed."""
    return _LINE_ENDS.sub("\n", text).translate(_INPUT)


# A spreadsheet would run, or silently reinterpret, a cell starting with any of these.
SPREADSHEET_RISKY = ("=", "+", "-", "@", "'", "\t", "\r")
_CANONICAL_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
QUOTE = "'"


def to_spreadsheet(text: str) -> str:
    """A cell as written to CSV: as-is if it is a canonical number (`-?[0-9]+(.[0-9]+)?`), else
    a leading `'` when it starts with `= + - @ '`, tab or CR (Excel then shows it as text)."""
    if text.startswith(SPREADSHEET_RISKY) and not _CANONICAL_NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def from_spreadsheet(text: str) -> str:
    """A cell as read from CSV: exactly one leading `'` removed, so that
    `from_spreadsheet(to_spreadsheet(t)) == t` for every string."""
    return text[1:] if text.startswith(QUOTE) else text


def clip(text: str, width: int) -> str:
    """`text` in at most `width` characters, ending in `…` where it was cut."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and its noun in the right number: `1 set`, `2 sets` (`many` where the plural is not +s)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"

"""The manager's deadlines as an iCalendar file (RFC 5545) that Outlook, Google and Apple calendars open.

Each deadline is an all-day VEVENT (DTSTART;VALUE=DATE, DTEND the next day, free time) whose UID
is made from the item's key and the PCN code, never from its date or words: importing a newer
file updates the same events instead of adding copies. Lines end CRLF and are folded at 75
octets without splitting a UTF-8 character; text is escaped (backslash, semicolon, comma,
newline) after control and bidi characters are made harmless (`pcntui.domain.text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from pcntui.domain.deadlines import Deadline
from pcntui.domain.text import clean_input, terminal_safe

PRODID = "-//pcntui//pcntui deadlines//EN"
LINE_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break
CRLF = "\r\n"
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): line ends become `\\n`, `\\ ; ,` are escaped; control
    characters are dropped and bidi overrides shown as U+FFFD, so no text can break the file or
    hide what it says."""
    return terminal_safe(clean_input(str(text)).replace("\t", " ")).translate(_ESCAPES)


def fold(line: str) -> str:
    """One content line folded to lines of at most 75 octets (a continuation starts with a space),
    never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(ch)
        size += n
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _day(d: date) -> str:
    return d.strftime("%Y%m%d")


def uid(item: Deadline, pcn_code: str) -> str:
    """The event's UID: the item's key and the PCN's code (two PCNs' calendars never collide)."""
    return f"{item.key}.{pcn_code or 'pcn'}@pcntui"


def event(item: Deadline, *, pcn_code: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{escape(uid(item, pcn_code))}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(item.on)}",
        f"DTEND;VALUE=DATE:{_day(item.on + timedelta(days=1))}",
        f"SUMMARY:{escape(item.summary)}",
        *([f"DESCRIPTION:{escape(item.detail)}"] if item.detail else []),
        f"CATEGORIES:{escape(item.kind_label)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar_text(items: Iterable[Deadline], *, name: str, pcn_code: str, stamp: datetime) -> str:
    """The whole file: a VCALENDAR named `name` with one all-day event per item."""
    when = stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for item in items:
        lines.extend(event(item, pcn_code=pcn_code, stamp=when))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

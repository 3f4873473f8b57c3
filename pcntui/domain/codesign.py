"""Co-design with the population: sessions (who took part, what people said, what was
decided) and "you said, we did" pairs linking what was heard to a change in the plan."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pcntui.domain.parse import parse_count, shown
from pcntui.errors import UserError

FORMATS = {
    "workshop": "Workshop",
    "focus_group": "Focus group",
    "community_event": "Community event",
    "interview": "Interviews",
    "survey": "Survey",
    "online": "Online meeting",
    "other": "Other",
}
SessionFormat = Literal["workshop", "focus_group", "community_event", "interview", "survey", "online", "other"]


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    held_on: date
    format: SessionFormat = "workshop"
    title: str | None = Field(default=None, max_length=200)
    heard: str | None = Field(default=None, max_length=8000)  # what people said
    decisions: str | None = Field(default=None, max_length=8000)
    participants: dict[str, int] = Field(default_factory=dict)  # group → count

    @field_validator("title", "heard", "decisions")
    @classmethod
    def _blank(cls, v: str | None) -> str | None:
        return v or None

    @field_validator("participants")
    @classmethod
    def _counts(cls, v: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        for group, n in v.items():
            group = group.strip()
            if not group:
                raise ValueError("every participant group needs a name")
            if n < 0:
                raise ValueError(f"the count for {group} cannot be negative")
            out[group] = out.get(group, 0) + n
        return out


class YouSaidIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    you_said: str = Field(min_length=1, max_length=2000)
    we_did: str = Field(min_length=1, max_length=2000)
    session_id: int | None = None
    action_id: int | None = None  # the plan action that changed, when there is one
    recorded_on: date | None = None


_SEPARATED = re.compile(r"^\s*(.*?)\s*[=:]\s*(.*?)\s*$")  # Residents=12, Residents: 12


def _pair(item: str) -> tuple[str, str] | None:
    """(group, count as written) from `Residents=12`, `Residents: 12`, `Residents 12` or `12 residents`."""
    m = _SEPARATED.match(item)
    if m and m.group(1):
        return m.group(1), m.group(2)
    words = item.split()
    if len(words) >= 2 and words[-1][:1] in "0123456789":
        return " ".join(words[:-1]), words[-1]
    if len(words) >= 2 and words[0][:1] in "0123456789":
        return " ".join(words[1:]), words[0]
    return None


def parse_participants(items: list[str]) -> dict[str, int]:
    """`["Residents=12", "Carers: 3", "2 link workers"]` → {"Residents": 12, "Carers": 3, "link workers": 2};
    each count a whole number of people (the CLI's --group and the TUI's session form)."""
    out: dict[str, int] = {}
    for item in items:
        pair = _pair(item or "")
        if pair is None:
            raise UserError(f"'{shown(item or '')}' is not a participant count; write it as GROUP=NUMBER, "
                            "e.g. Residents=12.")
        group, count = pair
        out[group] = out.get(group, 0) + parse_count(count, f"the count for {shown(group)}", noun="people")
    return out


def parse_format(text: str) -> str:
    key = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    for code, label in FORMATS.items():
        if key in {code, label.lower().replace(" ", "_")}:
            return code
    raise UserError(f"'{text}' is not a session format; use one of: {', '.join(FORMATS)}.")


def total_participants(participants: dict[str, int]) -> int:
    return sum(participants.values())


def sessions_before(session_dates: list[date], day: date) -> int:
    """How many sessions were held on or before `day`."""
    return sum(1 for d in session_dates if d <= day)

"""Co-design with the population: sessions (who took part, what people said, what was
decided) and "you said, we did" pairs linking what was heard to a change in the plan."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


_PAIR = re.compile(r"^\s*(.+?)\s*[=:]\s*(\d+)\s*$")


def parse_participants(items: list[str]) -> dict[str, int]:
    """`["Residents=12", "Carers: 3"]` → {"Residents": 12, "Carers": 3}."""
    out: dict[str, int] = {}
    for item in items:
        m = _PAIR.match(item or "")
        if not m:
            raise UserError(f"'{item}' is not a participant count; write it as GROUP=NUMBER, e.g. Residents=12.")
        out[m.group(1)] = out.get(m.group(1), 0) + int(m.group(2))
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

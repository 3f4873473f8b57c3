"""The check of a DES requirement's definition (a rules pack's rows; a test holds the shipped file to it).

Its own module: it loads pydantic, which reading the requirements (every `status`) never needs."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class RequirementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    fy: str = Field(pattern=r"^[0-9]{4}/[0-9]{2}$")
    area: Literal["cvd", "health_inequalities", "anticipatory_care", "personalised_care", "smr",
                  "enhanced_access", "care_homes", "cancer", "continuity", "access", "other"]
    title: str = Field(min_length=1, max_length=300)
    detail: str | None = Field(default=None, max_length=4000)
    due_on: date | None = None
    due_confirmed: bool = True
    owner: str | None = Field(default=None, max_length=120)
    status: Literal["not_started", "in_progress", "done", "not_applicable"] = "not_started"
    evidence: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=300)

    @field_validator("detail", "owner", "evidence", "source")
    @classmethod
    def _blank(cls, v: str | None) -> str | None:
        return v or None

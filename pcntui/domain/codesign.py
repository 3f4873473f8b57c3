"""Co-design with the population: sessions (who took part, what people said, what was
decided) and "you said, we did" pairs linking what was heard to a change in the plan."""

from __future__ import annotations

from datetime import date

FORMATS = {
    "workshop": "Workshop",
    "focus_group": "Focus group",
    "community_event": "Community event",
    "interview": "Interviews",
    "survey": "Survey",
    "online": "Online meeting",
    "other": "Other",
}


def total_participants(participants: dict[str, int]) -> int:
    return sum(participants.values())


def sessions_before(session_dates: list[date], day: date) -> int:
    """How many sessions were held on or before `day`."""
    return sum(1 for d in session_dates if d <= day)

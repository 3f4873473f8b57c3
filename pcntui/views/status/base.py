"""What a status block is: a title, its lines, its JSON data and its alerts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Alert:
    """One alert of a status block."""

    area: str
    severity: str  # 'warning' or 'problem'
    message: str
    ref: str | None = None  # the row its area's screen opens (e.g. an intervention id); not in JSON
    kind: str | None = None  # what it is about (groups.py); alerts without one are never grouped


@dataclass
class Block:
    """One block of the status: its lines, JSON data, alerts and the tables it reads."""

    key: str
    title: str
    lines: list[str]
    data: dict | None
    alerts: list[Alert] = field(default_factory=list)
    # Tables beyond its catalog entry's `reads` that its figures rest on this time (the status
    # cache keys on them too; not part of the block: never compared, never shown)
    reads: tuple[str, ...] = field(default=(), compare=False, repr=False)

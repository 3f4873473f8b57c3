"""The export tables of v0.1: each returns a Table with fixed, documented column names (see
README and docs/). `pcntui export` writes them as views (views/adapters.py, until each area
builds its own views).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)

"""Loader for requirements_des.toml: the DES requirements shipped for the years known."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pcntui.domain.parse import parse_date
from pcntui.domain.requirements import RequirementIn


@lru_cache(maxsize=1)
def shipped_requirements() -> tuple[tuple[str, RequirementIn], ...]:
    """(key, validated requirement) for every shipped row, in file order."""
    text = resources.files("pcntui.reference").joinpath("requirements_des.toml").read_text(encoding="utf-8")
    out = []
    for row in tomllib.loads(text)["requirement"]:
        row = dict(row)
        key = row.pop("key")
        if row.get("due_on"):
            row["due_on"] = parse_date(row["due_on"])
        out.append((key, RequirementIn(**row)))
    return tuple(out)

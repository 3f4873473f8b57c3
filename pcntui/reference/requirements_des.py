"""Loader for requirements_des.toml: the DES requirements shipped for the years known.

Read with the standard library (every `status` reads them); a test holds every row to the
check a rules pack's rows get (`domain.requirement_in.RequirementIn`)."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from pcntui.domain.parse import parse_date
from pcntui.domain.requirements import RequirementDefinition
from pcntui.reference import shipped_text

OPTIONAL_TEXT = ("detail", "owner", "evidence", "source")  # blank: None


@lru_cache(maxsize=1)
def shipped_rows() -> tuple[tuple[str, dict], ...]:
    """(key, the file's row as written) for every shipped row, in file order."""
    text = shipped_text("requirements_des.toml")
    out = []
    for row in tomllib.loads(text)["requirement"]:
        row = dict(row)
        key = row.pop("key")
        if row.get("due_on"):
            row["due_on"] = parse_date(row["due_on"])
        out.append((key, row))
    return tuple(out)


def definition(row: dict) -> RequirementDefinition:
    """A shipped row as a definition: text trimmed, blank optional text None."""
    values = {k: v.strip() if isinstance(v, str) else v for k, v in row.items()}
    values.update({k: values.get(k) or None for k in OPTIONAL_TEXT})
    return RequirementDefinition(**values)


@lru_cache(maxsize=1)
def shipped_requirements() -> tuple[tuple[str, RequirementDefinition], ...]:
    """(key, requirement) for every shipped row, in file order."""
    return tuple((key, definition(row)) for key, row in shipped_rows())

"""ARRS-only field parsers for the imports (training status; bands: `arrs_roles.parse_band`), the
field types the staff, claims and rates rows share, and pydantic problems as sentences.

Numbers, money, dates and yes/no are read by `pcntui.domain.parse` (its ParseError is a
ValueError, so the pydantic validators call it directly)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, ValidationError, ValidationInfo

from pcntui.domain.arrs_roles import parse_training
from pcntui.domain.parse import optional, parse_date


def training_of(text: str) -> str:
    return parse_training(text)


def problems_of(exc: ValidationError, row_number: int) -> list[str]:
    """One 'row N, column C: …' sentence per pydantic error (messages from the parsers above)."""
    out = []
    for err in exc.errors():
        column = str(err["loc"][0]) if err.get("loc") else "?"
        msg = err.get("msg", "invalid").removeprefix("Value error, ").rstrip(".")
        out.append(f"row {row_number}, column {column}: {msg}.")
    return out


def name_of(text: str) -> str:
    """A person's name, trimmed, inner runs of spaces collapsed."""
    if not (text or "").strip():
        raise ValueError("name is missing")
    return " ".join(text.split())


def role_code_of(text: str, rules) -> str:
    """The code of the ARRS role named by code, name or alias."""
    if not (text or "").strip():
        raise ValueError("role is missing")
    role = rules.match_role(text)
    if role is None:
        raise ValueError(f"'{text.strip()}' is not an ARRS role (use a name such as Clinical Pharmacist, "
                         "or a code such as CP; 'pcntui arrs roles' lists them)")
    return role.code


def _role(text: str, info: ValidationInfo) -> str:
    return role_code_of(text, info.context["rules"])


def _day(text: str) -> date:
    return parse_date(text)


def _optional_day(text: str | None) -> date | None:
    return optional(parse_date, text)


# Field types of the import rows (the rule book comes in the validation context as "rules").
Name = Annotated[str, BeforeValidator(name_of)]
RoleCode = Annotated[str, BeforeValidator(_role)]
Day = Annotated[date, BeforeValidator(_day)]
OptDay = Annotated[date | None, BeforeValidator(_optional_day)]

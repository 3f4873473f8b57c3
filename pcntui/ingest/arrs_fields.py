"""The field types the staff, claims and rates rows share (a name, a role matched against the rule
book in the validation context, dates), and pydantic problems as sentences.

Numbers, money, bands and yes/no are read by `pcntui.domain.parse` and its kin, mostly through the
field types of `pcntui.inputs` (as the forms and CLI flags read them); a parser's ParseError is a
ValueError, so pydantic places it under its column."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ValidationError, ValidationInfo

from pcntui.domain.text import counted
from pcntui.domain.parse import optional, parse_date
from pcntui.errors import ImportFileError
from pcntui.ingest.csvfile import read_rows

M = TypeVar("M", bound=BaseModel)


def problems_of(exc: ValidationError, row_number: int) -> list[str]:
    """One 'row N, column C: …' sentence per pydantic error (messages from the parsers above)."""
    out = []
    for err in exc.errors():
        column = str(err["loc"][0]) if err.get("loc") else "?"
        msg = err.get("msg", "invalid").removeprefix("Value error, ").rstrip(".")
        out.append(f"row {row_number}, column {column}: {msg}.")
    return out


def checked_rows(path: Path, model: type[M], required: Iterable[str], optional_columns: Iterable[str] = (), *,
                 kind: str, problems: list[str], context: dict[str, Any] | None = None,
                 sentences: Callable[[ValidationError, int], list[str]] = problems_of) -> Iterator[tuple[int, M]]:
    """Each row of the CSV at `path` read by `model` (its field `row`: the row number), as (row number, row);
    a row it refuses is left out, its problems added to `problems` as `sentences` word them."""
    columns = (*required, *optional_columns)
    for row in read_rows(path, required, kind=kind):
        raw = {c: row.get(c) for c in columns}
        try:
            parsed = model.model_validate({"row": row.number, **raw}, context=context)
        except ValidationError as exc:
            problems.extend(sentences(exc, row.number))
            continue
        yield row.number, parsed


def refuse(path: Path, problems: list[str], what: str) -> None:
    """ImportFileError listing `problems` (if there are any): nothing of the file is imported."""
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {counted(len(problems), 'problem')} in the {what} file.",
                              problems)


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

"""Field types of input models, each over ONE parser of pcntui.domain.parse, so a CSV cell, a
CLI flag and a form box refuse exactly the same values with the same sentence.

Text is parsed; values that are already typed (a Decimal, a date, an int; a model being
checked again) are parsed from their canonical text, so their bounds still hold. A refusal is
a ParseError (a ValueError): pydantic places it under the field, and `inputs.base` keeps its
sentence as it is (no field name in it: each front end names the field its own way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo

from pcntui.domain import ods
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import (
    ParseError, as_typed, parse_count, parse_date, parse_id, parse_money, parse_nwrs_fte, parse_percent,
    parse_wte, parse_yes_no, shown,
)
from pcntui.domain.text import clean_input
from pcntui.errors import UserError


def _text_of(value: object) -> str | None:
    """The canonical text of a value: what its parser reads back."""
    if value is None or isinstance(value, (str, Decimal, int, date)):  # bool is an int
        return as_typed(value)
    raise ParseError(f"'{shown(str(value))}' is not a value this field can hold.")


def _blank(value: object) -> bool:
    text = _text_of(value)
    return text is None or not text.strip()


def parsed(parser: Callable[..., Any], *, optional: bool = False, blank: object = None, what: str = "",
           **options: Any) -> BeforeValidator:
    """A validator running `parser(text, what, **options)`; `optional`: blank → `blank` (None)."""

    def run(value: object) -> object:
        if optional and _blank(value):
            return blank
        return parser(_text_of(value) or "", what, **options)

    run.parser, run.optional = parser, optional  # type: ignore[attr-defined]  # read by inputs.base.parser_of
    return BeforeValidator(run)


def _text(limit: int, *, optional: bool) -> BeforeValidator:
    def run(value: object) -> str | None:
        text = clean_input(_text_of(value) or "").strip()
        if not text:
            if optional:
                return None
            raise ParseError("is blank; give some text.")
        if len(text) > limit:
            raise ParseError(f"is {len(text):,} characters long; at most {limit:,} fit.")
        return text

    return BeforeValidator(run)


def Text(limit: int) -> Any:  # noqa: N802 - used as a type: Text(120)
    """Required text, control characters dropped, at most `limit` characters."""
    return Annotated[str, _text(limit, optional=False)]


def OptText(limit: int) -> Any:  # noqa: N802
    """Text that may be left blank (→ None)."""
    return Annotated[str | None, _text(limit, optional=True)]


WTE = Annotated[Decimal, parsed(parse_wte)]  # more than 0, at most 1
FTE = Annotated[Decimal, parsed(parse_nwrs_fte)]  # more than 0, at most 2
Pct = Annotated[Decimal, parsed(parse_percent)]  # 0 to 100
PositivePct = Annotated[Decimal, parsed(parse_percent, low_open=True)]  # more than 0, at most 100
Money = Annotated[Decimal, parsed(parse_money)]  # £0 to £10,000,000, two places
PositiveMoney = Annotated[Decimal, parsed(parse_money, low_open=True)]
Count = Annotated[int, parsed(parse_count)]  # 0 to 10,000,000
Id = Annotated[int, parsed(parse_id)]  # 1 to 2^63-1
Day = Annotated[date, parsed(parse_date)]  # 1948 to 2100
OptDay = Annotated[date | None, parsed(parse_date, optional=True)]
YesNo = Annotated[bool, parsed(parse_yes_no)]


def _fy(text: str, what: str = "") -> str:
    if not text.strip():
        raise ParseError("is blank; give a financial year such as 2024/25.")
    try:
        return FinancialYear.parse(text).label
    except UserError:
        raise ParseError(f"'{shown(text)}' is not a financial year such as 2024/25.") from None


FY = Annotated[str, parsed(_fy)]  # "2024/25"


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def choice(codes: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> Any:
    """One of `codes` (code → words): typed as its code or its words, any case, `_`/`-`/space
    alike, or as one of `aliases` (words → code); kept as the code."""
    known = {_key(c): c for c in codes} | {_key(w): c for c, w in codes.items()}
    known |= {_key(a): c for a, c in (aliases or {}).items()}
    listed = ", ".join(codes.values())

    def run(value: object) -> str:
        text = _text_of(value) or ""
        if not text.strip():
            raise ParseError(f"is blank; give one of: {listed}.")
        found = known.get(_key(text))
        if found is None:
            raise ParseError(f"'{shown(text)}' is not one of: {listed}.")
        return found

    return Annotated[str, BeforeValidator(run)]


def ctx_of(info: ValidationInfo) -> Any:
    """The `inputs.context.Ctx` a model is being validated with (see inputs.base.validate)."""
    ctx = (info.context or {}).get("ctx")
    if ctx is None:
        raise RuntimeError("this field needs a Ctx: validate through pcntui.inputs.base.validate/check")
    return ctx


def _role(value: object, info: ValidationInfo) -> str:
    text = _text_of(value) or ""
    rules = ctx_of(info).rules
    role = rules.match_role(text) if rules is not None and text.strip() else None
    if role is None:
        raise ParseError(f"'{shown(text)}' is not an ARRS role (a code such as CP, or a name such as "
                         "Clinical Pharmacist)." if text.strip() else "is blank; give an ARRS role.")
    return role.code


def _cohort(value: object, info: ValidationInfo) -> str:
    text = _text_of(value) or ""
    index = ctx_of(info).cohorts
    cohort = index.find(text) if index is not None and text.strip() else None
    if cohort is None:
        known = f" (known: {index.known()})" if index is not None else ""
        raise ParseError(f"'{shown(text)}' is not an SMR cohort{known}." if text.strip() else
                         "is blank; give an SMR cohort.")
    return cohort.code


def _practice(value: object, info: ValidationInfo) -> str:
    text = (_text_of(value) or "").strip()
    practices = ctx_of(info).practices
    if not text:
        raise ParseError("is blank; give a practice code such as Y90001.")
    by_name = {name.casefold(): code for code, name in practices.items()}
    code = text.upper() if text.upper() in practices else by_name.get(text.casefold())
    if code is None and not ods.is_practice_code(text):
        raise ParseError(f"'{shown(text)}' is not a GP practice code (a letter and 5 digits, e.g. G81001).")
    if code is None:
        raise ParseError(f"{text.upper()} is not one of this PCN's practices.")
    return code


RoleCode = Annotated[str, BeforeValidator(_role)]  # an ARRS role code, matched against ctx.rules
CohortCode = Annotated[str, BeforeValidator(_cohort)]  # an SMR cohort code, matched against ctx.cohorts
PracticeCode = Annotated[str, BeforeValidator(_practice)]  # one of ctx.practices, by code or name

"""The fields of an IIF indicator definition row, one parser each (standard library only).

`pcntui import iif-indicators` checks a file's rows with these parsers through its pydantic
model (iif_indicators_csv.py, which names every bad column); the shipped table is read with
them directly (`indicator_of`), so reading it (every `status`) loads no pydantic. A test holds
the two readers to the same definitions for the shipped file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, threshold_problem
from pcntui.domain.parse import MAX_COUNT, optional, parse_count, parse_decimal, parse_money, parse_yes_no
from pcntui.errors import UserError

INDICATOR_COLUMNS = ("fy", "indicator", "ind_code", "description", "numerator_measure", "denominator_measure",
                     "lower_threshold", "upper_threshold", "points", "pound_per_point", "higher_is_better")
OPTIONAL_COLUMNS = ("reference_list_size", "confirmed", "source", "note")


def text_of(v: str | None) -> str:
    return " ".join((v or "").split())


def fy_of(v: str | None) -> str:
    if not (v or "").strip():
        raise ValueError("fy is missing")
    try:
        return FinancialYear.parse(v).label
    except UserError as exc:
        raise ValueError(str(exc).rstrip(".")) from None


def required_of(v: str | None, name: str) -> str:
    if not (v or "").strip():
        raise ValueError(f"{name} is missing")
    return text_of(v)


def number_of(v: str | None, name: str) -> Decimal:
    value = parse_decimal(v, name, high=MAX_COUNT)
    problem = threshold_problem(value) if name != "points" else (None if value > 0 else f"{value} must be more than 0")
    if problem:
        raise ValueError(problem)
    return value


def pounds_of(v: str | None) -> Decimal:
    return parse_money(v, "pound_per_point")


def direction_of(v: str | None) -> bool:
    word = (v or "").strip().lower()
    if word in ("higher", "up", "upwards"):
        return True
    if word in ("lower", "down", "downwards"):
        return False
    return parse_yes_no(v, "higher_is_better")


def confirmed_of(v: str | None) -> bool:
    return True if not (v or "").strip() else parse_yes_no(v, "confirmed")


def list_size_of(v: str | None) -> int | None:
    return optional(parse_count, v, low=1, noun="patients")


PARSERS: dict[str, Callable[[str | None], object]] = {
    "fy": fy_of, **{c: (lambda v, c=c: required_of(v, c)) for c in ("indicator", "numerator_measure",
                                                                      "denominator_measure")},
    **{c: text_of for c in ("ind_code", "description", "source", "note")},
    **{c: (lambda v, c=c: number_of(v, c)) for c in ("lower_threshold", "upper_threshold", "points")},
    "pound_per_point": pounds_of, "higher_is_better": direction_of, "confirmed": confirmed_of,
    "reference_list_size": list_size_of,
}


def definition(v: Mapping[str, object], origin: str) -> IifIndicator:
    """The definition from a row's parsed values."""
    return IifIndicator(
        fy=FinancialYear.parse(v["fy"]), indicator=v["indicator"], numerator_measure=v["numerator_measure"],
        denominator_measure=v["denominator_measure"], lower_threshold=v["lower_threshold"],
        upper_threshold=v["upper_threshold"], points=v["points"], pound_per_point=v["pound_per_point"],
        higher_is_better=v["higher_is_better"], ind_code=v["ind_code"], description=v["description"],
        reference_list_size=v["reference_list_size"], confirmed=v["confirmed"], source=v["source"],
        note=v["note"], origin=origin,
    )


def indicator_of(raw: Mapping[str, str | None], origin: str) -> IifIndicator:
    """A row as a definition (ValueError at its first bad field: for the shipped table only)."""
    return definition({column: parse(raw.get(column)) for column, parse in PARSERS.items()}, origin)

"""Load the shipped SMR cohorts (smr_cohorts.toml) into domain `Cohort`s, validated."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from pcntui.domain.cohort import Cohort, CohortYear, check_code
from pcntui.domain.fy import FinancialYear
from pcntui.reference import shipped_text

FILE = "smr_cohorts.toml"
# Each table's keys: (type, default; REQUIRED: none). Other keys are ignored. Checked with the
# standard library, so reading the cohorts (every `status`) loads no pydantic.
REQUIRED = object()
_YEAR = {"fy": (str, REQUIRED), "des_priority": (bool, True), "des_confirmed": (bool, False),
         "iif_indicator": ((str, type(None)), None), "iif_confirmed": (bool, False), "note": ((str, type(None)), None)}
_COHORT = {"code": (str, REQUIRED), "name": (str, REQUIRED), "aliases": (list, []), "definition": (str, ""),
           "sort_order": (int, 100), "year": (list, [])}


def _fields(table: object, spec: dict, where: str) -> dict:
    """`table`'s values for `spec`'s keys (defaults filled in); ValueError naming what is wrong."""
    if not isinstance(table, dict):
        raise ValueError(f"{FILE}: {where} must be a table.")
    out = {}
    for key, (kind, default) in spec.items():
        if key not in table:
            if default is REQUIRED:
                raise ValueError(f"{FILE}: {where} has no {key}.")
            out[key] = list(default) if isinstance(default, list) else default
            continue
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{FILE}: {where}: {key} {value!r} is not a {getattr(kind, '__name__', 'text')}.")
        out[key] = value
    return out


def _cohort(table: object, n: int) -> Cohort:
    c = _fields(table, _COHORT, f"cohort {n}")
    code = check_code(c["code"])
    if not all(isinstance(a, str) for a in c["aliases"]):
        raise ValueError(f"{FILE}: cohort {code}: aliases must be text.")
    years = []
    for y in (_fields(t, _YEAR, f"cohort {code}, year {i}") for i, t in enumerate(c["year"], 1)):
        years.append(CohortYear(**{**y, "fy": FinancialYear.parse(y["fy"]).label}))
    return Cohort(code, c["name"], c["definition"], tuple(c["aliases"]), "reference", c["sort_order"], tuple(years))


def _text() -> str:
    return shipped_text(FILE)


@lru_cache(maxsize=1)
def reference_cohorts() -> tuple[Cohort, ...]:
    """The shipped cohorts, in display order."""
    cohorts = tomllib.loads(_text()).get("cohort")
    if not isinstance(cohorts, list):
        raise ValueError(f"{FILE}: no [[cohort]] tables.")
    out = [_cohort(table, n) for n, table in enumerate(cohorts, 1)]
    return tuple(sorted(out, key=lambda c: c.sort_order))

"""Load the shipped SMR cohorts (smr_cohorts.toml) into domain `Cohort`s, validated."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, field_validator

from pcntui.domain.cohort import Cohort, CohortYear, check_code
from pcntui.domain.fy import FinancialYear

FILE = "smr_cohorts.toml"


class _Year(BaseModel):
    fy: str
    des_priority: bool = True
    des_confirmed: bool = False
    iif_indicator: str | None = None
    iif_confirmed: bool = False
    note: str | None = None

    @field_validator("fy")
    @classmethod
    def _fy(cls, v: str) -> str:
        return FinancialYear.parse(v).label


class _Cohort(BaseModel):
    code: str
    name: str
    aliases: list[str] = []
    definition: str = ""
    sort_order: int = 100
    year: list[_Year] = []

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        return check_code(v)


class _File(BaseModel):
    cohort: list[_Cohort]


def _text() -> str:
    return resources.files("pcntui").joinpath("reference", FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def reference_cohorts() -> tuple[Cohort, ...]:
    """The shipped cohorts, in display order."""
    data = _File.model_validate(tomllib.loads(_text()))
    out = []
    for c in data.cohort:
        years = tuple(CohortYear(**y.model_dump()) for y in c.year)
        out.append(Cohort(c.code, c.name, c.definition, tuple(c.aliases), "reference", c.sort_order, years))
    return tuple(sorted(out, key=lambda c: c.sort_order))

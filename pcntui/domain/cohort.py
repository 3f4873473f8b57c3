"""SMR priority cohorts: what a cohort is in each financial year, targets, and name matching.

Pure rules: no database. The shipped cohorts come from pcntui/reference/smr_cohorts.toml;
user-defined cohorts and corrections come from the database; both arrive here as `Cohort`.
A cohort year only names its IIF indicator: the thresholds are that indicator's row of the
IIF table for the year (domain/iif.py), handed to the cohort as `iif_table`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, earned_fraction
from pcntui.domain.parse import parse_count, parse_percent
from pcntui.errors import UserError

Origin = Literal["reference", "user"]
TargetKind = Literal["percent", "count"]

_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class CohortYear:
    """A cohort in one financial year: DES priority group or not; the IIF indicator it maps to.

    `iif` is that indicator's row of the IIF table for the year (None: no row, thresholds not
    known); its thresholds are % of the cohort with an SMR in the year (0 points at the lower,
    all points at the upper threshold, linear between).
    """

    fy: str
    des_priority: bool = True
    des_confirmed: bool = False
    iif_indicator: str | None = None
    iif_confirmed: bool = False
    note: str | None = None
    carried_forward_from: str | None = None  # set when this year was not listed and an earlier one is used
    iif: IifIndicator | None = None

    @property
    def thresholds_known(self) -> bool:
        return self.iif is not None

    @property
    def iif_lower_pct(self) -> float | None:
        return None if self.iif is None else float(self.iif.lower_threshold)

    @property
    def iif_upper_pct(self) -> float | None:
        return None if self.iif is None else float(self.iif.upper_threshold)

    @property
    def confirmed(self) -> bool:
        """Everything about the year is sourced: DES membership, IIF mapping and (if any) thresholds."""
        thresholds_ok = self.iif_indicator is None or self.thresholds_known
        return self.des_confirmed and self.iif_confirmed and thresholds_ok and self.carried_forward_from is None

    def iif_share(self, percent: float | None) -> float | None:
        """Share of the indicator's points earned at `percent` (0–1), or None if unknown."""
        if percent is None or self.iif_indicator is None or self.iif is None:
            return None
        i = self.iif
        return float(earned_fraction(Fraction(percent), i.lower_threshold, i.upper_threshold, i.higher_is_better))


def iif_table(indicators: Iterable[IifIndicator]) -> dict[tuple[str, str], IifIndicator]:
    """The IIF indicators in force keyed as cohort years look them up: (fy label, indicator casefolded)."""
    return {(i.fy.label, i.indicator.strip().casefold()): i for i in indicators}


@dataclass(frozen=True)
class Cohort:
    code: str
    name: str
    definition: str = ""
    aliases: tuple[str, ...] = ()
    origin: Origin = "user"
    sort_order: int = 100
    years: tuple[CohortYear, ...] = ()
    rev: int = 0
    iif_table: Mapping[tuple[str, str], IifIndicator] = field(default_factory=dict, compare=False, repr=False)

    def year(self, fy: FinancialYear) -> CohortYear | None:
        """The cohort in `fy` (with its indicator's row of `iif_table` for `fy`)."""
        y = self._year(fy)
        if y is None or not y.iif_indicator:
            return y
        return replace(y, iif=self.iif_table.get((fy.label, y.iif_indicator.strip().casefold())))

    def _year(self, fy: FinancialYear) -> CohortYear | None:
        """The year as listed, else the latest earlier year carried forward (marked unconfirmed).
        None for a shipped cohort before its first listed year. A user cohort with no years
        listed is a local cohort in every year."""
        label = fy.label
        listed = sorted(self.years, key=lambda y: y.fy)
        for y in listed:
            if y.fy == label:
                return y
        earlier = [y for y in listed if y.fy < label]
        if earlier:
            last = earlier[-1]
            return replace(
                last,
                fy=label,
                des_confirmed=False,
                iif_confirmed=False,
                carried_forward_from=last.fy,
                note=f"Not listed for {label}: carried forward from {last.fy}, unconfirmed.",
            )
        if self.origin == "user" and not listed:
            return CohortYear(fy=label, des_priority=False, des_confirmed=False, note="Locally defined cohort.")
        return None


@dataclass(frozen=True)
class Target:
    """A PCN target for a cohort in a year: `percent` of eligible patients reviewed, or a `count`."""

    kind: TargetKind
    value: Decimal

    def __post_init__(self) -> None:
        if self.kind not in ("percent", "count"):
            raise UserError(f"A target is a percent or a count, not '{self.kind}'.")
        value = Decimal(str(self.value))
        object.__setattr__(self, "value", value)
        if value < 0:
            raise UserError("A target cannot be negative.")
        if self.kind == "percent" and value > 100:
            raise UserError(f"A target of {value}% is more than 100%.")

    @classmethod
    def parse(cls, percent: str | int | None = None, count: str | int | None = None) -> Target:
        """A target from `--percent 80` (0 to 100) or `--count 350` (a whole number of reviews): exactly one."""
        if (percent is None) == (count is None):
            raise UserError("Give the target as a percent of eligible patients or as a count (one of them).")
        if percent is not None:
            return cls("percent", parse_percent(str(percent), "target"))
        return cls("count", Decimal(parse_count(str(count), "target", noun="reviews")))

    def count_for(self, eligible: int) -> int:
        """Reviews needed to meet the target with `eligible` patients: ⌈eligible × pct / 100⌉ or the count."""
        if self.kind == "percent":
            return math.ceil(Decimal(eligible) * self.value / 100)
        return math.ceil(self.value)

    def for_practice(self, practice_eligible: int, pcn_eligible: int) -> Target:
        """A practice's share: the same percent, or the count split by eligible patients
        (count × practice eligible / PCN eligible, rounded half up)."""
        if self.kind == "percent":
            return self
        if pcn_eligible <= 0:
            return Target("count", Decimal(0))
        share = (self.value * practice_eligible / pcn_eligible).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return Target("count", share)

    @property
    def label(self) -> str:
        text = format(self.value.normalize(), "f")
        return f"{text}%" if self.kind == "percent" else text


def normalise(text: str) -> str:
    """How names are compared: case-insensitive, '-' and '_' as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[-_]", " ", (text or "").casefold()).split())


def make_code(name: str) -> str:
    """A code for a user cohort from its name: `Housebound on DOACs` → `HOUSEBOUND_ON_DOACS`."""
    code = re.sub(r"[^A-Z0-9]+", "_", (name or "").upper()).strip("_")
    if not code or not code[0].isalpha():
        code = "LOCAL_" + code
    return code[:40].rstrip("_")


def check_code(code: str) -> str:
    c = (code or "").strip().upper()
    if not _CODE.match(c):
        raise UserError(f"Cohort code '{code}' must be letters, digits and _ and start with a letter (e.g. LOCAL_DOAC).")
    return c


@dataclass
class CohortIndex:
    """Find a cohort by code, name or alias, case-insensitively."""

    cohorts: list[Cohort]
    _by_key: dict[str, Cohort] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Codes and names first, so an alias can never shadow another cohort's own name.
        for c in self.cohorts:
            for key in (c.code, c.name):
                self._by_key.setdefault(normalise(key), c)
        for c in self.cohorts:
            for key in c.aliases:
                self._by_key.setdefault(normalise(key), c)

    def find(self, text: str) -> Cohort | None:
        return self._by_key.get(normalise(text))

    def clashes(self, cohort: Cohort) -> list[str]:
        """Names of `cohort` (code, name, aliases) already used by another cohort."""
        out = []
        for key in (cohort.code, cohort.name, *cohort.aliases):
            other = self._by_key.get(normalise(key))
            if other is not None and other.code != cohort.code:
                out.append(f"'{key}' is already {other.name} ({other.code})")
        return out

    def known(self) -> str:
        return ", ".join(c.name for c in self.cohorts)

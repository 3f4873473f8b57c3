"""IIF (Investment and Impact Fund) achievement in points and pounds, exactly as PRODUCT.md "IIF".

For each indicator of a year (keyed by (fy, indicator)):
    numerator, denominator = Σ VALUE of the named measures over the PCN's own rows of the
                             achievement file, or over its member practices' rows where the
                             file has no PCN rows for that measure
    achievement  = 100 × numerator / denominator            (unrounded; none when denominator is 0)
    fraction     = (achievement − lower) / (upper − lower), clamped to 0…1 (both directions:
                   for lower-is-better the lower threshold is the larger number)
    points       = points available × fraction, half-up to 2 places
    pounds       = points × £ per point, half-up to the penny
    adjustment   = PCN registered list ÷ reference_list_size (1 when the indicator gives none)
    pounds_adjusted = pounds × adjustment, half-up to the penny
A single-threshold indicator (lower = upper) earns all its points at or beyond the threshold
and none short of it. Arithmetic is exact (fractions) until each rounding. Rows come from
the latest achievement date on record in the year (files are cumulative year-to-date).
An indicator whose points or £ per point are not known (one the user gave thresholds for
with `smr iif`) has an achievement and a fraction earned, but no points or pounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from pcntui.domain.text import counted
from pcntui.domain.money import to_penny
from pcntui.domain.fy import FinancialYear

PCN_LEVEL = "PCN"
PRACTICE_LEVEL = "practices"


def measure_key(text: str) -> str:
    """Measure names compare case-insensitively, inner spaces collapsed."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class IifIndicator:
    """One indicator's definition for one year (thresholds in percent)."""

    fy: FinancialYear
    indicator: str  # e.g. ACC-08
    numerator_measure: str  # MEASURE as published, e.g. 'ACC-08 Numerator'
    denominator_measure: str
    lower_threshold: Decimal
    upper_threshold: Decimal
    points: Decimal | None  # None: not known
    pound_per_point: Decimal | None
    higher_is_better: bool = True
    ind_code: str = ""  # IND_CODE as published, e.g. NCD026 (used only to tell apart equal measure names)
    description: str = ""
    reference_list_size: int | None = None
    confirmed: bool = True
    source: str = ""
    note: str = ""
    origin: str = "shipped"  # 'shipped' (pcntui/reference) or 'user' (the database)
    rev: int | None = None
    in_force: bool = True  # False: the user's row sets the shipped indicator aside for the year

    @property
    def key(self) -> tuple[FinancialYear, str]:
        return (self.fy, self.indicator.strip().casefold())


def threshold_problem(value: Decimal) -> str | None:
    return None if 0 <= value <= 100 else f"{value} is not a percentage from 0 to 100"


def check_indicator(ind: IifIndicator) -> list[tuple[str, str]]:
    """(column, problem) for values that break the rules of an indicator definition."""
    problems = []
    for column, value in (("lower_threshold", ind.lower_threshold), ("upper_threshold", ind.upper_threshold)):
        if threshold_problem(value):
            problems.append((column, threshold_problem(value)))
    if ind.higher_is_better and ind.lower_threshold > ind.upper_threshold:
        problems.append(("lower_threshold", f"{ind.lower_threshold} is above the upper threshold "
                         f"{ind.upper_threshold} for a higher-is-better indicator"))
    if not ind.higher_is_better and ind.lower_threshold < ind.upper_threshold:
        problems.append(("lower_threshold", f"{ind.lower_threshold} is below the upper threshold "
                         f"{ind.upper_threshold}; for lower-is-better the lower threshold is the larger number"))
    if ind.points is not None and ind.points <= 0:
        problems.append(("points", f"{ind.points} must be more than 0"))
    if ind.pound_per_point is not None and ind.pound_per_point <= 0:
        problems.append(("pound_per_point", f"{ind.pound_per_point} must be more than 0"))
    if ind.reference_list_size is not None and ind.reference_list_size <= 0:
        problems.append(("reference_list_size", f"{ind.reference_list_size} must be more than 0"))
    if not ind.numerator_measure.strip():
        problems.append(("numerator_measure", "is blank"))
    if not ind.denominator_measure.strip():
        problems.append(("denominator_measure", "is blank"))
    return problems


@dataclass(frozen=True)
class IifValue:
    """One row of the published achievement file kept for this PCN."""

    org_type: str  # 'PCN' or 'GP practice', as published
    org_code: str
    ind_code: str
    measure: str
    value: Decimal
    ach_date: date

    @property
    def fy(self) -> FinancialYear:
        return FinancialYear.of(self.ach_date)


@dataclass(frozen=True)
class MeasureSum:
    """A numerator or denominator: the sum, and where it came from (None: no rows at all)."""

    measure: str
    total: Decimal | None
    level: str = ""  # PCN_LEVEL or PRACTICE_LEVEL
    rows: int = 0


def sum_measure(values: Sequence[IifValue], measure: str, ind_code: str, pcn_code: str,
                practice_codes: Iterable[str]) -> MeasureSum:
    """Σ VALUE of `measure` over the PCN's own rows, else over its member practices' rows."""
    key = measure_key(measure)
    rows = [v for v in values if measure_key(v.measure) == key]
    if ind_code.strip() and any(v.ind_code == ind_code.strip() for v in rows):
        rows = [v for v in rows if v.ind_code == ind_code.strip()]
    own = [v for v in rows if v.org_code == pcn_code]
    members = set(practice_codes)
    picked, level = (own, PCN_LEVEL) if own else ([v for v in rows if v.org_code in members], PRACTICE_LEVEL)
    if not picked:
        return MeasureSum(measure, None)
    return MeasureSum(measure, sum((v.value for v in picked), Decimal(0)), level, len(picked))


@dataclass(frozen=True)
class IifResult:
    """One indicator's achievement, points and pounds (None where it cannot be computed: see reason)."""

    indicator: IifIndicator
    numerator: MeasureSum
    denominator: MeasureSum
    achievement: Fraction | None = None  # percent, exact
    fraction: Fraction | None = None
    points_achieved: Decimal | None = None
    pounds: Decimal | None = None
    adjustment: Fraction | None = None
    pounds_adjusted: Decimal | None = None
    reason: str = ""  # why there is no achievement (or no adjusted £); empty when complete

    @property
    def achievement_pct(self) -> Decimal | None:
        """The achievement as a Decimal (28 significant digits; round only for display)."""
        if self.achievement is None:
            return None
        return Decimal(self.achievement.numerator) / Decimal(self.achievement.denominator)


def earned_fraction(achievement: Fraction, lower: Decimal, upper: Decimal, higher_is_better: bool) -> Fraction:
    """(achievement − lower) / (upper − lower) clamped to 0…1; all-or-nothing when lower = upper."""
    lo, hi = Fraction(lower), Fraction(upper)
    if lo == hi:
        met = achievement >= hi if higher_is_better else achievement <= hi
        return Fraction(1 if met else 0)
    return min(Fraction(1), max(Fraction(0), (achievement - lo) / (hi - lo)))


def achievement_of(ind: IifIndicator, values: Sequence[IifValue], pcn_code: str, practice_codes: Iterable[str],
                   list_size: int | None) -> IifResult:
    """The PRODUCT.md rule for one indicator over the rows of one achievement date."""
    codes = tuple(practice_codes)
    num = sum_measure(values, ind.numerator_measure, ind.ind_code, pcn_code, codes)
    den = sum_measure(values, ind.denominator_measure, ind.ind_code, pcn_code, codes)
    missing = [m.measure for m in (num, den) if m.total is None]
    if missing:
        where = f"PCN {pcn_code} or its {counted(len(codes), 'practice')}"
        return IifResult(ind, num, den, reason=f"no rows for {' or '.join(repr(m) for m in missing)} for {where}")
    if den.total == 0:
        return IifResult(ind, num, den, reason=f"the denominator ({den.measure}) is 0: no achievement")
    achievement = 100 * Fraction(num.total) / Fraction(den.total)
    fraction = earned_fraction(achievement, ind.lower_threshold, ind.upper_threshold, ind.higher_is_better)
    if ind.points is None or ind.pound_per_point is None:
        return IifResult(ind, num, den, achievement, fraction, reason=f"the points or £ per point of "
                         f"{ind.indicator} are not known")
    points = to_penny(Fraction(ind.points) * fraction)  # half-up to 2 places
    pounds = to_penny(points * ind.pound_per_point)
    if ind.reference_list_size is None:
        return IifResult(ind, num, den, achievement, fraction, points, pounds, Fraction(1), pounds)
    if not list_size:
        return IifResult(ind, num, den, achievement, fraction, points, pounds,
                         reason="no registered list size on record for the list size adjustment")
    adjustment = Fraction(list_size, ind.reference_list_size)
    return IifResult(ind, num, den, achievement, fraction, points, pounds, adjustment,
                     to_penny(Fraction(pounds) * adjustment))


def latest_values(values: Iterable[IifValue], fy: FinancialYear) -> tuple[date | None, list[IifValue]]:
    """The year's rows of its latest achievement date (each file is cumulative to its date)."""
    in_year = [v for v in values if v.fy == fy]
    if not in_year:
        return None, []
    last = max(v.ach_date for v in in_year)
    return last, [v for v in in_year if v.ach_date == last]


@dataclass(frozen=True)
class IifYear:
    fy: FinancialYear
    ach_date: date | None  # the achievement date the figures are from (None: no file for the year)
    results: tuple[IifResult, ...]

    @cached_property
    def points_available(self) -> Decimal:
        return sum((r.indicator.points for r in self.results if r.indicator.points is not None), Decimal(0))

    @cached_property
    def points_achieved(self) -> Decimal:
        return sum((r.points_achieved for r in self.results if r.points_achieved is not None), Decimal("0.00"))

    @cached_property
    def pounds(self) -> Decimal:
        return sum((r.pounds for r in self.results if r.pounds is not None), Decimal("0.00"))

    @cached_property
    def pounds_adjusted(self) -> Decimal:
        return sum((r.pounds_adjusted for r in self.results if r.pounds_adjusted is not None), Decimal("0.00"))


def iif_year(indicators: Iterable[IifIndicator], values: Iterable[IifValue], fy: FinancialYear, pcn_code: str,
             practice_codes: Iterable[str], list_size: int | None) -> IifYear:
    """Every indicator of `fy` against the PCN's achievement rows (indicators in the order given)."""
    ach_date, rows = latest_values(values, fy)
    codes = tuple(practice_codes)
    results = []
    for ind in indicators:
        if ind.fy != fy:
            continue
        if ach_date is None:
            results.append(IifResult(ind, MeasureSum(ind.numerator_measure, None),
                                     MeasureSum(ind.denominator_measure, None),
                                     reason=f"no IIF achievement file imported for {fy.label}"))
            continue
        results.append(achievement_of(ind, rows, pcn_code, codes, list_size))
    return IifYear(fy, ach_date, tuple(results))

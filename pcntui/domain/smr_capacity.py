"""Clinician capacity for SMRs against the reviews still needed by 31 March.

    hours needed per week    = reviews still needed × minutes per SMR / 60 / weeks left
    weeks left               = days from the as-of date to 31 March / 7
    hours available per week = Σ WTE × hours per WTE week × SMR share % / 100
    gap                      = needed − available (> 0: "short by gap hours/week
                               (≈ gap / hours per WTE week WTE pharmacist)"; else spare)

The roster comes in as plain (name, role, wte, smr_share_pct) tuples, so this module does
not depend on how the ARRS staff tables are built. Reviews still needed are summed over
cohorts; a patient in two cohorts needs one SMR, so the sum can overstate the need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pcntui.domain.fy import FinancialYear
from pcntui.domain.smr_forecast import days_left
from pcntui.errors import UserError

DEFAULT_MINUTES_PER_REVIEW = 30  # a planning assumption, not a national figure: set your own
DEFAULT_HOURS_PER_WTE = 37.5  # Agenda for Change full-time week
DEFAULT_SHARE_PCT = 20.0  # assumed SMR share for a prescribing role with no share set
SETTING_LIMITS = {  # the one set of bounds: the form, `pcntui smr settings` and the file (inputs/smr.SettingsIn)
    "minutes_per_review": (1, 600), "hours_per_wte": (1, 80), "default_share_pct": (0, 100)}


# ARRS roles whose holders can deliver SMRs by default: prescribing clinicians ([S42][S46]:
# "appropriately trained clinicians with a prescribing qualification", e.g. clinical
# pharmacists, GPs, ANPs). Anyone else counts once given a share explicitly.
SMR_ROLES = {"CP": "Clinical Pharmacist", "AP": "Advanced Practitioner", "GP": "General Practitioner",
             "CN": "Consultant Nurse"}
_SMR_KEYS = {k.casefold() for k in SMR_ROLES} | {v.casefold() for v in SMR_ROLES.values()}


def can_deliver(role: str) -> bool:
    """The role (ARRS code or name) delivers SMRs by default."""
    return (role or "").strip().casefold() in _SMR_KEYS


@dataclass(frozen=True)
class Clinician:
    """One roster member as capacity sees them: share = % of their time given to SMRs."""

    name: str
    role: str
    wte: float
    smr_share_pct: float

    def __post_init__(self) -> None:
        if self.wte < 0:
            raise UserError(f"{self.name}: WTE cannot be negative.")
        if not 0 <= self.smr_share_pct <= 100:
            raise UserError(f"{self.name}: SMR share must be between 0 and 100%, not {self.smr_share_pct}.")

    def hours_per_week(self, hours_per_wte: float = DEFAULT_HOURS_PER_WTE) -> float:
        return self.wte * hours_per_wte * self.smr_share_pct / 100


@dataclass(frozen=True)
class Capacity:
    """The hours a week the SMRs still to do need, against the hours the clinicians give."""

    minutes_per_review: float
    hours_per_wte: float
    reviews_needed: int
    as_of: date
    days_left: int
    hours_needed_per_week: float | None  # None when the year has no days left and reviews remain
    hours_available_per_week: float
    clinicians: tuple[Clinician, ...]

    @property
    def weeks_left(self) -> float:
        return self.days_left / 7

    @property
    def gap_hours_per_week(self) -> float | None:
        """Needed − available; positive = short."""
        if self.hours_needed_per_week is None:
            return None
        return self.hours_needed_per_week - self.hours_available_per_week

    @property
    def short(self) -> bool:
        gap = self.gap_hours_per_week
        return gap is None or gap > 0

    @property
    def wte_equivalent(self) -> float | None:
        """The gap (short or spare) in full-time SMR clinicians: |gap| / hours per WTE week."""
        gap = self.gap_hours_per_week
        return None if gap is None else abs(gap) / self.hours_per_wte

    @property
    def reviews_per_week_capacity(self) -> float:
        return self.hours_available_per_week * 60 / self.minutes_per_review if self.minutes_per_review else 0.0

    def sentence(self) -> str:
        if self.reviews_needed == 0:
            return f"no reviews still needed; {self.hours_available_per_week:.1f} hours/week of SMR time available"
        if self.hours_needed_per_week is None:
            return f"the year has ended {self.reviews_needed} reviews short of target"
        gap = self.gap_hours_per_week
        if gap > 0:
            return f"short by {gap:.1f} hours/week (≈ {self.wte_equivalent:.2f} WTE pharmacist)"
        return f"spare {-gap:.1f} hours/week (≈ {self.wte_equivalent:.2f} WTE)"


def capacity(
    reviews_needed: int,
    as_of: date,
    fy: FinancialYear,
    staff: Iterable[Clinician | tuple[str, str, float, float]],
    *,
    minutes_per_review: float = DEFAULT_MINUTES_PER_REVIEW,
    hours_per_wte: float = DEFAULT_HOURS_PER_WTE,
) -> Capacity:
    """Hours per week needed to 31 March against the hours the roster gives to SMRs."""
    if minutes_per_review <= 0:
        raise UserError("Minutes per SMR must be more than 0.")
    if hours_per_wte <= 0:
        raise UserError("Hours per WTE week must be more than 0.")
    people = tuple(s if isinstance(s, Clinician) else Clinician(s[0], s[1], float(s[2]), float(s[3])) for s in staff)
    reviews_needed = max(int(reviews_needed), 0)
    left = days_left(min(as_of, fy.end), fy) if as_of >= fy.start else days_left(fy.start, fy) + 1
    if reviews_needed == 0:
        needed: float | None = 0.0
    elif left == 0:
        needed = None
    else:
        needed = reviews_needed * minutes_per_review / 60 / (left / 7)
    available = sum(p.hours_per_week(hours_per_wte) for p in people)
    return Capacity(minutes_per_review, hours_per_wte, reviews_needed, as_of, left, needed, available, people)

"""ARRS claimable per staff member per month, exactly as PRODUCT.md states it.

    days        = days in post that month (start and end dates inclusive)
    f           = days / days_in_month
    actual_cost = fte_salary × wte / 12 × f × (1 + oncost_pct/100)
    role_pct, annual_max = the rate row in effect on the month's 1st day for the person's role
                  (and band, where the role has band rows)
    pct         = the person's own reimbursement_pct if set, else role_pct
    cap         = annual_max × (pct / role_pct) × wte / 12 × f
    claimable   = min(actual_cost × pct / 100, cap), half-up to the penny

A change of WTE, salary or on-cost during the month splits it by days: actual_cost and
cap are the sums of the pieces, and the month's one claimable is the smaller of the
two sums (the maximum and percentage are those in effect on the 1st). Arithmetic is
exact (fractions) until the single rounding to the penny. Staff with `arrs_funded = no`
claim nothing; nor do months in which the role is not eligible or has no maximum on record.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

from pcntui.domain.arrs_rules import OncostRule, RuleBook
from pcntui.domain.fy import FinancialYear, days_in_month, month_last
from pcntui.domain.money import to_penny
from pcntui.domain.staff import StaffMember

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")

# Why a month claims nothing (empty: it claims normally).
BASELINE = "baseline (not ARRS-funded)"
NOT_ELIGIBLE = "role not eligible"
NO_RATE = "no maximum on record"
NO_BAND_RATE = "no maximum for this band"
UNKNOWN_ROLE = "unknown role"


class Piece(NamedTuple):
    """Part of a month with constant terms."""

    days: int
    wte: Decimal
    fte_salary: Decimal
    oncost_pct: Decimal


@dataclass(frozen=True)
class MonthClaim:
    """A staff-month's actual cost, the maximum that applies, and what can be claimed."""

    actual_cost: Decimal  # before rounding (60 significant digits; see month_claim)
    cap: Decimal
    claimable: Decimal  # rounded half-up to the penny


# Exact-enough arithmetic: every sum below is of products of terminating decimals (exact at
# this precision), and each figure is ONE correctly rounded division. A quotient exactly on
# a half-penny terminates, so it is represented exactly; one that does not terminate lies at
# least 1/(200·D) from any half-penny (D ≤ 12·31·100·100), far beyond 60 digits' error. So
# rounding to the penny gives the same answer as exact rational arithmetic, much faster.
_EXACT = Context(prec=60, rounding=ROUND_HALF_EVEN)


def month_claim(month_days: int, pieces: Sequence[Piece], annual_max: Decimal, reimbursement_pct: Decimal,
                role_pct: Decimal | None = None) -> MonthClaim:
    """The PRODUCT.md formula for one staff member in one month.

    `annual_max` is the maximum at `role_pct` (the rate row's %); `reimbursement_pct` is the
    person's own % (default: the row's), and the cap scales by their ratio.
    """
    c = _EXACT
    role_pct = reimbursement_pct if role_pct is None else role_pct
    actual_num = Decimal(0)  # Σ salary × wte × days × (100 + oncost%)
    cap_num = Decimal(0)  # Σ annual_max × wte × days
    for p in pieces:
        actual_num = c.add(actual_num, c.multiply(c.multiply(c.multiply(p.fte_salary, p.wte), p.days),
                                                  c.add(100, p.oncost_pct)))
        cap_num = c.add(cap_num, c.multiply(c.multiply(annual_max, p.wte), p.days))
    actual = c.divide(actual_num, 12 * month_days * 100)
    if role_pct == reimbursement_pct or not role_pct:
        cap = c.divide(cap_num, 12 * month_days)
    else:
        cap = c.divide(c.multiply(cap_num, reimbursement_pct), c.multiply(12 * month_days, role_pct))
    share = c.divide(c.multiply(actual_num, reimbursement_pct), 12 * month_days * 100 * 100)
    claim = min(share, cap)
    return MonthClaim(actual, cap, to_penny(max(claim, Decimal(0))))


@lru_cache(maxsize=16384)
def _rounded_claim(month_days: int, pieces: tuple[Piece, ...], annual_max: Decimal, reimbursement_pct: Decimal,
                   role_pct: Decimal | None) -> tuple[Decimal, Decimal, Decimal]:
    """(actual cost, cap, claimable), each to the penny: a person's months alike in length,
    terms and maximum give the same figures, so each is worked out once."""
    claim = month_claim(month_days, pieces, annual_max, reimbursement_pct, role_pct)
    return to_penny(claim.actual_cost), to_penny(claim.cap), claim.claimable


@lru_cache(maxsize=16384)
def default_oncost_pct(rule: OncostRule | None, annual_pay: Decimal) -> Decimal:
    """Employer pension + employer NI above the threshold, as % of pay (2 places, half-up)."""
    if rule is None or annual_pay <= 0:
        return Decimal("0.00")
    ni = rule.employer_ni_pct * max(Decimal(0), annual_pay - rule.ni_threshold_annual) / annual_pay
    return (rule.pension_pct + ni).quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StaffMonth:
    """One row of the per staff-month table (money rounded to the penny)."""

    staff_id: int | None
    name: str
    role_code: str
    month: date  # the 1st
    days_in_post: int
    days_in_month: int
    wte: Decimal  # day-weighted when it changed during the month
    fte_salary: Decimal  # the last in the month
    oncost_pct: Decimal  # the last in the month
    oncost_default: bool  # computed from the year's rules, not entered
    annual_max: Decimal | None  # the rate row's maximum, at role_pct
    reimbursement_pct: Decimal | None  # the % this person is reimbursed at (their own, else role_pct)
    rate_confirmed: bool
    actual_cost: Decimal
    max_reimbursable: Decimal
    claimable: Decimal
    arrs_funded: bool
    reason: str = ""  # why it claims nothing (see the constants above)
    planned_post_id: int | None = None
    role_pct: Decimal | None = None  # the rate row's %
    estimated: bool = False  # the staff record is an estimate (guessed salary and start date)

    @property
    def fy(self) -> FinancialYear:
        return FinancialYear.of(self.month)


@lru_cache(maxsize=4096)
def _wte_shown(wte: Decimal) -> Decimal:
    """A month's WTE as shown: to 4 places, half-up, without trailing zeros."""
    return wte.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()


def member_month(member: StaffMember, rules: RuleBook, month_first: date, zone: str = "national",
                 alike: dict[tuple, StaffMonth] | None = None) -> StaffMonth | None:
    """The member's row for the month starting `month_first`, or None if not in post that month.

    `alike` (one member's, kept across their months): a month in post throughout on the same
    terms, as long and under the same rules as one worked out already has the same row but for
    its date, so it is that row, dated (most of a year's months are)."""
    last = month_last(month_first)
    segments = member.segments(month_first, last)
    if not segments:
        return None
    n_days = days_in_month(month_first)
    force = rules.in_force(member.role_code, member.band, month_first)
    key = None
    if alike is not None and len(segments) == 1 and segments[0][0] == month_first and segments[0][1] == last:
        key = (n_days, id(segments[0][2]), id(force.role), id(force.rate), force.eligible, force.banded,
               force.rate_confirmed, id(force.oncost))
        if key in alike:
            return _dated(alike[key], month_first)
    pieces = []
    defaulted = False
    for a, b, t in segments:
        pct = t.oncost_pct
        if pct is None:
            defaulted = True
            pct = default_oncost_pct(force.oncost, t.fte_salary * t.wte)
        pieces.append(Piece((b - a).days + 1, t.wte, t.fte_salary, pct))
    if len(pieces) == 1:
        days, wte = pieces[0].days, pieces[0].wte
    else:
        days = sum(p.days for p in pieces)
        wte = sum((p.wte * p.days for p in pieces), Decimal(0)) / days
    role, rate = force.role, force.rate
    reason = ""
    if not member.arrs_funded:
        reason = BASELINE
    elif role is None:
        reason = UNKNOWN_ROLE
    elif not force.eligible:
        reason = NOT_ELIGIBLE
    elif rate is None:
        reason = NO_BAND_RATE if force.banded else NO_RATE
    annual_max = rate.max_for(zone) if rate is not None else None
    role_pct = rate.reimbursement_pct if rate is not None else None
    pct = member.reimbursement_pct if member.reimbursement_pct is not None and rate is not None else role_pct
    if reason:
        actual_cost, _, _ = _rounded_claim(n_days, tuple(pieces), ZERO, ZERO, None)
        max_reimbursable = claimable = ZERO
    else:
        actual_cost, max_reimbursable, claimable = _rounded_claim(n_days, tuple(pieces), annual_max, pct, role_pct)
    row = StaffMonth(
        staff_id=member.id, name=member.name, role_code=member.role_code, month=month_first,
        days_in_post=days, days_in_month=n_days, wte=_wte_shown(wte), fte_salary=pieces[-1].fte_salary,
        oncost_pct=pieces[-1].oncost_pct, oncost_default=defaulted, annual_max=annual_max,
        reimbursement_pct=pct, rate_confirmed=force.rate_confirmed, actual_cost=actual_cost,
        max_reimbursable=max_reimbursable, claimable=claimable,
        arrs_funded=member.arrs_funded, reason=reason, planned_post_id=member.planned_post_id, role_pct=role_pct,
        estimated=member.estimated,
    )
    if key is not None:
        alike[key] = row
    return row


def _dated(row: StaffMonth, month_first: date) -> StaffMonth:
    """`row` for another month: a copy of its fields with that date (a frozen row is copied as
    `copy.copy` copies one, without the cost of building each of its 21 fields again)."""
    dated = object.__new__(StaffMonth)
    dated.__dict__.update(row.__dict__, month=month_first)
    return dated


def member_year(member: StaffMember, rules: RuleBook, fy: FinancialYear, zone: str = "national",
                months: Iterable[date] | None = None) -> list[StaffMonth]:
    """The member's rows for each month of the year (or the given months) they are in post."""
    out = []
    alike: dict[tuple, StaffMonth] = {}
    for first in months if months is not None else fy.months():
        row = member_month(member, rules, first, zone, alike)
        if row is not None:
            out.append(row)
    return out


def total(rows: Iterable[StaffMonth], attr: str = "claimable") -> Decimal:
    """A total is the sum of the rounded staff-months."""
    return sum(map(attrgetter(attr), rows), ZERO)

"""The roster: staff with effective-dated terms (WTE, salary, on-cost), and planned posts.

A staff member's pay and hours can change during employment: each `Terms` applies from
its `effective_from` until the next one (or the end of employment). The first terms
apply from the start date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date, timedelta
from decimal import Decimal

from pcntui.domain.arrs_roles import TRAINING_STATUSES, band_index
from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.parse import parse_money, parse_percent

PLANNED_STATUSES = ("planned", "advertised", "offered", "filled", "withdrawn")
OPEN_PLANNED = ("planned", "advertised", "offered")
MIN_SALARY = Decimal("1000")
MAX_SALARY = Decimal("500000")


def parse_salary(text: str, what: str = "") -> Decimal:
    """A full-time annual salary in pounds, from £1,000 to £500,000 (imports, CLI flags and forms)."""
    return parse_money(text, what, low=MIN_SALARY, high=MAX_SALARY)


def parse_oncost(text: str, what: str = "") -> Decimal:
    """Employer on-cost as % of pay: at least 0, below 100."""
    return parse_percent(text, what, high_open=True)


@dataclass(frozen=True)
class Terms:
    """WTE and full-time annual salary from a date; `oncost_pct` None = the year's default rules."""

    effective_from: date
    wte: Decimal
    fte_salary: Decimal
    oncost_pct: Decimal | None = None
    rev: int | None = None


@dataclass(frozen=True)
class StaffMember:
    """A roster member: who, in which role, employed when, and their dated terms."""

    id: int | None
    name: str
    role_code: str
    start_date: date
    end_date: date | None
    terms: tuple[Terms, ...]
    arrs_funded: bool = True
    practice: str = ""
    band: str = ""
    employer: str = ""
    supervisor: str = ""
    registration_number: str = ""
    registration_expiry: date | None = None
    training_pathway: str = ""
    nwrs_id: str = ""
    note: str = ""
    rev: int | None = None
    planned_post_id: int | None = field(default=None, compare=False)  # set on a planned post's stand-in
    reimbursement_pct: Decimal | None = None  # overrides the role's % (e.g. a second MHP at 100%)
    estimated: bool = False  # seeded (e.g. from NWRS) with guessed salary and start date, not yet confirmed
    previously_employed_until: date | None = None  # last day employed by the PCN or a member practice before

    def in_post_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start_date <= last and (self.end_date is None or self.end_date >= first)

    @cached_property
    def terms_in_order(self) -> tuple[Terms, ...]:
        """The terms by the date they apply from (sorted once: every month asks)."""
        return tuple(sorted(self.terms, key=lambda t: t.effective_from))

    def terms_on(self, day: date) -> Terms | None:
        ordered = self.terms_in_order
        found = ordered[0] if ordered else None
        for t in ordered:
            if t.effective_from <= day:
                found = t
        return found

    @property
    def current_terms(self) -> Terms | None:
        return max(self.terms, key=lambda t: t.effective_from) if self.terms else None

    def segments(self, first: date, last: date) -> list[tuple[date, date, Terms]]:
        """(from, to, terms) pieces of employment within [first, last], inclusive dates."""
        lo = max(first, self.start_date)
        hi = last if self.end_date is None else min(last, self.end_date)
        if lo > hi or not self.terms:
            return []
        if len(self.terms) == 1:
            return [(lo, hi, self.terms[0])]
        ordered = self.terms_in_order
        out = []
        for i, t in enumerate(ordered):
            seg_from = self.start_date if i == 0 else t.effective_from
            seg_to = ordered[i + 1].effective_from - timedelta(days=1) if i + 1 < len(ordered) else hi
            a, b = max(seg_from, lo), min(seg_to, hi)
            if a <= b:
                out.append((a, b, t))
        return out


@dataclass(frozen=True)
class PlannedPost:
    """A post the PCN means to fill: it feeds the forecast until filled or withdrawn."""

    id: int | None
    role_code: str
    wte: Decimal
    expected_start: date
    fte_salary: Decimal
    expected_end: date | None = None
    oncost_pct: Decimal | None = None
    status: str = "planned"
    title: str = ""
    note: str = ""
    filled_by: int | None = None
    rev: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PLANNED

    def label(self, rules: RuleBook | None = None) -> str:
        role = rules.role_name(self.role_code) if rules else self.role_code
        return self.title or f"Planned {role}"

    def as_member(self, rules: RuleBook | None = None, *, not_before: date | None = None) -> StaffMember:
        """A stand-in staff member, in post from the expected start (or `not_before` if later)."""
        start = max(self.expected_start, not_before) if not_before else self.expected_start
        return StaffMember(
            id=None, name=self.label(rules), role_code=self.role_code, start_date=start, end_date=self.expected_end,
            terms=(Terms(start, self.wte, self.fte_salary, self.oncost_pct),), arrs_funded=True,
            planned_post_id=self.id,
        )


@dataclass(frozen=True)
class Check:
    """What is wrong (blocks saving) and what is doubtful (warn, don't block)."""

    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    problem_fields: tuple[str, ...] = ()  # the field each problem is about ("" the whole record)
    warning_fields: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def tagged(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(problems, warnings) as (field, text): the field a form shows each under."""
        return (list(zip(self.problem_fields, self.problems, strict=True)),
                list(zip(self.warning_fields, self.warnings, strict=True)))


def check_wte(wte: Decimal | None) -> str | None:
    if wte is None:
        return "WTE is missing."
    if not (Decimal(0) < wte <= Decimal(1)):
        return f"WTE {wte} must be more than 0 and at most 1."
    return None


def check_salary(salary: Decimal | None) -> str | None:
    if salary is None:
        return "Full-time salary is missing."
    if salary < MIN_SALARY or salary > MAX_SALARY:
        return f"Full-time salary {gbp(salary)} is not a plausible annual salary ({gbp(MIN_SALARY, pence=False)}–{gbp(MAX_SALARY, pence=False)})."
    return None


def check_reimbursement_pct(pct: Decimal | None) -> str | None:
    if pct is not None and not (Decimal(0) < pct <= Decimal(100)):
        return f"Reimbursement {pct}% must be more than 0 and at most 100."
    return None


def check_oncost(pct: Decimal | None) -> str | None:
    if pct is not None and not (Decimal(0) <= pct < Decimal(100)):
        return f"On-cost {pct}% must be at least 0 and below 100."
    return None


def salary_warning(rules: RuleBook, role_code: str, band: str, salary: Decimal, day: date) -> str | None:
    """A warning when the salary is outside the pay range of the band (the role's bands if none given)."""
    role = rules.role(role_code)
    fy = FinancialYear.of(day)
    lo_band, hi_band = (band, band) if band_index(band) is not None else (
        (role.band_min, role.band_max) if role else (None, None))
    lo = rules.pay_range(fy, lo_band) if lo_band else None
    hi = rules.pay_range(fy, hi_band) if hi_band else None
    if lo is None and hi is None:
        return None
    open_below = band_index(band) is None and role is not None and not role.band_min  # "up to band N"
    minimum = Decimal(0) if open_below else (lo or hi).minimum
    maximum = (hi or lo).maximum
    if minimum <= salary <= maximum:
        return None
    which = f"band {band}" if band_index(band) is not None else f"{role.name if role else role_code} (bands {role.bands if role else '?'})"
    unconfirmed = "" if (lo or hi).confirmed else "; pay scales unconfirmed"
    return (f"Full-time salary {gbp(salary, pence=False)} is outside the {which} range "
            f"{gbp(minimum, pence=False)}–{gbp(maximum, pence=False)} for {fy.label}{unconfirmed}.")


def check_member(member: StaffMember, rules: RuleBook) -> Check:
    """Validate one staff member as a form would: problems block, warnings inform."""
    problems: list[tuple[str, str]] = []  # (field, text)
    warnings: list[tuple[str, str]] = []
    if not member.name.strip():
        problems.append(("name", "Name is missing."))
    role = rules.role(member.role_code)
    if role is None:
        problems.append(("role", f"Role '{member.role_code}' is not an ARRS role on record."))
    if member.end_date is not None and member.end_date < member.start_date:
        problems.append(("end_date", f"End date {member.end_date.isoformat()} is before the start date "
                                     f"{member.start_date.isoformat()}."))
    if not member.terms:
        problems.append(("wte", "WTE and salary are missing."))
    seen: set[date] = set()
    for t in sorted(member.terms, key=lambda t: t.effective_from):
        when = "" if t.effective_from == member.start_date else f" (from {t.effective_from.isoformat()})"
        for name, msg in (("wte", check_wte(t.wte)), ("fte_salary", check_salary(t.fte_salary)),
                          ("oncost_pct", check_oncost(t.oncost_pct))):
            if msg:
                problems.append((name, msg[:-1] + when + "."))
        if t.effective_from in seen:
            problems.append(("", f"Two changes are dated {t.effective_from.isoformat()}."))
        seen.add(t.effective_from)
        if t.effective_from < member.start_date or (member.end_date and t.effective_from > member.end_date):
            problems.append(("start_date", f"A change dated {t.effective_from.isoformat()} is outside the employment dates."))
        elif role is not None and not problems:
            w = salary_warning(rules, member.role_code, member.band, t.fte_salary, t.effective_from)
            if w:  # which of the dated terms, when it is not the first
                warnings.append(("fte_salary", w[:-1] + when + "."))
    if member.terms and min(t.effective_from for t in member.terms) != member.start_date:
        problems.append(("start_date", "The first WTE and salary must apply from the start date."))
    if msg := check_reimbursement_pct(member.reimbursement_pct):
        problems.append(("reimbursement_pct", msg))
    if member.previously_employed_until is not None and member.previously_employed_until >= member.start_date:
        problems.append(("previously_employed_until", f"Previously employed until "
                         f"{member.previously_employed_until.isoformat()} must be before the start date "
                         f"{member.start_date.isoformat()}."))
    if member.training_pathway and member.training_pathway not in TRAINING_STATUSES:
        problems.append(("training_pathway", f"Training pathway '{member.training_pathway}' must be one of: "
                         f"{', '.join(TRAINING_STATUSES)}."))
    if role is not None and member.arrs_funded:
        if not role.eligible_on(member.start_date) and (member.end_date is None or not role.eligible_on(member.end_date)):
            since = f" (eligible from {role.eligible_from.isoformat()})" if role.eligible_from else ""
            warnings.append(("role", f"{role.name} is not an ARRS role on {member.start_date.isoformat()}{since}."))
        if member.band and role.band_max and band_index(member.band) is not None:
            b = band_index(member.band)
            lo, hi = band_index(role.band_min), band_index(role.band_max)
            if (lo is not None and b < lo) or (hi is not None and b > hi):
                warnings.append(("band", f"Band {member.band} is outside the {role.name} {'band' if role.bands.isalnum() else 'bands'} {role.bands}."))
        if role.recently_employed(member.start_date, member.previously_employed_until):
            warnings.append(("previously_employed_until", recent_employment_text(role, member)))
        bands = rules.bands_of(member.role_code)
        if bands and not any(band_index(b) == band_index(member.band) for b in bands) and \
                rules.rate_on(member.role_code, member.start_date, member.band) is None:
            warnings.append(("band", f"{role.name} maxima are by band ({', '.join(bands)}): record the band, or "
                                     "the months claim nothing."))
    return Check(tuple(t for _, t in problems), tuple(t for _, t in warnings),
                 tuple(f for f, _ in problems), tuple(f for f, _ in warnings))


def recent_employment_text(role, member: StaffMember) -> str:
    """The 12-month rule, broken, as one sentence."""
    return (f"{member.name}: new {role.name} posts must not go to staff employed by the PCN or a member practice in "
            f"the {role.no_recent_employment_months} months before the start ({member.start_date.isoformat()}); "
            f"employed until {member.previously_employed_until.isoformat()}.")


def with_change(member: StaffMember, effective_from: date, *, wte: Decimal | None = None,
                fte_salary: Decimal | None = None, oncost_pct: Decimal | None = None,
                clear_oncost: bool = False) -> StaffMember:
    """The member with a change of terms from `effective_from` (unchanged values carried over)."""
    base = member.terms_on(effective_from)
    if base is None:
        raise ValueError("no terms to change")
    new = Terms(
        effective_from,
        wte if wte is not None else base.wte,
        fte_salary if fte_salary is not None else base.fte_salary,
        None if clear_oncost else (oncost_pct if oncost_pct is not None else base.oncost_pct),
    )
    kept = tuple(t for t in member.terms if t.effective_from != effective_from)
    return replace(member, terms=tuple(sorted((*kept, new), key=lambda t: t.effective_from)))


def corrected(member: StaffMember, *, start_date: date | None = None, fte_salary: Decimal | None = None,
              confirm: bool = False, **fields: object) -> StaffMember:
    """The member with their record put right (not a dated change): a new start date moves the first
    terms with it; a salary corrects the latest terms' salary; `fields` replace the others as given.
    `confirm`: the salary and start date (as corrected here) are real, so the record is no longer
    estimated."""
    terms = sorted(member.terms, key=lambda t: t.effective_from)
    if start_date is not None and terms:
        terms[0] = replace(terms[0], effective_from=start_date)
    if fte_salary is not None and terms:
        terms[-1] = replace(terms[-1], fte_salary=fte_salary)
    out = replace(member, terms=tuple(terms), **fields)
    if start_date is not None:
        out = replace(out, start_date=start_date)
    return replace(out, estimated=False) if confirm else out

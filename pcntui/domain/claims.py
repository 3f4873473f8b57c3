"""ARRS claims as made on the national portal: the claim record, its key, its status, and
matching a claim to the roster. Reconciliation against claimable is in `claims_reconcile.py`.

PRODUCT.md "Claims": a claim row is keyed by (month, name, role, reference), so one person
may have several claims in a month (e.g. an arrears claim with its own reference);
re-importing a row with the same key replaces it; the same key twice in one file is an
error. Names compare case-insensitively after trimming (inner runs of spaces count as one);
references compare case-insensitively. A claim is overdue for payment 60 days after
`submitted_on`, or 60 days after its month's end when `submitted_on` is blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from datetime import date, timedelta
from decimal import Decimal

from pcntui.domain.claimable import StaffMonth
from pcntui.domain.fy import month_last
from pcntui.domain.fy import FinancialYear, month_label
from pcntui.domain.staff import StaffMember
from pcntui.errors import UserError

STATUSES = ("submitted", "approved", "paid", "rejected")
DEFAULT_STATUS = "submitted"
UNPAID = ("submitted", "approved")  # still waiting for the money
PAYMENT_DAYS = 60


def name_key(name: str) -> str:
    """How names compare: trimmed, inner spaces collapsed, case-folded."""
    return " ".join((name or "").split()).casefold()


def reference_key(reference: str) -> str:
    return (reference or "").strip().casefold()


ClaimKey = tuple[date, str, str, str]  # (month's 1st, name key, role code, reference key)


def claim_key(month: date, name: str, role_code: str, reference: str) -> ClaimKey:
    return (month.replace(day=1), name_key(name), role_code, reference_key(reference))


@dataclass(frozen=True)
class Claim:
    """One claim row. `month` is the month's first day; money in Decimal pounds."""

    month: date
    name: str
    role_code: str
    amount_claimed: Decimal
    status: str = DEFAULT_STATUS
    amount_paid: Decimal = Decimal("0.00")
    reference: str = ""
    submitted_on: date | None = None
    paid_on: date | None = None
    staff_id: int | None = None  # the roster record it matched, when it did
    id: int | None = None
    rev: int | None = None

    @property
    def key(self) -> ClaimKey:
        return claim_key(self.month, self.name, self.role_code, self.reference)

    @property
    def counts(self) -> bool:
        """Rows not rejected count as claimed (and their amount_paid as paid)."""
        return self.status != "rejected"

    @property
    def waiting_since(self) -> date:
        """When the 60 days for payment start: submission, else the month's last day."""
        return self.submitted_on or month_last(self.month)

    @property
    def payment_due(self) -> date:
        """The day after which an unpaid claim is overdue."""
        return self.waiting_since + timedelta(days=PAYMENT_DAYS)

    def overdue_on(self, as_of: date) -> bool:
        return self.status in UNPAID and as_of > self.payment_due

    def label(self, role_name: str) -> str:
        ref = f" ref {self.reference}" if self.reference else ""
        return f"{self.name} ({role_name}) {month_label(self.month)}{ref}"


def check_claim(status: str, amount_claimed: Decimal, amount_paid: Decimal, submitted_on: date | None,
                paid_on: date | None) -> list[tuple[str, str]]:
    """(column, problem) pairs for a claim's values that contradict each other or the rules."""
    problems = []
    if status not in STATUSES:
        problems.append(("status", f"'{status}' is not a claim status ({', '.join(STATUSES)})"))
    if amount_claimed < 0:
        problems.append(("amount_claimed", f"{amount_claimed} is negative"))
    if amount_paid < 0:
        problems.append(("amount_paid", f"{amount_paid} is negative"))
    if status == "rejected" and amount_paid > 0:
        problems.append(("amount_paid", f"the claim is rejected but {amount_paid} is recorded as paid"))
    if status == "paid" and amount_paid == 0:
        problems.append(("amount_paid", "the claim is paid but amount_paid is blank or 0; give the amount paid"))
    if submitted_on and paid_on and paid_on < submitted_on:
        problems.append(("paid_on", f"{paid_on.isoformat()} is before submitted_on {submitted_on.isoformat()}"))
    return problems


def match_staff(staff: Iterable[StaffMember], name: str, role_code: str, month: date) -> StaffMember | None:
    """The roster record a claim is for: same name (see `name_key`) and role, preferring the
    record in post that month. None when nobody matches; UserError when two records with that
    name and role are both in post that month (the claim cannot say which)."""
    key = name_key(name)
    candidates = [s for s in staff if s.role_code == role_code and name_key(s.name) == key]
    if not candidates:
        return None
    last = month_last(month)
    in_month = [s for s in candidates if s.overlaps(month, last)]
    if len(in_month) > 1:
        raise UserError(f"{len(in_month)} roster records named '{name}' in that role are in post in "
                        f"{month_label(month)}; give them distinct names.")
    if in_month:
        return in_month[0]
    started = [s for s in candidates if s.start_date <= last]
    if started:
        return max(started, key=lambda s: (s.start_date, s.id or 0))
    return min(candidates, key=lambda s: (s.start_date, s.id or 0))


# ---------------------------------------------------------------------- reconciliation
Person = tuple  # ('id', staff_id) or ('name', name key, role code)


NO_MONEY = Decimal("0.00")


def person_of(staff_id: int | None, name: str, role_code: str) -> Person:
    return ("id", staff_id) if staff_id is not None else ("name", name_key(name), role_code)


@dataclass(frozen=True)
class ClaimLine:
    """One staff member in one month: claimable (0 when not in post) against the claims."""

    staff_id: int | None
    name: str
    role_code: str
    month: date
    claimable: Decimal
    claims: tuple[Claim, ...]
    ended: bool  # the month's last day is on or before the as-of date
    in_post: bool

    # Plain properties: a year has a line per person-month, most without a claim, and each is
    # asked once or twice (a cached property costs more to fill than these sums of a claim or two).
    @property
    def claimed(self) -> Decimal:
        return sum((c.amount_claimed for c in self.claims if c.counts), NO_MONEY)

    @property
    def paid(self) -> Decimal:
        return sum((c.amount_paid for c in self.claims if c.counts), NO_MONEY)

    @property
    def difference(self) -> Decimal:
        """claimable − claimed: positive = still to claim; negative = claimed above claimable."""
        return self.claimable - self.claimed if self.claims else self.claimable

    @property
    def status(self) -> str:
        """'unclaimed' (no claim or only rejected ones), else the least advanced status of the
        claims that count (an arrears claim still 'submitted' beside a 'paid' one → 'submitted')."""
        counting = [c.status for c in self.claims if c.counts]
        if not counting:
            return "rejected" if self.claims else "unclaimed"
        return min(counting, key=STATUSES.index)


@dataclass(frozen=True)
class ClaimsYear:
    """A financial year's claims reconciled against claimable, as of a date (PRODUCT.md "Claims")."""

    fy: FinancialYear
    as_of: date
    months: Iterable[StaffMonth]  # the roster's months, read once when first asked (`in_post`)
    claims: tuple[Claim, ...]  # the year's claim rows
    to_date: Decimal | None = None  # Σ the months' claimable over ended months, when added up already

    @cached_property
    def in_post(self) -> tuple[tuple[tuple[Person, date], StaffMonth], ...]:
        """Each person-month in post in the year."""
        staff_months: dict[tuple[Person, date], StaffMonth] = {}
        for m in self.months:
            if self.fy.contains(m.month):
                staff_months[(person_of(m.staff_id, m.name, m.role_code), m.month)] = m
        return tuple(staff_months.items())

    @cached_property
    def lines(self) -> tuple[ClaimLine, ...]:
        """Every person-month in post in the year, and every one with a claim, by name, role and month."""
        by_line: dict[tuple[Person, date], list[Claim]] = {}
        for c in self.claims:
            by_line.setdefault((person_of(c.staff_id, c.name, c.role_code), c.month), []).append(c)
        lines = []
        for (person, first), m in self.in_post:
            found = tuple(by_line.pop((person, first), ()))
            lines.append(ClaimLine(m.staff_id, m.name, m.role_code, first, m.claimable, found,
                                   month_last(first) <= self.as_of, True))
        for (_, first), found in by_line.items():  # claims for no month in post
            c = found[0]
            lines.append(ClaimLine(c.staff_id, c.name, c.role_code, first, NO_MONEY, tuple(found),
                                   month_last(first) <= self.as_of, False))
        names: dict[str, str] = {}  # each name's key worked out once, not once a month
        lines.sort(key=lambda line: (names.get(line.name) or names.setdefault(line.name, name_key(line.name)),
                                     line.role_code, line.staff_id or 0, line.month))
        return tuple(lines)

    @cached_property
    def _ended(self) -> tuple[ClaimLine, ...]:
        return tuple(line for line in self.lines if line.ended)

    @cached_property
    def claims_to_date(self) -> tuple[Claim, ...]:
        """Rows not rejected for months of the year up to the as-of date (months begun by it:
        PRODUCT.md says "up to the as-of date" here, not "ended")."""
        return tuple(c for c in self.claims if c.counts and c.month <= self.as_of)

    @cached_property
    def claimed_to_date(self) -> Decimal:
        return sum((c.amount_claimed for c in self.claims_to_date), Decimal("0.00"))

    @cached_property
    def paid_to_date(self) -> Decimal:
        return sum((c.amount_paid for c in self.claims_to_date), Decimal("0.00"))

    @cached_property
    def claimable_to_date(self) -> Decimal:
        """Σ claimable over ended months (in post: a line without a month in post claims nothing)."""
        if self.to_date is not None:
            return self.to_date
        return sum((m.claimable for (_, first), m in self.in_post if month_last(first) <= self.as_of), NO_MONEY)

    @cached_property
    def to_claim(self) -> Decimal:
        """Σ positive differences over ended months: never claimed, claimed short, arrears (with no
        claim in the year, each ended month's difference is its claimable: no line is needed)."""
        if not self.claims:
            return self.claimable_to_date
        return sum((line.difference for line in self._ended if line.difference > 0), NO_MONEY)

    @cached_property
    def over_claimed(self) -> Decimal:
        """Σ negative differences over ended months, as a positive amount (none without a claim)."""
        if not self.claims:
            return NO_MONEY
        return sum((-line.difference for line in self._ended if line.difference < 0), NO_MONEY)

    @cached_property
    def overdue(self) -> tuple[Claim, ...]:
        """Claims still unpaid more than 60 days after submission (or the month's end)."""
        return tuple(c for c in self.claims if c.overdue_on(self.as_of))

    def person(self, staff_id: int) -> list[ClaimLine]:
        return [line for line in self.lines if line.staff_id == staff_id]


def reconcile(months: Iterable[StaffMonth], claims: Iterable[Claim], fy: FinancialYear, as_of: date,
              to_date: Decimal | None = None) -> ClaimsYear:
    """Claimable per person-month (the roster's `StaffMonth`s, e.g. `ArrsYear.months`) against the
    claim rows, for the months of `fy`. Claims are joined to a person by their roster record when
    they have one (`staff_id`), else by name and role. `to_date`: the months' claimable over ended
    months of `fy` (`ArrsYear.claimable_to_date`), so a year without claims reads no month."""
    year_claims = tuple(sorted((c for c in claims if fy.contains(c.month)),
                               key=lambda c: (name_key(c.name), c.month, reference_key(c.reference))))
    return ClaimsYear(fy, as_of, months, year_claims, to_date)

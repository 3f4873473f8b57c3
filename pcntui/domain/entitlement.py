"""The year's Additional Roles Reimbursement Sum: weighted population × £ per patient, or an amount."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pcntui.domain.arrs_rules import FundingRate, RuleBook
from pcntui.domain.claimable import to_penny
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.parse import MAX_MONEY, parse_count, parse_money
from pcntui.errors import UserError

MAX_RATE_PER_PATIENT = Decimal(1000)  # £ per weighted patient: tens of pounds in every year so far


def parse_weighted_population(text: str, what: str = "") -> int:
    """The PCN's weighted population: a whole number of patients, at least 1."""
    return parse_count(text, what, low=1, noun="patients")


def parse_entitlement_amount(text: str, what: str = "") -> Decimal:
    """An entitlement entered directly: more than £0, at most £10,000,000."""
    return parse_money(text, what, low_open=True)


def parse_rate_per_patient(text: str, what: str = "") -> Decimal:
    """£ per weighted patient, to 4 decimal places (the published rates have 3), more than £0."""
    return parse_money(text, what, low_open=True, high=MAX_RATE_PER_PATIENT, places=4)


@dataclass(frozen=True)
class Entitlement:
    fy: FinancialYear
    amount: Decimal  # to the penny
    weighted_population: int | None = None
    rate_per_patient: Decimal | None = None  # None when the amount was entered directly
    note: str = ""
    rev: int | None = None

    @property
    def basis(self) -> str:
        if self.rate_per_patient is not None and self.weighted_population is not None:
            return f"{self.weighted_population:,} weighted patients × £{self.rate_per_patient}"
        return "amount entered"


def entitlement_amount(weighted_population: int, rate_per_patient: Decimal) -> Decimal:
    """Weighted population × rate, half-up to the penny."""
    return to_penny(Fraction(weighted_population) * Fraction(rate_per_patient))


def make_entitlement(
    fy: FinancialYear,
    *,
    weighted_population: int | None,
    rate_per_patient: Decimal | None = None,
    amount: Decimal | None = None,
    rules: RuleBook | None = None,
    note: str = "",
) -> Entitlement:
    """Build (and check) a year's entitlement as `pcntui arrs entitlement` and the TUI form do."""
    if rate_per_patient is not None and amount is not None:
        raise UserError("Give either a rate per patient or an amount, not both.")
    if weighted_population is not None and weighted_population <= 0:
        raise UserError(f"Weighted population {weighted_population} must be a positive whole number.")
    if amount is not None:
        if not 0 < amount <= MAX_MONEY:
            raise UserError(f"Entitlement amount {gbp(amount)} must be more than £0 and at most {gbp(MAX_MONEY)}.")
        return Entitlement(fy, to_penny(amount), weighted_population, None, note)
    if weighted_population is None:
        raise UserError("Give the weighted population (--weighted-population N), or the amount (--amount A).")
    if rate_per_patient is None:
        shipped: FundingRate | None = rules.funding_for(fy) if rules else None
        if shipped is None:
            raise UserError(
                f"There is no rate per weighted patient on record for {fy.label}; "
                "give it with --rate-per-patient R (or the amount with --amount A)."
            )
        rate_per_patient = shipped.rate_per_patient
    if rate_per_patient <= 0:
        raise UserError(f"Rate per patient {rate_per_patient} must be more than zero.")
    amount = entitlement_amount(weighted_population, rate_per_patient)
    if amount > MAX_MONEY:
        raise UserError(f"{weighted_population:,} weighted patients × £{rate_per_patient} is {gbp(amount)}, more than "
                        f"the {gbp(MAX_MONEY, pence=False)} an entitlement can be; check both figures.")
    return Entitlement(fy, amount, weighted_population, rate_per_patient, note)

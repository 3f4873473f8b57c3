"""The year's Additional Roles Reimbursement Sum: weighted population × £ per patient, or an amount.

In a year with a ring-fenced GP sum (2024/25: £1.303 per weighted patient besides the main
£22.894) the entitlement has a second pot, `gp_amount` = weighted population × GP rate:
General Practitioners' claims count against it and not against the main pot (see
domain/forecast.py). From 2025/26 there is one pot for every role.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from pcntui.domain.arrs_rules import FundingRate, RuleBook
from pcntui.domain.money import to_penny
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


GP_ROLE = "GP"  # the role whose claims the ring-fenced GP sum pays


@dataclass(frozen=True)
class Entitlement:
    """A year's ARRS entitlement (the main pot, and the ring-fenced GP pot in a year with one)."""

    fy: FinancialYear
    amount: Decimal  # to the penny: the main pot
    weighted_population: int | None = None
    rate_per_patient: Decimal | None = None  # None when the amount was entered directly
    note: str = ""
    rev: int | None = None
    gp_rate_per_patient: Decimal | None = None
    gp_amount: Decimal | None = None  # the ring-fenced GP pot, to the penny; None: one pot for every role
    estimated: bool = False  # the weighted population is last year's, carried by 'year start'

    @property
    def basis(self) -> str:
        if self.rate_per_patient is not None and self.weighted_population is not None:
            text = f"{self.weighted_population:,} weighted patients × £{self.rate_per_patient}"
            return f"estimated: {text}" if self.estimated else text
        return "amount entered"

    @property
    def has_gp_pot(self) -> bool:
        return self.gp_amount is not None


def entitlement_amount(weighted_population: int, rate_per_patient: Decimal) -> Decimal:
    """Weighted population × rate, half-up to the penny."""
    return to_penny(Fraction(weighted_population) * Fraction(rate_per_patient))


def _gp_pot(fy: FinancialYear, weighted_population: int | None, gp_rate: Decimal | None,
            shipped: FundingRate | None) -> tuple[Decimal | None, Decimal | None]:
    if gp_rate is not None and gp_rate <= 0:
        raise UserError(f"GP rate per patient {gp_rate} must be more than zero.")
    if gp_rate is None and shipped is not None:
        gp_rate = shipped.gp_rate_per_patient
    if gp_rate is None:
        return None, None
    if weighted_population is None:
        raise UserError(f"The {fy.label} GP pot is £ per weighted patient: give the weighted population "
                        "(--weighted-population N) with --gp-rate.")
    return gp_rate, entitlement_amount(weighted_population, gp_rate)


def make_entitlement(
    fy: FinancialYear,
    *,
    weighted_population: int | None,
    rate_per_patient: Decimal | None = None,
    amount: Decimal | None = None,
    rules: RuleBook | None = None,
    note: str = "",
    gp_rate_per_patient: Decimal | None = None,
) -> Entitlement:
    """Build (and check) a year's entitlement as `pcntui arrs entitlement` and the TUI form do.

    The GP pot uses `gp_rate_per_patient`, else the year's shipped GP rate (2024/25), and
    needs the weighted population; a year without either has no GP pot.
    """
    if rate_per_patient is not None and amount is not None:
        raise UserError("Give either a rate per patient or an amount, not both.")
    if weighted_population is not None and weighted_population <= 0:
        raise UserError(f"Weighted population {weighted_population} must be a positive whole number.")
    shipped: FundingRate | None = rules.funding_for(fy) if rules else None
    if amount is not None:
        if not 0 < amount <= MAX_MONEY:
            raise UserError(f"Entitlement amount {gbp(amount)} must be more than £0 and at most {gbp(MAX_MONEY)}.")
        gp_rate, gp_amount = _gp_pot(fy, weighted_population, gp_rate_per_patient,
                                     shipped if weighted_population is not None else None)
        return Entitlement(fy, to_penny(amount), weighted_population, None, note,
                           gp_rate_per_patient=gp_rate, gp_amount=gp_amount)
    if weighted_population is None:
        raise UserError("Give the weighted population (--weighted-population N), or the amount (--amount A).")
    if rate_per_patient is None:
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
    gp_rate, gp_amount = _gp_pot(fy, weighted_population, gp_rate_per_patient, shipped)
    return Entitlement(fy, amount, weighted_population, rate_per_patient, note,
                       gp_rate_per_patient=gp_rate, gp_amount=gp_amount)


def rate_confirmed(rate: Decimal | None, rules: RuleBook, fy: FinancialYear, *, gp: bool = False) -> bool | None:
    """Does a per-patient rate rest on a confirmed figure? None without a rate (an amount entered).

    A rate equal to the year's funding row (shipped or yours) is as confirmed as that row; any
    other rate was entered by the user and is theirs to vouch for.
    """
    if rate is None:
        return None
    row = rules.funding_for(fy)
    on_record = None if row is None else (row.gp_rate_per_patient if gp else row.rate_per_patient)
    return row.confirmed if on_record is not None and on_record == rate else True

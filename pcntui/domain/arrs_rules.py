"""The ARRS rule tables as one value: roles, maxima, caps, funding rates, on-cost rules, pay bands.

Shipped rows (pcntui/reference/*.csv) and the user's rows (the database) are merged by
`RuleBook.merge`: a user row replaces the shipped row with the same key. A user's maximum
for a role (and band) also sets aside the shipped *unconfirmed* maxima of that role and
band dated on or after it: they were estimates for dates the user now has a figure for,
and must not override it later in time. Earlier shipped rows stay. Once the user has given
any cap for a role, the shipped unconfirmed caps of that role are set aside. Shipped
confirmed rows always stay unless replaced on the same key.

Maxima may be by Agenda for Change band (`RateRow.band`): a row with a band applies to
staff of that band, a row without one to the rest (see `RuleBook.rate_on`).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from pcntui.domain.arrs_roles import Role, RoleIndex, band_index
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import parse_money, parse_percent

LONDON_ZONES = ("national", "inner", "outer")
LARGE_PCN = 100_000  # caps on numbers double (or more) for PCNs with a list of 100,000 or more
MAX_ANNUAL_MAX = Decimal(500_000)  # well above any ARRS maximum per WTE: a guard against typos


def parse_annual_max(text: str, what: str = "") -> Decimal:
    """A maximum reimbursable £ per WTE per year (the rates file, the rate form): more than £0, at most £500,000."""
    return parse_money(text, what, low_open=True, high=MAX_ANNUAL_MAX)


def parse_reimbursement_pct(text: str, what: str = "") -> Decimal:
    """The % of pay a role's maximum refunds: more than 0, at most 100."""
    return parse_percent(text, what, low_open=True)


@dataclass(frozen=True, kw_only=True)
class RuleSource:
    """Where a rule row comes from (every rule table has these, always given by name): published
    final or not (`confirmed`), its `source` and a `note`, shipped or the user's (`origin`), and the
    stored row's `rev` (None for shipped rows)."""

    confirmed: bool = True
    source: str = ""
    note: str = ""
    origin: str = "shipped"
    rev: int | None = None


@dataclass(frozen=True)
class RateRow(RuleSource):
    """The maximum reimbursable amount per WTE per year for a role (and band) from `effective_from`.

    `annual_max` is the maximum at the row's own `reimbursement_pct`: a person reimbursed at
    another % has the cap scaled by (their % / the row's %), see domain/claimable.py.
    """

    role_code: str
    effective_from: date
    annual_max: Decimal
    reimbursement_pct: Decimal
    inner_london_max: Decimal | None = None
    outer_london_max: Decimal | None = None
    _: KW_ONLY
    band: str = ""  # Agenda for Change band ('5', '8a'); '' = staff of any band without a row of their own

    @property
    def key(self) -> tuple[str, str, date]:
        return (self.role_code, self.band, self.effective_from)

    def max_for(self, zone: str) -> Decimal:
        if zone == "inner" and self.inner_london_max is not None:
            return self.inner_london_max
        if zone == "outer" and self.outer_london_max is not None:
            return self.outer_london_max
        return self.annual_max


@dataclass(frozen=True)
class CapRow(RuleSource):
    """A limit on the WTE of a role a PCN may claim for, for years `fy_from`…`fy_to`.

    A limit of None means no cap (a user row with both blank removes a shipped cap).
    """

    role_code: str
    fy_from: FinancialYear
    fy_to: FinancialYear | None
    max_wte_under_100k: Decimal | None
    max_wte_100k_plus: Decimal | None

    def covers(self, fy: FinancialYear) -> bool:
        return self.fy_from <= fy and (self.fy_to is None or fy <= self.fy_to)

    def limit(self, list_size: int | None) -> Decimal | None:
        large = list_size is not None and list_size >= LARGE_PCN
        return self.max_wte_100k_plus if large else self.max_wte_under_100k


@dataclass(frozen=True)
class FundingRate(RuleSource):
    """£ per weighted patient for a year's Additional Roles Reimbursement Sum.

    `gp_rate_per_patient`: £ per weighted patient of a separate, ring-fenced sum for General
    Practitioners (2024/25), or None in years with one pot for every role.
    """

    fy: FinancialYear
    rate_per_patient: Decimal
    population_date: date | None = None
    _: KW_ONLY
    gp_rate_per_patient: Decimal | None = None


@dataclass(frozen=True)
class OncostRule(RuleSource):
    """Employer national insurance (above an annual threshold) and pension, for default on-costs."""

    fy: FinancialYear
    employer_ni_pct: Decimal
    ni_threshold_annual: Decimal
    pension_pct: Decimal


@dataclass(frozen=True)
class PayBand(RuleSource):
    """An Agenda for Change band's pay range in a year (used only to warn)."""

    fy: FinancialYear
    band: str
    minimum: Decimal
    maximum: Decimal


def _merge_keyed(shipped, user, key, *, keep_order: bool = False):
    merged = {key(r): r for r in shipped}
    merged.update({key(r): r for r in user})
    if keep_order:  # shipped order first (roles are listed as the DES lists them), then the user's new ones
        return tuple(merged.values())
    return tuple(sorted(merged.values(), key=key))


def _set_aside_placeholders(shipped, user):
    """Shipped unconfirmed caps of roles the user has given caps for are dropped."""
    user_roles = {r.role_code for r in user}
    return [r for r in shipped if r.confirmed or r.role_code not in user_roles]


def superseded_estimates(shipped: Iterable[RateRow], user: Iterable[RateRow]) -> list[RateRow]:
    """Shipped unconfirmed maxima dated on or after a user's maximum for the same role and band."""
    first: dict[tuple[str, str], date] = {}
    for r in user:
        key = (r.role_code, r.band)
        first[key] = min(first.get(key, r.effective_from), r.effective_from)
    return [r for r in shipped
            if not r.confirmed and (r.role_code, r.band) in first and r.effective_from >= first[(r.role_code, r.band)]]


def _set_aside_estimates(shipped: tuple[RateRow, ...], user: tuple[RateRow, ...]) -> list[RateRow]:
    aside = set(superseded_estimates(shipped, user))
    return [r for r in shipped if r not in aside]


@dataclass(frozen=True)
class InForce:
    """What applies to a role (and band) in one month: the role, the maximum in effect on the
    1st, whether the role is eligible that month, whether the role's maxima go by band."""

    role: Role | None
    rate: RateRow | None
    eligible: bool
    banded: bool
    rate_confirmed: bool
    oncost: OncostRule | None  # the on-cost rule of the month's year (see `oncost_for`)


@dataclass(frozen=True)
class RuleBook:
    """Every ARRS rule table in force: roles, maxima, caps, funding rates, on-costs, pay bands."""

    roles: tuple[Role, ...] = ()
    rates: tuple[RateRow, ...] = ()
    caps: tuple[CapRow, ...] = ()
    funding: tuple[FundingRate, ...] = ()
    oncosts: tuple[OncostRule, ...] = ()
    pay_bands: tuple[PayBand, ...] = ()

    @classmethod
    def merge(cls, shipped: RuleBook, user: RuleBook) -> RuleBook:
        return cls(
            roles=_merge_keyed(shipped.roles, user.roles, lambda r: r.code, keep_order=True),
            rates=_merge_keyed(_set_aside_estimates(shipped.rates, user.rates), user.rates, lambda r: r.key),
            caps=_merge_keyed(_set_aside_placeholders(shipped.caps, user.caps), user.caps,
                              lambda r: (r.role_code, r.fy_from)),
            funding=_merge_keyed(shipped.funding, user.funding, lambda r: r.fy),
            oncosts=_merge_keyed(shipped.oncosts, user.oncosts, lambda r: r.fy),
            pay_bands=_merge_keyed(shipped.pay_bands, user.pay_bands, lambda r: (r.fy, band_index(r.band) or 0)),
        )

    @cached_property
    def _memo(self) -> dict:
        """Lookups already made (a RuleBook never changes; the claimable asks the same ones for
        every person-month)."""
        return {}

    def in_force(self, role_code: str, band: str, month_first: date) -> InForce:
        """What applies to a person of `role_code` and `band` in the month starting `month_first`."""
        key = (role_code, band, month_first)
        found = self._memo.get(key)
        if found is None:
            role, rate = self.role(role_code), self.rate_on(role_code, month_first, band)
            last = month_first.replace(day=monthrange(month_first.year, month_first.month)[1])
            eligible = role is not None and (role.eligible_on(month_first) or role.eligible_on(last))
            found = self._memo[key] = InForce(role, rate, eligible, bool(self.bands_of(role_code)),
                                              bool(rate and self.rate_confirmed_on(rate, month_first)),
                                              self.oncost_for(FinancialYear.of(month_first)))
        return found

    # ------------------------------------------------------------------ roles
    @cached_property
    def index(self) -> RoleIndex:
        return RoleIndex(self.roles)

    @cached_property
    def by_code(self) -> dict[str, Role]:
        return {r.code: r for r in self.roles}

    def role(self, code: str) -> Role | None:
        return self.by_code.get(code)

    def role_name(self, code: str) -> str:
        role = self.by_code.get(code)
        return role.name if role else code

    def match_role(self, text: str) -> Role | None:
        return self.index.match(text)

    # ------------------------------------------------------------------ maxima
    @cached_property
    def _rates_by_role(self) -> dict[str, list[RateRow]]:
        out: dict[str, list[RateRow]] = {}
        for r in sorted(self.rates, key=lambda r: (r.effective_from, band_index(r.band) or -1)):
            out.setdefault(r.role_code, []).append(r)
        return out

    def rate_on(self, role_code: str, day: date, band: str = "") -> RateRow | None:
        """The row in effect on `day` for a person of `band`: the latest of the role's rows for
        that band dated on or before `day`; if there is none, the latest such row without a band."""
        banded = unbanded = None
        wanted = band_index(band)
        for row in self._rates_by_role.get(role_code, []):
            if row.effective_from > day:
                break
            if row.band and wanted is not None and band_index(row.band) == wanted:
                banded = row
            elif not row.band:
                unbanded = row
        return banded or unbanded

    def bands_of(self, role_code: str) -> list[str]:
        """The bands a role's maxima are given for (empty: one maximum for every band)."""
        found = {r.band for r in self._rates_by_role.get(role_code, []) if r.band}
        return sorted(found, key=lambda b: band_index(b) or 0)

    def rates_for(self, role_code: str) -> list[RateRow]:
        return list(self._rates_by_role.get(role_code, []))

    @cached_property
    def rates_known_until(self) -> FinancialYear | None:
        """The last year the shipped maxima cover: a shipped row used in a later year is carried
        forward, so not confirmed for that year (the user's own rows are taken as confirmed)."""
        shipped = [r.effective_from for r in self.rates if r.origin == "shipped" and r.confirmed]
        return FinancialYear.of(max(shipped)) if shipped else None

    def rate_confirmed_on(self, row: RateRow, day: date) -> bool:
        if not row.confirmed:
            return False
        if row.origin != "shipped" or self.rates_known_until is None:
            return True
        return FinancialYear.of(day) <= self.rates_known_until

    # ------------------------------------------------------------------ caps
    def cap_for(self, role_code: str, fy: FinancialYear) -> CapRow | None:
        rows = [c for c in self.caps if c.role_code == role_code and c.covers(fy)]
        return max(rows, key=lambda c: c.fy_from) if rows else None

    # ------------------------------------------------------------------ funding and on-costs
    def funding_for(self, fy: FinancialYear) -> FundingRate | None:
        return next((f for f in self.funding if f.fy == fy), None)

    def oncost_for(self, fy: FinancialYear) -> OncostRule | None:
        """The year's rule, else the latest earlier year's (then it is not confirmed for this year)."""
        key = ("oncost", fy.start_year)
        if key not in self._memo:
            self._memo[key] = self._oncost_for(fy)
        return self._memo[key]

    def _oncost_for(self, fy: FinancialYear) -> OncostRule | None:
        exact = next((o for o in self.oncosts if o.fy == fy), None)
        if exact is not None:
            return exact
        earlier = [o for o in self.oncosts if o.fy < fy]
        later = [o for o in self.oncosts if o.fy > fy]
        if earlier:
            return max(earlier, key=lambda o: o.fy)
        return min(later, key=lambda o: o.fy) if later else None

    def pay_range(self, fy: FinancialYear, band: str) -> PayBand | None:
        idx = band_index(band)
        if idx is None:
            return None
        rows = [b for b in self.pay_bands if band_index(b.band) == idx]
        if not rows:
            return None
        earlier = [b for b in rows if b.fy <= fy]
        return max(earlier, key=lambda b: b.fy) if earlier else min(rows, key=lambda b: b.fy)

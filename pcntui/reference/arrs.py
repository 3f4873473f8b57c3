"""Loader for the shipped ARRS rule tables (the `arrs_*.csv`, `employer_oncosts.csv`, `afc_pay_bands.csv` here).

Columns:
  arrs_roles.csv        code, name, aliases ('|'-separated), eligible_from, eligible_to, band_min,
                        band_max, requires_supervisor, requires_registration, registration_body,
                        requires_training_pathway, training_pathway, no_recent_employment_months,
                        confirmed, source, note
  arrs_rates.csv        role, band, effective_from, annual_max, inner_london_max, outer_london_max,
                        reimbursement_pct, confirmed, source, note (annual_max is the maximum at the
                        row's reimbursement_pct; band blank = every band without a row of its own)
  arrs_caps.csv         role, fy_from, fy_to, max_wte_under_100k, max_wte_100k_plus, confirmed, source, note
  arrs_funding.csv      fy, rate_per_patient, gp_rate_per_patient (the ring-fenced GP sum, 2024/25),
                        population_date, confirmed, source, note
  employer_oncosts.csv  fy, employer_ni_pct, ni_threshold_annual, pension_pct, confirmed, source, note
  afc_pay_bands.csv     fy, band, min, max, confirmed, source, note
`confirmed = no` marks a figure not found in the sources (domain.md §1): an estimate or
a carried-forward value, shown as unconfirmed wherever it is used. `source` cites
domain.md's source list (S1 … S105), or names the §6 source.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from pcntui.domain.arrs_roles import Role
from pcntui.reference import shipped_text
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import iso_date, optional, parse_yes_no

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook


def _rows(name: str) -> list[dict[str, str]]:
    text = shipped_text(name)
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _yes(value: str) -> bool:
    return optional(parse_yes_no, value) is True


def _dec(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


def _fy(value: str) -> FinancialYear | None:
    return FinancialYear.parse(value) if value else None


def shipped_roles() -> tuple[Role, ...]:
    return tuple(
        Role(
            code=r["code"], name=r["name"],
            aliases=tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
            eligible_from=iso_date(r["eligible_from"]), eligible_to=iso_date(r["eligible_to"]),
            band_min=r["band_min"] or None, band_max=r["band_max"] or None,
            requires_supervisor=_yes(r["requires_supervisor"]), requires_registration=_yes(r["requires_registration"]),
            registration_body=r["registration_body"], requires_training_pathway=_yes(r["requires_training_pathway"]),
            training_pathway=r["training_pathway"], confirmed=_yes(r["confirmed"]), source=r["source"], note=r["note"],
            no_recent_employment_months=_int(r["no_recent_employment_months"]),
        )
        for r in _rows("arrs_roles.csv")
    )


@lru_cache(maxsize=1)
def shipped_rulebook() -> RuleBook:
    """The rule tables as shipped with this release (no user rows)."""
    from pcntui.domain.arrs_rules import CapRow, FundingRate, OncostRule, PayBand, RateRow, RuleBook

    rates = tuple(
        RateRow(
            role_code=r["role"], effective_from=iso_date(r["effective_from"]),
            annual_max=Decimal(r["annual_max"]), reimbursement_pct=Decimal(r["reimbursement_pct"]),
            inner_london_max=_dec(r["inner_london_max"]), outer_london_max=_dec(r["outer_london_max"]),
            confirmed=_yes(r["confirmed"]), source=r["source"], note=r["note"], band=r["band"],
        )
        for r in _rows("arrs_rates.csv")
    )
    caps = tuple(
        CapRow(
            role_code=r["role"], fy_from=_fy(r["fy_from"]), fy_to=_fy(r["fy_to"]),
            max_wte_under_100k=_dec(r["max_wte_under_100k"]), max_wte_100k_plus=_dec(r["max_wte_100k_plus"]),
            confirmed=_yes(r["confirmed"]), source=r["source"], note=r["note"],
        )
        for r in _rows("arrs_caps.csv")
    )
    funding = tuple(
        FundingRate(
            fy=_fy(r["fy"]), rate_per_patient=Decimal(r["rate_per_patient"]),
            population_date=iso_date(r["population_date"]), confirmed=_yes(r["confirmed"]),
            source=r["source"], note=r["note"], gp_rate_per_patient=_dec(r["gp_rate_per_patient"]),
        )
        for r in _rows("arrs_funding.csv")
    )
    oncosts = tuple(
        OncostRule(
            fy=_fy(r["fy"]), employer_ni_pct=Decimal(r["employer_ni_pct"]),
            ni_threshold_annual=Decimal(r["ni_threshold_annual"]), pension_pct=Decimal(r["pension_pct"]),
            confirmed=_yes(r["confirmed"]), source=r["source"], note=r["note"],
        )
        for r in _rows("employer_oncosts.csv")
    )
    bands = tuple(
        PayBand(fy=_fy(r["fy"]), band=r["band"], minimum=Decimal(r["min"]), maximum=Decimal(r["max"]),
                confirmed=_yes(r["confirmed"]), source=r["source"], note=r["note"])
        for r in _rows("afc_pay_bands.csv")
    )
    return RuleBook(roles=shipped_roles(), rates=rates, caps=caps, funding=funding, oncosts=oncosts, pay_bands=bands)

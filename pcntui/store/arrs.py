"""ARRS rule tables (shipped + the user's rows), entitlements, `import rates`, and the year view.

The TUI's entry point is `arrs_view(store, period)`: one bounded read, then pure
calculation, returning frozen dataclasses (safe to call from a worker thread).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.domain.text import counted
from pcntui.domain.arrs_alerts import ArrsAlert, arrs_alerts
from pcntui.domain.arrs_caps import RoleMix, role_mix
from pcntui.domain.arrs_roles import Role
from pcntui.domain.arrs_rules import CapRow, FundingRate, OncostRule, PayBand, RateRow, RuleBook, superseded_estimates
from pcntui.domain.entitlement import Entitlement, rate_confirmed
from pcntui.domain.parse import iso_date
from pcntui.domain.forecast import ArrsInputs, ArrsYear, WhatIf, arrs_year, what_if
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import from_pence, to_pence
from pcntui.domain.period import Period
from pcntui.domain.person_year import PersonYear
from pcntui.domain.progress import Progress
from pcntui.domain.staff import PlannedPost
from pcntui.errors import UserError
from pcntui.reference.arrs import shipped_rulebook
from pcntui.store import records
from pcntui.store.records import dec_text
from pcntui.store.bulk import save_many
from pcntui.store.db import Store
from pcntui.store.pcn import get_pcn, pcn_summary
from pcntui.store.tx import WriteReport

if TYPE_CHECKING:
    from pcntui.store.arrs_recalc import LastRecalculation


def _dec(text) -> Decimal | None:
    return None if text is None or text == "" else Decimal(str(text))


def _fy(text) -> FinancialYear | None:
    return FinancialYear.parse(text) if text else None


def _money(pence) -> Decimal | None:
    return None if pence is None else from_pence(pence)


# ---------------------------------------------------------------------- rule tables
def user_rulebook(store: Store) -> RuleBook:
    """Only the user's rows (additions and corrections)."""
    roles = tuple(
        Role(
            code=r["code"], name=r["name"], aliases=tuple(a for a in r["aliases"].split("|") if a.strip()),
            eligible_from=iso_date(r["eligible_from"]), eligible_to=iso_date(r["eligible_to"]),
            band_min=r["band_min"] or None, band_max=r["band_max"] or None,
            requires_supervisor=bool(r["requires_supervisor"]), requires_registration=bool(r["requires_registration"]),
            registration_body=r["registration_body"], requires_training_pathway=bool(r["requires_training_pathway"]),
            training_pathway=r["training_pathway"], confirmed=bool(r["confirmed"]), source=r["source"],
            note=r["note"], origin="user", rev=r["rev"], no_recent_employment_months=r["no_recent_employment_months"],
        )
        for r in store.query("SELECT * FROM arrs_role ORDER BY code")
    )
    rates = tuple(
        RateRow(
            role_code=r["role_code"], effective_from=date.fromisoformat(r["effective_from"]),
            annual_max=from_pence(r["annual_max_pence"]), reimbursement_pct=Decimal(r["reimbursement_pct"]),
            inner_london_max=_money(r["inner_london_max_pence"]), outer_london_max=_money(r["outer_london_max_pence"]),
            confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"],
            band=r["band"],
        )
        for r in store.query("SELECT * FROM arrs_rate ORDER BY role_code, band, effective_from")
    )
    caps = tuple(
        CapRow(
            role_code=r["role_code"], fy_from=_fy(r["fy_from"]), fy_to=_fy(r["fy_to"]),
            max_wte_under_100k=_dec(r["max_wte_under_100k"]), max_wte_100k_plus=_dec(r["max_wte_100k_plus"]),
            confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"],
        )
        for r in store.query("SELECT * FROM arrs_cap ORDER BY role_code, fy_from")
    )
    funding = tuple(
        FundingRate(
            fy=_fy(r["fy"]), rate_per_patient=Decimal(r["rate_per_patient"]),
            population_date=iso_date(r["population_date"]), confirmed=bool(r["confirmed"]),
            source=r["source"], note=r["note"], origin="user", rev=r["rev"],
            gp_rate_per_patient=_dec(r["gp_rate_per_patient"]),
        )
        for r in store.query("SELECT * FROM arrs_funding_rate ORDER BY fy")
    )
    oncosts = tuple(
        OncostRule(
            fy=_fy(r["fy"]), employer_ni_pct=Decimal(r["employer_ni_pct"]),
            ni_threshold_annual=from_pence(r["ni_threshold_pence"]), pension_pct=Decimal(r["pension_pct"]),
            confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"],
        )
        for r in store.query("SELECT * FROM employer_oncost_rate ORDER BY fy")
    )
    bands = tuple(
        PayBand(fy=_fy(r["fy"]), band=r["band"], minimum=from_pence(r["min_pence"]), maximum=from_pence(r["max_pence"]),
                confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"])
        for r in store.query("SELECT * FROM afc_pay_band ORDER BY fy, band")
    )
    return RuleBook(roles, rates, caps, funding, oncosts, bands)


def load_rulebook(store: Store) -> RuleBook:
    """The rule tables in force: shipped, with the user's rows merged over them."""
    return _merged(user_rulebook(store))


@lru_cache(maxsize=8)
def _merged(user: RuleBook) -> RuleBook:
    """The same user rows give the same rule book, lookups already made included (the roll-up's
    files, the TUI's reloads)."""
    return RuleBook.merge(shipped_rulebook(), user)


RATE_KEY = ("role_code", "band", "effective_from")


def rate_values(row: RateRow, source: str) -> dict:
    return {
        "role_code": row.role_code,
        "band": row.band,
        "effective_from": row.effective_from.isoformat(),
        "annual_max_pence": to_pence(row.annual_max),
        "inner_london_max_pence": None if row.inner_london_max is None else to_pence(row.inner_london_max),
        "outer_london_max_pence": None if row.outer_london_max is None else to_pence(row.outer_london_max),
        "reimbursement_pct": dec_text(row.reimbursement_pct),
        "confirmed": 1 if row.confirmed else 0,
        "source": source,
        "note": row.note,
    }


def save_rate(store: Store, row: RateRow, *, expected_rev: int | None = None, source: str = "form") -> str:
    """Add or correct one maximum (a TUI form save): one action."""
    if store_rulebook_role(store, row.role_code) is None:
        raise UserError(f"'{row.role_code}' is not an ARRS role on record.")
    label = f"Save {_rate_label(row.role_code, row.band)} maximum from {row.effective_from.isoformat()}"
    with store.action(label) as tx:
        return records.save(tx.db, "arrs_rate", RATE_KEY, rate_values(row, source), expected_rev=expected_rev)


def _rate_label(role_code: str, band: str) -> str:
    return f"{role_code} band {band}" if band else role_code


def delete_rate(store: Store, role_code: str, effective_from: date, *, expected_rev: int | None = None,
                band: str = "") -> None:
    """Remove the user's row (a shipped row with the same key applies again)."""
    with store.action(f"Delete {_rate_label(role_code, band)} maximum from {effective_from.isoformat()}") as tx:
        records.delete(tx.db, "arrs_rate", RATE_KEY, (role_code, band, effective_from.isoformat()),
                       expected_rev=expected_rev)


def save_cap(store: Store, row: CapRow, *, expected_rev: int | None = None) -> str:
    values = {
        "role_code": row.role_code, "fy_from": row.fy_from.label, "fy_to": row.fy_to.label if row.fy_to else None,
        "max_wte_under_100k": dec_text(row.max_wte_under_100k), "max_wte_100k_plus": dec_text(row.max_wte_100k_plus),
        "confirmed": 1 if row.confirmed else 0, "source": row.source or "form", "note": row.note,
    }
    with store.action(f"Save {row.role_code} cap from {row.fy_from.label}") as tx:
        return records.save(tx.db, "arrs_cap", ("role_code", "fy_from"), values, expected_rev=expected_rev)


def delete_cap(store: Store, role_code: str, fy_from: FinancialYear, *, expected_rev: int | None = None) -> None:
    with store.action(f"Delete {role_code} cap from {fy_from.label}") as tx:
        records.delete(tx.db, "arrs_cap", ("role_code", "fy_from"), (role_code, fy_from.label), expected_rev=expected_rev)


def save_funding_rate(store: Store, row: FundingRate, *, expected_rev: int | None = None) -> str:
    values = {
        "fy": row.fy.label, "rate_per_patient": dec_text(row.rate_per_patient),
        "gp_rate_per_patient": dec_text(row.gp_rate_per_patient),
        "population_date": row.population_date.isoformat() if row.population_date else None,
        "confirmed": 1 if row.confirmed else 0, "source": row.source or "form", "note": row.note,
    }
    with store.action(f"Save {row.fy.label} rate per weighted patient") as tx:
        return records.save(tx.db, "arrs_funding_rate", "fy", values, expected_rev=expected_rev)


def save_oncost_rule(store: Store, row: OncostRule, *, expected_rev: int | None = None) -> str:
    values = {
        "fy": row.fy.label, "employer_ni_pct": dec_text(row.employer_ni_pct),
        "ni_threshold_pence": to_pence(row.ni_threshold_annual), "pension_pct": dec_text(row.pension_pct),
        "confirmed": 1 if row.confirmed else 0, "source": row.source or "form", "note": row.note,
    }
    with store.action(f"Save {row.fy.label} employer on-cost rules") as tx:
        return records.save(tx.db, "employer_oncost_rate", "fy", values, expected_rev=expected_rev)


def save_role(store: Store, role: Role, *, expected_rev: int | None = None) -> str:
    """Add a role (e.g. one agreed with the ICB) or correct a shipped one (same code)."""
    values = {
        "code": role.code, "name": role.name, "aliases": "|".join(role.aliases),
        "eligible_from": role.eligible_from.isoformat() if role.eligible_from else None,
        "eligible_to": role.eligible_to.isoformat() if role.eligible_to else None,
        "band_min": role.band_min, "band_max": role.band_max,
        "requires_supervisor": int(role.requires_supervisor), "requires_registration": int(role.requires_registration),
        "registration_body": role.registration_body, "requires_training_pathway": int(role.requires_training_pathway),
        "training_pathway": role.training_pathway, "confirmed": int(role.confirmed), "source": role.source or "form",
        "note": role.note, "no_recent_employment_months": role.no_recent_employment_months,
    }
    with store.action(f"Save ARRS role {role.code}") as tx:
        return records.save(tx.db, "arrs_role", "code", values, expected_rev=expected_rev)


def store_rulebook_role(store: Store, code: str) -> Role | None:
    return load_rulebook(store).role(code)


def import_rates(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                 **_: object) -> WriteReport:
    """`pcntui import rates FILE`: all rows checked first; one action; upsert on (role, band, effective_from)."""
    from pcntui.ingest.rates_csv import read_rates

    path = Path(path)
    rules = load_rulebook(store)
    mine = [RateRow(r.role, r.effective_from, r.annual_max, r.reimbursement_pct, r.inner_london_max, r.outer_london_max,
                    confirmed=True, note=r.note, band=r.band) for r in read_rates(path, rules)]
    report = WriteReport("rates")
    with store.action(f"Import rates from {path.name}", dry_run=dry_run) as tx:
        save_many(tx.db, "arrs_rate", RATE_KEY, [rate_values(row, path.name) for row in mine], report,
                  progress=progress)
    shipped = shipped_rulebook().rates
    replaced = {r.key for r in shipped} & {r.key for r in mine}
    aside = {r.role_code for r in superseded_estimates(shipped, mine)}
    notes = []
    if replaced:
        notes.append(f"{counted(len(replaced), 'row')} replace shipped figures with the same role, band and date.")
    if aside:
        notes.append("Shipped unconfirmed estimates from your rows' dates on set aside for: " + ", ".join(sorted(aside))
                     + ".")
    report.notes = notes or None
    return report


# ---------------------------------------------------------------------- entitlement
def _entitlement(r: dict) -> Entitlement:
    return Entitlement(FinancialYear.parse(r["fy"]), from_pence(r["amount_pence"]), r["weighted_population"],
                       _dec(r["rate_per_patient"]), r["note"], r["rev"],
                       gp_rate_per_patient=_dec(r["gp_rate_per_patient"]), gp_amount=_money(r["gp_amount_pence"]),
                       estimated=bool(r["estimated"]))


def entitlements(store: Store) -> list[Entitlement]:
    return [_entitlement(r) for r in store.query("SELECT * FROM arrs_entitlement ORDER BY fy")]


def get_entitlement(store: Store, fy: FinancialYear) -> Entitlement | None:
    rows = store.query("SELECT * FROM arrs_entitlement WHERE fy = ?", [fy.label])
    return _entitlement(rows[0]) if rows else None


def entitlement_values(ent: Entitlement) -> dict:
    return {
        "fy": ent.fy.label, "weighted_population": ent.weighted_population,
        "rate_per_patient": dec_text(ent.rate_per_patient), "amount_pence": to_pence(ent.amount), "note": ent.note,
        "gp_rate_per_patient": dec_text(ent.gp_rate_per_patient),
        "gp_amount_pence": None if ent.gp_amount is None else to_pence(ent.gp_amount),
        "estimated": 1 if ent.estimated else 0,
    }


def set_entitlement(store: Store, ent: Entitlement, *, expected_rev: int | None = None) -> str:
    with store.action(f"Set ARRS entitlement {ent.fy.label}") as tx:
        return records.save(tx.db, "arrs_entitlement", "fy", entitlement_values(ent), expected_rev=expected_rev)


# ---------------------------------------------------------------------- the year
def pcn_zone(store: Store) -> str:
    pcn = get_pcn(store)
    return pcn["london_zone"] if pcn else "national"


def pcn_list_size(store: Store) -> int | None:
    s = pcn_summary(store)
    return s.patients if s and s.patients else None


def load_inputs(store: Store) -> ArrsInputs:
    """Everything the ARRS figures need, in one read."""
    from pcntui.store.staff import list_planned, list_staff

    return ArrsInputs(
        rules=load_rulebook(store),
        staff=tuple(list_staff(store)),
        planned=tuple(list_planned(store)),
        entitlements=tuple(entitlements(store)),
        zone=pcn_zone(store),
        list_size=pcn_list_size(store),
    )


@dataclass(frozen=True)
class ArrsView:
    """The ARRS section for one year: figures, role mix against caps, alerts."""

    inputs: ArrsInputs
    year: ArrsYear
    mix: tuple[RoleMix, ...]
    alerts: tuple[ArrsAlert, ...]
    recalc: LastRecalculation | None = None  # asked for with arrs_view(..., recalculated=True)

    @cached_property
    def unconfirmed_roles(self) -> list[str]:
        """Roles whose staff-months this year use an unconfirmed maximum (every month read once:
        the text and the JSON both ask)."""
        codes = {p.role_code for p in self.year.people if p.unconfirmed} | {
            m.role_code for m in self.year.planned_months if m.arrs_funded and not m.reason and not m.rate_confirmed}
        return sorted(codes)

    @property
    def rate_confirmed(self) -> bool | None:
        """Does the entitlement rest on a confirmed rate per patient? (None: no entitlement or an amount entered)"""
        ent = self.year.entitlement
        return None if ent is None else rate_confirmed(ent.rate_per_patient, self.inputs.rules, ent.fy)

    @property
    def gp_rate_confirmed(self) -> bool | None:
        ent = self.year.entitlement
        return None if ent is None else rate_confirmed(ent.gp_rate_per_patient, self.inputs.rules, ent.fy, gp=True)

    @cached_property
    def oncosts_confirmed(self) -> bool:
        """False when a staff-month's default on-cost comes from unconfirmed (or another year's) NI and pension rules."""
        fy = self.year.fy
        rule = self.inputs.rules.oncost_for(fy)
        if rule is not None and rule.confirmed and rule.fy == fy:
            return True
        return not any(p.oncost_default for p in self.year.people) and not any(
            m.oncost_default and m.arrs_funded for m in self.year.planned_months)


def view_of(inputs: ArrsInputs, fy: FinancialYear, as_of: date, people: tuple[PersonYear, ...] | None = None
            ) -> ArrsView:
    """Pure: the view from inputs already read (the TUI can re-run it for another year); `people`:
    the roster people's years kept from an earlier run (store/arrs_totals.py)."""
    year = arrs_year(inputs, fy, as_of, people)
    mix = role_mix(inputs.rules, inputs.staff, fy, as_of, inputs.list_size)
    return ArrsView(inputs, year, tuple(mix), tuple(arrs_alerts(inputs, year, mix)))


def arrs_view(store: Store, period: Period, *, recalculated: bool = False, kept: bool = False) -> ArrsView:
    """The year's view; `recalculated`: with what the latest ARRS change did to ended months
    (store/arrs_recalc.py: it rebuilds the state before that change, so only where it is shown);
    `kept`: from the people's years kept between runs, only the changed people's worked out again
    (store/arrs_totals.py: the status block's)."""
    from pcntui.store import arrs_totals

    held = arrs_totals.read(store, period) if kept else None  # (before the inputs)
    inputs = load_inputs(store)
    people = arrs_totals.people_of(store, held, inputs, period) if held else None
    view = view_of(inputs, period.fy, period.as_of, people)
    if held:
        arrs_totals.keep(store, held, view.year.people)
    if recalculated:
        from pcntui.store.arrs_recalc import last_recalculation

        view = replace(view, recalc=last_recalculation(store, view.inputs, view.year))
    return view


def what_if_post(store: Store, period: Period, post: PlannedPost) -> WhatIf:
    """The effect of a (not saved) planned post on the year's forecast and headroom."""
    return what_if(load_inputs(store), period.fy, period.as_of, post)

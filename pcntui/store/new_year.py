"""Start the next financial year: carry last year's settings into it, as one undoable action.

What is carried from the year before (`fy.previous()`):
- each SMR cohort target, as it was;
- the ARRS entitlement's basis: last year's weighted population (when one is on record) × the
  new year's rate per weighted patient. The population is an estimate until the year's own is
  published, so the row is marked `estimated` (and the rate is unconfirmed where the rule
  tables say so);
- each open DES requirement (not started or in progress) not already in the new year (same
  title), as the user's own requirement, due a year after its old date: an estimate, so its
  date is marked unconfirmed.
It refuses when the new year's rules (rate per weighted patient, employer on-costs) are not on
record, and, unless `force`, when the new year already has an entitlement or SMR targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.entitlement import Entitlement, make_entitlement
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.requirements import STATUSES
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.arrs import entitlement_values, get_entitlement, load_rulebook
from pcntui.store.db import Store
from pcntui.store.requirements import ensure_reference
from pcntui.store.smr import targets

OPEN = ("not_started", "in_progress")


@dataclass
class YearStart:
    """What starting `fy` did (or, in a dry run, would do), in sentences for both front ends."""

    fy: FinancialYear
    carried: list[str] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # carried/replaced: "targets", "entitlement", "requirements"

    def brief(self) -> list[str]:
        """A few lines for a confirmation dialog: counts, then every estimate."""
        def things(prefix: str) -> str:
            n, r = self.counts.get(prefix + "targets", 0), self.counts.get(prefix + "requirements", 0)
            parts = [f"{n} SMR target{'' if n == 1 else 's'}" if n else "",
                     "the ARRS entitlement" if self.counts.get(prefix + "entitlement") else "",
                     f"{r} open DES requirement{'' if r == 1 else 's'}" if r else ""]
            parts = [p for p in parts if p]
            return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)
        out = [f"Carries {things('') or 'nothing'}."]
        out.extend(f"Estimated: {e}" for e in self.estimated)
        if replaced := things("replaced_"):
            out.append(f"Replaces {self.fy.label}'s {replaced}.")
        return out

    def lines(self) -> list[str]:
        out = []
        for title, items in (("Carried", self.carried), ("Estimated (unconfirmed until you set them)", self.estimated),
                             ("Replaced", self.replaced), ("Not carried", self.not_carried)):
            if items:
                out.append(f"{title}:")
                out.extend(f"  {item}" for item in items)
        return out


def missing_rules(rules: RuleBook, fy: FinancialYear) -> list[str]:
    """The rule tables `fy` needs that are neither shipped nor the user's."""
    missing = []
    if rules.funding_for(fy) is None:
        missing.append("the ARRS rate per weighted patient")
    if not any(o.fy == fy for o in rules.oncosts):
        missing.append("the employer on-cost rates (NI and pension)")
    return missing


def _ent_text(ent: Entitlement) -> str:
    return f"ARRS entitlement {gbp(ent.amount)} ({ent.basis})"


def existing_settings(reader, fy: FinancialYear) -> list[str]:
    """What `fy` holds already that starting it would replace."""
    found = []
    if (ent := get_entitlement(reader, fy)) is not None:
        found.append(_ent_text(ent))
    if n := len(targets(reader, fy)):
        found.append(f"{n} SMR target{'' if n == 1 else 's'}")
    return found


def _a_year_on(day: date | None) -> date | None:
    if day is None:
        return None
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _targets(tx, prev: FinancialYear, fy: FinancialYear, done: YearStart) -> None:
    names = {r["code"]: r["name"] for r in tx.query("SELECT code, name FROM smr_cohort")}
    have, carried, replaced = targets(tx, fy), [], []
    for code, target in sorted(targets(tx, prev).items(), key=lambda kv: names.get(kv[0], kv[0])):
        name = names.get(code, code)
        if code in have and have[code] != target:
            replaced.append(f"{name} {have[code].label} (now {target.label})")
        records.save(tx.db, "smr_target", ("cohort_code", "fy"),
                     {"cohort_code": code, "fy": fy.label, "kind": target.kind, "value": float(target.value)})
        carried.append(f"{name} {target.label}")
    done.counts.update(targets=len(carried), replaced_targets=len(replaced))
    if carried:
        done.carried.append(f"SMR targets ({len(carried)}): {', '.join(carried)}.")
    else:
        done.not_carried.append(f"SMR targets: {prev.label} has none.")
    if replaced:
        done.replaced.append(f"SMR targets ({len(replaced)}): {', '.join(replaced)}.")


def _entitlement(tx, rules: RuleBook, prev: FinancialYear, fy: FinancialYear, done: YearStart) -> None:
    before = get_entitlement(tx, prev)
    if before is None or before.weighted_population is None:
        done.not_carried.append(f"ARRS entitlement: {prev.label} has no weighted population on record; set {fy.label}'s "
                                f"with 'pcntui arrs entitlement --fy {fy.label} --weighted-population N'.")
        return
    ent = make_entitlement(fy, weighted_population=before.weighted_population, rules=rules,
                           note=f"Estimated by 'year start' from the {prev.label} weighted population.")
    ent = replace(ent, estimated=True)
    if (now := get_entitlement(tx, fy)) is not None:
        done.replaced.append(_ent_text(now))
        done.counts["replaced_entitlement"] = 1
    done.counts["entitlement"] = 1
    records.save(tx.db, "arrs_entitlement", "fy", entitlement_values(ent))
    funding = rules.funding_for(fy)
    rate = "" if funding is None or funding.confirmed else f"; the {fy.label} rate is itself unconfirmed"
    done.estimated.append(f"ARRS entitlement {fy.label} {gbp(ent.amount)}: {before.weighted_population:,} weighted "
                          f"patients (the {prev.label} figure) × £{ent.rate_per_patient}{rate}.")


def _requirements(tx, prev: FinancialYear, fy: FinancialYear, done: YearStart) -> None:
    ensure_reference(tx.db)
    there = {r["title"].casefold() for r in tx.query("SELECT title FROM des_requirement WHERE fy = ?", [fy.label])}
    dated, before = 0, len(there)
    for r in tx.query("SELECT * FROM des_requirement WHERE fy = ? AND status IN (?, ?) ORDER BY due_on, title",
                      [prev.label, *OPEN]):
        if r["title"].casefold() in there:
            done.not_carried.append(f"DES requirement '{r['title']}': {fy.label} has it already.")
            continue
        due = _a_year_on(date.fromisoformat(r["due_on"]) if r["due_on"] else None)
        tx.db["des_requirement"].insert({
            "fy": fy.label, "area": r["area"], "title": r["title"], "detail": r["detail"],
            "due_on": due.isoformat() if due else None, "due_confirmed": 0 if due else 1, "owner": r["owner"],
            "status": r["status"], "evidence": r["evidence"], "origin": "user",
            "source": f"carried over from {prev.label} (requirement {r['id']})"})
        there.add(r["title"].casefold())
        dated += due is not None
        when = f", due {due.isoformat()}" if due else ", no due date"
        done.carried.append(f"DES requirement '{r['title']}' ({STATUSES[r['status']].lower()}{when})")
    done.counts["requirements"] = len(there) - before
    if dated:
        done.estimated.append(f"Due dates of {dated} carried DES requirement{'' if dated == 1 else 's'}: a year after "
                              f"their {prev.label} dates (marked unconfirmed).")


def start_year(store: Store, fy: FinancialYear, *, force: bool = False, dry_run: bool = False) -> YearStart:
    """Carry the year before `fy` into `fy` (see the module docstring); one action."""
    prev = fy.previous()
    rules = load_rulebook(store)
    if missing := missing_rules(rules, fy):
        raise UserError(f"The {fy.label} rules are not shipped: {' and '.join(missing)} "
                        f"{'is' if len(missing) == 1 else 'are'} missing; load them first ('pcntui rules import FILE').")
    done = YearStart(fy)
    with store.action(f"Start {fy.label} from {prev.label}", dry_run=dry_run) as tx:
        if (have := existing_settings(tx, fy)) and not force:
            raise UserError(f"{fy.label} already has settings: {' and '.join(have)}; add --force to replace them.")
        _targets(tx, prev, fy, done)
        _entitlement(tx, rules, prev, fy, done)
        _requirements(tx, prev, fy, done)
    return done

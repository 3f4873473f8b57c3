"""Small builders for the ARRS tests (hand-worked figures live in the tests themselves)."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from pcntui.domain.arrs_rules import RateRow, RuleBook
from pcntui.domain.staff import StaffMember, Terms
from pcntui.reference.arrs import shipped_rulebook

D = Decimal


def rules_with(*rates: tuple[str, str, str, str]) -> RuleBook:
    """The shipped rule book with the given (role, effective_from, annual_max, pct) rows as the user's."""
    user = RuleBook(rates=tuple(RateRow(r, date.fromisoformat(f), D(m), D(p), origin="user") for r, f, m, p in rates))
    return RuleBook.merge(shipped_rulebook(), user)


def member(name="Asha Patel", role="CP", wte="1", start="2024-04-01", salary="48000", oncost="25", end=None,
           funded=True, changes=(), id=1, **extra) -> StaffMember:
    start_d = date.fromisoformat(start)
    terms = [Terms(start_d, D(wte), D(salary), None if oncost is None else D(oncost))]
    for when, w, s in changes:
        terms.append(Terms(date.fromisoformat(when), D(w), D(s), terms[-1].oncost_pct))
    return StaffMember(id=id, name=name, role_code=role, start_date=start_d,
                       end_date=date.fromisoformat(end) if end else None, terms=tuple(terms), arrs_funded=funded,
                       **extra)


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = False) -> Path:
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


STAFF_HEADER = ["name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded"]
RATES_HEADER = ["role", "effective_from", "annual_max", "reimbursement_pct"]


def read_csv_text(text: str) -> list[dict[str, str]]:
    import io

    return list(csv.DictReader(io.StringIO(text)))

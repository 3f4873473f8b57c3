"""The user's staff CSV (PRODUCT.md "Files"): parsed and checked whole, every problem named.

Columns (any case, any order; a UTF-8 BOM is fine):
  name, role, wte, start_date, end_date, fte_salary, oncost_pct, arrs_funded  — all present;
  end_date and oncost_pct may be blank (blank on-cost: the year's employer NI and pension rules)
  optional: practice, band, employer, supervisor, registration_number, registration_expiry,
            training_pathway, nwrs_id, note, reimbursement_pct (overrides the role's %: more than 0,
            at most 100), estimated (yes/no: salary and start date guessed), previously_employed_until
            (last day employed by the PCN or a member practice before this post: the 12-month rule)

One row is one spell of terms. Rows with the same name and role are one person's history
when each starts the day after the previous one ends, or the previous one has no end
date (its terms change from the later row's start): a change of WTE or salary. Rows that
overlap with explicit dates, or leave a gap, are separate posts or spells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from typing import Annotated

from pydantic import BaseModel

from pcntui.domain.arrs_roles import normalise_name
from pcntui.domain.arrs_rules import RuleBook, parse_reimbursement_pct
from pcntui.domain.parse import parse_yes_no
from pcntui.domain.staff import StaffMember, Terms, salary_warning
from pcntui.ingest import arrs_fields as f
from pcntui.inputs.arrs import WTE, Band, Oncost, Salary, Training
from pcntui.inputs.types import YesNo, parsed

STAFF_COLUMNS = ("name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded")
PERSON_FIELDS = ("practice", "band", "employer", "supervisor", "registration_number", "registration_expiry",
                 "training_pathway", "nwrs_id", "note", "reimbursement_pct", "previously_employed_until")
OPTIONAL_COLUMNS = (*PERSON_FIELDS, "estimated")
# the two optional columns whose sentences name them
Estimated = Annotated[bool, parsed(parse_yes_no, optional=True, blank=False, what="estimated")]
OwnPct = Annotated[Decimal | None, parsed(parse_reimbursement_pct, optional=True, what="reimbursement %")]


class StaffRow(BaseModel):
    """One validated row of a staff file."""

    row: int
    name: f.Name
    role: f.RoleCode
    wte: WTE
    start_date: f.Day
    end_date: f.OptDay = None
    fte_salary: Salary
    oncost_pct: Oncost = None
    arrs_funded: YesNo
    practice: str = ""
    band: Band = ""
    employer: str = ""
    supervisor: str = ""
    registration_number: str = ""
    registration_expiry: f.OptDay = None
    training_pathway: Training = ""
    nwrs_id: str = ""
    note: str = ""
    reimbursement_pct: OwnPct = None
    estimated: Estimated = False
    previously_employed_until: f.OptDay = None


@dataclass
class StaffFile:
    rows: list[StaffRow]
    members: list[StaffMember]
    warnings: list[str]


def read_staff(path: str | Path, rules: RuleBook) -> StaffFile:
    """Every row checked; ImportFileError naming every bad row and column, else the roster it describes."""
    path = Path(path)
    rows: list[StaffRow] = []
    problems: list[str] = []
    for number, parsed in f.checked_rows(path, StaffRow, STAFF_COLUMNS, OPTIONAL_COLUMNS, kind="staff",
                                         problems=problems, context={"rules": rules}):
        if parsed.end_date is not None and parsed.end_date < parsed.start_date:
            problems.append(f"row {number}, column end_date: {parsed.end_date.isoformat()} is before the "
                            f"start date {parsed.start_date.isoformat()}.")
            continue
        if parsed.previously_employed_until is not None and parsed.previously_employed_until >= parsed.start_date:
            problems.append(f"row {number}, column previously_employed_until: "
                            f"{parsed.previously_employed_until.isoformat()} must be before the start date "
                            f"{parsed.start_date.isoformat()}.")
            continue
        rows.append(parsed)
    f.refuse(path, problems, "staff")
    members = group_rows(rows)
    seen: dict[tuple[str, str, date], int] = {}
    for first_row, m in zip(_first_rows(rows), members):
        key = (normalise_name(m.name), m.role_code, m.start_date)
        if key in seen:
            problems.append(f"row {first_row}: {m.name}, {rules.role_name(m.role_code)}, starting "
                            f"{m.start_date.isoformat()} is also on row {seen[key]}; give one row per spell.")
        seen.setdefault(key, first_row)
    f.refuse(path, problems, "staff")
    warnings = _warnings(rows, rules)
    return StaffFile(rows, members, warnings)


def _first_rows(rows: list[StaffRow]) -> list[int]:
    """The file row each member of `group_rows(rows)` starts on (same order)."""
    return [row for row, _ in _chains(rows)]


def _same_person(a: StaffRow, b: StaffRow) -> bool:
    """Is `b` (starting later) a change of `a`'s terms rather than another post or spell?"""
    if a.arrs_funded != b.arrs_funded:
        return False
    if a.end_date is None:
        return b.start_date > a.start_date
    return b.start_date == a.end_date + timedelta(days=1)


def group_rows(rows: list[StaffRow]) -> list[StaffMember]:
    """Rows → staff members, joining a person's consecutive rows into effective-dated terms."""
    return [m for _, m in _chains(rows)]


def _chains(rows: list[StaffRow]) -> list[tuple[int, StaffMember]]:
    by_person: dict[tuple[str, str], list[StaffRow]] = {}
    for r in rows:
        by_person.setdefault((normalise_name(r.name), r.role), []).append(r)
    members: list[tuple[int, StaffMember]] = []
    for group in by_person.values():
        group.sort(key=lambda r: (r.start_date, r.row))
        chains: list[list[StaffRow]] = []
        for r in group:
            for chain in chains:
                if _same_person(chain[-1], r):
                    chain.append(r)
                    break
            else:
                chains.append([r])
        for chain in chains:
            members.append((chain[0].row, _member(chain)))
    return sorted(members, key=lambda pair: pair[0])


def _member(chain: list[StaffRow]) -> StaffMember:
    first, last = chain[0], chain[-1]
    terms = tuple(Terms(r.start_date, r.wte, r.fte_salary, r.oncost_pct) for r in chain)
    latest = {k: next((getattr(r, k) for r in reversed(chain) if getattr(r, k)), getattr(last, k))
              for k in PERSON_FIELDS}
    return StaffMember(
        id=None, name=first.name, role_code=first.role, start_date=first.start_date, end_date=last.end_date,
        terms=terms, arrs_funded=last.arrs_funded, estimated=any(r.estimated for r in chain), **latest,
    )


def _warnings(rows: list[StaffRow], rules: RuleBook) -> list[str]:
    out = []
    for r in rows:
        role = rules.role(r.role)
        if r.arrs_funded and role is not None and not role.eligible_on(r.start_date) and (
            r.end_date is None or not role.eligible_on(r.end_date)
        ):
            since = f" (eligible from {role.eligible_from.isoformat()})" if role.eligible_from else ""
            out.append(f"row {r.row}: {role.name} is not an ARRS role on {r.start_date.isoformat()}{since}; "
                       "months before it is eligible claim nothing.")
        w = salary_warning(rules, r.role, r.band, r.fte_salary, r.start_date)
        if w:
            out.append(f"row {r.row}: {w}")
        if role is not None and role.recently_employed(r.start_date, r.previously_employed_until):
            out.append(f"row {r.row}: {role.name} posts must not go to staff employed by the PCN or a member practice "
                       f"in the previous {role.no_recent_employment_months} months (employed until "
                       f"{r.previously_employed_until.isoformat()}).")
    return out

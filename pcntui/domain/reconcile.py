"""NWRS reconciliation: the FTE the national workforce record holds for the PCN vs the roster.

Role by role (NWRS role names mapped to ARRS roles), at the census date (the last day of
the census month): FTE and people of individual NWRS staff records, FTE and rows of the
pooled "NWRS contracted services" records (no individuals), and FTE and people on the
roster in post that day (ARRS-funded or not). difference = roster − (staff + contracted);
|difference| below 0.01 FTE counts as a match. NWRS roles that are not ARRS roles (clinical
directors, managers, receptionists …) are listed separately.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.staff import StaffMember

STAFF_SOURCE = "NWRS Staff"
CONTRACTED_SOURCE = "NWRS contracted services"
TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class NwrsLine:
    """One row of the NWRS PCN workforce file, for one PCN."""

    data_source: str
    staff_group: str
    staff_role: str
    detailed_staff_role: str
    fte: Decimal
    unique_identifier: str = ""

    @property
    def contracted(self) -> bool:
        return is_pooled(self.data_source, self.unique_identifier)


def is_pooled(data_source: str, unique_identifier: str) -> bool:
    """A contracted-services row, or one with no identifier: FTE pooled over several people."""
    return data_source.strip().lower() == CONTRACTED_SOURCE.lower() or not unique_identifier


def census_date(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class ReconLine:
    role_code: str | None  # None for an NWRS role that is not an ARRS role
    label: str
    nwrs_staff_fte: Decimal
    nwrs_staff_people: int
    nwrs_contracted_fte: Decimal
    nwrs_contracted_rows: int
    roster_fte: Decimal
    roster_people: int

    @property
    def nwrs_fte(self) -> Decimal:
        return self.nwrs_staff_fte + self.nwrs_contracted_fte

    @property
    def difference(self) -> Decimal:
        return self.roster_fte - self.nwrs_fte

    @property
    def difference_text(self) -> str:
        """The difference to 2 places, signed: `+0.20`, `-0.40`, and `0.00` for anything that rounds to
        nothing (never `-0.00`)."""
        d = self.difference.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{d:+.2f}" if d else "0.00"

    @property
    def status(self) -> str:
        if self.role_code is None:
            return "not ARRS"
        if abs(self.difference) < TOLERANCE:
            return "match"
        if self.roster_fte == 0:
            return "NWRS only"
        if self.nwrs_fte == 0:
            return "roster only"
        return "roster higher" if self.difference > 0 else "NWRS higher"


@dataclass(frozen=True)
class Reconciliation:
    pcn_code: str
    census: date
    lines: tuple[ReconLine, ...]  # ARRS roles
    other: tuple[ReconLine, ...]  # NWRS roles that are not ARRS roles
    left_out: tuple[str, ...] = ()  # sentences: stored records that could not be read (not counted)

    @property
    def differences(self) -> list[ReconLine]:
        return [line for line in self.lines if line.status != "match"]

    def totals(self) -> ReconLine:
        lines = self.lines
        return ReconLine(
            "TOTAL", "All ARRS roles",
            sum((x.nwrs_staff_fte for x in lines), Decimal(0)), sum(x.nwrs_staff_people for x in lines),
            sum((x.nwrs_contracted_fte for x in lines), Decimal(0)), sum(x.nwrs_contracted_rows for x in lines),
            sum((x.roster_fte for x in lines), Decimal(0)), sum(x.roster_people for x in lines),
        )


def reconcile(rules: RuleBook, pcn_code: str, census: date, nwrs: list[NwrsLine],
              staff: list[StaffMember] | tuple[StaffMember, ...], left_out: tuple[str, ...] = ()) -> Reconciliation:
    acc: dict[tuple[str | None, str], dict] = {}

    def slot(code: str | None, label: str) -> dict:
        return acc.setdefault((code, label), {"sf": Decimal(0), "sp": set(), "cf": Decimal(0), "cr": 0,
                                              "rf": Decimal(0), "rp": 0})

    for line in nwrs:
        role = rules.index.match_nwrs(line.detailed_staff_role, line.staff_role)
        code, label = (role.code, role.name) if role else (None, line.staff_role or line.detailed_staff_role)
        s = slot(code, label)
        if line.contracted:
            s["cf"] += line.fte
            s["cr"] += 1
        else:
            s["sf"] += line.fte
            s["sp"].add(line.unique_identifier)
    for member in staff:
        if not member.in_post_on(census):
            continue
        t = member.terms_on(census)
        s = slot(member.role_code, rules.role_name(member.role_code))
        s["rf"] += t.wte if t else Decimal(0)
        s["rp"] += 1
    order = {r.code: i for i, r in enumerate(rules.roles)}
    arrs, other = [], []
    for (code, label), s in sorted(acc.items(), key=lambda kv: (order.get(kv[0][0], 999), kv[0][1])):
        line = ReconLine(code, label, s["sf"], len(s["sp"]), s["cf"], s["cr"], s["rf"], s["rp"])
        (arrs if code is not None else other).append(line)
    return Reconciliation(pcn_code, census, tuple(arrs), tuple(other), left_out)

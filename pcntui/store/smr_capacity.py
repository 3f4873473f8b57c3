"""SMR capacity: the roster members who can deliver SMRs, their SMR share, and the
hours needed against the hours available (pcntui.domain.smr_capacity).

The ARRS roster belongs to the ARRS tables; this module only reads them, and only if they
exist (`staff`, with the WTE on the staff row or in an effective-dated terms table). The
share of each person's time given to SMRs is ours: `smr_capacity_share(staff_id,
share_pct)`; without a row, a prescribing role gets the `default_share_pct` setting and
anyone else 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pcntui.domain.parse import id_or_none
from pcntui.domain.period import Period
from pcntui.domain.smr_capacity import SMR_ROLES, Capacity, Clinician, can_deliver, capacity
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.tx import Tx
from pcntui.store.smr_settings import settings


@dataclass(frozen=True)
class RosterMember:
    """A member of staff as the SMR capacity counts them."""

    staff_id: int
    name: str
    role: str  # role name where known, else the code
    wte: float
    share_pct: float
    share_set: bool  # True when the user set the share; False = the default for the role
    can_deliver: bool  # a role that delivers SMRs by default

    def clinician(self) -> Clinician:
        return Clinician(self.name, self.role, self.wte, self.share_pct)


@dataclass(frozen=True)
class CapacityReport:
    """The SMR capacity and the staff it counts."""

    capacity: Capacity
    roster: list[RosterMember]  # everyone counted (share > 0), then others able to deliver
    roster_available: bool  # False when there is no staff table (yet)


def _columns(store: Store, table: str) -> set[str]:
    return {r["name"] for r in store.query(f"PRAGMA table_info({table})")}


def _tables(store: Store) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _role_names(store: Store, tables: set[str]) -> dict[str, str]:
    """Role code → name: the shipped ARRS roles if that module is there, then the user's
    corrections in arrs_role, else the names of the SMR roles."""
    names = dict(SMR_ROLES)
    try:
        from pcntui.reference.arrs import shipped_roles

        names.update({r.code: r.name for r in shipped_roles()})
    except (ImportError, AttributeError):  # the ARRS reference data is another module's; optional here
        pass
    if "arrs_role" in tables and {"code", "name"} <= _columns(store, "arrs_role"):
        names.update({r["code"]: r["name"] for r in store.query("SELECT code, name FROM arrs_role")})
    return names


def staff_on(store: Store, as_of: date) -> list[tuple[int, str, str, float]] | None:
    """(staff_id, name, role, wte) for everyone in post on `as_of`; None without a staff table.

    Reads whatever the ARRS tables hold: the role as `role_code` or `role`, the WTE on the
    staff row or in a terms table with (staff_id, effective_from, wte)."""
    tables = _tables(store)
    if "staff" not in tables:
        return None
    cols = _columns(store, "staff")
    if "name" not in cols:
        return None
    role_col = "role_code" if "role_code" in cols else "role" if "role" in cols else None
    day = as_of.isoformat()
    where = []
    if "start_date" in cols:
        where.append("(s.start_date IS NULL OR s.start_date <= :day)")
    if "end_date" in cols:
        where.append("(s.end_date IS NULL OR s.end_date = '' OR s.end_date >= :day)")
    terms = next((t for t in sorted(tables) if t in ("staff_terms", "staff_term")
                  and {"staff_id", "effective_from", "wte"} <= _columns(store, t)), None)
    if "wte" in cols:
        wte_expr = "s.wte"
    elif terms:
        wte_expr = (f"coalesce((SELECT t.wte FROM {terms} t WHERE t.staff_id = s.id AND t.effective_from <= :day "
                    f"ORDER BY t.effective_from DESC LIMIT 1), (SELECT t.wte FROM {terms} t WHERE t.staff_id = s.id "
                    "ORDER BY t.effective_from LIMIT 1))")
    else:
        return None
    sql = (f"SELECT s.id, s.name, {f's.{role_col}' if role_col else 'NULL'} AS role, {wte_expr} AS wte "
           "FROM staff s" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY s.name")
    names = _role_names(store, tables)
    out = []
    for r in store.query(sql, {"day": day}):
        role = r["role"] or ""
        out.append((r["id"], r["name"], names.get(role, role), float(r["wte"] or 0)))
    return out


def shares(store: Store) -> dict[int, float]:
    return {r["staff_id"]: r["share_pct"] for r in store.query("SELECT staff_id, share_pct FROM smr_capacity_share")}


def roster(store: Store, as_of: date) -> list[RosterMember] | None:
    """Everyone in post on `as_of` who can deliver SMRs or has an SMR share set; None when
    there is no staff table yet."""
    people = staff_on(store, as_of)
    if people is None:
        return None
    set_shares = shares(store)
    default = settings(store).default_share_pct
    out = []
    for staff_id, name, role, wte in people:
        able = can_deliver(role)
        if staff_id in set_shares:
            out.append(RosterMember(staff_id, name, role, wte, set_shares[staff_id], True, able))
        elif able:
            out.append(RosterMember(staff_id, name, role, wte, default, False, able))
    return sorted(out, key=lambda m: (-m.share_pct * m.wte, m.name))


def write_share(tx: Tx, staff_id: int, share_pct: Decimal | None) -> None:
    """Set (None: back to the role's default) the % of a roster member's time given to SMRs."""
    if share_pct is None:
        tx.execute("DELETE FROM smr_capacity_share WHERE staff_id = ?", [staff_id])
    else:
        records.save(tx.db, "smr_capacity_share", "staff_id", {"staff_id": staff_id, "share_pct": float(share_pct)})


def find_staff(store: Store, text: str, as_of: date) -> tuple[int, str]:
    """A staff member by id or (case-insensitive) name, for the CLI."""
    people = staff_on(store, as_of)
    if people is None:
        raise UserError("There is no staff roster in this database yet; add staff first (ARRS).")
    text = (text or "").strip()
    staff_id = id_or_none(text, "staff id")
    if staff_id is not None:
        hit = [p for p in people if p[0] == staff_id]
    else:
        hit = [p for p in people if p[1].casefold() == text.casefold()]
    if len(hit) != 1:
        known = ", ".join(f"{p[0]} {p[1]}" for p in people[:8])
        raise UserError(f"No single staff member in post matches '{text}' (in post: {known or 'nobody'}).")
    return hit[0][0], hit[0][1]


def capacity_report(store: Store, period: Period, reviews_needed: int | None = None) -> CapacityReport:
    """Hours per week needed to 31 March against the roster's SMR hours, as of the period.

    `reviews_needed` defaults to the sum over cohorts of the PCN's reviews still needed."""
    if reviews_needed is None:
        from pcntui.store.smr_progress import smr_overview

        reviews_needed = smr_overview(store, period).reviews_needed
    s = settings(store)
    day = min(max(period.as_of, period.fy.start), period.fy.end)
    members = roster(store, day)
    people = [m.clinician() for m in members or [] if m.share_pct > 0]
    result = capacity(reviews_needed, period.as_of, period.fy, people, minutes_per_review=s.minutes_per_review,
                      hours_per_wte=s.hours_per_wte)
    return CapacityReport(result, members or [], members is not None)

"""The roster read back: staff records with their dated terms, in few statements at any size.

Every uncached status reads the whole roster (two thousand people at 40 times a real PCN), so
rows come back as tuples, each distinct stored text is converted once, and the frozen
records are filled without their __init__.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import Pounds
from pcntui.domain.parse import iso_date
from pcntui.domain.staff import StaffMember, Terms
from pcntui.store.db import Store

MAX_ROWS = 5000  # a PCN roster is tens of people; this only bounds a runaway query

STAFF_FIELDS = ("id", "name", "role_code", "start_date", "end_date", "arrs_funded", "practice", "band", "employer",
                "supervisor", "registration_number", "registration_expiry", "training_pathway", "nwrs_id", "note", "rev",
                "reimbursement_pct", "estimated", "previously_employed_until")
TERMS_FIELDS = ("staff_id", "effective_from", "wte", "fte_salary_pence", "oncost_pct", "rev")


def _filled(cls, values: dict):
    """A frozen dataclass `cls` holding `values` (every one of its fields), made without its
    __init__, which sets each field through object.__setattr__: 8 µs a member of staff, so 16 ms
    of every uncached status for a roster of two thousand. Only for rows read back as stored."""
    made = object.__new__(cls)
    made.__dict__.update(values)
    return made


class _Reader:
    """Stored text → values, each distinct text converted once (most WTEs, salaries and on-costs recur)."""

    def __init__(self) -> None:
        self.decimals: dict[str, Decimal] = {}
        self.pounds = Pounds()

    def decimal(self, text: str | None) -> Decimal | None:
        if text is None:
            return None
        found = self.decimals.get(text)
        if found is None:
            found = self.decimals[text] = Decimal(text)
        return found

    def terms(self, rows: list[tuple]) -> tuple[Terms, ...]:
        """(staff_id, effective_from, wte, fte_salary_pence, oncost_pct, rev) rows, by effective_from."""
        return tuple(_filled(Terms, {"effective_from": date.fromisoformat(r[1]), "wte": self.decimal(r[2]),
                                     "fte_salary": self.pounds[r[3]], "oncost_pct": self.decimal(r[4]), "rev": r[5]})
                     for r in rows)

    def member(self, r: tuple, terms: list[tuple]) -> StaffMember:
        """A staff row (STAFF_FIELDS) and its terms rows."""
        return _filled(StaffMember, {
            "id": r[0], "name": r[1], "role_code": r[2], "start_date": date.fromisoformat(r[3]),
            "end_date": iso_date(r[4]), "terms": self.terms(terms), "arrs_funded": bool(r[5]), "practice": r[6],
            "band": r[7], "employer": r[8], "supervisor": r[9], "registration_number": r[10],
            "registration_expiry": iso_date(r[11]), "training_pathway": r[12], "nwrs_id": r[13], "note": r[14],
            "rev": r[15], "planned_post_id": None, "reimbursement_pct": self.decimal(r[16]), "estimated": bool(r[17]),
            "previously_employed_until": iso_date(r[18])})


def _tuples(reader, sql: str, params: list) -> list[tuple]:
    return [row for batch in reader.batches(sql, params, size=MAX_ROWS) for row in batch]


def list_staff(store: Store, *, fy: FinancialYear | None = None, search: str | None = None,
               limit: int = MAX_ROWS) -> list[StaffMember]:
    """The roster (everyone, or those in post at some time in `fy`), by name; `search` matches name/role/practice."""
    where, params = [], []
    if fy is not None:
        where.append("start_date <= ? AND (end_date IS NULL OR end_date >= ?)")
        params += [fy.end.isoformat(), fy.start.isoformat()]
    if search:
        where.append("(name LIKE ? OR role_code LIKE ? OR practice LIKE ? OR employer LIKE ?)")
        params += [f"%{search}%"] * 4
    matching = "SELECT {} FROM staff" + (" WHERE " + " AND ".join(where) if where else "")
    chosen = matching + " ORDER BY name COLLATE NOCASE, start_date, id LIMIT ?"
    rows = _tuples(store, chosen.format(", ".join(STAFF_FIELDS)), [*params, limit])
    if not rows:
        return []
    # Their terms in one statement however many staff, chosen the same way (all of them, or every
    # match, unless `limit` cut the list: then the same limit, which costs a second sort).
    which = (f" WHERE staff_id IN ({chosen.format('id')})", [*params, limit]) if len(rows) == limit else (
        f" WHERE staff_id IN ({matching.format('id')})" if where else "", params)
    terms: dict[int, list[tuple]] = {}
    for t in _tuples(store, f"SELECT {', '.join(TERMS_FIELDS)} FROM staff_terms{which[0]} "
                            "ORDER BY staff_id, effective_from", which[1]):
        terms.setdefault(t[0], []).append(t)
    read = _Reader()
    return [read.member(r, terms.get(r[0], [])) for r in rows]


def get_staff(store: Store, staff_id: int) -> StaffMember | None:
    rows = _tuples(store, f"SELECT {', '.join(STAFF_FIELDS)} FROM staff WHERE id = ?", [staff_id])
    if not rows:
        return None
    return _Reader().member(rows[0], _tuples(store, f"SELECT {', '.join(TERMS_FIELDS)} FROM staff_terms "
                                                    "WHERE staff_id = ? ORDER BY effective_from", [staff_id]))

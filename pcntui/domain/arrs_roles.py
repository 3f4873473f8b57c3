"""ARRS roles: who they are, when each is eligible, what each requires, and name matching.

Every import matches a role by its code, its canonical name or any alias (NWRS names,
plurals and common short forms), case-insensitively and ignoring punctuation, so
`Care Co-ordinators`, `care coordinator` and `CC` are the same role.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.parse import ParseError, shown

_JOINING_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Bands in Agenda for Change order, so "7" to "8a" can be compared.
BAND_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
TRAINING_STATUSES = ("not started", "enrolled", "completed", "not required")


def normalise_name(text: str) -> str:
    """`Care Co-ordinators` → `care coordinators`; `Health & Wellbeing` → `health and wellbeing`."""
    lowered = (text or "").strip().lower().replace("&", " and ")
    lowered = _JOINING_HYPHEN.sub("", lowered)
    return " ".join(_NOT_WORD.sub(" ", lowered).split())


def _variants(key: str) -> list[str]:
    """The key and its singular guesses (`pharmacists` → `pharmacist`, `coaches` → `coach`)."""
    out = [key]
    if key.endswith("es"):
        out.append(key[:-2])
    if key.endswith("s") and not key.endswith("ss"):
        out.append(key[:-1])
    return out


def band_index(band: str | None) -> int | None:
    value = (band or "").strip().lower().removeprefix("band").strip()
    return BAND_ORDER.index(value) if value in BAND_ORDER else None


def parse_band(text: str, what: str = "") -> str:
    """An Agenda for Change band, `7`, `8a`, `Band 6` or `AfC band 5`, as its short form; blank is ''."""
    raw = (text or "").strip()
    if not raw:
        return ""
    cleaned = re.sub(r"^(afc\s*)?band\s*", "", raw, flags=re.IGNORECASE).strip().lower()
    if band_index(cleaned) is None:
        raise ParseError(f"{what[:1].upper()}{what[1:]}: " * bool(what)
                         + f"'{shown(raw)}' is not an Agenda for Change band (2 to 9, e.g. 5, 7 or 8a).",
                         what=what, text=raw, expected="an Agenda for Change band")
    return cleaned


TRAINING_ALIASES = {"in progress": "enrolled", "on pathway": "enrolled", "complete": "completed", "done": "completed",
                    "n/a": "not required", "na": "not required", "none": "not started", "no": "not started"}


def parse_training(text: str, what: str = "") -> str:
    """A training pathway status, or one of its everyday words (`done`, `n/a`…); blank is ''."""
    raw = (text or "").strip().lower().replace("_", " ")
    raw = TRAINING_ALIASES.get(raw, raw)
    if raw and raw not in TRAINING_STATUSES:
        raise ParseError(f"'{shown(text.strip())}' is not a training pathway status ({', '.join(TRAINING_STATUSES)}).",
                         what=what, text=text, expected="a training pathway status")
    return raw


@dataclass(frozen=True)
class Role:
    """One ARRS role. `confirmed` refers to its eligibility dates; requirements are defaults."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    eligible_from: date | None = None
    eligible_to: date | None = None
    band_min: str | None = None
    band_max: str | None = None
    requires_supervisor: bool = False
    requires_registration: bool = False
    registration_body: str = ""
    requires_training_pathway: bool = False
    training_pathway: str = ""
    confirmed: bool = True
    source: str = ""
    note: str = ""
    origin: str = "shipped"  # 'shipped' (pcntui/reference) or 'user' (the database)
    rev: int | None = None
    # New posts must not go to people employed by the PCN or a member practice within this
    # many months before the start (General Practice Nurse, Consultant Nurse, HCSW: 12).
    no_recent_employment_months: int | None = None

    def recently_employed(self, start: date, previously_employed_until: date | None) -> bool:
        """Was the person employed by the PCN or a member practice within the role's window before `start`?"""
        months = self.no_recent_employment_months
        if not months or previously_employed_until is None:
            return False
        year, month = divmod(start.month - 1 - months, 12)
        first_month = date(start.year + year, month + 1, 1)
        window_start = first_month.replace(day=min(start.day, calendar.monthrange(first_month.year,
                                                                                   first_month.month)[1]))
        return previously_employed_until >= window_start

    def eligible_on(self, day: date) -> bool:
        if self.eligible_from is not None and day < self.eligible_from:
            return False
        return self.eligible_to is None or day <= self.eligible_to

    def names(self) -> Iterable[str]:
        yield self.code
        yield self.name
        yield from self.aliases

    @property
    def bands(self) -> str:
        if not self.band_min and not self.band_max:
            return ""
        if self.band_min == self.band_max:
            return self.band_max or ""
        if not self.band_min:
            return f"up to {self.band_max}"
        return f"{self.band_min}–{self.band_max}"


@dataclass(frozen=True)
class RoleIndex:
    """Look a role up by any of its names."""

    roles: tuple[Role, ...]
    _by_key: dict[str, Role] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Role] = {}
        for role in self.roles:
            for name in role.names():
                key = normalise_name(name)
                if key and key not in index:
                    index[key] = role
        # Codes and canonical names win over another role's alias.
        for role in self.roles:
            index[normalise_name(role.name)] = role
            index[normalise_name(role.code)] = role
        object.__setattr__(self, "_by_key", index)

    def match(self, text: str) -> Role | None:
        key = normalise_name(text)
        if not key:
            return None
        for variant in _variants(key):
            if variant in self._by_key:
                return self._by_key[variant]
        return None

    def match_nwrs(self, detailed_role: str, staff_role: str) -> Role | None:
        """The ARRS role of an NWRS record: its detailed role first, then its staff role.

        Any role marked `(Mental Health Practitioner…)` is deployed as an ARRS MHP.
        """
        for text in (detailed_role, staff_role):
            if "mental health practitioner" in normalise_name(text) and "(" in (text or ""):
                found = self.match("MHP")
                if found is not None:
                    return found
        return self.match(detailed_role) or self.match(staff_role)

    def duplicates(self) -> list[str]:
        """Names that two roles both claim (a broken rule table)."""
        seen: dict[str, str] = {}
        clashes = []
        for role in self.roles:
            for name in set(normalise_name(n) for n in role.names()):
                if name in seen and seen[name] != role.code:
                    clashes.append(f"'{name}' is a name of both {seen[name]} and {role.code}")
                seen.setdefault(name, role.code)
        return clashes

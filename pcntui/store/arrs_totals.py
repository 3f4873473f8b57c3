"""Each roster person's ARRS year in brief (domain/person_year.py), kept between runs.

The people's years are kept with the status blocks (store/status_cache.py, key `arrs people`)
for the year alone (`year_key`): a person's months depend on the year, the rules and the zone,
never on the as-of date (what is "to date" is added up at read time, person_year.year_sums),
so a status on any day of the year reads them; they are kept with the stamp of the tables a person's months are computed from (arrs_recalc.ARRS_TABLES:
staff, their terms, maxima, roles, on-cost rules, the London zone). When that stamp has moved
on, the audit says what changed since: if only staff and their terms, only the people those
changes touched are worked out again and everyone else's year is the one kept; a change to
any rule, a forget (it erases the history to read), or a kept set that is not the roster's
people now is worked out afresh. The kept part is read before the inputs, so the changes
since it cover everything between it and them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pcntui.domain.claimable import member_year
from pcntui.domain.forecast import ArrsInputs, person_of_member, roster
from pcntui.domain.period import Period
from pcntui.domain.person_year import PersonYear
from pcntui.store import audit, status_cache
from pcntui.store.arrs_recalc import ARRS_TABLES, staff_of_change
from pcntui.store.db import Store

KEY = "arrs people"


@dataclass
class KeptPeople:
    """The kept part as read (before the inputs), for one year."""

    period: str  # (the year's key)
    part: status_cache.Part
    current: bool = False  # the people's years came from the kept part unchanged


def read(store: Store, period: Period) -> KeptPeople:
    """The kept people's years for `period`'s year (whatever its as-of date): call before reading
    the inputs."""
    key = status_cache.year_key(period.fy.label)  # (a person's months do not depend on the as-of date)
    return KeptPeople(key, status_cache.part(store, KEY, key, ARRS_TABLES))


def changed_since(store: Store, stamp: str) -> set[int] | None:
    """The staff ids whose rows in staff or staff_terms an action after the one of `stamp` wrote
    (None: it wrote a rule too, or rows recorded as a run (store/runs.py), a forget came since, or
    `stamp`'s action is not the one on record)."""
    with store.lock:
        return audit.changed_keys(store.conn, stamp, ARRS_TABLES, staff_of_change)


def people_of(store: Store, kept: KeptPeople, inputs: ArrsInputs, period: Period) -> tuple[PersonYear, ...] | None:
    """The roster people's years for `inputs` from the kept ones, the changed people's worked out
    again (None: to be worked out afresh with the year)."""
    part, fy = kept.part, period.fy
    if part.kept is None:
        return None
    changed = set() if part.kept.stamp == part.stamp else changed_since(store, part.kept.stamp)
    if changed is None:
        return None
    people = {p.staff_id: p for p in map(PersonYear.of_list, json.loads(part.kept.data))}
    members = roster(inputs.staff, fy)
    for member in members:
        if member.id in changed:
            people[member.id] = person_of_member(member, fy, member_year(member, inputs.rules, fy, inputs.zone))
    ids = {m.id for m in members}
    for gone in (changed - ids) & people.keys():  # (left the year, or deleted)
        del people[gone]
    if people.keys() != ids:  # not the roster's people: work the year out afresh
        return None
    kept.current = not changed
    return tuple(people.values())


def keep(store: Store, kept: KeptPeople, people: tuple[PersonYear, ...]) -> None:
    """Keep the people's years worked out for the inputs read after `kept` (nothing if unchanged)."""
    if not kept.current:
        status_cache.keep(store, kept.part.version, KEY, kept.period, ARRS_TABLES,
                          json.dumps([p.as_list() for p in people], separators=(",", ":")))

"""The optional SMR worklist: paged reads, filtered counts, saves, bulk import, and the
counts it feeds into progress.

Reads never load the whole worklist: `worklist_page` uses keyset paging (WHERE key > last
key ORDER BY key LIMIT n) on an index, so page 2,000 costs what page 1 costs;
`worklist_count` counts with the same filters. Both are safe to call from a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from pcntui.domain import nhs_number
from pcntui.domain.fy import FinancialYear, month_last
from pcntui.domain.worklist import FIELDS, INVITED_OR_LATER, STATUSES, WorklistEntry, WorklistFilter
from pcntui.store import derived, records
from pcntui.store.db import Store
from pcntui.store.tx import Reader, Tx

if TYPE_CHECKING:  # the progress rules load only where progress is worked out (not for an export)
    from pcntui.domain.smr_progress import Snapshot

TABLES = ("smr_worklist", "smr_worklist_cohort")  # the worklist: its patients and their cohorts

PAGE_SIZE = 100
DATE_FIELDS = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
KEY_FIELDS = ("practice_code", "reference")  # matched case-insensitively; never rewritten by an import
_FOLLOW_UP_KEY = "coalesce(w.follow_up_due, '9999-12-31')"  # matches index smr_worklist_follow_up

Key = tuple  # the sort key of a row: (practice_code, reference) or (follow-up date, id)


@dataclass(frozen=True)
class WorklistPage:
    entries: list[WorklistEntry]
    next_key: Key | None  # pass as after_key for the next page; None = this is the last page

    @property
    def has_more(self) -> bool:
        return self.next_key is not None


# Every value a leading index column holds: the practices on the worklist, one index seek each (SQLite skips
# through an index only with ANALYZE's figures, which a PCN's file does not hold); the statuses (the table's CHECK).
_EVERY = {
    "practice_code": "w.practice_code IN (SELECT code FROM (WITH RECURSIVE p(code) AS (SELECT min(practice_code) "
                     "FROM smr_worklist UNION ALL SELECT (SELECT min(practice_code) FROM smr_worklist WHERE "
                     "practice_code > p.code) FROM p WHERE p.code IS NOT NULL) SELECT code FROM p WHERE code IS NOT NULL))",
    "status": f"w.status IN ({', '.join(repr(s) for s in STATUSES)})",
}


def _where(f: WorklistFilter, *, ranged: tuple[str, ...] = ()) -> tuple[list[str], list]:
    """The WHERE terms for `f`; `ranged` (an index's leading columns before the reference: practice_code, or
    status and practice_code): a search by reference alone reads that index's range of references for each
    value they hold (a count: the rows that match, not every row)."""
    where, params = [], []
    if f.practice_code:
        where.append("w.practice_code = ?")
        params.append(f.practice_code.strip().upper())
    if f.cohort_code:
        where.append("EXISTS (SELECT 1 FROM smr_worklist_cohort c WHERE c.worklist_id = w.id AND c.cohort_code = ?)")
        params.append(f.cohort_code)
    if f.statuses:
        where.append(f"w.status IN ({', '.join('?' * len(f.statuses))})")
        params.extend(f.statuses)
    if f.reviewer:
        where.append("w.reviewer = ? COLLATE NOCASE")
        params.append(f.reviewer.strip())
    if f.follow_up_before:
        where.append("w.follow_up_due < ?")
        params.append(f.follow_up_before.isoformat())
    text = (f.search or "").strip()
    if text:
        digits = nhs_number.clean(text)
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        if digits.isascii() and digits.isdigit():
            where.append("(w.reference LIKE ? ESCAPE '\\' OR w.nhs_number LIKE ? OR substr(w.nhs_number, 7) = ?)")
            params.extend([escaped + "%", digits + "%", digits])
        else:
            where.append("w.reference LIKE ? ESCAPE '\\'")
            params.append(escaped + "%")
            if ranged and not (f.practice_code or f.reviewer or f.follow_up_before):  # (else read row by row)
                where[:0] = [_EVERY[column] for column in ranged]  # true of every row
    return where, params


def _order(sort: str) -> tuple[str, str]:
    """(key expression as a row value, ORDER BY clause)."""
    if sort == "follow_up":
        return f"({_FOLLOW_UP_KEY}, w.id)", f"{_FOLLOW_UP_KEY}, w.id"
    return "(w.practice_code, w.reference)", "w.practice_code, w.reference"


def _key_of(entry: WorklistEntry, sort: str) -> Key:
    if sort == "follow_up":
        return (entry.follow_up_due.isoformat() if entry.follow_up_due else "9999-12-31", entry.id)
    return (entry.practice_code, entry.reference)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _entry(row: dict) -> WorklistEntry:
    """A row of smr_worklist as an entry (its cohorts: the row's own column, kept from its links)."""
    data = {k: row[k] for k in FIELDS}
    for k in DATE_FIELDS:
        data[k] = _date(row[k])
    cohorts = tuple(row["cohorts"].split(";")) if row["cohorts"] else ()
    return WorklistEntry(id=row["id"], cohorts=cohorts, rev=row["rev"], **data)


def worklist_page(store: Store, filters: WorklistFilter | None = None, after_key: Key | None = None,
                  limit: int = PAGE_SIZE) -> WorklistPage:
    """Up to `limit` entries after `after_key` in the filter's sort order (keyset paging)."""
    f = filters or WorklistFilter()
    where, params = _where(f)
    key_expr, order = _order(f.sort)
    if after_key is not None:
        where.append(f"{key_expr} > ({', '.join('?' * len(after_key))})")
        params.extend(after_key)
    sql = "SELECT w.* FROM smr_worklist w" + (" WHERE " + " AND ".join(where) if where else "") + \
        f" ORDER BY {order} LIMIT ?"
    rows = store.query(sql, [*params, limit + 1])
    more = len(rows) > limit
    entries = list(map(_entry, rows[:limit]))
    return WorklistPage(entries, _key_of(entries[-1], f.sort) if more and entries else None)


# A patient as `export smr-worklist` writes one (views/smr/worklist.py), read by one query from the
# row alone: the NHS number masked (by SQLite, as `nhs_number.display` masks it), its cohorts as the
# row keeps them (codes in code order, ';' between: store/derived.py), dates as stored (ISO text).
ROW_FIELDS = ("practice_code", "reference", "nhs_number_masked", "cohorts", "status", *DATE_FIELDS[:4], "reviewer",
              "meds_stopped", "meds_changed", "meds_started", "follow_up_due", "note")
_ROW_SQL = {"nhs_number_masked": nhs_number.masked_sql("w.nhs_number")}


def worklist_rows(reader: Reader, filters: WorklistFilter | None = None, size: int = 2000) -> Iterator[list[tuple]]:
    """Every entry under the filters in the order of `worklist_page`, as tuples of ROW_FIELDS,
    `size` at a time from one query (never all in memory)."""
    f = filters or WorklistFilter()
    where, params = _where(f)
    _, order = _order(f.sort)
    columns = ", ".join(_ROW_SQL.get(name, f"w.{name}") for name in ROW_FIELDS)
    sql = f"SELECT {columns} FROM smr_worklist w" + (" WHERE " + " AND ".join(where) if where else "") + \
        f" ORDER BY {order}"
    return reader.batches(sql, params, size)


def worklist_page_at(store: Store, filters: WorklistFilter | None = None, offset: int = 0,
                     limit: int = PAGE_SIZE) -> list[WorklistEntry]:
    """A page by position (for a scrollbar jump); costs O(offset) on the index, so prefer
    `worklist_page` for scrolling."""
    f = filters or WorklistFilter()
    where, params = _where(f)
    _, order = _order(f.sort)
    sql = "SELECT w.* FROM smr_worklist w" + (" WHERE " + " AND ".join(where) if where else "") + \
        f" ORDER BY {order} LIMIT ? OFFSET ?"
    return list(map(_entry, store.query(sql, [*params, limit, max(offset, 0)])))


def worklist_count(store: Store, filters: WorklistFilter | None = None) -> int:
    """The rows under `filters`. A search by reference alone (the worklist's `/` as it is typed) is counted
    on each practice's run of the (practice_code, reference) index from the search's start: the rows
    that match, not every row (a full scan was most of a keystroke at 100,000 rows)."""
    where, params = _where(filters or WorklistFilter(), ranged=("practice_code",))
    sql = "SELECT count(*) FROM smr_worklist w" + (" WHERE " + " AND ".join(where) if where else "")
    return store.scalar(sql, params)


def status_counts(store: Store, filters: WorklistFilter | None = None) -> dict[str, int]:
    """Entries per status under the filters (status filter ignored), for the view's header (a search by
    reference: read on the (status, practice_code, reference) index's ranges, as `worklist_count`)."""
    f = replace(filters or WorklistFilter(), statuses=())
    where, params = _where(f, ranged=("status", "practice_code"))
    sql = "SELECT w.status, count(*) AS n FROM smr_worklist w" + \
        (" WHERE " + " AND ".join(where) if where else "") + " GROUP BY w.status"
    return {r["status"]: r["n"] for r in store.query(sql, params)}


def get_entry(store: Store, entry_id: int) -> WorklistEntry | None:
    rows = store.query("SELECT * FROM smr_worklist WHERE id = ?", [entry_id])
    return _entry(rows[0]) if rows else None


def entry_by_reference(reader: Reader, practice_code: str, reference: str) -> WorklistEntry | None:
    """The patient a practice knows by `reference` (matched case-insensitively)."""
    rows = reader.query("SELECT * FROM smr_worklist WHERE practice_code = ? AND reference = ? COLLATE NOCASE",
                        [practice_code.strip().upper(), reference.strip()])
    return _entry(rows[0]) if rows else None


def has_worklist(store: Store) -> bool:
    return store.scalar("SELECT 1 FROM smr_worklist LIMIT 1") is not None


# ---------------------------------------------------------------------- writing
@lru_cache(maxsize=4096)
def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def row_values(entry: WorklistEntry) -> tuple:
    """The entry's columns as stored, in FIELDS order."""
    return (entry.practice_code.strip().upper(), entry.reference.strip(),
            nhs_number.clean(entry.nhs_number) if entry.nhs_number else None, entry.status,
            _iso(entry.identified_on), _iso(entry.invited_on), _iso(entry.booked_on), _iso(entry.reviewed_on),
            entry.reviewer, entry.meds_stopped, entry.meds_changed, entry.meds_started, _iso(entry.follow_up_due),
            entry.note)


def _values(entry: WorklistEntry) -> dict:
    return dict(zip(FIELDS, row_values(entry)))


def _set_cohorts(db, entry_id: int, codes: tuple[str, ...]) -> None:
    """The entry's links become `codes`, and its cohorts column with them."""
    have = {r[0] for r in db.execute("SELECT cohort_code FROM smr_worklist_cohort WHERE worklist_id = ?",
                                     [entry_id]).fetchall()}
    want = set(codes)
    for code in have - want:
        db.execute("DELETE FROM smr_worklist_cohort WHERE worklist_id = ? AND cohort_code = ?", [entry_id, code])
    for code in sorted(want - have):
        db.execute("INSERT INTO smr_worklist_cohort(worklist_id, cohort_code) VALUES (?, ?)", [entry_id, code])
    derived.refresh(db.conn, [entry_id])


def reference_taken(reader: Reader, practice_code: str, reference: str, entry_id: int | None) -> bool:
    """Another entry of the practice has this reference (matched case-insensitively)."""
    return reader.scalar("SELECT id FROM smr_worklist WHERE practice_code = ? AND reference = ? AND id IS NOT ?",
                         [practice_code.strip().upper(), reference.strip(), entry_id]) is not None


def write_entry(tx: Tx, entry: WorklistEntry) -> int:
    """Add (id None) or update a checked entry (cohorts as codes) inside the caller's action; its id."""
    from pcntui.store.smr import ensure_reference  # the rule tables (pydantic): only writes load them

    values = _values(entry)
    ensure_reference(tx.db)
    if entry.id is None:
        entry_id = tx.db["smr_worklist"].insert(values).last_pk
    else:
        records.save(tx.db, "smr_worklist", "id", {"id": entry.id, **values}, expected_rev=entry.rev)
        entry_id = entry.id
    _set_cohorts(tx.db, entry_id, entry.cohorts)
    return entry_id


def remove_entry(tx: Tx, entry_id: int, *, expected_rev: int | None = None) -> None:
    tx.db.execute("DELETE FROM smr_worklist_cohort WHERE worklist_id = ?", [entry_id])
    records.delete(tx.db, "smr_worklist", "id", entry_id, expected_rev=expected_rev)


# ---------------------------------------------------------------------- feeding progress
def snapshot_dates(fy: FinancialYear, as_of: date) -> list[date]:
    """Month ends of `fy` up to `as_of`, and `as_of` itself (within the year)."""
    end = min(as_of, fy.end)
    out = []
    for first in fy.months():
        month_end = month_last(first)
        if month_end <= end:
            out.append(month_end)
    if end >= fy.start and end not in out:
        out.append(end)
    return out


def worklist_snapshots(store: Store, fy: FinancialYear, as_of: date,
                       pairs: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], list[Snapshot]]:
    """Year-to-date counts per (practice, cohort) derived from the worklist at each month end
    (rules: pcntui.domain.worklist). One pass over the cohorts' rows counts them per practice,
    cohort and, for each measure, the first snapshot date the row counts at (its bucket); the
    running totals at each date are summed here."""
    from pcntui.domain.smr_progress import Snapshot

    dates = snapshot_dates(fy, as_of)
    if not dates:
        return {}
    invited_in = ", ".join(f"'{s}'" for s in INVITED_OR_LATER)
    params: dict[str, str] = {"start": fy.start.isoformat(), **{f"d{i}": d.isoformat() for i, d in enumerate(dates)}}
    only = ""
    if pairs is not None:  # only the cohorts asked for: the cohort index keeps this off a full scan
        cohorts = sorted({k for _, k in pairs})
        if not cohorts:
            return {}
        params.update({f"k{i}": k for i, k in enumerate(cohorts)})
        only = f" WHERE c.cohort_code IN ({', '.join(f':k{i}' for i in range(len(cohorts)))})"

    def bucket(day: str) -> str:  # the index of the first snapshot date on or after `day` (NULL: none)
        return "CASE " + " ".join(f"WHEN {day} <= :d{i} THEN {i}" for i in range(len(dates))) + " END"

    measures = {
        "e": ("w.status != 'not_suitable'", "coalesce(w.identified_on, '')"),
        "i": (f"w.status IN ({invited_in})", "coalesce(w.invited_on, w.reviewed_on, '')"),
        "c": ("w.status = 'completed' AND (w.reviewed_on IS NULL OR w.reviewed_on >= :start)",
              "coalesce(w.reviewed_on, '')"),
        "d": ("w.status = 'declined'", "coalesce(w.invited_on, '')"),
    }
    columns = ", ".join(f"CASE WHEN {when} THEN {bucket(day)} END AS {m}" for m, (when, day) in measures.items())
    sql = (f"SELECT w.practice_code AS p, c.cohort_code AS k, {columns}, count(*) AS n "
           f"FROM smr_worklist_cohort c JOIN smr_worklist w ON w.id = c.worklist_id{only} GROUP BY 1, 2, 3, 4, 5, 6")
    counts: dict[tuple[str, str], dict[str, list[int]]] = {}
    for r in store.query(sql, params):
        key = (r["p"], r["k"])
        if pairs is None or key in pairs:
            per = counts.setdefault(key, {m: [0] * len(dates) for m in measures})
            for m in measures:
                if r[m] is not None:
                    per[m][r[m]] += r["n"]
    out: dict[tuple[str, str], list[Snapshot]] = {}
    for key, per in counts.items():
        running = {m: list(accumulate(per[m])) for m in measures}
        series = [Snapshot(d, running["e"][i], running["c"][i], running["i"][i], running["d"][i])
                  for i, d in enumerate(dates)]
        # month ends before anyone in the cohort was on the worklist are not data
        while series and series[0].eligible == 0 and series[0].completed == 0:
            series.pop(0)
        if series:
            out[key] = series
    return out

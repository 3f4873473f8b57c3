"""Monthly SMR counts per practice and cohort: import, one snapshot written or removed, history.

Every snapshot is kept (key: practice, cohort, as_of); importing the same key again
corrects it. More completed than eligible is refused (the counts form's rule); counts that
look wrong (a year-to-date count lower than the month before) are saved but reported as
warnings, and shown again in progress and status until corrected.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.domain.text import counted
from pcntui.domain import ods
from pcntui.domain.fy import FinancialYear
from pcntui.domain.progress import Progress
from pcntui.domain.smr_progress import Snapshot, count_warnings
from pcntui.errors import ImportFileError
from pcntui.store import records
from pcntui.store.bulk import save_many
from pcntui.store.db import Store
from pcntui.store.smr import cohort_index, ensure_reference
from pcntui.store.tx import Reader, Tx, WriteReport

if TYPE_CHECKING:
    from pcntui.ingest.smr_counts import CountRow

PK = ("practice_code", "cohort_code", "as_of")


def _snapshot(r: dict) -> Snapshot:
    return Snapshot(date.fromisoformat(r["as_of"]), r["eligible"], r["completed"], r["invited"], r["declined"])


def history(store: Store, cohort_code: str | None = None, practice_code: str | None = None,
            *, start: date | None = None, end: date | None = None) -> dict[tuple[str, str], list[Snapshot]]:
    """Snapshots by (practice, cohort), oldest first; optionally one cohort/practice and a date range."""
    where, params = [], []
    for column, value in (("cohort_code", cohort_code), ("practice_code", practice_code)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if start is not None:
        where.append("as_of >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("as_of <= ?")
        params.append(end.isoformat())
    sql = "SELECT * FROM smr_count" + (" WHERE " + " AND ".join(where) if where else "") + \
        " ORDER BY practice_code, cohort_code, as_of"
    out: dict[tuple[str, str], list[Snapshot]] = defaultdict(list)
    for r in store.query(sql, params):
        out[(r["practice_code"], r["cohort_code"])].append(_snapshot(r))
    return dict(out)


def counted_pairs(store: Store, fy: FinancialYear, as_of: date) -> set[tuple[str, str]]:
    """The (practice, cohort) pairs with a snapshot dated within `fy` and not after `as_of`."""
    end = min(fy.end, as_of).isoformat()
    return {(r["practice_code"], r["cohort_code"]) for r in store.query(
        "SELECT DISTINCT practice_code, cohort_code FROM smr_count WHERE as_of BETWEEN ? AND ?",
        [fy.start.isoformat(), end])}


def year_rows(reader: Reader, fy: FinancialYear) -> list[dict]:
    """Every snapshot of the year with its practice's and cohort's names, by cohort, practice, date."""
    return reader.query(
        "SELECT n.*, p.name AS practice_name, coalesce(c.name, n.cohort_code) AS cohort_name FROM smr_count n "
        "LEFT JOIN practice p ON p.code = n.practice_code LEFT JOIN smr_cohort c ON c.code = n.cohort_code "
        "WHERE n.as_of BETWEEN ? AND ? ORDER BY n.cohort_code, n.practice_code, n.as_of",
        [fy.start.isoformat(), fy.end.isoformat()])


def _values(practice: str, cohort: str, as_of: date, eligible: int, completed: int, invited: int | None,
            declined: int | None, source: str) -> dict:
    return {"practice_code": practice, "cohort_code": cohort, "as_of": as_of.isoformat(), "eligible": eligible,
            "invited": invited, "completed": completed, "declined": declined, "source": source}


def _warnings_for(existing: list[Snapshot], new: list[Snapshot]) -> list[tuple[date, str]]:
    """Warnings in the merged history that involve one of the new snapshots."""
    merged = {s.as_of: s for s in existing}
    merged.update({s.as_of: s for s in new})
    return [(w.as_of, w.message) for w in count_warnings(merged.values(), about={s.as_of for s in new})]


def count_row(reader: Reader, practice_code: str, cohort_code: str, as_of: date) -> dict | None:
    """The stored row (with its rev) of one practice, cohort and date."""
    rows = reader.query("SELECT * FROM smr_count WHERE practice_code = ? AND cohort_code = ? AND as_of = ?",
                        [practice_code, cohort_code, as_of.isoformat()])
    return rows[0] if rows else None


def write_count(tx: Tx, practice_code: str, cohort_code: str, snap: Snapshot, *, source: str = "form") -> str:
    """Save one practice's counts for one cohort on one date (checked already) inside the caller's action."""
    ensure_reference(tx.db)
    return records.save(tx.db, "smr_count", PK, _values(practice_code, cohort_code, snap.as_of, snap.eligible,
                                                      snap.completed, snap.invited, snap.declined, source))


def remove_count(tx: Tx, practice_code: str, cohort_code: str, as_of: date, *, expected_rev: int | None = None) -> None:
    records.delete(tx.db, "smr_count", PK, (practice_code, cohort_code, as_of.isoformat()), expected_rev=expected_rev)


def import_counts(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                  **_: object) -> WriteReport:
    """All or nothing: a file with any bad row changes nothing and names every bad row."""
    from pcntui.ingest.csvfile import row_number
    from pcntui.ingest.smr_counts import parse_counts  # (pydantic: loaded only to import)

    path = Path(path)
    parsed = parse_counts(path, progress=progress)
    problems = list(parsed.problems)
    index = cohort_index(store)
    practices = {r["code"] for r in store.query("SELECT code FROM practice")}
    codes: dict[int, str] = {}
    for number, practice, text in parsed.refs:  # good and bad rows alike
        if ods.is_practice_code(practice) and practice not in practices:
            problems.append(f"row {number}, column practice_code: {practice} is not one of this PCN's "
                            f"practices ({', '.join(sorted(practices)) or 'none set up'}).")
        cohort = index.find(text) if text else None
        if text and cohort is None:
            problems.append(f"row {number}, column cohort: '{text}' is not a known cohort (known: {index.known()}).")
        elif cohort is not None:
            codes[number] = cohort.code
    resolved: list[tuple[CountRow, str]] = [
        (row, codes[row.row]) for row in parsed.rows if row.practice_code in practices and row.row in codes
    ]
    seen: dict[tuple[str, str, date], int] = {}
    for row, code in resolved:  # two spellings of the same cohort on the same date
        key = (row.practice_code, code, row.as_of)
        if key in seen:
            problems.append(f"row {row.row}: the same practice, cohort and as_of as row {seen[key]}.")
        seen.setdefault(key, row.row)
    if problems:
        problems.sort(key=row_number)
        raise ImportFileError(f"{path.name} was not imported: {counted(len(problems), 'problem')}; nothing was changed.",
                              problems)

    report = WriteReport("SMR counts", notes=[])
    by_pair: dict[tuple[str, str], list[tuple[CountRow, Snapshot]]] = defaultdict(list)
    for row, code in resolved:
        by_pair[(row.practice_code, code)].append(
            (row, Snapshot(row.as_of, row.eligible, row.completed, row.invited, row.declined)))
    stored = history(store)
    names = {c.code: c.name for c in index.cohorts}
    for (practice, code), items in sorted(by_pair.items()):
        row_of = {s.as_of: r.row for r, s in items}
        for when, message in _warnings_for(stored.get((practice, code), []), [s for _, s in items]):
            report.notes.append(f"warning, row {row_of[when]}: {practice} {names[code]}: {message}.")
    with store.action(f"Import SMR counts from {path.name}", dry_run=dry_run) as tx:
        ensure_reference(tx.db)
        save_many(tx.db, "smr_count", PK, [_values(row.practice_code, code, row.as_of, row.eligible, row.completed,
                                                row.invited, row.declined, path.name) for row, code in resolved],
                  report, progress=progress)
    if report.notes:
        report.notes.insert(0, f"{counted(len(report.notes), 'warning')}: saved as given; check them with the practice.")
    return report


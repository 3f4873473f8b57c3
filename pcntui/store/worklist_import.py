"""`pcntui import smr-worklist`: a whole file as one action, all or nothing, written in bulk.

The file is read and checked first (every problem named, nothing held but each good row's
values), then saved by `executemany` in batches inside the one action: new patients get the
ids SQLite would give them one by one, and the audit trail records the added rows as runs of
rowids, one change per run instead of one holding each row (`audit.bulk_inserts`, store/runs.py),
so undo removes exactly what row-by-row saving would have. A file that more than doubles the
worklist is saved with the worklist's secondary indexes set aside and built again at the end
(`bulk.indexes_set_aside`). Rows match existing entries on (practice_code, reference) and change
only the columns present in the file; an update bumps `rev` only when a value or the entry's
cohorts differ.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import NamedTuple

from pcntui.domain.text import counted as plural
from pcntui.domain.progress import SAVING, Progress
from pcntui.domain.worklist import reference_key
from pcntui.errors import ImportFileError
from pcntui.ingest.worklist_csv import Chunk, Refused, WorklistFile
from pcntui.store import audit
from pcntui.store.bulk import collector_paused, indexes_set_aside
from pcntui.store.derived import joined
from pcntui.store.many import rows_insert
from pcntui.store.db import Store
from pcntui.store.smr import cohort_index, ensure_reference
from pcntui.store.tx import Tx, WriteReport
from pcntui.store.worklist import FIELDS, KEY_FIELDS

_IN = 500  # ids per `IN (…)` read of cohort links


class _Matcher:
    """Matches each row's practice and cohorts (good rows and bad alike) against the database."""

    def __init__(self, store: Store):
        self.index = cohort_index(store)
        self.practices = {r["code"] for r in store.query("SELECT code FROM practice")}
        self._codes = _Codes(self.index)

    def codes(self, chunk: Chunk) -> list[tuple[str, ...] | None]:
        """Each row's cohort codes (each once, in code order); None (and a problem named) for an
        unknown cohort. An unknown practice is a problem too."""
        problems = chunk.problems
        strangers = {p for p in set(chunk.practices) - self.practices if type(p) is str}  # a bad code is named already
        if strangers:
            for i, practice in enumerate(chunk.practices):
                if practice in strangers:
                    problems.setdefault(i, []).append(f"row {chunk.numbers[i]}, column practice_code: {practice} is "
                                                      "not one of this PCN's practices.")
        codes = list(map(self._codes.__getitem__, chunk.cohorts))
        if None in codes:
            for i, found in enumerate(codes):
                if found is None:
                    problems.setdefault(i, []).extend(
                        f"row {chunk.numbers[i]}, column cohort: '{text}' is not a known cohort (known: "
                        f"{self.index.known()})." for text in chunk.cohorts[i] if self.index.find(text) is None)
        return codes


class _Codes(dict):
    """The cohort codes of the cohorts as a row names them (each once, in code order), found the
    first time they are seen; None when one is unknown; none for a row whose cohort was not read."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __missing__(self, cohorts):
        if type(cohorts) is Refused:
            return ()
        found = [c.code if (c := self.index.find(text)) is not None else None for text in cohorts]
        codes = self[cohorts] = None if None in found else tuple(sorted(set(found)))
        return codes


class _Rows(NamedTuple):
    """A chunk's good rows to save: the entry each matches (None: a new one), its cohort codes
    and the values in `FIELDS` columns."""

    ids: list[int | None]
    codes: list[tuple[str, ...]]
    values: list[list]


def import_worklist(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                    **_: object) -> WriteReport:
    """All or nothing; rows are matched to existing entries on (practice_code, reference) and
    only the columns present in the file are changed."""
    with collector_paused():
        return _import(store, Path(path), dry_run, progress)


def _import(store: Store, path: Path, dry_run: bool, progress: Progress | None) -> WriteReport:
    matcher = _Matcher(store)
    seen = store.data_version()
    existing = _entries(store)
    problems: list[str] = []
    parts: list[_Rows] = []
    file = WorklistFile(path, progress=progress)
    for chunk in file:
        codes = matcher.codes(chunk)
        if chunk.problems:
            problems += [p for i in sorted(chunk.problems) for p in chunk.problems[i]]
            parts.clear()  # nothing will be saved
        elif not problems:
            parts.append(_Rows(list(map(existing.get, chunk.keys)), codes, chunk.values))
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {plural(len(problems), 'problem')}; nothing was changed.",
                              problems)
    present, rows = len(existing), sum(len(p.ids) for p in parts)
    del existing
    report = WriteReport("SMR worklist")
    with store.action(f"Import SMR worklist from {path.name}", dry_run=dry_run) as tx:
        if tx.scalar("PRAGMA data_version") != seen:  # another copy of pcntui saved while the file was read
            parts, present = _matched_again(tx, parts)
        adding = sum(part.ids.count(None) for part in parts)
        ensure_reference(tx.db)
        tables = ("smr_worklist", "smr_worklist_cohort")
        # more new rows than the worklist held: build its indexes once at the end (measured faster)
        aside = indexes_set_aside(tx.db.conn, *tables) if adding >= present else nullcontext()
        with audit.bulk_inserts(tx.db, *tables, as_runs=True) as inserted, aside:
            saver = _Saver(tx, report, [c for c in FIELDS if c in file.columns and c not in KEY_FIELDS], inserted)
            done = 0
            if progress is not None:
                progress(SAVING, done, rows)
            for part in parts:  # a chunk of the file each (STEP rows): progress hears of each
                saver.save(part)
                done += len(part.ids)
                if progress is not None:
                    progress(SAVING, done, rows)
    return report


def _entries(reader) -> dict[tuple[str, str], int]:
    """The worklist's entries by (practice, `reference_key`)."""
    return {(practice, reference_key(reference)): entry_id for batch in reader.batches(
        "SELECT id, practice_code, reference FROM smr_worklist", (), 10_000) for entry_id, practice, reference in batch}


def _matched_again(tx: Tx, parts: list[_Rows]) -> tuple[list[_Rows], int]:
    """The rows matched to the entries as they are now, in the action (nothing else can write):
    one added meanwhile is updated, not added twice; one removed meanwhile is added again."""
    existing = _entries(tx)
    return [part._replace(ids=list(map(existing.get, zip(part.values[0], map(reference_key, part.values[1])))))
            for part in parts], len(existing)


class _Saver:
    """Writes batches of rows: new entries with their cohorts, and updates of the file's columns
    with cohorts set to the file's (an entry whose cohorts change counts as updated, its `rev`
    bumped). Every row added gets its rowid from a count above the table's highest before the
    import (ids as SQLite would give them one by one): a cohort link removed could free the
    highest, and a row put there would be missed by the audit trail (`audit.bulk_inserts`)."""

    def __init__(self, tx: Tx, report: WriteReport, changing: list[str], inserted: audit.Inserted):
        self.tx, self.report, self.inserted = tx, report, inserted
        self.next_id = inserted.above["smr_worklist"] + 1
        self.next_link = inserted.above["smr_worklist_cohort"] + 1
        self.changing = [FIELDS.index(c) for c in changing]
        self.insert = rows_insert("smr_worklist", ("id", *FIELDS, "cohorts"))
        self.link = rows_insert("smr_worklist_cohort", ("rowid", "worklist_id", "cohort_code"))
        sets = "".join(f"{c} = ?, " for c in changing)
        self.update = (f"UPDATE smr_worklist SET {sets}rev = rev + 1 WHERE id = ? "
                       f"AND ({' OR '.join(f'{c} IS NOT ?' for c in changing)})") if changing else None
        self.update_always = f"UPDATE smr_worklist SET {sets}cohorts = ?, rev = rev + 1 WHERE id = ?"

    def save(self, part: _Rows) -> None:
        """A chunk's rows: the new ones added (column by column), then the others updated."""
        ids, values = part.ids, part.values
        fresh = ids.count(None)
        if fresh:
            at = range(len(ids)) if fresh == len(ids) else [i for i, entry_id in enumerate(ids) if entry_id is None]
            new_ids = range(self.next_id, self.next_id + fresh)
            self.next_id += fresh
            columns = values if fresh == len(ids) else [[column[i] for i in at] for column in values]
            self.insert(self.tx.db.conn, list(zip(new_ids, *columns, [joined(part.codes[i]) for i in at])))
            self.inserted.add("smr_worklist", fresh)
            self._link([(entry_id, code) for entry_id, i in zip(new_ids, at) for code in part.codes[i]])
            self.report.inserted += fresh
        if fresh < len(ids):
            rows = list(zip(*values))
            self._update([(entry_id, part.codes[i], rows[i]) for i, entry_id in enumerate(ids) if entry_id is not None])

    def _link(self, links: list[tuple[int, str]]) -> None:
        """Add cohort links (entry id, code), each with the next rowid."""
        first = self.next_link
        self.next_link += len(links)
        self.link(self.tx.db.conn, [(rowid, *link) for rowid, link in enumerate(links, first)])
        self.inserted.add("smr_worklist_cohort", len(links))

    def _update(self, rows: list[tuple]) -> None:
        if not rows:
            return
        conn = self.tx.db.conn
        have: dict[int, set[str]] = {}
        for start in range(0, len(rows), _IN):
            ids = [r[0] for r in rows[start:start + _IN]]
            for entry_id, code in conn.execute(
                    f"SELECT worklist_id, cohort_code FROM smr_worklist_cohort WHERE worklist_id IN "
                    f"({', '.join('?' * len(ids))})", ids):
                have.setdefault(entry_id, set()).add(code)
        gone, added, moved, kept = [], [], [], []
        for entry_id, codes, values in rows:
            now, want = have.get(entry_id, set()), set(codes)
            gone += [(entry_id, code) for code in now - want]
            added += [(entry_id, code) for code in sorted(want - now)]
            mine = [values[i] for i in self.changing]
            if now != want:
                moved.append((entry_id, [*mine, joined(codes)]))
            else:
                kept.append((entry_id, mine))
        changed = len(moved)
        if moved:
            conn.executemany(self.update_always, [(*mine, entry_id) for entry_id, mine in moved])
        if kept and self.update is not None:
            changed += conn.executemany(self.update, [(*mine, entry_id, *mine) for entry_id, mine in kept]).rowcount
        self.report.updated += changed
        self.report.unchanged += len(rows) - changed
        conn.executemany("DELETE FROM smr_worklist_cohort WHERE worklist_id = ? AND cohort_code = ?", gone)
        self._link(added)

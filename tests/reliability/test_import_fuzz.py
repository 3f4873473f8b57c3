"""A hypothesis fuzz of every import KIND (issue 8, item 11): hostile CSVs onto the demo.

Each example writes a CSV whose cells are mostly plausible, with a few replaced by hostile
text (non-ASCII digits, huge numbers, NaN, signs, separators, control characters, blanks,
dates out of range, wrong types), and imports it as `pcntui import KIND FILE` does. Either
the import succeeds, every value stored is within its bounds and the file still reads
(`pcntui status`), or it raises a UserError in sentences and the database is row-for-row
unchanged. Any other exception fails the test with the example that raised it. The files
and checks are tests/reliability/fuzz_files.py, which `benchmarks/trials.py --kinds
fuzz-import` also runs through the installed program.

Deterministic (the derandomized profile of tests/conftest.py); one database per kind,
copied afresh only after an import that changed it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from pcntui.catalog import import_kinds
from pcntui.errors import ImportFileError, UserError
from tests.reliability.fuzz_files import (
    EXPLICIT, GOOD, GOOD_ROW, OPTIONS, STRICT, check_readable, explicit, hostile_csv, must_refuse,
    stored_problems, write_csv,
)
from tests.reliability.trial_kit import file_print, row_print

EXAMPLES_PER_KIND = 48  # × 11 kinds = 528 examples


def check_sentences(exc: UserError) -> None:
    text = str(exc)
    assert text.strip() and "Traceback" not in text
    assert text.splitlines()[0].rstrip().endswith("."), text
    if isinstance(exc, ImportFileError):
        assert all(p.rstrip().endswith(".") for p in exc.problems), exc.problems


# ---------------------------------------------------------------------------- the runs
class Runner:
    """One database per kind: imports into it; a refused import must leave it as it was."""

    def __init__(self, base: Path, folder: Path, kind: str) -> None:
        from pcntui.catalog import import_kind, resolve

        self.base, self.kind, self.importer = base, kind, resolve(import_kind(kind).target)
        self.db, self.csv = folder / f"{kind}.db", folder / f"{kind}.csv"
        self.base_print = row_print(base)
        self.store = None
        self.accepted = self.refused = 0
        self._fresh()

    def _fresh(self) -> None:
        from pcntui.store import open_store

        if self.store is not None:
            self.store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.db}{suffix}").unlink(missing_ok=True)
        shutil.copy2(self.base, self.db)
        self.store = open_store(self.db)
        self.bytes = file_print(self.db)

    def unchanged(self) -> bool:
        """The same bytes (file and WAL) are the same rows; otherwise compare the rows."""
        return file_print(self.db) == self.bytes or row_print(self.db) == self.base_print

    def run(self, rows: list[list[str]], hostile: set[tuple[int, str]]) -> None:
        write_csv(self.csv, rows)
        try:
            self.importer(self.store, self.csv, dry_run=False, **OPTIONS.get(self.kind, {}))
        except UserError as exc:
            check_sentences(exc)
            assert self.unchanged(), f"a refused {self.kind} import changed the database"
            self.refused += 1
            return
        self.accepted += 1
        assert not must_refuse(self.kind, rows, hostile), f"a {self.kind} import accepted nonsense"
        assert stored_problems(self.db) == []
        check_readable(self.store)
        self._fresh()

    def close(self) -> None:
        self.store.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory, demo_template) -> Path:
    path = tmp_path_factory.mktemp("fuzz-base") / "demo.db"
    shutil.copy2(demo_template, path)
    return path


def test_every_import_kind_has_a_fuzz():
    assert set(GOOD) == {k.kind for k in import_kinds()} == set(EXPLICIT) == set(STRICT) == set(GOOD_ROW)


@pytest.mark.parametrize("kind", sorted(k.kind for k in import_kinds()))
def test_hostile_files_are_imported_within_bounds_or_refused_whole(kind, base, tmp_path_factory):
    runner = Runner(base, tmp_path_factory.mktemp(f"fuzz-{kind}"), kind)

    @settings(max_examples=EXAMPLES_PER_KIND, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
    @given(hostile_csv(kind))
    def one(case):
        runner.run(*case)

    for overrides in EXPLICIT[kind]:
        one = example(explicit(kind, overrides))(one)

    try:
        one()
    finally:
        runner.close()
    assert runner.accepted + runner.refused >= EXAMPLES_PER_KIND - 4 + len(EXPLICIT[kind])
    assert runner.accepted > 0 and runner.refused > 0, (runner.accepted, runner.refused)

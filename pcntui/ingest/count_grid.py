"""The month-end SMR counts grid as a CSV and as a pasted block (no Textual: tested headless).

The CSV is the grid's layout, as its ctrl+w writes it: a `practice_code` column, a `practice` column
(names, for reading; ignored on import), then one column per cohort headed by its name (or its
code), each cell `completed/eligible` (e.g. 40/70) or empty. A pasted block is rows of cells
separated by tabs (a spreadsheet's copy) or commas, placed from the grid's cursor. Either way the
cells are then checked as if typed (inputs/smr.check_grid), so nothing is saved that typing would refuse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pcntui.domain.text import counted
from pcntui.domain.progress import Progress
from pcntui.errors import ImportFileError
from pcntui.ingest.csvfile import read_rows

Cell = tuple[int, int]  # (practice row, cohort column) in the grid
PRACTICE = "practice_code"
NAME = "practice"


def grid_table(practices: Sequence[tuple[str, str]], cohorts: Sequence[tuple[str, str]],
               cells: Mapping[Cell, str]) -> tuple[list[str], list[list[str]]]:
    """The grid's columns and rows for a CSV file, cells as typed."""
    columns = [PRACTICE, NAME, *(name for _, name in cohorts)]
    rows = [[code, name, *(cells.get((r, c), "") for c in range(len(cohorts)))]
            for r, (code, name) in enumerate(practices)]
    return columns, rows


def read_grid(path: str | Path, practices: Sequence[tuple[str, str]], cohorts: Sequence[tuple[str, str]], *,
              progress: Progress | None = None) -> dict[Cell, str]:
    """The cells of a grid CSV, placed by practice code and cohort; a practice or cohort the grid
    does not have is refused with its row or column named (ImportFileError lists every one)."""
    path = Path(path)
    rows = list(read_rows(path, [PRACTICE], kind="SMR counts grid", progress=progress))
    by_practice = {code.upper(): r for r, (code, _) in enumerate(practices)}
    by_cohort = {}
    for c, (code, name) in enumerate(cohorts):
        by_cohort[code.casefold()] = by_cohort[name.casefold()] = c
    problems: list[str] = []
    columns = {}
    for name in rows[0].values if rows else {}:
        if name in (PRACTICE, NAME) or not name:
            continue
        if name in by_cohort:
            columns[name] = by_cohort[name]
        else:
            problems.append(f"column {name}: not one of the year's cohorts ({', '.join(n for _, n in cohorts)}).")
    cells: dict[Cell, str] = {}
    for row in rows:
        code = row.get(PRACTICE).upper()
        if code not in by_practice:
            problems.append(f"row {row.number}, column {PRACTICE}: {code or 'nothing'} is not one of this PCN's "
                            "practices.")
            continue
        for name, c in columns.items():
            if row.get(name):
                cells[(by_practice[code], c)] = row.get(name)
    if problems:
        raise ImportFileError(f"{path.name} was not read into the grid: {counted(len(problems), 'problem')}.", problems)
    return cells


def paste_block(text: str, at: Cell, shape: tuple[int, int]) -> tuple[dict[Cell, str], int]:
    """The cells a pasted block fills from `at` (rows of tab- or comma-separated values), and how
    many values fell outside the grid's `shape` (practices, cohorts) and were left out."""
    filled: dict[Cell, str] = {}
    outside = 0
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")):
        values = line.split("\t") if "\t" in line else line.split(",")
        for j, value in enumerate(values):
            r, c = at[0] + i, at[1] + j
            if r < shape[0] and c < shape[1]:
                filled[(r, c)] = value.strip()
            elif value.strip():
                outside += 1
    return filled, outside

"""CSV reading shared by every importer: UTF-8 with or without BOM, case-insensitive headers.

The file's structure is checked as it is read, and anything that would lose or shift data
is refused with one sentence naming the file, the row and the column: no header, no data
rows, a column name twice, a row with more (non-blank) cells than the header has columns, a
value under a column with no name, a quote left open or text after a closing quote.
Values are read back as exported (`from_spreadsheet` removes the one leading `'` the export
adds) and cleaned of control characters (`clean_input`).
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pcntui.domain.progress import READING, Progress, counted
from pcntui.domain.text import QUOTE, clean_input, from_spreadsheet
from pcntui.errors import ImportFileError


def cell_text(value: str) -> str:
    """A cell's text as read: the export's leading `'` removed, cleaned (`clean_input`), stripped."""
    if not value:
        return ""
    if value.isprintable() and not value.startswith(QUOTE):  # nothing for the two rules to do
        return value.strip()
    return clean_input(from_spreadsheet(value)).strip()


@dataclass
class Row:
    """One data row: `number` is the line number a spreadsheet shows (header = 1)."""

    number: int
    values: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        value = self.values.get(column.lower())
        return default if value is None else cell_text(value)

    def pick(self, columns: Iterable[str]) -> list[str]:
        """`get` of each column (names in lower case), in one go."""
        get = self.values.get
        return [cell_text(get(column) or "") for column in columns]


def row_number(problem: str) -> int:
    """The row a problem sentence names ('row 12, column …' → 12; 0 if none), to sort by."""
    m = _ROW.match(problem)
    return int(m.group(1)) if m else 0


_ROW = re.compile(r"row ([0-9]+)")


def _column_names(path: Path, header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    seen: dict[str, int] = {}
    for index, name in enumerate(names, start=1):
        if name and name in seen:
            raise ImportFileError(f"{path.name} has the column '{header[index - 1].strip()}' twice (columns "
                                  f"{seen[name]} and {index}); rename or remove one and try again.")
        seen.setdefault(name, index)
    return names


def _check_cells(path: Path, number: int, names: list[str], cells: list[str]) -> None:
    """Refuse a row whose values would be dropped: beyond the header, or under a nameless column."""
    for index, value in enumerate(cells, start=1):
        if not value.strip():
            continue
        if index > len(names):
            raise ImportFileError(f"{path.name} row {number} has {len(cells)} cells but the header has "
                                  f"{len(names)} columns (column {index} holds '{value.strip()[:40]}'); "
                                  "nothing was imported.")
        if not names[index - 1]:
            raise ImportFileError(f"{path.name} row {number}, column {index} holds '{value.strip()[:40]}' but the "
                                  "header gives that column no name; nothing was imported.")


def read_rows(path: str | Path, required: Iterable[str], *, kind: str, progress: Progress | None = None) -> Iterator[Row]:
    """Yield rows of a CSV whose header must include `required` (any case, any order);
    `progress` hears of them as they are read (out of the file's lines: a quick count first).

    Raises ImportFileError for an unreadable file, missing or repeated columns, a file with
    no data rows, or a malformed row (see the module docstring), naming them.
    """
    table = _table(Path(path), list(required), kind, progress)
    names = next(table)
    for number, cells in table:
        yield Row(number, dict(zip(names, cells)))


def read_table(path: str | Path, required: Iterable[str], *, kind: str,
               progress: Progress | None = None) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """`read_rows` as the header's names (lower case, '' for a nameless column) and each row's
    (number, cells) with the cells as written, checked as `read_rows` checks them (a reader
    that picks columns by position; `cell_text` gives a cell as `Row.get` would). The header is
    read (and checked) here; rows as the iterator is read."""
    table = _table(Path(path), list(required), kind, progress)
    return next(table), table


def _table(path: Path, required: list[str], kind: str, progress: Progress | None) -> Iterator:
    """The header's names, then (number, cells) of each data row (blank rows skipped)."""
    try:
        fh = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from None
    with fh:
        reader = csv.reader(fh, strict=True)
        header: list[str] = []
        number, start = 1, 1  # the spreadsheet row being read, and the line of the file it starts on
        try:
            header = next(reader, None) or []
            if not header:
                raise ImportFileError(f"{path.name} is empty; expected the {kind} CSV with a header row.")
            names = _column_names(path, header)
            missing = [c for c in required if c.lower() not in names]
            if missing:
                raise ImportFileError(
                    f"{path.name} cannot be read as {kind}: {'column' if len(missing) == 1 else 'columns'} "
                    f"{', '.join(missing)} missing "
                    f"(found: {', '.join(h.strip() for h in header) or 'nothing'})."
                )
            yield names
            rows = 0
            number, start = 2, reader.line_num + 1
            lines = _data_lines(path) if progress is not None else None
            named = all(names)
            for cells in counted(reader, progress, READING, lines):
                if "".join(cells).strip():  # not a blank row
                    if len(cells) > len(names) or not named:
                        _check_cells(path, number, names, cells)
                    rows += 1
                    yield number, cells
                number, start = number + 1, reader.line_num + 1
            if not rows:
                raise ImportFileError(f"{path.name} has a header but no rows; nothing was imported.")
        except UnicodeDecodeError:
            raise ImportFileError(f"{path.name} is not UTF-8 text; save it as CSV (UTF-8) and try again.") from None
        except csv.Error as exc:
            raise ImportFileError(_csv_problem(path, number, start, header, str(exc))) from None


def _data_lines(path: Path) -> int:
    """The lines after the header (rows, unless a quoted cell holds a line break)."""
    with open(path, "rb") as fh:
        return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1)


def _csv_problem(path: Path, number: int, start: int, header: list[str], error: str) -> str:
    column = _quote_column(path, start)
    where = f"{path.name} row {number}"
    if column is not None:
        name = header[column - 1].strip() if column <= len(header) else ""
        where += f", column {name or column}"
    if "unexpected end of data" in error:
        return (f"{where}: a quote (\") opened there is never closed, so the rest of the file would be one "
                "cell; nothing was imported.")
    if "expected after" in error:
        return (f"{where}: text follows the closing quote (\") of a cell; quote the whole cell and double any "
                "quote inside it; nothing was imported.")
    return f"{where} is not readable CSV ({error}); nothing was imported."


def _quote_column(path: Path, start: int) -> int | None:
    """The column (from 1) of the first badly quoted cell of the record that starts on line `start`:
    a quote never closed, or text after a closing quote. None if there is none."""
    column, quoted, closed, fresh = 1, False, False, True
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for line in itertools.islice(fh, start - 1, None):
            for ch in line:
                if quoted:
                    quoted, closed = ch != '"', ch == '"'
                elif closed:
                    if ch == '"':  # a doubled quote, inside the cell
                        quoted, closed = True, False
                    elif ch == ",":
                        column, closed, fresh = column + 1, False, True
                    else:
                        return None if ch in "\r\n" else column
                elif ch == '"' and fresh:
                    quoted, fresh = True, False
                elif ch == ",":
                    column, fresh = column + 1, True
                elif ch in "\r\n":
                    return None
                else:
                    fresh = False
    return column if quoted else None

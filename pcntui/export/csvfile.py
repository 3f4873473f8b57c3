"""Write CSV files the way PRODUCT.md promises.

UTF-8 (with a BOM in files, so Excel on Windows reads it as UTF-8; none on stdout), a header
row, CRLF line ends (RFC 4180), ISO dates, money as plain decimals with 2 places, every cell
through the one Excel rule (`pcntui.domain.text.to_spreadsheet`: as-is only if a canonical
number, else a leading apostrophe when it starts with `= + - @ '`, tab or CR), written to a
temporary file then renamed (atomic) with mode 0600.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from pcntui.domain.money import plain
from pcntui.domain.text import SPREADSHEET_RISKY, to_spreadsheet

BOM = "\ufeff"


def cell(value: object) -> str:
    """One value as CSV text, safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = plain(value)
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    return to_spreadsheet(text)


def fast_cell(value: object) -> object:
    """`cell(value)` without its work for what needs none: text not starting with a risky
    character as it is, a whole number and a blank as the CSV writer writes them."""
    kind = type(value)
    if kind is str:
        return value if not value or value[0] not in _RISKY else to_spreadsheet(value)
    if kind is int or value is None:
        return value  # the writer writes str(n), and "" for None: what cell() gives
    return cell(value)


_RISKY = frozenset(SPREADSHEET_RISKY)
Cells = Sequence[Callable[[object], object]]  # one function per column: value → what the writer writes


def lines(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The header, then each row, as CSV text (CRLF-ended), one at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; quotes cells holding CR or LF
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(v) for v in row])
        yield buffer.getvalue()


def render(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    return "".join(lines(columns, rows))


def batched(rows: Iterable[Sequence[object]], size: int = 1000) -> Iterator[list[Sequence[object]]]:
    part: list[Sequence[object]] = []
    for row in rows:
        part.append(row)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def write_csv(out: str | Path | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path | None:
    """Write to `out` atomically with mode 0600 (with a BOM), or to stdout when `out` is None or '-'.
    Rows are written as they come: an iterator of rows is never held in memory whole."""
    return write_batches(out, columns, batched(rows), [fast_cell] * len(columns))


def plain_text(batch: Sequence[Sequence[object]], width: int) -> str | None:
    """The CSV text of `batch` (rows of `width` values as SQLite gives them) when every value is
    already what `cell` makes of it and none needs quoting: text, whole numbers and blanks only, no
    text starting with a character of the Excel rule or holding a comma, quote, CR or LF. None
    otherwise (the batch is then written cell by cell). Checked a column at a time over the batch's
    values laid flat and written by one format: C loops, no call per value in Python."""
    values = list(itertools.chain.from_iterable(batch))
    if width < 2 or len(values) != width * len(batch):  # (the writer quotes a lone blank)
        return None
    blanked = tuple(map(_BLANK.get, values, values))  # a blank as the writer writes it
    for i in range(width):
        try:
            text = _SEP.join(blanked[i::width])
        except TypeError:  # not all text: whole numbers are written as they are, anything else is not plain
            kinds = set(map(type, values[i::width]))
            if not kinds <= _PLAIN:
                return None
            if str not in kinds:
                continue
            text = _SEP.join([v for v in values[i::width] if type(v) is str])
        if _RISKY_START.search(_SEP + text) or any(c in text for c in _QUOTED):
            return None
    return (_row_format(width) * len(batch)) % blanked


@cache
def _row_format(width: int) -> str:
    return ",".join(["%s"] * width) + "\r\n"


_BLANK = {None: ""}
_SEP = "\x00"  # between the values of a column when they are looked at together
_PLAIN = frozenset({str, int, type(None)})
_QUOTED = (",", '"', "\r", "\n")  # what the CSV writer quotes (RFC 4180)
_RISKY_START = re.compile(_SEP + "[" + re.escape("".join(SPREADSHEET_RISKY)) + "]")


def write_batches(out: str | Path | None, columns: Sequence[str], batches: Iterable[Sequence[Sequence[object]]],
                  cells: Cells, *, stored: bool = False) -> Path | None:
    """The header and the rows, a batch at a time, each value through its column's function in
    `cells` (e.g. `fast_cell`), by one `csv.writer` straight into the file (atomic, mode 0600,
    with a BOM) or stdout (`out` None or '-'): memory holds one batch. `stored`: the values are
    as SQLite gives them, so a batch that is plain (`plain_text`) is written as it is."""

    def write(fh) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")  # RFC 4180; quotes cells holding CR or LF
        writer.writerow(columns)
        for batch in batches:
            text = plain_text(batch, len(columns)) if stored and batch else None
            if text is not None:
                fh.write(text)
            else:
                writer.writerows([[f(v) for f, v in zip(cells, row)] for row in batch])

    if out is None or str(out) == "-":
        write(_Stdout())
        sys.stdout.flush()
        return None
    with atomic_text(Path(out)) as fh:
        fh.write(BOM)
        write(fh)
    return Path(out).expanduser()


class _Stdout:
    """stdout as the CSV writer's file: the CLI's guarded stdout writes data exactly to a pipe."""

    def __init__(self) -> None:
        self.write = getattr(sys.stdout, "write_data", sys.stdout.write)


def write_out(out: str | Path | None, text: str | Iterable[str], *, file_prefix: str = "") -> Path | None:
    """`text` (a string, or pieces of one) to stdout when `out` is None or '-', else to the file
    `out` (atomic, mode 0600) after `file_prefix` (the CSV's BOM)."""
    chunks = [text] if isinstance(text, str) else text
    if out is None or str(out) == "-":
        # the CLI's guarded stdout writes data exactly to a pipe, guarded on a terminal
        write = getattr(sys.stdout, "write_data", sys.stdout.write)
        for chunk in chunks:
            write(chunk)
        sys.stdout.flush()
        return None
    return write_text_atomic(Path(out), itertools.chain([file_prefix], chunks))


def write_text_atomic(path: Path, text: str | Iterable[str]) -> Path:
    """`text` (a string, or pieces of one) into `path`: a temporary file, mode 0600, renamed in place."""
    with atomic_text(path) as fh:
        fh.writelines([text] if isinstance(text, str) else text)
    return path.expanduser()


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A text file to write `path` through: a temporary file beside it, mode 0600, flushed to disk
    and renamed in place when the block ends, removed if it fails (`path` is never half-written)."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 16) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

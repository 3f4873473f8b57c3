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
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pcntui.domain.money import plain
from pcntui.domain.text import to_spreadsheet

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


def _chunks(texts: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Texts joined into pieces of about `size` characters (fewer writes, constant memory)."""
    part: list[str] = []
    length = 0
    for text in texts:
        part.append(text)
        length += len(text)
        if length >= size:
            yield "".join(part)
            part, length = [], 0
    if part:
        yield "".join(part)


def write_csv(out: str | Path | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path | None:
    """Write to `out` atomically with mode 0600 (with a BOM), or to stdout when `out` is None or '-'.
    Rows are written as they come: an iterator of rows is never held in memory whole."""
    return write_out(out, _chunks(lines(columns, rows)), file_prefix=BOM)


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
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines([text] if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

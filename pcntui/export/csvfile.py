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
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
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


def render(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; quotes cells holding CR or LF
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def write_csv(out: str | Path | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path | None:
    """Write to `out` atomically with mode 0600 (with a BOM), or to stdout when `out` is None or '-'."""
    return write_out(out, render(columns, rows), file_prefix=BOM)


def write_out(out: str | Path | None, text: str, *, file_prefix: str = "") -> Path | None:
    """`text` to stdout when `out` is None or '-', else to the file `out` (atomic, mode 0600)
    after `file_prefix` (the CSV's BOM)."""
    if out is None or str(out) == "-":
        # the CLI's guarded stdout writes data exactly to a pipe, guarded on a terminal
        getattr(sys.stdout, "write_data", sys.stdout.write)(text)
        sys.stdout.flush()
        return None
    return write_text_atomic(Path(out), file_prefix + text)


def write_text_atomic(path: Path, text: str) -> Path:
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

"""Write CSV files the way PRODUCT.md promises.

UTF-8, a header row, CRLF line ends (RFC 4180), ISO dates, money as plain decimals with 2 places, any cell starting
with `= + - @`, tab or CR neutralised with a leading apostrophe (so Excel shows it as
text), written to a temporary file then renamed (atomic) with mode 0600.
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

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text.startswith(DANGEROUS_START):
        # A number like -12.50 is data, not a formula: keep it as written.
        try:
            Decimal(text)
            return text
        except ArithmeticError:
            return "'" + text
    return text


def render(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; quotes cells holding CR or LF
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def write_csv(out: str | Path | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path | None:
    """Write to `out` atomically with mode 0600, or to stdout when `out` is None or '-'."""
    text = render(columns, rows)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    return write_text_atomic(Path(out), text)


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

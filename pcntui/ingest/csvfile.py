"""CSV reading shared by every importer: UTF-8 with or without BOM, case-insensitive headers."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pcntui.errors import ImportFileError


@dataclass
class Row:
    """One data row: `number` is the line number a spreadsheet shows (header = 1)."""

    number: int
    values: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        value = self.values.get(column.lower())
        return default if value is None else value.strip()


def read_rows(path: str | Path, required: Iterable[str], *, kind: str) -> Iterator[Row]:
    """Yield rows of a CSV whose header must include `required` (any case, any order).

    Raises ImportFileError for an unreadable file or missing columns, naming them.
    """
    path = Path(path)
    required = list(required)
    try:
        fh = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from None
    with fh:
        try:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise ImportFileError(f"{path.name} is empty; expected a {kind} CSV with a header row.")
            names = [h.strip().lower() for h in header]
            missing = [c for c in required if c.lower() not in names]
            if missing:
                raise ImportFileError(
                    f"{path.name} is not a {kind} file: column(s) {', '.join(missing)} missing "
                    f"(found: {', '.join(h.strip() for h in header) or 'nothing'})."
                )
            for number, cells in enumerate(reader, start=2):
                if not cells or all(not c.strip() for c in cells):
                    continue
                yield Row(number, dict(zip(names, cells)))
        except UnicodeDecodeError:
            raise ImportFileError(f"{path.name} is not UTF-8 text; save it as CSV (UTF-8) and try again.") from None
        except csv.Error as exc:
            raise ImportFileError(f"{path.name} is not a readable CSV file ({exc}).") from None

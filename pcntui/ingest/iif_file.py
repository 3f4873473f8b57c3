"""The published "Network Contract DES (MI) IIF" achievement CSV, read as published.

Long format, one value per row: ORGANISATION_TYPE, ORGANISATION_CODE, ORGANISATION_NAME,
QUALITY_SERVICE, ACH_DATE, IND_CODE, MEASURE, VALUE (UTF-8, with or without BOM; ACH_DATE
day-first, e.g. 31/03/2024). A file covers many PCNs and practices: only the PCN's own rows
and its member practices' rows are kept, and every kept row is checked (a bad row or column
is named and the whole file refused). Rows of other organisations are counted, not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from pcntui.domain.text import counted
from pcntui.domain.parse import MAX_COUNT, parse_date, parse_decimal
from pcntui.domain.iif import IifValue
from pcntui.errors import ImportFileError, UserError
from pcntui.ingest.csvfile import read_rows

REQUIRED = ("ORGANISATION_TYPE", "ORGANISATION_CODE", "ACH_DATE", "IND_CODE", "MEASURE", "VALUE")


@dataclass
class IifFile:
    values: list[IifValue] = field(default_factory=list)
    pcn_rows: int = 0
    practice_rows: int = 0
    other_rows: int = 0  # other organisations' rows, not kept
    practices_found: set[str] = field(default_factory=set)


def _value(text: str) -> Decimal:
    """A published measure: a number of patients or events, 0 to 10,000,000 (decimals allowed)."""
    return parse_decimal(text, high=MAX_COUNT)


def read_iif_file(path: str | Path, pcn_code: str, practice_codes: set[str]) -> IifFile:
    """The rows for `pcn_code` and `practice_codes`; ImportFileError naming every bad kept row."""
    path = Path(path)
    out = IifFile()
    problems: list[str] = []
    dates: dict[str, date] = {}
    seen: dict[tuple, int] = {}
    for row in read_rows(path, REQUIRED, kind="IIF achievement (Network Contract DES (MI) IIF)"):
        code = row.get("ORGANISATION_CODE").upper()
        if code != pcn_code and code not in practice_codes:
            out.other_rows += 1
            continue
        bad = []
        raw_date = row.get("ACH_DATE")
        if raw_date not in dates:
            try:
                dates[raw_date] = parse_date(raw_date)
            except UserError as exc:
                bad.append(("ACH_DATE", str(exc).rstrip(".")))
        try:
            value = _value(row.get("VALUE"))
        except ValueError as exc:
            bad.append(("VALUE", str(exc).rstrip(".")))
        for column in ("IND_CODE", "MEASURE"):
            if not row.get(column):
                bad.append((column, "is blank"))
        if bad:
            problems.extend(f"row {row.number}, column {column}: {msg}." for column, msg in bad)
            continue
        item = IifValue(org_type=row.get("ORGANISATION_TYPE"), org_code=code, ind_code=row.get("IND_CODE"),
                        measure=" ".join(row.get("MEASURE").split()), value=value, ach_date=dates[raw_date])
        key = (item.ach_date, item.org_code, item.ind_code, item.measure.casefold())
        if key in seen:
            problems.append(f"row {row.number}: {code} {item.ind_code} '{item.measure}' for "
                            f"{item.ach_date.isoformat()} is also on row {seen[key]}.")
            continue
        seen[key] = row.number
        out.values.append(item)
        if code == pcn_code:
            out.pcn_rows += 1
        else:
            out.practice_rows += 1
            out.practices_found.add(code)
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {counted(len(problems), 'problem')} in the rows for PCN "
                              f"{pcn_code} and its practices.", problems)
    if not out.values:
        raise ImportFileError(f"{path.name} has no rows for PCN {pcn_code} or its {counted(len(practice_codes), 'practice')}"
                              f"; nothing was imported.")
    return out

"""The NHS England "Primary Care Network Workforce" individual-level CSV (NWRS), as published.

One row per staff record: Data_source (`NWRS Staff` or `NWRS contracted services`),
CENSUS_YEAR, CENSUS_MONTH, PCN_CODE, PCN_NAME, …, STAFF_GROUP, STAFF_ROLE,
DETAILED_STAFF_ROLE, FTE (up to 9 decimals), UNIQUE_IDENTIFIER (empty for pooled
contracted-services rows). The file starts with a UTF-8 BOM; one file covers many PCNs.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator

from pcntui.domain import ods
from pcntui.domain.reconcile import NwrsLine, census_date
from pcntui.errors import ImportFileError
from pcntui.ingest import arrs_fields as f
from pcntui.ingest.csvfile import read_rows

WORKFORCE_COLUMNS = ("Data_source", "CENSUS_YEAR", "CENSUS_MONTH", "PCN_CODE", "PCN_NAME", "STAFF_GROUP",
                     "STAFF_ROLE", "DETAILED_STAFF_ROLE", "FTE", "UNIQUE_IDENTIFIER")


class WorkforceRow(BaseModel):
    row: int
    data_source: str
    census_year: int
    census_month: int
    pcn_code: str
    pcn_name: str
    sub_icb_code: str = ""
    icb_code: str = ""
    staff_group: str = ""
    staff_role: str = ""
    detailed_staff_role: str = ""
    fte: Decimal
    unique_identifier: str = ""

    @field_validator("data_source", mode="before")
    @classmethod
    def _source(cls, v: str) -> str:
        if not (v or "").strip():
            raise ValueError("Data_source is blank")
        return v.strip()

    @field_validator("census_year", mode="before")
    @classmethod
    def _year(cls, v: str) -> int:
        if not (v or "").strip().isdigit() or not 2000 <= int(v) <= 2100:
            raise ValueError(f"'{v}' is not a census year")
        return int(v)

    @field_validator("census_month", mode="before")
    @classmethod
    def _month(cls, v: str) -> int:
        if not (v or "").strip().isdigit() or not 1 <= int(v) <= 12:
            raise ValueError(f"'{v}' is not a census month (1 to 12)")
        return int(v)

    @field_validator("pcn_code", mode="before")
    @classmethod
    def _pcn(cls, v: str) -> str:
        code = ods.normalise(v)
        if code != "U" and not ods.is_pcn_code(code):
            raise ValueError(f"'{v}' is not a PCN code (U + 5 digits)")
        return code

    @field_validator("fte", mode="before")
    @classmethod
    def _fte(cls, v: str) -> Decimal:
        if not (v or "").strip():
            return Decimal(0)
        value = f.decimal_of(v, "FTE")
        if value < 0:
            raise ValueError(f"FTE {v} is negative")
        return value

    def line(self) -> NwrsLine:
        return NwrsLine(self.data_source, self.staff_group, self.staff_role, self.detailed_staff_role, self.fte,
                        self.unique_identifier)


@dataclass
class WorkforceFile:
    rows: list[WorkforceRow]

    def pcns(self) -> dict[str, str]:
        """PCN code → name for every PCN in the file (unallocated 'U' excluded)."""
        return {r.pcn_code: r.pcn_name for r in self.rows if r.pcn_code != "U"}

    def for_pcn(self, code: str) -> list[WorkforceRow]:
        return [r for r in self.rows if r.pcn_code == code]

    def censuses(self, code: str | None = None):
        return sorted({census_date(r.census_year, r.census_month) for r in self.rows
                       if code is None or r.pcn_code == code})


_COLUMN_OF = {"data_source": "Data_source", "census_year": "CENSUS_YEAR", "census_month": "CENSUS_MONTH",
              "pcn_code": "PCN_CODE", "fte": "FTE"}


def read_workforce(path: str | Path) -> WorkforceFile:
    path = Path(path)
    rows: list[WorkforceRow] = []
    problems: list[str] = []
    for row in read_rows(path, WORKFORCE_COLUMNS, kind="NWRS PCN workforce (pcn-workforce-individual)"):
        raw = {
            "row": row.number, "data_source": row.get("Data_source"), "census_year": row.get("CENSUS_YEAR"),
            "census_month": row.get("CENSUS_MONTH"), "pcn_code": row.get("PCN_CODE"), "pcn_name": row.get("PCN_NAME"),
            "sub_icb_code": row.get("SUB_ICB_CODE"), "icb_code": row.get("ICB_CODE"),
            "staff_group": row.get("STAFF_GROUP"), "staff_role": row.get("STAFF_ROLE"),
            "detailed_staff_role": row.get("DETAILED_STAFF_ROLE"), "fte": row.get("FTE"),
            "unique_identifier": row.get("UNIQUE_IDENTIFIER"),
        }
        try:
            rows.append(WorkforceRow.model_validate(raw))
        except ValidationError as exc:
            for p in f.problems_of(exc, row.number):
                for field, column in _COLUMN_OF.items():
                    p = p.replace(f"column {field}:", f"column {column}:")
                problems.append(p)
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {len(problems)} problem(s) in the workforce file.",
                              problems)
    if not rows:
        raise ImportFileError(f"{path.name} has a header but no staff records; nothing was imported.")
    return WorkforceFile(rows)

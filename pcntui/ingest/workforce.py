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

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator

from pcntui.domain.text import counted
from pcntui.domain import ods
from pcntui.domain.parse import LATEST, parse_int, parse_nwrs_fte
from pcntui.domain.progress import Progress
from pcntui.domain.reconcile import CONTRACTED_SOURCE, NwrsLine, census_date, is_pooled
from pcntui.errors import ImportFileError
from pcntui.ingest import arrs_fields as f
from pcntui.ingest.csvfile import read_rows

MAX_PERSON_FTE = Decimal(2)  # one individual record above 2 FTE is not plausible (pooled rows may be more)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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
    unique_identifier: str = ""  # before fte: a row without one is pooled (several people)
    fte: Decimal

    @field_validator("data_source", mode="before")
    @classmethod
    def _source(cls, v: str) -> str:
        if not (v or "").strip():
            raise ValueError("Data_source is blank")
        return v.strip()

    @field_validator("census_year", mode="before")
    @classmethod
    def _year(cls, v: str) -> int:
        return parse_int(v, low=2000, high=LATEST.year, noun="years")

    @field_validator("census_month", mode="before")
    @classmethod
    def _month(cls, v: str) -> int:
        text = (v or "").strip()
        if text[:3].title() in MONTHS:
            return MONTHS.index(text[:3].title()) + 1
        return parse_int(text, low=1, high=12)

    @field_validator("pcn_code", mode="before")
    @classmethod
    def _pcn(cls, v: str) -> str:
        return ods.normalise(v)

    @field_validator("fte", mode="before")
    @classmethod
    def _fte(cls, v: str, info: ValidationInfo) -> Decimal:
        pooled = is_pooled(info.data.get("data_source", CONTRACTED_SOURCE), info.data.get("unique_identifier", ""))
        return parse_nwrs_fte(v, pooled=pooled)

    @field_validator("fte")
    @classmethod
    def _one_person(cls, v: Decimal, info: ValidationInfo) -> Decimal:
        if info.data.get("unique_identifier") and v > MAX_PERSON_FTE:
            raise ValueError(f"FTE {v.normalize():f} is above {MAX_PERSON_FTE} for one staff record")
        return v

    def line(self) -> NwrsLine:
        return NwrsLine(self.data_source, self.staff_group, self.staff_role, self.detailed_staff_role, self.fte,
                        self.unique_identifier)


@dataclass
class WorkforceFile:
    rows: list[WorkforceRow]
    problems: dict[str, list[str]]  # PCN code (as written) → problems in its rows

    def pcns(self) -> dict[str, str]:
        """PCN code → name for every PCN in the file (unallocated 'U' and malformed codes excluded)."""
        return {r.pcn_code: r.pcn_name for r in self.rows if ods.is_pcn_code(r.pcn_code)} | {
            code: "" for code in self.problems if ods.is_pcn_code(code) and code not in {r.pcn_code for r in self.rows}}

    def check(self, code: str, file_name: str) -> None:
        """All or nothing for the PCN imported: any problem in its rows rejects the file."""
        if self.problems.get(code):
            found = self.problems[code]
            raise ImportFileError(f"{file_name} was not imported: {counted(len(found), 'problem')} in {code}'s rows.", found)

    def for_pcn(self, code: str) -> list[WorkforceRow]:
        return [r for r in self.rows if r.pcn_code == code]

    def censuses(self, code: str | None = None):
        return sorted({census_date(r.census_year, r.census_month) for r in self.rows
                       if code is None or r.pcn_code == code})


_COLUMN_OF = {"data_source": "Data_source", "census_year": "CENSUS_YEAR", "census_month": "CENSUS_MONTH",
              "pcn_code": "PCN_CODE", "fte": "FTE"}


def read_workforce(path: str | Path, *, progress: Progress | None = None) -> WorkforceFile:
    """Every row of the file. Row problems are kept per PCN (a national file's bad row for
    another PCN does not stop you importing yours); `WorkforceFile.check` rejects the PCN's."""
    path = Path(path)
    rows: list[WorkforceRow] = []
    problems: dict[str, list[str]] = {}
    for row in read_rows(path, WORKFORCE_COLUMNS, kind="NWRS PCN workforce (pcn-workforce-individual)",
                         progress=progress):
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
                problems.setdefault(ods.normalise(raw["pcn_code"]), []).append(p)
    return WorkforceFile(rows, problems)

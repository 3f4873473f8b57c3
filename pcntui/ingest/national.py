"""The national files as published: practice→PCN map, list sizes by age band, IMD per practice.

Joins are on codes, never names. Dates come as `01Jul2026` (map) or `2026-07-01`
(age bands). `PCN_CODE = U` marks unallocated practices.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from pcntui.domain.text import counted
from pcntui.domain import ods
from pcntui.domain.parse import LATEST, parse_count, parse_date, parse_decimal, parse_int
from pcntui.domain.progress import Progress
from pcntui.errors import ImportFileError, UserError
from pcntui.ingest.csvfile import Row, read_rows

MAP_COLUMNS = ("PRACTICE_CODE", "PRACTICE_NAME", "PCN_CODE", "PCN_NAME", "EXTRACT_DATE")
AGE_COLUMNS = ("EXTRACT_DATE", "ORG_TYPE", "ORG_CODE", "SEX", "AGE_GROUP_5", "NUMBER_OF_PATIENTS")
IMD_COLUMNS = ("PRACTICE_CODE", "IMD_YEAR", "IMD_SCORE")
OVER_65 = {"65_69", "70_74", "75_79", "80_84", "85_89", "90_94", "95+"}


class MappedPractice(BaseModel):
    """One row of the practice map: a practice and the PCN, sub-ICB and ICB it belongs to."""

    code: str
    name: str
    postcode: str | None = None
    pcn_code: str
    pcn_name: str
    sub_icb_code: str | None = None
    sub_icb_name: str | None = None
    icb_code: str | None = None
    icb_name: str | None = None
    region_code: str | None = None
    region_name: str | None = None
    supplier: str | None = None
    extract_date: date

    @field_validator("code")
    @classmethod
    def _practice_code(cls, v: str) -> str:
        return ods.check_practice_code(v)


class ListSize(BaseModel):
    practice_code: str
    extract_date: date
    patients: int = Field(ge=0)
    aged_65_plus: int | None = Field(default=None, ge=0)


class ImdScore(BaseModel):
    practice_code: str
    imd_year: int
    score: float
    practice_name: str | None = None


def _fail(path: Path, kind: str, problems: list[str]) -> None:
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {counted(len(problems), 'problem')} in the {kind} file.", problems)


def _read(row: Row, column: str, problems: list[str], parser, **options):
    """`parser(row[column])`, or None with the problem (row and column named) added to `problems`."""
    try:
        return parser(row.get(column), **options)
    except UserError as exc:
        problems.append(f"row {row.number}, column {column}: {exc}")
        return None


def read_practice_map(path: str | Path, *, progress: Progress | None = None) -> list[MappedPractice]:
    """Every practice row of a `gp-reg-pat-prac-map` file (unallocated `U` rows included)."""
    path = Path(path)
    out, problems = [], []
    for row in read_rows(path, MAP_COLUMNS, kind="practice map (gp-reg-pat-prac-map)", progress=progress):
        when = _read(row, "EXTRACT_DATE", problems, parse_date)
        pcn_code = ods.normalise(row.get("PCN_CODE"))
        if pcn_code != "U" and not ods.is_pcn_code(pcn_code):
            problems.append(f"row {row.number}, column PCN_CODE: '{row.get('PCN_CODE')}' is not a PCN code (U + 5 digits).")
            continue
        if not ods.is_practice_code(row.get("PRACTICE_CODE")):
            problems.append(
                f"row {row.number}, column PRACTICE_CODE: '{row.get('PRACTICE_CODE')}' is not a practice code "
                "(a letter and 5 digits)."
            )
            continue
        if when is None:
            continue
        out.append(
            MappedPractice(
                code=row.get("PRACTICE_CODE"),
                name=row.get("PRACTICE_NAME"),
                postcode=row.get("PRACTICE_POSTCODE") or None,
                pcn_code=pcn_code,
                pcn_name=row.get("PCN_NAME"),
                sub_icb_code=row.get("SUB_ICB_LOCATION_CODE") or row.get("CCG_CODE") or None,
                sub_icb_name=row.get("SUB_ICB_LOCATION_NAME") or row.get("CCG_NAME") or None,
                icb_code=row.get("ICB_CODE") or row.get("STP_CODE") or None,
                icb_name=row.get("ICB_NAME") or row.get("STP_NAME") or None,
                region_code=row.get("COMM_REGION_CODE") or None,
                region_name=row.get("COMM_REGION_NAME") or None,
                supplier=row.get("SUPPLIER_NAME") or None,
                extract_date=when,
            )
        )
    _fail(path, "practice map", problems)
    return out


def read_list_sizes(path: str | Path, practice_codes: set[str] | None = None, *,
                    progress: Progress | None = None) -> list[ListSize]:
    """List size (and 65+ count) per practice from a `gp-reg-pat-prac-quin-age` file.

    Only `ORG_TYPE = GP` rows are read; `SEX = ALL, AGE_GROUP_5 = ALL` is the list size.
    With `practice_codes`, other practices are skipped.
    """
    path = Path(path)
    totals: dict[tuple[str, date], int] = {}
    older: dict[tuple[str, date], int] = {}
    problems: list[str] = []
    for row in read_rows(path, AGE_COLUMNS, kind="patients registered by age (gp-reg-pat-prac-quin-age)",
                         progress=progress):
        if row.get("ORG_TYPE").upper() != "GP":
            continue
        code = ods.normalise(row.get("ORG_CODE"))
        if practice_codes is not None and code not in practice_codes:
            continue
        if not ods.is_practice_code(code):
            problems.append(f"row {row.number}, column ORG_CODE: '{row.get('ORG_CODE')}' is not a practice code.")
            continue
        when = _read(row, "EXTRACT_DATE", problems, parse_date)
        patients = _read(row, "NUMBER_OF_PATIENTS", problems, parse_count, noun="patients")
        if when is None or patients is None:
            continue
        sex, band = row.get("SEX").upper(), row.get("AGE_GROUP_5").upper()
        key = (code, when)
        if sex == "ALL" and band == "ALL":
            totals[key] = patients
        elif sex in ("MALE", "FEMALE") and band in OVER_65:
            older[key] = older.get(key, 0) + patients
    for (c, d), n in sorted(older.items()):
        if (c, d) in totals and n > totals[(c, d)]:
            problems.append(f"{c} on {d.isoformat()}: {n:,} patients aged 65 or over, more than its list size "
                            f"{totals[(c, d)]:,}.")
    _fail(path, "list size", problems)
    return [
        ListSize(practice_code=c, extract_date=d, patients=n, aged_65_plus=older.get((c, d)))
        for (c, d), n in sorted(totals.items())
    ]


def read_imd(path: str | Path, *, progress: Progress | None = None) -> list[ImdScore]:
    """IMD score per practice from the Fingertips extract (`PRACTICE_CODE, IMD_YEAR, IMD_SCORE`)."""
    path = Path(path)
    out, problems = [], []
    for row in read_rows(path, IMD_COLUMNS, kind="IMD per practice (Fingertips)", progress=progress):
        code = ods.normalise(row.get("PRACTICE_CODE"))
        if not ods.is_practice_code(code):
            problems.append(f"row {row.number}, column PRACTICE_CODE: '{row.get('PRACTICE_CODE')}' is not a practice code.")
            continue
        if not row.get("IMD_SCORE"):
            continue  # suppressed or not published for this practice
        year = _read(row, "IMD_YEAR", problems, parse_int, low=2000, high=LATEST.year)
        score = _read(row, "IMD_SCORE", problems, parse_decimal, low=0, high=100)
        if year is not None and score is not None:
            out.append(ImdScore(practice_code=code, imd_year=year, score=float(score),
                                practice_name=row.get("PRACTICE_NAME") or None))
    _fail(path, "IMD", problems)
    return out

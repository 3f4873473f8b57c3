"""`pcntui rollup`: one row of figures per PCN file (or share file), a TOTAL row, what was skipped.

A full pcntui file's row comes from its own `status` document (`status.build` then
`status.as_document`, the code `pcntui status --json` runs), computed on a read-only open:
nothing is written to the file or beside it, and no cache is kept. A share file's row is the
one it holds for the year (written from the same document by `pcntui share`). Files are read
in worker processes when there are enough of them to pay for the processes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pcntui.domain.period import Period
from pcntui.domain.smr_progress import Status
from pcntui.errors import UserError

ROLLUP_VERSION = 1
NAMES = ("pcn_code", "pcn_name", "file")
MONEY = ("arrs_entitlement", "arrs_claimable_to_date", "arrs_forecast", "arrs_headroom")
COUNTS = ("smr_cohorts_behind", "interventions_red", "interventions_amber", "des_overdue", "alerts")
FIGURES = ("patients", *MONEY, *COUNTS)  # what a share file holds per year, in column order
COLUMNS = (*NAMES, *FIGURES)
PARALLEL_FROM = 8  # fewer files than this are read in this process (starting workers costs more)


def money_of(value: float | None) -> Decimal | None:
    """A money figure of the status document (a JSON number with at most 2 places) as Decimal."""
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.01"))


def figures_of(doc: dict) -> dict:
    """The roll-up figures of one `status` document (`status.as_document`)."""
    pcn = doc.get("pcn") or {}
    arrs = doc.get("arrs") or {}
    smr = doc.get("smr") or {}
    rag = (doc.get("interventions") or {}).get("rag") or {}
    req = doc.get("requirements") or {}
    return {
        "patients": pcn.get("patients"),
        "arrs_entitlement": money_of(arrs.get("entitlement")),
        "arrs_claimable_to_date": money_of(arrs.get("claimable")),
        "arrs_forecast": money_of(arrs.get("forecast")),
        "arrs_headroom": money_of(arrs.get("headroom")),
        "smr_cohorts_behind": sum(1 for c in smr.get("cohorts", []) if c.get("status") == Status.BEHIND.value),
        "interventions_red": rag.get("red", 0),
        "interventions_amber": rag.get("amber", 0),
        "des_overdue": len(req.get("overdue", [])),
        "alerts": len(doc.get("alerts", [])),
    }


def status_document(store, period: Period) -> dict:
    """The `status --json` document of an open store (the same code as `pcntui status`)."""
    from pcntui.report import status

    return status.as_document(status.build(store, period), period)


@dataclass(frozen=True)
class Request:
    """What to read: the year and the as-of date; `as_of_given`: named by the user (a share
    file made on another day is then skipped rather than shown as of its own day)."""

    period: Period
    as_of_given: bool = False


@dataclass
class Outcome:
    file: str
    row: dict | None = None  # the columns (COLUMNS)
    reason: str | None = None  # why the file was skipped
    share: bool = False  # the row came from a share file
    as_of: str | None = None  # the date its figures are as of


@dataclass
class Rollup:
    request: Request
    rows: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    sources: dict[str, Outcome] = field(default_factory=dict)  # file → how its row was read

    @property
    def total(self) -> dict:
        return total_of(self.rows)


def total_of(rows: Sequence[dict]) -> dict:
    """The TOTAL row: each figure summed over the rows that have it (blank when none has)."""
    out: dict = {"pcn_code": "TOTAL", "pcn_name": f"{len(rows)} PCN{'' if len(rows) == 1 else 's'}", "file": ""}
    for name in FIGURES:
        values = [r[name] for r in rows if r[name] is not None]
        out[name] = sum(values, Decimal(0) if name in MONEY else 0) if values else None
    return out


def _share_row(share, file: str, request: Request) -> Outcome:
    head = share.header()
    fy = request.period.fy.label
    year = share.year(fy)
    if year is None:
        held = ", ".join(share.years()) or "none"
        return Outcome(file, reason=f"the share file holds no figures for {fy} (it holds {held})")
    if request.as_of_given and year["as_of"] != request.period.as_of.isoformat():
        return Outcome(file, reason=f"the share file holds figures as of {year['as_of']}, "
                                    f"not {request.period.as_of.isoformat()}")
    row = {"pcn_code": head["pcn_code"], "pcn_name": head["pcn_name"], "file": file}
    for name in FIGURES:
        value = year[name + "_pence" if name in MONEY else name]
        row[name] = None if value is None else (Decimal(value) / 100 if name in MONEY else int(value))
    return Outcome(file, row=row, share=True, as_of=year["as_of"])


def read_one(file: str, request: Request) -> Outcome:
    """One file's row, or why it was skipped (one clause, no file name)."""
    from pcntui.store.reading import open_reading
    from pcntui.store.share_file import ShareFile

    try:
        with open_reading(file) as opened:
            if isinstance(opened, ShareFile):
                return _share_row(opened, file, request)
            doc = status_document(opened, request.period)
    except UserError as exc:
        return Outcome(file, reason=_clause(str(exc), file))
    except (sqlite3.DatabaseError, OSError) as exc:
        return Outcome(file, reason=f"it could not be read ({exc})")
    if doc.get("pcn") is None:
        return Outcome(file, reason="no PCN is set up in it")
    pcn = doc["pcn"]
    return Outcome(file, row={"pcn_code": pcn["code"], "pcn_name": pcn["name"], "file": file, **figures_of(doc)},
                   as_of=doc["as_of"])


def _clause(sentence: str, file: str) -> str:
    """A sentence about `file` ("F is not …; it was left untouched.") as a reason ("it is not …")."""
    text = sentence.rstrip(".")
    if text.startswith(file):
        text = "it" + text[len(file):]
    return text.replace("; it was left untouched", "")


def _read_star(args: tuple[str, Request]) -> Outcome:
    return read_one(*args)


def workers_for(count: int) -> int:
    return max(1, min(os.cpu_count() or 1, count // PARALLEL_FROM + 1, 8)) if count >= PARALLEL_FROM else 1


def read_all(files: Sequence[str], request: Request, *, parallel: bool = True) -> list[Outcome]:
    """Every file's outcome, in the order given. `parallel`: worker processes (forked from this
    one, after the status code is imported) when there are PARALLEL_FROM files or more."""
    workers = workers_for(len(files)) if parallel else 1
    if workers == 1:
        return [read_one(f, request) for f in files]
    import multiprocessing

    from pcntui.report import status

    status.builders()  # import every block's code once, before forking
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_read_star, [(f, request) for f in files], chunksize=max(1, len(files) // (workers * 4)))


def rollup(paths: Iterable[str | os.PathLike], request: Request, *, parallel: bool = True) -> Rollup:
    """Find the files under `paths`, read each (read-only), and gather the rows by PCN code."""
    from pcntui.store.reading import discover

    files, skipped = discover(paths)
    result = Rollup(request, skipped=list(skipped))
    for outcome in read_all([str(f) for f in files], request, parallel=parallel):
        if outcome.row is None:
            result.skipped.append((outcome.file, outcome.reason or "it could not be read"))
        else:
            result.rows.append(outcome.row)
            result.sources[outcome.file] = outcome
    result.rows.sort(key=lambda r: (r["pcn_code"], r["file"]))
    return result



def open_pcn(file: str):
    """A PCN file opened read-only for its dashboard (UserError for a share file: figures only)."""
    from pcntui.store.reading import open_reading
    from pcntui.store.share_file import ShareFile

    opened = open_reading(file)
    if isinstance(opened, ShareFile):
        opened.conn.close()
        raise UserError(f"{file} is a share file: it holds the figures only, so it has no dashboard to open.")
    return opened

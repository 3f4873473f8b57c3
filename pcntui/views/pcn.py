"""The PCN and its practices: the PCN screen (KIND `practices`) and one practice's list sizes
(KIND `practice-list-sizes --id CODE`). The title line is views/title.py."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.errors import UserError
from pcntui.views.base import Column, Kind, Line, Row, Span, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.deprivation import ImdRank
    from pcntui.store.pcn import PracticeRow
    from pcntui.store.tx import Reader

COLUMNS = (  # the CSV keeps the columns of v0.1's `export practices`, in order
    Column("practice_code", "Code", priority=0),
    Column("practice_name", "Practice", priority=0),
    Column("postcode", "Postcode", screen=False),
    Column("clinical_system", "System", priority=2),
    Column("list_size", "List size", Kind.COUNT),
    Column("list_size_date", "As of", Kind.DATE),
    Column("aged_65_plus", "65+", Kind.COUNT),
    Column("imd_score", "IMD", Kind.SCORE),
    Column("imd_rank", "IMD rank", Kind.INT, screen=False),
    Column("imd_rank_words", "IMD rank", csv=False, priority=2),
    Column("imd_ranked_of", "Ranked of", Kind.INT, screen=False),
    Column("imd_quintile", "IMD quintile", Kind.INT, screen=False),
)

LIST_SIZE_COLUMNS = (
    Column("practice_code", "Practice", screen=False),
    Column("extract_date", "Extract", Kind.DATE, priority=0),
    Column("list_size", "List size", Kind.COUNT, priority=0),
    Column("aged_65_plus", "65+", Kind.COUNT),
    Column("share_65", "65+ %", Kind.PCT, csv=False),
)


def imd_rank_words(imd: ImdRank | None) -> str | None:
    """`3 of 242` (a regional file: the screen's header says the ranks are within it) or
    `812 of 6,254 · Q1` (a national file)."""
    if imd is None:
        return None
    if imd.national:
        return f"{imd.rank:,} of {imd.of:,} · Q{imd.quintile}"
    return f"{imd.rank:,} of {imd.of:,}"


def _values(p: PracticeRow) -> tuple[object, ...]:
    imd = p.imd
    return (p.code, p.name, p.postcode, p.supplier, p.patients, p.list_date, p.aged_65_plus,
            imd.score if imd else None, imd.rank if imd else None, imd_rank_words(imd), imd.of if imd else None,
            imd.quintile if imd else None)


def _summary(reader: Reader, practices: list[PracticeRow]) -> tuple[Line, ...]:
    from pcntui.store.pcn import pcn_summary

    s = pcn_summary(reader)
    if s is None:
        return ((Span("No PCN set up yet.", tag="b"),
                 Span(" Run 'pcntui setup --pcn U12345 --practices MAP.csv' or 'pcntui demo'.")),)
    first = [Span(f"{s.code} {s.name}", tag="b")] + ([Span(f" · {s.icb_name}")] if s.icb_name else [])
    second = f"{s.practices} practices · {s.patients:,} registered patients"
    second += f" (list sizes {s.list_date})" if s.list_date else " (no list sizes imported)"
    if s.imd_weighted is not None:
        second += f" · IMD {s.imd_weighted:.1f} list-weighted"
    lines: list[Line] = [tuple(first), (Span(second),)]
    ranked = next((p.imd for p in practices if p.imd), None)
    if ranked is not None and not ranked.national:
        lines.append((Span(f"IMD ranks are within the imported file ({ranked.of:,} practices), not England.",
                           tag="dim"),))
    return tuple(lines)


def practices(reader: Reader, q: ViewQuery) -> View:
    """Every member practice with its latest list size and IMD rank, by name."""
    from pcntui.store.pcn import practices_overview

    found = practices_overview(reader)
    rows = tuple(Row(p.code, _values(p), opens=p.code) for p in found)
    return View("practices", f"practices {q.period.fy.label}", COLUMNS, rows, _summary(reader, found))


def practice_list_sizes(reader: Reader, q: ViewQuery) -> View:
    """One practice (`q.item`, its ODS code): its details, and every list-size extract, newest first."""
    from pcntui.store.lookups import list_sizes_of
    from pcntui.store.pcn import practices_overview

    code = (q.item or "").strip().upper()
    practice = next((p for p in practices_overview(reader) if p.code == code), None)
    if practice is None:
        raise UserError(f"There is no practice {q.item or '(none given)'} in this PCN; give --id with a practice "
                        "code from 'pcntui export practices'.")
    rows = []
    for s in list_sizes_of(reader, code):
        share = None
        if s["patients"] and s["aged_65_plus"] is not None:
            share = (Decimal(s["aged_65_plus"]) * 100 / Decimal(s["patients"])).quantize(Decimal("0.1"))
        rows.append(Row(s["extract_date"], (code, s["extract_date"], s["patients"], s["aged_65_plus"], share)))
    imd = practice.imd.describe() if practice.imd else "no IMD score imported"
    summary = ((Span(f"{practice.code} {practice.name}", tag="b"),),
               (Span(f"{practice.postcode or 'no postcode'} · clinical system {practice.supplier or 'unknown'} "
                     f"· IMD {imd}"),))
    return View("practice-list-sizes", f"Practice {code}", LIST_SIZE_COLUMNS, tuple(rows), summary)

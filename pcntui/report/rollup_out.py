"""The roll-up written out: the CSV rows (also the TUI's `x`), the JSON document, the one-table
SQLite file, and plain text that fits the terminal."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from pcntui.domain.text import clip
from pcntui.domain.money import gbp
from pcntui.report.rollup import COLUMNS, MONEY, ROLLUP_VERSION, Rollup, total_of

__all__ = ["COLUMNS", "DB_TABLE", "as_document", "as_json", "as_text", "csv_rows", "db_columns", "db_rows", "table_rows"]

DB_TABLE = "rollup"


def csv_rows(result: Rollup) -> list[list[object]]:
    """The rows of the CSV (`--out F.csv`): one per PCN, then TOTAL."""
    return table_rows(result.rows)


def table_rows(rows: Sequence[dict]) -> list[list[object]]:
    """These PCN rows then their TOTAL, as CSV rows (the TUI's `x` writes the rows on screen)."""
    return [[r[c] for c in COLUMNS] for r in (*rows, total_of(rows))]


def _json_row(row: dict) -> dict:
    return {c: (float(row[c]) if c in MONEY and row[c] is not None else row[c]) for c in COLUMNS}


def as_document(result: Rollup) -> dict:
    """`--json` (rollup_version 1). Money as JSON numbers, as `status --json` writes them."""
    return {
        "rollup_version": ROLLUP_VERSION,
        "fy": result.request.period.fy.label,
        "as_of": result.request.period.as_of.isoformat(),
        "pcns": [_json_row(r) for r in result.rows],
        "total": _json_row(result.total),
        "skipped": [{"file": f, "reason": reason} for f, reason in result.skipped],
    }


def as_json(result: Rollup) -> str:
    return json.dumps(as_document(result), indent=2)


def db_columns() -> list[tuple[str, str]]:
    """The `--out F.db` table's columns: the CSV's, money as integer pence (`<name>_pence`)."""
    out = []
    for c in COLUMNS:
        if c in MONEY:
            out.append((f"{c}_pence", "INTEGER"))
        else:
            out.append((c, "TEXT" if c in ("pcn_code", "pcn_name", "file") else "INTEGER"))
    return out


def db_rows(result: Rollup) -> list[list[object]]:
    return [[_pence(v) if c in MONEY else v for c, v in zip(COLUMNS, row)] for row in csv_rows(result)]


def _pence(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


# ---------------------------------------------------------------------- text
_HEAD = [  # key, header (two lines), right-aligned
    ("pcn_code", ("", "Code"), False), ("pcn_name", ("", "PCN"), False), ("patients", ("", "Patients"), True),
    ("arrs_entitlement", ("ARRS £", "entitlement"), True), ("arrs_claimable_to_date", ("claimable", "to date"), True),
    ("arrs_forecast", ("", "forecast"), True), ("arrs_headroom", ("", "headroom"), True),
    ("smr_cohorts_behind", ("SMR", "behind"), True), ("interventions_red", ("Interv.", "red"), True),
    ("interventions_amber", ("Interv.", "amber"), True), ("des_overdue", ("DES", "overdue"), True),
    ("alerts", ("", "Alerts"), True), ("file", ("", "File"), False),
]
NAME_MIN = 12
FILE_MIN = 10


def _cell(key: str, value: object) -> str:
    if value is None:
        return "–"
    if key in MONEY:
        return gbp(value, pence=False).replace("£", "")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)



def _table(rows: list[dict], width: int) -> list[str] | None:
    """The rows as a table in `width` columns, or None when it cannot fit."""
    cells = [[_cell(k, r[k]) for k, _, _ in _HEAD] for r in rows]
    widths = [max(len(h[0]), len(h[1]), *(len(c[i]) for c in cells)) for i, (_, h, _) in enumerate(_HEAD)]
    name, file = 1, len(_HEAD) - 1
    fixed = sum(w for i, w in enumerate(widths) if i not in (name, file)) + 2 * (len(_HEAD) - 1)
    spare = width - fixed - 1
    if spare < NAME_MIN:
        return None
    natural = widths[name]
    widths[name] = min(natural, max(NAME_MIN, spare - widths[file]))
    widths[file] = min(widths[file], spare - widths[name])
    if widths[file] < FILE_MIN:  # no room for the file: the name takes it
        widths[name], widths[file] = min(natural, spare), 0
    out = []
    for line in (0, 1):
        out.append(_line([h[line] for _, h, _ in _HEAD], widths))
    for row in cells:
        out.append(_line(row, widths))
    return [s.rstrip() for s in out]


def _line(cells: list[str], widths: list[int]) -> str:
    parts = []
    for (_, _, right), text, w in zip(_HEAD, cells, widths):
        if w == 0:
            continue
        text = clip(text, w)
        parts.append(text.rjust(w) if right else text.ljust(w))
    return "  ".join(parts)


def _record(row: dict, width: int) -> list[str]:
    """One PCN as a few wrapped lines (when the table does not fit)."""
    c = {k: _cell(k, row[k]) for k in COLUMNS}
    lines = [f"{c['pcn_code']} {row['pcn_name']} · {c['patients']} patients" + (f" · {row['file']}" if row["file"] else ""),
             f"ARRS £: entitlement {c['arrs_entitlement']} · claimable to date {c['arrs_claimable_to_date']} · "
             f"forecast {c['arrs_forecast']} · headroom {c['arrs_headroom']}",
             f"SMR cohorts behind {c['smr_cohorts_behind']} · interventions red {c['interventions_red']}, "
             f"amber {c['interventions_amber']} · DES overdue {c['des_overdue']} · alerts {c['alerts']}"]
    out = textwrap.wrap(lines[0], width, subsequent_indent="    ")
    for line in lines[1:]:
        out.extend(textwrap.wrap(line, width, initial_indent="  ", subsequent_indent="    "))
    return out


def as_text(result: Rollup, width: int = 80) -> str:
    width = max(40, width)
    p = result.request.period
    head = f"pcntui rollup · as of {p.as_of.isoformat()} · financial year {p.fy.label} · {len(result.rows)} PCNs"
    out = textwrap.wrap(head, width) + [""]
    rows = [*result.rows, result.total]
    table = _table(rows, width)
    if table is not None:
        out.extend(table)
    else:
        for row in rows:
            out.extend(_record(row, width))
    shares = [o for o in result.sources.values() if o.share and o.as_of != p.as_of.isoformat()]
    for o in shares:
        out.extend(textwrap.wrap(f"Note: {o.file} is a share file; its figures are as of {o.as_of}.", width,
                                 subsequent_indent="  "))
    if result.skipped:
        out.append("")
        out.append(f"Skipped ({len(result.skipped)}):")
        for f, reason in result.skipped:
            out.extend(textwrap.wrap(f"{f}: {reason}.", width, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(out) + "\n"

"""The PCN section: the member practices, and one practice's details on `enter`."""

from __future__ import annotations

from typing import ClassVar


from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row


def imd_rank_text(imd) -> str | None:
    """`3 of 242 in file` (regional file) or `812 of 6,254 · Q1` (national file)."""
    if imd is None:
        return None
    if imd.national:
        return f"{imd.rank:,} of {imd.of:,} · Q{imd.quintile}"
    return f"{imd.rank:,} of {imd.of:,} in file"


class PcnScreen(TableScreen):
    SECTION = "pcn"
    EXPORT_NAME = "practices"
    NOUN = ("practice", "practices")
    OPENS = True
    EMPTY = "No practices yet: set up the PCN with 'pcntui setup' (or load the demo)."
    HELP = (
        "The PCN's member practices from the national files: registered list size (with the "
        "date of the extract), patients aged 65+, IMD score with its rank (rank 1 = most "
        "deprived; quintiles only when the file covers England) and clinical system. Opening a "
        "practice shows its list sizes; clicking a column title sorts by it. The CSV export has "
        "the columns of 'pcntui export practices'."
    )
    COLUMNS: ClassVar = [
        Col("code", "Code"),
        Col("name", "Practice"),
        Col("patients", "List size", numeric=True),
        Col("list_date", "As of"),
        Col("aged_65_plus", "65+", numeric=True),
        Col("imd", "IMD", numeric=True),
        Col("imd_rank", "IMD rank"),
        Col("supplier", "System"),
    ]

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.report.exports import practices_table
        from pcntui.store.pcn import pcn_summary, practices_overview

        summary = pcn_summary(store)
        practices = practices_overview(store)
        table = practices_table(store, period)
        rows = [
            Row(
                p.code,
                [
                    p.code, p.name,
                    f"{p.patients:,}" if p.patients is not None else None,
                    p.list_date,
                    f"{p.aged_65_plus:,}" if p.aged_65_plus is not None else None,
                    f"{p.imd.score:.1f}" if p.imd else None,
                    imd_rank_text(p.imd),
                    p.supplier,
                ],
                sort=[p.code, p.name, p.patients, p.list_date, p.aged_65_plus,
                      p.imd.score if p.imd else None, p.imd.rank if p.imd else None, p.supplier],
            )
            for p in practices
        ]
        if summary is None:
            text = "[b]No PCN set up yet.[/b] Run 'pcntui setup --pcn U12345 --practices MAP.csv' or 'pcntui demo'."
        else:
            text = f"[b]{markup(summary.code)} {markup(summary.name)}[/b]"
            if summary.icb_name:
                text += f" · {markup(summary.icb_name)}"
            text += f"\n{summary.practices} practices · {summary.patients:,} registered patients"
            text += f" (list sizes {summary.list_date})" if summary.list_date else " (no list sizes imported)"
            if summary.imd_weighted is not None:
                text += f" · IMD {summary.imd_weighted:.1f} list-weighted"
            ranked = next((p.imd for p in practices if p.imd), None)
            if ranked is not None and not ranked.national:
                text += f"\n[dim]IMD ranks are within the imported file ({ranked.of:,} practices), not England.[/dim]"
        return TableData(text, rows, table.columns, {r[0]: r for r in table.rows})

    def open_row(self, key: str) -> None:
        self.app.push_screen(PracticeScreen(key))


class PracticeScreen(TableScreen):
    """One practice: its details and every list-size extract held."""

    SECTION = "pcn"
    NOUN = ("list-size extract", "list-size extracts")
    EMPTY = "No list sizes imported for this practice."
    HELP = (
        "One practice: where it is, its clinical system, its IMD score, and the registered "
        "list size from every extract imported (newest first)."
    )
    COLUMNS: ClassVar = [
        Col("extract_date", "Extract"),
        Col("patients", "List size", numeric=True),
        Col("aged_65_plus", "65+", numeric=True),
        Col("share_65", "65+ %", numeric=True),
    ]

    def __init__(self, code: str) -> None:
        super().__init__(crumb=f"Practice {code}")
        self.code = code

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"practice-{self.code}-list-sizes"

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.store.pcn import practices_overview

        practice = next((p for p in practices_overview(store) if p.code == self.code), None)
        if practice is None:
            return TableData(f"Practice {markup(self.code)} is no longer in this database.", [], found=False)
        from pcntui.store.lookups import list_sizes_of

        sizes = list_sizes_of(store, self.code)
        imd = practice.imd.describe() if practice.imd else "no IMD score imported"
        text = (
            f"[b]{markup(practice.code)} {markup(practice.name)}[/b]\n"
            f"{markup(practice.postcode or 'no postcode')} · clinical system {markup(practice.supplier or 'unknown')}"
            f" · IMD {markup(imd)}"
        )
        rows = []
        export = {}
        for s in sizes:
            share = s["aged_65_plus"] / s["patients"] * 100 if s["patients"] and s["aged_65_plus"] is not None else None
            rows.append(Row(
                s["extract_date"],
                [s["extract_date"], f"{s['patients']:,}",
                 f"{s['aged_65_plus']:,}" if s["aged_65_plus"] is not None else None,
                 f"{share:.1f}" if share is not None else None],
                sort=[s["extract_date"], s["patients"], s["aged_65_plus"], share],
            ))
            export[s["extract_date"]] = [self.code, s["extract_date"], s["patients"], s["aged_65_plus"]]
        return TableData(text, rows, ["practice_code", "extract_date", "list_size", "aged_65_plus"], export)

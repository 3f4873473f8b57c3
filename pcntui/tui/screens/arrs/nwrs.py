"""The NWRS census held against the roster (the view `arrs-nwrs`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from pcntui.domain.text import counted
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked
from pcntui.tui.widgets.view_table import Col, Row


IMPORT_CENSUS = "import_file('workforce')"


class NwrsScreen(ViewBacked, ArrsBase):
    NOUN = ("role", "roles")
    EMPTY = f"No NWRS census held: {markup(reach(IMPORT_CENSUS))}."
    EXPORT_NAME = "arrs-nwrs"
    HELP = (
        "The national workforce record (NWRS) against the roster on the census date, per ARRS role: "
        "NWRS staff FTE, pooled 'contracted services' FTE, roster FTE in post that day, the difference "
        "(roster − NWRS) and whether they match (within 0.01 FTE). NWRS roles that are not ARRS roles "
        "are listed after them. The latest census held is shown."
    )
    COLUMNS: ClassVar = [
        Col("role", "Role", width=28),
        Col("nwrs", "NWRS FTE", numeric=True),
        Col("contracted", "Contracted", numeric=True),
        Col("roster", "Roster FTE", numeric=True),
        Col("diff", "Diff", numeric=True),
        Col("status", "Status"),
    ]

    def __init__(self) -> None:
        super().__init__(crumb="NWRS reconciliation")

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.views.arrs.nwrs import nwrs_of
        from pcntui.views.arrs.year import arrs_year, censuses_held, reconciliation

        view = arrs_year(store, period)
        rec = reconciliation(store)
        table = nwrs_of(rec)
        if rec is None:
            return ArrsData("[b]NWRS reconciliation[/b]\nNo NWRS census held yet.", [], view=view,
                            extra={"table": table})
        held = censuses_held(store)
        rows = []
        for i, line in enumerate([*rec.lines, *rec.other]):
            key = f"{i}"
            status = line.status
            style = {"match": "$text-success", "not ARRS": "dim"}.get(status, "$text-warning")
            diff = line.difference
            rows.append(Row(key, [
                line.label, f"{line.nwrs_staff_fte:.2f}", f"{line.nwrs_contracted_fte:.2f}" if line.nwrs_contracted_fte else None,
                f"{line.roster_fte:.2f}" if line.role_code else None, line.difference_text if line.role_code else None,
                Text(status, style),
            ], sort=[line.label, line.nwrs_staff_fte, line.nwrs_contracted_fte, line.roster_fte, diff, status]))
        t = rec.totals()
        text = (f"[b]NWRS census {rec.census.isoformat()}[/b] (PCN {markup(rec.pcn_code)}; {len(held)} "
                f"{'census' if len(held) == 1 else 'censuses'} held, the latest shown) · "
                f"ARRS roles: NWRS {t.nwrs_fte:.2f} FTE vs roster {t.roster_fte:.2f} FTE\n")
        diffs = rec.differences
        text += (f"[$warning]{counted(len(diffs), 'role differs', 'roles differ')}[/]: " + ", ".join(markup(d.label) for d in diffs[:4])
                 + (" …" if len(diffs) > 4 else "")) if diffs else "[$success]Every ARRS role matches.[/]"
        text += "".join(f"\n[$warning]! {markup(sentence)}[/]" for sentence in rec.left_out)
        return ArrsData(text, rows, view=view, extra={"table": table})

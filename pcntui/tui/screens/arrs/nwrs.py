"""The NWRS census held against the roster (the view `arrs-nwrs`)."""

from __future__ import annotations

from typing import ClassVar

from pcntui.domain.text import counted
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked
from pcntui.tui.screens.table import Shown, cols_of, typed_row
from pcntui.views.arrs.nwrs import COLUMNS

SCREEN = tuple(c for c in COLUMNS if c.screen)


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
    COLUMNS: ClassVar = cols_of(SCREEN, role=28)

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
            arrs = bool(line.role_code)
            style = {"match": "$text-success", "not ARRS": "dim"}.get(line.status, "$text-warning")
            rows.append(typed_row(str(i), [
                line.label, line.nwrs_staff_fte, Shown(line.nwrs_contracted_fte, None if line.nwrs_contracted_fte else ""),
                Shown(line.roster_fte, None if arrs else ""), Shown(line.difference, line.difference_text if arrs else ""),
                Shown(line.status, style=style)], SCREEN))
        t = rec.totals()
        text = (f"[b]NWRS census {rec.census.isoformat()}[/b] (PCN {markup(rec.pcn_code)}; {len(held)} "
                f"{'census' if len(held) == 1 else 'censuses'} held, the latest shown) · "
                f"ARRS roles: NWRS {t.nwrs_fte:.2f} FTE vs roster {t.roster_fte:.2f} FTE\n")
        diffs = rec.differences
        text += (f"[$warning]{counted(len(diffs), 'role differs', 'roles differ')}[/]: " + ", ".join(markup(d.label) for d in diffs[:4])
                 + (" …" if len(diffs) > 4 else "")) if diffs else "[$success]Every ARRS role matches.[/]"
        text += "".join(f"\n[$warning]! {markup(sentence)}[/]" for sentence in rec.left_out)
        return ArrsData(text, rows, view=view, extra={"table": table})

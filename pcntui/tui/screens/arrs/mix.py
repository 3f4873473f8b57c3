"""Role mix against the caps for the year (the view `arrs-summary`)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from pcntui.domain.period import Period
from pcntui.domain.text import counted
from pcntui.store import Store
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsTable
from pcntui.tui.screens.table import Shown, cols_of, typed_row
from pcntui.views.base import Column, Kind


class MixScreen(ArrsTable):
    NOUN = ("role", "roles")
    EMPTY = "No ARRS staff or planned posts this year."
    EXPORT_NAME = "arrs-summary"
    HELP = (
        "Each role this year: ARRS-funded staff, WTE on the as-of date, the peak WTE in the year "
        "against the cap for a PCN of this list size (unconfirmed caps say so), baseline WTE, "
        "claimable to date and the forecast to 31 March (roster and planned posts). Roles over "
        "their cap are marked. Exported, these are the figures of 'pcntui export arrs-summary'."
    )
    TABLE = (Column("role", "Role"), Column("staff", "Staff", Kind.COUNT), Column("wte", "WTE now", Kind.WTE),
             Column("peak", "Peak", Kind.WTE), Column("cap", "Cap"), Column("baseline", "Base", Kind.WTE),
             Column("to_date", "To date", Kind.MONEY_WHOLE), Column("forecast", "Forecast", Kind.MONEY_WHOLE))
    COLUMNS: ClassVar = cols_of(TABLE, role=26)

    CRUMB = "Role mix and caps"

    def table_of(self, store: Store, period: Period, view):
        from pcntui.views.arrs.tables import keyed
        from pcntui.views.base import ViewQuery
        from pcntui.views.load import view as load_view

        return keyed(load_view("arrs-summary", store, ViewQuery(period)), "role_code")

    def content(self, view, table):
        from pcntui.domain.arrs_caps import size_label

        mix = {x.role_code: x for x in view.mix}
        lines = {r.role_code: r for r in view.year.roles}
        rows = []
        for code in list(dict.fromkeys([*lines, *mix])):
            r, x = lines.get(code), mix.get(code)
            cap_text = x.cap_text if x else "no cap"
            style = "bold $text-error" if x and x.over_cap else "$text-warning" if "unconfirmed" in cap_text else ""
            rows.append(typed_row(code, [
                r.role_name if r else x.role_name, x.headcount if x else 0, r.wte if r else (x.wte_now if x else None),
                x.peak_wte if x else Decimal(0), Shown(x.cap if x else None, f"OVER {cap_text}" if x and x.over_cap
                                                        else cap_text, style),
                Shown(r.baseline_wte if r else None, None if r and r.baseline_wte else ""),
                r.claimable_to_date if r else None, r.forecast if r else None], self.TABLE))
        over = [x for x in view.mix if x.over_cap]
        text = (f"[b]Role mix {view.year.fy.label}[/b] against caps for a PCN of "
                f"{markup(size_label(view.inputs.list_size))}\n")
        text += (f"[b $error]{counted(len(over), 'role')} over their cap:[/] " + ", ".join(markup(x.role_name) for x in over)
                 if over else "[$success]Every role is within its cap.[/]")
        return text, rows, {}

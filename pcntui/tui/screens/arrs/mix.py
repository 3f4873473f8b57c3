"""Role mix against the caps for the year (the view `arrs-summary`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from pcntui.domain.text import counted
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.safe import markup
from decimal import Decimal

from pcntui.tui.screens.arrs.base import ArrsTable, wte_text
from pcntui.tui.widgets.view_table import Col, Row


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
    COLUMNS: ClassVar = [
        Col("role", "Role", width=26),
        Col("staff", "Staff", numeric=True),
        Col("wte", "WTE now", numeric=True),
        Col("peak", "Peak", numeric=True),
        Col("cap", "Cap"),
        Col("baseline", "Base", numeric=True),
        Col("to_date", "To date", numeric=True),
        Col("forecast", "Forecast", numeric=True),
    ]

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
            name = (r.role_name if r else x.role_name)
            cap_text = x.cap_text if x else "no cap"
            over = bool(x and x.over_cap)
            cap_cell = Text(f"OVER {cap_text}", "bold $text-error") if over else (
                Text(cap_text, "$text-warning") if "unconfirmed" in cap_text else cap_text)
            peak = x.peak_wte if x else Decimal(0)
            rows.append(Row(code, [
                name, x.headcount if x else 0, wte_text(r.wte if r else (x.wte_now if x else None)), wte_text(peak),
                cap_cell, wte_text(r.baseline_wte) if r and r.baseline_wte else None,
                gbp(r.claimable_to_date, pence=False) if r else None, gbp(r.forecast, pence=False) if r else None,
            ], sort=[name, x.headcount if x else 0, r.wte if r else None, peak, x.cap if x else None,
                     r.baseline_wte if r else None, r.claimable_to_date if r else None, r.forecast if r else None]))
        over = [x for x in view.mix if x.over_cap]
        text = (f"[b]Role mix {view.year.fy.label}[/b] against caps for a PCN of "
                f"{markup(size_label(view.inputs.list_size))}\n")
        text += (f"[b $error]{counted(len(over), 'role')} over their cap:[/] " + ", ".join(markup(x.role_name) for x in over)
                 if over else "[$success]Every role is within its cap.[/]")
        return text, rows, {}

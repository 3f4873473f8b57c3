"""The rule tables behind the figures (the views `arrs-rates`, `arrs-caps`, `arrs-roles`): maxima, caps and
roles, shipped and yours, unconfirmed rows marked; a maximum is edited or added here."""

from __future__ import annotations

from dataclasses import replace

from typing import ClassVar

from rich.text import Text

from pcntui.domain.text import counted
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of, reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked, number_text, wte_text
from pcntui.tui.widgets.view_table import Col, Row

TABLES = ("rates", "caps", "roles")


IMPORT_RATES = "import_file('rates')"


class RulesScreen(ViewBacked, ArrsBase):
    NOUN = ("row", "rows")
    HELP = (
        "The rule tables behind the figures, shipped with pcntui and merged with your corrections: "
        "maxima (rates) per role (and band: General Practice Nurse band 5 and band 6 are rows of their "
        "own) from a date, each at the row's reimbursement %; caps on WTE by year; and the roles. A "
        "person reimbursed at their own % (a second MHP at 100%) has the maximum scaled by their % "
        "over the row's. Rows not confirmed by a published source are marked UNCONFIRMED (estimates, "
        "carried forward, inferred): check them. A row you add or correct is used instead of the "
        "shipped one, and sets aside the shipped estimates dated on or after it."
    )
    BINDINGS = bindings_for("RulesScreen")

    def __init__(self, kind: str = "rates") -> None:
        super().__init__(crumb="Rule tables")
        self.kind = kind

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"arrs-{self.kind}"

    COLUMNS: ClassVar = [
        Col("a", "Role", width=24),
        Col("b", "From", whole=True),  # a date or a span of years: never cut
        Col("c", "Value", numeric=True),
        Col("e", "Status"),
        Col("d", "More"),
        Col("f", "Source"),
    ]
    HEADINGS: ClassVar = {
        "rates": ["Role", "From", "Max £", "Status", "% · London", "Source"],
        "caps": ["Role", "Years", "<100k", "Status", "100k+", "Source"],
        "roles": ["Role", "Eligible", "Bands", "Status", "Needs", "Source"],
    }

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.views.arrs.rules import caps_of, needs as role_needs, rates_of, roles_of
        from pcntui.views.arrs.year import arrs_year

        view = arrs_year(store, period)
        rules = view.inputs.rules
        table = {"rates": rates_of, "caps": caps_of, "roles": roles_of}[self.kind](rules)
        rows = []
        unconfirmed = 0

        def status(confirmed: bool, origin: str) -> Text:
            if origin == "user":
                return Text("yours", "bold $text-success")
            return Text("confirmed", "") if confirmed else Text("UNCONFIRMED", "bold $text-warning")

        if self.kind == "rates":
            for r in sorted(rules.rates, key=lambda r: (rules.role_name(r.role_code).casefold(), r.effective_from, r.band)):
                confirmed = rules.rate_confirmed_on(r, r.effective_from)
                unconfirmed += not confirmed
                key = f"{r.role_code}|{r.band}|{r.effective_from.isoformat()}"
                london = ""
                if r.inner_london_max or r.outer_london_max:
                    london = " · L " + "/".join(gbp(x, pence=False) for x in (r.inner_london_max, r.outer_london_max) if x)
                name = rules.role_name(r.role_code) + (f" band {r.band}" if r.band else "")
                rows.append(Row(key, [name, r.effective_from.isoformat(), gbp(r.annual_max, pence=False),
                                      f"{number_text(r.reimbursement_pct)}%{london}", status(confirmed, r.origin),
                                      r.note or r.source],
                                sort=[rules.role_name(r.role_code), r.effective_from.isoformat(), r.annual_max,
                                      r.reimbursement_pct, int(confirmed), r.source]))
        elif self.kind == "caps":
            for c in sorted(rules.caps, key=lambda c: (rules.role_name(c.role_code).casefold(), c.fy_from.label)):
                unconfirmed += not c.confirmed
                key = f"{c.role_code}|{c.fy_from.label}"
                years = f"{c.fy_from.label}–{c.fy_to.label if c.fy_to else 'on'}"
                rows.append(Row(key, [rules.role_name(c.role_code), years, wte_text(c.max_wte_under_100k),
                                      wte_text(c.max_wte_100k_plus), status(c.confirmed, c.origin), c.note or c.source],
                                sort=[rules.role_name(c.role_code), c.fy_from.label, c.max_wte_under_100k,
                                      c.max_wte_100k_plus, int(c.confirmed), c.source]))
        else:
            for role in rules.roles:
                unconfirmed += not role.confirmed
                needs = role_needs(role)
                eligible = role.eligible_from.isoformat() if role.eligible_from else None
                if role.eligible_to:
                    eligible = f"{eligible or ''}–{role.eligible_to.isoformat()}"
                rows.append(Row(role.code, [f"{role.name} ({role.code})", eligible, role.bands if role.band_max else None,
                                            needs or None, status(role.confirmed, role.origin), role.note or role.source],
                                sort=[role.name, eligible, role.bands, needs, int(role.confirmed), role.source]))
        for row in rows:
            c = list(row.cells)
            c[3], c[4] = c[4], c[3]
            row.cells = c
            srt = list(row.sort)
            srt[3], srt[4] = srt[4], srt[3]
            row.sort = srt
        names = {"rates": "Maxima (rates)", "caps": "Caps on WTE", "roles": "Roles"}
        tabs = " · ".join(f"[reverse b] {names[k]} [/]" if k == self.kind else names[k] for k in TABLES)
        text = f"{tabs}   [dim]({key_hint('next_table')})[/dim]\n"
        text += (f"[b $warning]{counted(unconfirmed, 'row')} UNCONFIRMED[/] — estimates, carried forward or inferred; check them"
                 if unconfirmed else "[$success]Every row here is confirmed.[/]")
        if self.kind == "rates":
            text += f" · {key_hint('edit_rate', 'add_rate')}"
            known = rules.rates_known_until
            if known is not None and period.fy > known:
                text += (f"\n[$warning]No published maxima after {known.label} are on record: {period.fy.label} uses "
                         "shipped estimates (the last published figures × the pay awards) or carries them forward, "
                         "all unconfirmed; add the published figures with "
                         f"{key_of('add_rate')} or {markup(reach(IMPORT_RATES))}.[/]")
        return ArrsData(text, rows, view=view, extra={"kind": self.kind, "table": table})

    def show(self, data) -> None:
        whole = {"rates": {"d"}}.get(self.kind, set())  # a maximum's % and London figures: never cut
        self.table.spec = [replace(c, label=label, whole=c.whole or c.key in whole)
                           for c, label in zip(self.COLUMNS, self.HEADINGS[self.kind])]
        super().show(data)

    def action_next_table(self) -> None:
        self.kind = TABLES[(TABLES.index(self.kind) + 1) % len(TABLES)]
        self.data = None
        self.table.sort_column = None
        self.reload()

    def _rate(self):
        if self.kind != "rates" or self.view is None:
            return None
        key = self.table.current_key()
        if key is None:
            return None
        code, band, day = key.split("|")
        return next((r for r in self.view.inputs.rules.rates
                     if r.role_code == code and r.band == band and r.effective_from.isoformat() == day), None)

    def action_edit_rate(self) -> None:
        from pcntui.tui.screens.arrs import forms

        row = self._rate()
        if row is not None:
            forms.open_rate(self, row)

    def action_add_rate(self) -> None:
        from pcntui.tui.screens.arrs import forms

        if self.view is not None:
            row = self._rate()
            forms.open_rate(self, role_name=self.view.inputs.rules.role_name(row.role_code) if row else "")

    def open_row(self, key: str) -> None:
        if self.kind == "rates":
            self.action_edit_rate()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_rate":
            return True if self._rate() is not None else (None if self.kind == "rates" else False)
        if action == "add_rate":
            return (True if self.view is not None else None) if self.kind == "rates" else False
        if action == "next_table":
            return True
        return super().check_action(action, parameters)

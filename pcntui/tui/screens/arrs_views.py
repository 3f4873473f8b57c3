"""The other ARRS screens: role mix against caps, alerts, planned posts (what-if), NWRS, rule tables."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import ClassVar

from rich.text import Text

from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs import ArrsBase, ArrsData, entitlement_bar, money_summary, wte_text
from pcntui.tui.widgets.view_table import Col, Row

UNCONFIRMED = "unconfirmed"


def flag(text: str, style: str) -> Text:
    return Text(text, style=style)


# ====================================================================== role mix
class MixScreen(ArrsBase):
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

    def __init__(self) -> None:
        super().__init__(crumb="Role mix and caps")

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.domain.arrs_caps import size_label
        from pcntui.report.arrs_exports import arrs_summary_export
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period)
        mix = {x.role_code: x for x in view.mix}
        lines = {r.role_code: r for r in view.year.roles}
        rows = []
        for code in list(dict.fromkeys([*lines, *mix])):
            r, x = lines.get(code), mix.get(code)
            name = (r.role_name if r else x.role_name)
            cap_text = x.cap_text if x else "no cap"
            over = bool(x and x.over_cap)
            cap_cell = flag(f"OVER {cap_text}", "bold $text-error") if over else (
                flag(cap_text, "$text-warning") if "unconfirmed" in cap_text else cap_text)
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
        text += (f"[b $error]{len(over)} role(s) over their cap:[/] " + ", ".join(markup(x.role_name) for x in over)
                 if over else "[$success]Every role is within its cap.[/]")
        table = arrs_summary_export(store, period)
        code_col = table.columns.index("role_code")
        export = {str(row[code_col]): row for row in table.rows}
        return ArrsData(text, rows, list(table.columns), export, view=view)

    def export_data(self):
        if self.data is None:
            return None
        keys = self.table.visible_keys()
        rows = [self.data.export_rows[k] for k in keys if k in self.data.export_rows]
        rows += [r for k, r in self.data.export_rows.items() if k not in keys and k.upper() == "TOTAL"]
        return self.data.export_columns, rows


# ====================================================================== alerts
class AlertsScreen(ArrsBase):
    NOUN = ("alert", "alerts")
    OPENS = True
    EMPTY = "No ARRS alerts this year."
    EXPORT_NAME = "arrs-alerts"
    HELP = (
        "What needs attention in the year: over- and underspend against the entitlement, roles over "
        "their cap, staff whose role is not eligible or has no maximum, missing supervisors, "
        "registrations or training pathways, expired registrations and overdue planned posts. "
        "Opening an alert about a person shows their months."
    )
    COLUMNS: ClassVar = [
        Col("severity", "Severity"),
        Col("message", "Alert"),
    ]

    def __init__(self) -> None:
        super().__init__(crumb="Alerts")

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period)
        rows, export = [], {}
        for i, a in enumerate(view.alerts):
            key = f"{i}:{a.staff_id or ''}"
            sev = flag(a.severity, "bold $text-error" if a.severity == "problem" else "$text-warning")
            rows.append(Row(key, [sev, a.message], sort=[0 if a.severity == "problem" else 1, a.message]))
            export[key] = [view.year.fy.label, a.kind, a.severity, a.message, a.staff_id or "", a.role_code or "",
                           "" if a.amount is None else f"{a.amount:.2f}"]
        text = (f"[b]ARRS alerts {view.year.fy.label}[/b] · problems first · "
                f"[b]{key_of('open')}[/b] on a person's alert opens them")
        full = {k: v[3] for k, v in export.items()}
        return ArrsData(text, rows, ["fy", "kind", "severity", "message", "staff_id", "role", "amount"], export, view=view,
                        extra={"full": full})

    def on_data_table_row_highlighted(self, event) -> None:
        """The whole alert under the cursor, wrapped above the table (long ones do not fit a row)."""
        if self.data is None or event.row_key is None:
            return
        full = self.data.extra.get("full", {}).get(event.row_key.value)
        if full:
            self.query_one("#summary").update(f"{self.data.summary}\n[b]›[/b] {markup(full)}")

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.arrs import PersonScreen

        staff = key.split(":", 1)[1]
        if staff:
            m = self.member(int(staff))
            self.app.push_screen(PersonScreen(int(staff), m.name if m else None))
        else:
            self.notify("This alert is about the year, not one person: m shows the roles, v the planned posts.")


# ====================================================================== planned posts
class PlannedScreen(ArrsBase):
    NOUN = ("planned post", "planned posts")
    OPENS = True
    EMPTY = (f"No planned posts: press {key_of('add_planned')} to try one (the form shows its effect on headroom "
             "before you save).")
    EXPORT_NAME = "arrs-planned"
    HELP = (
        "Posts the PCN means to fill. Open ones (planned, advertised, offered) count in the forecast "
        "from their expected start; 'Adds' is what each adds to this year's claimable. Adding a post "
        "shows, as you type, its effect on the forecast headroom (a what-if: nothing is saved "
        "until you save). Opening a row edits it."
    )
    BINDINGS = bindings_for("PlannedScreen")
    COLUMNS: ClassVar = [
        Col("title", "Post", width=26),
        Col("role", "Role", width=18),
        Col("wte", "WTE", numeric=True),
        Col("start", "Start"),
        Col("salary", "FT salary", numeric=True),
        Col("status", "Status"),
        Col("adds", "Adds", numeric=True),
    ]

    def __init__(self) -> None:
        super().__init__(crumb="Planned posts")

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.domain.forecast import what_if
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period)
        rules = view.inputs.rules
        rows, export = [], {}
        for p in view.inputs.planned:
            adds = what_if(view.inputs, period.fy, period.as_of, p).added if p.is_open else None
            key = str(p.id)
            rows.append(Row(key, [
                p.label(rules), rules.role_name(p.role_code), wte_text(p.wte), p.expected_start.isoformat(),
                gbp(p.fte_salary, pence=False), p.status, gbp(adds, pence=False) if adds is not None else None,
            ], sort=[p.label(rules), rules.role_name(p.role_code), p.wte, p.expected_start.isoformat(), p.fte_salary,
                     p.status, adds]))
            export[key] = [p.id, p.title, p.role_code, f"{p.wte:f}", p.expected_start.isoformat(),
                           p.expected_end.isoformat() if p.expected_end else "", f"{p.fte_salary:.2f}",
                           "" if p.oncost_pct is None else f"{p.oncost_pct:f}", p.status, p.filled_by or "", p.note]
        text = f"[b]Planned posts {period.fy.label}[/b] · {key_hint('add_planned')}\n" + money_summary(view)
        return ArrsData(text, rows, ["id", "title", "role", "wte", "expected_start", "expected_end", "fte_salary",
                                     "oncost_pct", "status", "filled_by", "note"], export, view=view)

    def post(self):
        key = self.table.current_key() if self.data is not None else None
        if key is None or self.view is None:
            return None
        return next((p for p in self.view.inputs.planned if str(p.id) == key), None)

    def action_add_planned(self) -> None:
        from pcntui.tui.screens.arrs_forms import PlannedForm

        if self.view is not None:
            self.app.push_screen(PlannedForm(self.view.inputs, self.pcn_app.fy, self.pcn_app.today))

    def action_edit_planned(self) -> None:
        from pcntui.tui.screens.arrs_forms import PlannedForm

        p = self.post()
        if p is not None:
            self.app.push_screen(PlannedForm(self.view.inputs, self.pcn_app.fy, self.pcn_app.today, p))

    def open_row(self, key: str) -> None:
        self.action_edit_planned()

    def action_delete_planned(self) -> None:
        from pcntui.tui.screens.confirm import ConfirmModal

        p = self.post()
        if p is None:
            return
        label = p.label(self.view.inputs.rules)

        def answered(yes: bool | None) -> None:
            if yes:
                from pcntui.store.staff import delete_planned

                self.save_in_worker(lambda store: delete_planned(store, p.id, expected_rev=p.rev),
                                    f"Deleted planned post {label}.")

        self.app.push_screen(ConfirmModal(f"Delete the planned post “{label}”?",
                                          detail=f"It leaves the forecast. {key_of('undo')} undoes it."), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_planned":
            return True if self.view is not None else None
        if action in ("edit_planned", "delete_planned"):
            return True if self.post() is not None else None
        return super().check_action(action, parameters)


# ====================================================================== NWRS
class NwrsScreen(ArrsBase):
    NOUN = ("role", "roles")
    EMPTY = "No NWRS census held: import one with 'pcntui import workforce FILE' (the published PCN workforce CSV)."
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
        from pcntui.store.arrs import arrs_view
        from pcntui.store.workforce import censuses, stored_reconciliation

        view = arrs_view(store, period)
        rec = stored_reconciliation(store)
        if rec is None:
            return ArrsData("[b]NWRS reconciliation[/b]\nNo NWRS census held yet.", [], view=view)
        held = censuses(store)
        rows, export = [], {}
        for i, line in enumerate([*rec.lines, *rec.other]):
            key = f"{i}"
            status = line.status
            style = {"match": "$text-success", "not ARRS": "dim"}.get(status, "$text-warning")
            diff = line.difference
            rows.append(Row(key, [
                line.label, f"{line.nwrs_staff_fte:.2f}", f"{line.nwrs_contracted_fte:.2f}" if line.nwrs_contracted_fte else None,
                f"{line.roster_fte:.2f}" if line.role_code else None, (f"{diff:+.2f}" if diff else "0.00") if line.role_code else None,
                flag(status, style),
            ], sort=[line.label, line.nwrs_staff_fte, line.nwrs_contracted_fte, line.roster_fte, diff, status]))
            export[key] = [rec.census.isoformat(), line.role_code or "", line.label, f"{line.nwrs_staff_fte:f}",
                           f"{line.nwrs_contracted_fte:f}", f"{line.roster_fte:f}", f"{diff:f}", status]
        t = rec.totals()
        text = (f"[b]NWRS census {rec.census.isoformat()}[/b] (PCN {markup(rec.pcn_code)}; {len(held)} "
                f"{'census' if len(held) == 1 else 'censuses'} held, the latest shown) · "
                f"ARRS roles: NWRS {t.nwrs_fte:.2f} FTE vs roster {t.roster_fte:.2f} FTE\n")
        diffs = rec.differences
        text += (f"[$warning]{len(diffs)} role(s) differ[/]: " + ", ".join(markup(d.label) for d in diffs[:4])
                 + (" …" if len(diffs) > 4 else "")) if diffs else "[$success]Every ARRS role matches.[/]"
        text += "".join(f"\n[$warning]! {markup(sentence)}[/]" for sentence in rec.left_out)
        return ArrsData(text, rows, ["census", "role_code", "role", "nwrs_staff_fte", "nwrs_contracted_fte",
                                     "roster_fte", "difference", "status"], export, view=view)


# ====================================================================== rule tables
TABLES = ("rates", "caps", "roles")


class RulesScreen(ArrsBase):
    NOUN = ("row", "rows")
    OPENS = True
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
        Col("b", "From"),
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
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period)
        rules = view.inputs.rules
        rows, export = [], {}
        unconfirmed = 0

        def status(confirmed: bool, origin: str) -> Text:
            if origin == "user":
                return flag("yours", "bold $text-success")
            return flag("confirmed", "") if confirmed else flag("UNCONFIRMED", "bold $text-warning")

        if self.kind == "rates":
            columns = ["role", "effective_from", "annual_max", "reimbursement_pct", "inner_london_max",
                       "outer_london_max", "confirmed", "origin", "source", "note"]
            for r in sorted(rules.rates, key=lambda r: (rules.role_name(r.role_code), r.effective_from, r.band)):
                confirmed = rules.rate_confirmed_on(r, r.effective_from)
                unconfirmed += not confirmed
                key = f"{r.role_code}|{r.band}|{r.effective_from.isoformat()}"
                london = ""
                if r.inner_london_max or r.outer_london_max:
                    london = " · L " + "/".join(gbp(x, pence=False) for x in (r.inner_london_max, r.outer_london_max) if x)
                name = rules.role_name(r.role_code) + (f" band {r.band}" if r.band else "")
                rows.append(Row(key, [name, r.effective_from.isoformat(), gbp(r.annual_max, pence=False),
                                      f"{wte_text(r.reimbursement_pct)}%{london}", status(confirmed, r.origin),
                                      r.note or r.source],
                                sort=[rules.role_name(r.role_code), r.effective_from.isoformat(), r.annual_max,
                                      r.reimbursement_pct, int(confirmed), r.source]))
                export[key] = [r.role_code, r.effective_from.isoformat(), f"{r.annual_max:.2f}", f"{r.reimbursement_pct:f}",
                               "" if r.inner_london_max is None else f"{r.inner_london_max:.2f}",
                               "" if r.outer_london_max is None else f"{r.outer_london_max:.2f}",
                               "yes" if confirmed else "no", r.origin, r.source, r.note]
        elif self.kind == "caps":
            columns = ["role", "fy_from", "fy_to", "max_wte_under_100k", "max_wte_100k_plus", "confirmed", "origin",
                       "source", "note"]
            for c in sorted(rules.caps, key=lambda c: (rules.role_name(c.role_code), c.fy_from.label)):
                unconfirmed += not c.confirmed
                key = f"{c.role_code}|{c.fy_from.label}"
                years = f"{c.fy_from.label}–{c.fy_to.label if c.fy_to else 'on'}"
                rows.append(Row(key, [rules.role_name(c.role_code), years, wte_text(c.max_wte_under_100k),
                                      wte_text(c.max_wte_100k_plus), status(c.confirmed, c.origin), c.note or c.source],
                                sort=[rules.role_name(c.role_code), c.fy_from.label, c.max_wte_under_100k,
                                      c.max_wte_100k_plus, int(c.confirmed), c.source]))
                export[key] = [c.role_code, c.fy_from.label, c.fy_to.label if c.fy_to else "",
                               wte_text(c.max_wte_under_100k) or "", wte_text(c.max_wte_100k_plus) or "",
                               "yes" if c.confirmed else "no", c.origin, c.source, c.note]
        else:
            columns = ["code", "name", "eligible_from", "eligible_to", "bands", "requires", "confirmed", "origin",
                       "source", "note"]
            for role in rules.roles:
                unconfirmed += not role.confirmed
                needs = ", ".join(w for w, on in (("supervisor", role.requires_supervisor),
                                                  ("registration", role.requires_registration),
                                                  ("training", role.requires_training_pathway)) if on)
                eligible = role.eligible_from.isoformat() if role.eligible_from else None
                if role.eligible_to:
                    eligible = f"{eligible or ''}–{role.eligible_to.isoformat()}"
                rows.append(Row(role.code, [f"{role.name} ({role.code})", eligible, role.bands if role.band_max else None,
                                            needs or None, status(role.confirmed, role.origin), role.note or role.source],
                                sort=[role.name, eligible, role.bands, needs, int(role.confirmed), role.source]))
                export[role.code] = [role.code, role.name, role.eligible_from.isoformat() if role.eligible_from else "",
                                     role.eligible_to.isoformat() if role.eligible_to else "", role.bands, needs,
                                     "yes" if role.confirmed else "no", role.origin, role.source, role.note]
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
        text += (f"[b $warning]{unconfirmed} row(s) UNCONFIRMED[/] — estimates, carried forward or inferred; check them"
                 if unconfirmed else "[$success]Every row here is confirmed.[/]")
        if self.kind == "rates":
            text += f" · {key_hint('edit_rate', 'add_rate')}"
            known = rules.rates_known_until
            if known is not None and period.fy > known:
                text += (f"\n[$warning]No published maxima after {known.label} are on record: {period.fy.label} uses "
                         "shipped estimates (the last published figures × the pay awards) or carries them forward, "
                         "all unconfirmed; add the published figures with "
                         f"{key_of('add_rate')} or 'pcntui import rates'.[/]")
        return ArrsData(text, rows, columns, export, view=view, extra={"kind": self.kind})

    def show(self, data) -> None:
        super().show(data)
        headings = self.HEADINGS[self.kind]
        for column, label in zip(self.table.ordered_columns, headings):
            column.label = Text(label)
        self.table.refresh()

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
        from pcntui.tui.screens.arrs_forms import RateForm

        row = self._rate()
        if row is not None:
            self.app.push_screen(RateForm(self.view.inputs.rules, row))

    def action_add_rate(self) -> None:
        from pcntui.tui.screens.arrs_forms import RateForm

        if self.view is not None:
            row = self._rate()
            seed = replace(row, origin="shipped", rev=None, note="") if row else None
            form = RateForm(self.view.inputs.rules, None, role_code=seed.role_code if seed else None)
            self.app.push_screen(form)

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


__all__ = ["AlertsScreen", "MixScreen", "NwrsScreen", "PlannedScreen", "RulesScreen", "entitlement_bar"]

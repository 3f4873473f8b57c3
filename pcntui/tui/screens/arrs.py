"""The ARRS section: the roster with the year's entitlement bar, and one person's months.

The keys (every ARRS screen's views, the roster's staff actions) are declared in
`tui/commands/arrs.toml`. Every figure comes from `store.arrs.arrs_view` in `fetch` (a
worker); forms get the rule book from what was loaded, never reading the database on the
UI thread.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.worker import Worker, WorkerState

from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.report.arrs_status import recalc_lines, unconfirmed_lines
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup
from pcntui.tui.screens.base import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row

if TYPE_CHECKING:
    from pcntui.domain.headroom import Headroom
    from pcntui.domain.staff import StaffMember
    from pcntui.store.arrs import ArrsView

BAR_WIDTH = 40
SAVE_WORKER = "arrs-save"


# ====================================================================== text helpers
def wte_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return f"{value.normalize():f}"


def entitlement_bar(h: Headroom, width: int = BAR_WIDTH) -> str:
    """`[█████▒▒▒░░░░]`: claimable to date █, the rest of the forecast ▒, headroom ░ (markup).

    Without an entitlement: None-like text saying so. A forecast above the entitlement
    fills the bar and the overspend is named after it."""
    if not h.entitlement:
        return f"[dim]No entitlement set for this year: press {key_of('arrs_entitlement')} to set it.[/dim]"
    to_date = max(0.0, min(1.0, h.share(h.claimable_to_date) or 0.0))
    forecast = max(to_date, min(1.0, h.share(h.forecast) or 0.0))
    a = round(to_date * width)
    b = max(a, round(forecast * width))
    bar = "█" * a + "▒" * (b - a) + "░" * (width - b)
    colour = "$error" if h.overspend > 0 else "$success"
    return f"[{colour}]{bar[:a]}[/][$warning]{bar[a:b]}[/][dim]{bar[b:]}[/]"


def money_summary(view: ArrsView) -> str:
    """The entitlement, the bar and its figures in words (markup, about four lines)."""
    year = view.year
    h = year.headroom
    ent = year.entitlement
    lines = []
    if ent is None:
        lines.append(f"Entitlement {year.fy.label}: [b $warning]not set[/] · "
                     f"press [b]{key_of('arrs_entitlement')}[/b] to set it "
                     "(weighted population × £ per patient, or an amount)")
    else:
        rate = "; [$warning]rate unconfirmed[/]" if view.rate_confirmed is False else ""
        lines.append(f"Entitlement {year.fy.label}: [b]{gbp(ent.amount)}[/b] ({markup(ent.basis)}{rate})")
        lines.append(entitlement_bar(h))
    pct = (lambda x: f" ({h.share(x):.0%})") if h.entitlement else (lambda x: "")
    line = (f"[$success]█[/] claimable to date [b]{gbp(h.claimable_to_date)}[/b]{pct(h.claimable_to_date)} · "
            f"[$warning]▒[/] forecast [b]{gbp(h.forecast)}[/b]{pct(h.forecast)}")
    if h.entitlement:
        line += f" · [dim]░[/] headroom [b]{gbp(h.headroom)}[/b]"
    else:
        line = line.replace("[$success]█[/] c", "C").replace("[$warning]▒[/] ", "")
    if year.estimated_claimable_to_date or year.estimated_forecast:
        line += (f" · [$warning]of which estimated {gbp(year.estimated_claimable_to_date)} to date, "
                 f"{gbp(year.estimated_forecast)} forecast[/]")
    lines.append(line)
    if h.forecast_headroom is not None:
        if h.overspend > 0:
            lines.append(f"[b $error]Forecast overspend {gbp(h.overspend)}[/] (not reimbursed)")
        elif h.underspend > 0:
            lines.append(f"Forecast unclaimed at 31 March: [b $warning]{gbp(h.underspend)}[/]")
        else:
            lines.append("[$success]Forecast uses the entitlement exactly.[/]")
    lines.extend(f"[$text-warning]{markup(text)}[/]" for text in recalc_lines(view) + unconfirmed_lines(view))
    return "\n".join(lines)


def alerts_line(view: ArrsView) -> str:
    problems = sum(1 for a in view.alerts if a.severity == "problem")
    warnings = len(view.alerts) - problems
    if not view.alerts:
        return "[$success]No ARRS alerts.[/]"
    parts = []
    if problems:
        parts.append(f"[b $error]{problems} problem{'s' if problems != 1 else ''}[/]")
    if warnings:
        parts.append(f"[$warning]{warnings} warning{'s' if warnings != 1 else ''}[/]")
    return " · ".join(parts) + f" ([b]{key_of('arrs_alerts')}[/b] lists them)"


# ====================================================================== shared behaviour
@dataclass
class ArrsData(TableData):
    view: Any = None  # ArrsView
    extra: dict = field(default_factory=dict)


class ArrsBase(TableScreen):
    """What every ARRS screen shares: the view loaded in `fetch`, the nav keys, save workers."""

    SECTION = "arrs"
    BINDINGS = bindings_for("ArrsBase")
    IS_ROOT: ClassVar[bool] = False

    @property
    def view(self) -> ArrsView | None:
        return getattr(self.data, "view", None)

    # ---------------------------------------------------------------- going to the other ARRS screens
    def _go(self, screen) -> None:
        if self.IS_ROOT or not isinstance(self.app.screen, ArrsBase) or type(self.app.screen) is PersonScreen:
            self.app.push_screen(screen)
        else:
            self.app.switch_screen(screen)

    def action_arrs_mix(self) -> None:
        from pcntui.tui.screens.arrs_views import MixScreen

        if not isinstance(self, MixScreen):
            self._go(MixScreen())

    def action_arrs_alerts(self) -> None:
        from pcntui.tui.screens.arrs_views import AlertsScreen

        if not isinstance(self, AlertsScreen):
            self._go(AlertsScreen())

    def action_arrs_claims(self) -> None:
        from pcntui.tui.screens.arrs_claims import ClaimsScreen

        if not isinstance(self, ClaimsScreen):
            self._go(ClaimsScreen())

    def action_arrs_planned(self) -> None:
        from pcntui.tui.screens.arrs_views import PlannedScreen

        if not isinstance(self, PlannedScreen):
            self._go(PlannedScreen())

    def action_arrs_nwrs(self) -> None:
        from pcntui.tui.screens.arrs_views import NwrsScreen

        if not isinstance(self, NwrsScreen):
            self._go(NwrsScreen())

    def action_arrs_rules(self) -> None:
        from pcntui.tui.screens.arrs_views import RulesScreen

        if not isinstance(self, RulesScreen):
            self._go(RulesScreen())

    def action_arrs_entitlement(self) -> None:
        from pcntui.tui.screens.arrs_forms import EntitlementForm

        view = self.view
        if view is None:
            return
        fy = view.year.fy
        self.app.push_screen(EntitlementForm(view.inputs.rules, fy, view.inputs.entitlement_for(fy)))

    NAV_SCREENS: ClassVar[dict[str, str]] = {
        "arrs_mix": "MixScreen", "arrs_alerts": "AlertsScreen", "arrs_planned": "PlannedScreen",
        "arrs_nwrs": "NwrsScreen", "arrs_rules": "RulesScreen",
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "arrs_entitlement":
            return True if self.view is not None else None
        if self.NAV_SCREENS.get(action) == type(self).__name__:
            return False  # already here: not offered
        return super().check_action(action, parameters)

    # ---------------------------------------------------------------- staff actions (roster and person)
    def member(self, staff_id: int | None) -> StaffMember | None:
        view = self.view
        if view is None or staff_id is None:
            return None
        return view.inputs.member(staff_id)

    def staff_for_action(self) -> StaffMember | None:
        """The staff member the staff keys act on (the roster's row, the person shown)."""
        return None

    def _staff_check(self) -> bool | None:
        return True if self.staff_for_action() is not None else None

    def edit_staff(self) -> None:
        from pcntui.tui.screens.arrs_forms import StaffForm

        m = self.staff_for_action()
        if m is not None:
            self.app.push_screen(StaffForm(self.view.inputs.rules, m, today=self.pcn_app.today))

    def change_staff(self) -> None:
        from pcntui.tui.screens.arrs_forms import ChangeTermsForm

        m = self.staff_for_action()
        if m is not None:
            self.app.push_screen(ChangeTermsForm(self.view.inputs.rules, m, today=self.pcn_app.today))

    def end_staff(self) -> None:
        from pcntui.tui.screens.arrs_forms import LeaverForm

        m = self.staff_for_action()
        if m is not None:
            self.app.push_screen(LeaverForm(m, today=self.pcn_app.today))

    def delete_staff(self) -> None:
        from pcntui.tui.screens.confirm import ConfirmModal

        m = self.staff_for_action()
        if m is None:
            return
        months = sum(1 for x in self.view.year.months if x.staff_id == m.id) if self.view else 0
        detail = (f"{m.name}'s record and all {len(m.terms)} set(s) of terms go; "
                  f"{months} month(s) of {self.view.year.fy.label} claims go with them. {key_of('undo')} undoes it.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_in_worker(lambda store: _delete(store, m), f"Deleted {m.name}.", after=self.after_delete)

        self.app.push_screen(ConfirmModal(f"Delete {m.name} ({self.view.inputs.rules.role_name(m.role_code)})?",
                                          detail=detail), answered)

    def after_delete(self) -> None:
        pass

    # ---------------------------------------------------------------- saving from a screen (deletes)
    def save_in_worker(self, fn, note: str, *, after=None) -> None:
        store = self.pcn_app.store
        if store is None:
            return
        self._after_save = after
        self._save(store, fn, note)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False, name=SAVE_WORKER)
    def _save(self, store: Store, fn, note: str) -> None:
        fn(store)
        self.app.call_from_thread(self._saved, note)

    def _saved(self, note: str) -> None:
        after = getattr(self, "_after_save", None)
        self._after_save = None
        self.app.post_message(DataChanged(note))
        if after is not None:
            after()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == SAVE_WORKER:
            if event.state == WorkerState.ERROR and event.worker.error is not None:
                event.stop()
                self.notify(describe_error(event.worker.error), title="Not done", severity="error", timeout=10)
            return
        super().on_worker_state_changed(event)


def _delete(store: Store, m: StaffMember) -> None:
    from pcntui.store.staff import delete_staff

    delete_staff(store, m.id, expected_rev=m.rev)


def role_mix_note(view: ArrsView) -> str:
    over = [x for x in view.mix if x.over_cap]
    if not over:
        return ""
    return " · [b $error]over cap: " + ", ".join(markup(x.role_name) for x in over) + f"[/] ({key_of('arrs_mix')})"


# ====================================================================== the roster
class ArrsScreen(ArrsBase):
    IS_ROOT = True
    EXPORT_NAME = "staff"
    NOUN = ("staff member", "staff members")
    OPENS = True
    EMPTY = f"No staff in post this year: press {key_of('add_staff')} to add someone (or 'pcntui import staff FILE')."
    HELP = (
        "The ARRS roster for the year shown: everyone in post at some time in the year, their role, "
        "WTE (on today's date, or their last day), dates, whether the post is ARRS-funded or baseline, "
        "and what can be claimed for them this year. The bar above shows claimable to date (█), the "
        "rest of the forecast (▒) and the headroom (░) against the entitlement; below it, how much rests on "
        "estimated records ('ARRS est.': salary and start date guessed, e.g. from NWRS; edit the record and set "
        "Estimated to no to confirm it), which ended months the latest change recalculated and by how much, and "
        "which figures rest on unconfirmed rates. Opening a row shows the "
        "person's months. From here the other ARRS views: role mix against caps, the entitlement, "
        "alerts, planned posts and what-if, the NWRS reconciliation and the rule tables (rates, caps, "
        "roles)."
    )
    BINDINGS = bindings_for("ArrsScreen")
    COLUMNS: ClassVar = [
        Col("name", "Name"),
        Col("role", "Role", width=26),
        Col("wte", "WTE", numeric=True),
        Col("start", "Start"),
        Col("end", "End"),
        Col("funding", "Funding"),
        Col("claimable", "Claimable FY", numeric=True),
    ]

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.report.arrs_exports import staff_export
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period, recalculated=True)
        fy, as_of = period.fy, period.as_of
        rules = view.inputs.rules
        claim: dict[int, Decimal] = defaultdict(Decimal)
        for m in view.year.months:
            claim[m.staff_id] += m.claimable
        rows = []
        in_year = [s for s in view.inputs.staff if s.overlaps(fy.start, fy.end)]
        for s in in_year:
            day = min(max(min(max(as_of, fy.start), fy.end), s.start_date), s.end_date or fy.end)
            t = s.terms_on(day)
            end = s.end_date.isoformat() if s.end_date else None
            funding = ("ARRS est." if s.estimated else "ARRS") if s.arrs_funded else "baseline"
            amount = claim.get(s.id, Decimal(0))
            rows.append(Row(str(s.id), [
                s.name, rules.role_name(s.role_code), wte_text(t.wte if t else None), s.start_date.isoformat(), end,
                funding, Text(gbp(amount), justify="right", style="" if s.arrs_funded else "dim"),
            ], sort=[s.name, rules.role_name(s.role_code), t.wte if t else None, s.start_date.isoformat(), end,
                     funding, amount]))
        others = len(view.inputs.staff) - len(in_year)
        year = view.year
        text = (f"[b]ARRS {fy.label}[/b] · as of {as_of.isoformat()} · {year.months_to_date} of 12 months ended · "
                f"{sum(1 for s in in_year if s.in_post_on(min(max(as_of, fy.start), fy.end)))} in post · "
                f"[dim]{key_hint('arrs_nwrs', 'arrs_rules', 'help')}[/dim]\n")
        text += money_summary(view) + "\n" + alerts_line(view) + role_mix_note(view)
        if others:
            text += (f" · [dim]{others} more on the roster outside {fy.label} "
                     f"({key_of('previous_year')} {key_of('next_year')} other years)[/dim]")
        export = staff_export(store, period)
        export_rows: dict[str, list] = {}
        id_col = export.columns.index("staff_id")
        for r in export.rows:
            export_rows.setdefault(str(r[id_col]), []).append(r)
        return ArrsData(text, rows, list(export.columns), export_rows, view=view)

    def export_data(self):
        if self.data is None or not self.data.export_columns:
            return None
        rows = [r for k in self.table.visible_keys() for r in self.data.export_rows.get(k, [])]
        return self.data.export_columns, rows

    def on_resize(self) -> None:
        self.fit_role_column()

    def fit_role_column(self) -> None:
        """Whole role names from 130 columns (26 characters fit the table at 100)."""
        from textual.widgets.data_table import ColumnKey

        column = self.table.columns.get(ColumnKey("role"))
        width = 34 if self.size.width >= 130 else 26
        if column is not None and column.width != width:
            column.width = width
            if self.table.all_rows:
                self.table.set_rows(self.table.all_rows)

    def staff_for_action(self) -> StaffMember | None:
        key = self.table.current_key() if self.data is not None else None
        return self.member(int(key)) if key is not None else None

    def open_row(self, key: str) -> None:
        m = self.member(int(key))
        self.app.push_screen(PersonScreen(int(key), m.name if m else None))

    # ---------------------------------------------------------------- keys
    def action_add_staff(self) -> None:
        from pcntui.tui.screens.arrs_forms import StaffForm

        if self.view is not None:
            self.app.push_screen(StaffForm(self.view.inputs.rules, None, today=self.pcn_app.today), self._added)

    def _added(self, staff_id) -> None:
        if staff_id is None:
            return
        self._select_after_load = str(staff_id)

    def show(self, data) -> None:
        super().show(data)
        self.fit_role_column()
        key = getattr(self, "_select_after_load", None)
        if key is not None:
            self._select_after_load = None
            for index, k in enumerate(self.table.visible_keys()):
                if k == key:
                    self.table.move_cursor(row=index, animate=False)
                    break
            else:
                self.notify(f"The new staff member is not in post in this year; {key_of('previous_year')} and "
                            f"{key_of('next_year')} show other years.",
                            severity="warning")

    def action_edit_staff(self) -> None:
        self.edit_staff()

    def action_change_terms(self) -> None:
        self.change_staff()

    def action_end_staff(self) -> None:
        self.end_staff()

    def action_delete_staff(self) -> None:
        self.delete_staff()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_staff":
            return True if self.view is not None else None
        if action in ("edit_staff", "change_terms", "end_staff", "delete_staff"):
            return self._staff_check()
        return super().check_action(action, parameters)


# ====================================================================== one person
class PersonScreen(ArrsBase):
    """One staff member's months in the year: days in post, actual cost, cap, claimable."""

    NOUN = ("month", "months")
    EMPTY = f"Not in post in this year ({key_of('previous_year')} and {key_of('next_year')} show other years)."
    HELP = (
        "One staff member's months in the year: days in post, WTE (day-weighted when it changed "
        "during the month), actual cost (salary × WTE with on-costs), the cap (the role's maximum × WTE, "
        "pro rata) and what can be claimed (the smaller, at the reimbursement %). 'to date' months have "
        "ended; the rest are forecast. The same changes as on the roster apply to this person."
    )
    BINDINGS = bindings_for("PersonScreen")
    COLUMNS: ClassVar = [
        Col("month", "Month"),
        Col("days", "Days", numeric=True),
        Col("wte", "WTE", numeric=True),
        Col("cost", "Actual cost", numeric=True),
        Col("cap", "Cap", numeric=True),
        Col("claimable", "Claimable", numeric=True),
        Col("when", "When"),
        Col("note", "Note"),
    ]
    EXPORT_COLUMNS: ClassVar = ["month", "days_in_post", "days_in_month", "wte", "actual_cost", "max_reimbursable",
                                "claimable", "to_date", "annual_max", "rate_confirmed", "reason"]

    def __init__(self, staff_id: int, name: str | None = None) -> None:
        super().__init__(crumb=name or f"Staff member {staff_id}")
        self.staff_id = staff_id

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"arrs-staff-{self.staff_id}"

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.domain.claimable import total
        from pcntui.store.arrs import arrs_view

        view = arrs_view(store, period)
        m = view.inputs.member(self.staff_id)
        if m is None:
            return ArrsData("This staff member is no longer on the roster (deleted).", [], found=False, view=view)
        rules = view.inputs.rules
        months = view.year.person(self.staff_id)
        year = view.year
        rows, export = [], {}
        for x in months:
            key = x.month.isoformat()[:7]
            when = "to date" if year.is_to_date(x.month) else "forecast"
            note = x.reason or ("" if x.rate_confirmed or not x.arrs_funded else "maximum unconfirmed")
            rows.append(Row(key, [
                x.month.strftime("%b %Y"), f"{x.days_in_post}/{x.days_in_month}", wte_text(x.wte),
                gbp(x.actual_cost), gbp(x.max_reimbursable), gbp(x.claimable), when,
                Text(note, style="$text-warning" if note else "") if note else None,
            ], sort=[key, x.days_in_post, x.wte, x.actual_cost, x.max_reimbursable, x.claimable, when, note]))
            export[key] = [key, x.days_in_post, x.days_in_month, f"{x.wte:f}", f"{x.actual_cost:.2f}",
                           f"{x.max_reimbursable:.2f}", f"{x.claimable:.2f}", "yes" if year.is_to_date(x.month) else "no",
                           "" if x.annual_max is None else f"{x.annual_max:.2f}", "yes" if x.rate_confirmed else "no",
                           x.reason]
        to_date = total(x for x in months if year.is_to_date(x.month))
        rest = total(x for x in months if not year.is_to_date(x.month))
        ends = m.end_date.isoformat() if m.end_date else "in post"
        terms = " → ".join(
            f"{t.effective_from.isoformat()}: {wte_text(t.wte)} WTE at {gbp(t.fte_salary, pence=False)}"
            + (f" +{wte_text(t.oncost_pct)}%" if t.oncost_pct is not None else "")
            for t in sorted(m.terms, key=lambda t: t.effective_from))
        text = (f"[b]{markup(m.name)}[/b] · {markup(rules.role_name(m.role_code))} · "
                f"{'ARRS-funded' if m.arrs_funded else '[$warning]baseline (not ARRS-funded)[/]'} · "
                f"{m.start_date.isoformat()} to {ends}\n"
                f"[dim]{markup(terms)}[/dim]\n"
                f"Totals {year.fy.label}: actual cost [b]{gbp(total(months, 'actual_cost'))}[/b] · "
                f"cap [b]{gbp(total(months, 'max_reimbursable'))}[/b] · claimable [b]{gbp(total(months))}[/b] "
                f"(to date {gbp(to_date)} · rest of year {gbp(rest)})")
        if any(x.arrs_funded and not x.reason and not x.rate_confirmed for x in months):
            text += ("\n[$text-warning]The role's maximum for these months is unconfirmed (carried forward or "
                     "estimated): b shows the rule tables, where you can correct it.[/]")
        return ArrsData(text, rows, list(self.EXPORT_COLUMNS), export, view=view,
                        extra={"name": m.name})

    def staff_for_action(self) -> StaffMember | None:
        return self.member(self.staff_id) if self.data is not None and self.data.found else None

    def after_delete(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def action_edit_staff(self) -> None:
        self.edit_staff()

    def action_change_terms(self) -> None:
        self.change_staff()

    def action_end_staff(self) -> None:
        self.end_staff()

    def action_delete_staff(self) -> None:
        self.delete_staff()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_staff", "change_terms", "end_staff", "delete_staff"):
            return self._staff_check()
        return super().check_action(action, parameters)

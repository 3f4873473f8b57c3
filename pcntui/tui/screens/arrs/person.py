"""One staff member's months in the year (the view `arrs-person`): the same staff keys as the roster."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked, number_text, wte_text
from pcntui.tui.screens.table import Shown, cols_of, typed_row
from pcntui.views.base import Column, Kind

if TYPE_CHECKING:
    from pcntui.domain.staff import StaffMember


class PersonScreen(ViewBacked, ArrsBase):
    """One staff member's months in the year: days in post, actual cost, cap, claimable."""

    NOUN = ("month", "months")
    EMPTY = f"Not in post in this year ({markup(key_of('previous_year'))} and {markup(key_of('next_year'))} show other years)."
    HELP = (
        "One staff member's months in the year: days in post, WTE (day-weighted when it changed "
        "during the month), actual cost (salary × WTE with on-costs), the cap (the role's maximum × WTE, "
        "pro rata) and what can be claimed (the smaller, at the reimbursement %). 'to date' months have "
        "ended; the rest are forecast. The same changes as on the roster apply to this person. The CSV "
        "export is 'pcntui export arrs-person --id STAFF_ID'."
    )
    BINDINGS = bindings_for("PersonScreen")
    TABLE = (Column("month", "Month", Kind.MONTH), Column("days", "Days", Kind.INT), Column("wte", "WTE", Kind.WTE),
             Column("cost", "Actual cost", Kind.MONEY), Column("cap", "Cap", Kind.MONEY),
             Column("claimable", "Claimable", Kind.MONEY), Column("when", "When"), Column("note", "Note"))
    COLUMNS: ClassVar = cols_of(TABLE)

    def __init__(self, staff_id: int, name: str | None = None) -> None:
        super().__init__(crumb=name or f"Staff member {staff_id}")
        self.staff_id = staff_id

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"arrs-staff-{self.staff_id}"

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.domain.claimable import total
        from pcntui.views.arrs.person import months_of
        from pcntui.views.arrs.year import arrs_year

        view = arrs_year(store, period)
        m = view.inputs.member(self.staff_id)
        if m is None:
            return ArrsData("This staff member is no longer on the roster (deleted).", [], found=False, view=view)
        table = months_of(view, self.staff_id)
        rows = []
        for r in table.iter_rows():
            _, days, of, wte, cost, cap, claimable, to_date, _, confirmed, reason = r.values
            note = reason or ("" if confirmed or not m.arrs_funded else "maximum unconfirmed")
            rows.append(typed_row(r.key, [date.fromisoformat(r.key + "-01"), Shown(days, f"{days}/{of}"), wte, cost, cap,
                                          claimable, "to date" if to_date else "forecast",
                                          Shown(note, style="$text-warning")], self.TABLE))
        months = view.year.person(self.staff_id)
        year = view.year
        to_date = total(x for x in months if year.is_to_date(x.month))
        rest = total(x for x in months if not year.is_to_date(x.month))
        ends = m.end_date.isoformat() if m.end_date else "in post"
        rules = view.inputs.rules
        terms = " → ".join(
            f"{t.effective_from.isoformat()}: {wte_text(t.wte)} WTE at {gbp(t.fte_salary, pence=False)}"
            + (f" +{number_text(t.oncost_pct)}%" if t.oncost_pct is not None else "")
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
        return ArrsData(text, rows, view=view, extra={"name": m.name, "table": table})

    def staff_for_action(self) -> StaffMember | None:
        return self.member(self.staff_id) if self.data is not None and self.data.found else None

    def after_delete(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_staff", "change_terms", "end_staff", "delete_staff"):
            return self._staff_check()
        return super().check_action(action, parameters)

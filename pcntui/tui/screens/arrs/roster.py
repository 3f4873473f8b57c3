"""The ARRS roster: everyone in post in the year (the view `arrs-roster`) under the year's
entitlement bar; the staff keys add, edit, change, end and delete."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.message import Message

from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of, reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked, alerts_line, role_mix_note, wte_text
from pcntui.tui.widgets.entitlement_bar import money_compact, money_summary
from pcntui.tui.widgets.view_table import Col, Row

if TYPE_CHECKING:
    from pcntui.domain.staff import StaffMember


IMPORT_STAFF = "import_file('staff')"
HELD_ROWS = 3000  # roster rows held at most over the years kept (a year of a 40× PCN, ~1,600 rows, is ~5 MB;
# a 10× PCN's ~450 rows a year: five years held)
YEARS_AHEAD_AFTER = 0.1  # seconds on screen before the years either side are worked out (the paint first)


@dataclass
class YearAhead(Message):
    """A year worked out ahead (`saved`: the App's saved_version when it was asked for)."""

    saved: int
    period: Period
    data: ArrsData


class ArrsScreen(ViewBacked, ArrsBase):
    IS_ROOT = True
    EXPORT_NAME = "arrs-roster"
    NOUN = ("staff member", "staff members")
    EMPTY = f"No staff in post this year: press {key_of('add_staff')} to add one, or {markup(reach(IMPORT_STAFF))}."
    HELP = (
        "The ARRS roster for the year shown: everyone in post at some time in the year, their role, "
        "WTE (on today's date, or their last day), dates, whether the post is ARRS-funded or baseline, "
        "and what can be claimed for them this year. The bar above shows claimable to date (█), the "
        "rest of the forecast (▒) and the forecast unclaimed (░) against the entitlement (the headroom is ▒ + ░); "
        "below it, how much rests on "
        "estimated records ('ARRS est.': salary and start date guessed, e.g. from NWRS; edit the record and set "
        "Estimated to no to confirm it), which ended months the latest change recalculated and by how much, and "
        "which figures rest on unconfirmed rates. Opening a row shows the "
        "person's months. From here the other ARRS views: role mix against caps, the entitlement, "
        "alerts, planned posts and what-if, the NWRS reconciliation and the rule tables (rates, caps, "
        "roles). The CSV export is 'pcntui export arrs-roster' (the rows on screen); the re-importable "
        "staff file is 'pcntui export staff'."
    )
    BINDINGS = bindings_for("ArrsScreen")

    def __init__(self) -> None:
        super().__init__()
        self._years: dict[tuple, ArrsData] = {}  # (saved version, fy, as of) → the year: the one shown and around it
        self._ahead_timer = None
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
        from pcntui.views.arrs.roster import roster_of
        from pcntui.views.arrs.year import arrs_year

        view = arrs_year(store, period, recalculated=True)
        table = roster_of(view, period)
        rows = []
        for r in table.iter_rows():
            _, name, role, wte, start, end, funding, amount = r.values
            rows.append(Row(r.key, [name, role, wte_text(wte), start.isoformat(), end.isoformat() if end else None,
                                    funding, Text(gbp(amount), justify="right", style="dim" if "dim" in r.tags else "")],
                            sort=list(r.values[1:])))
        fy, as_of = period.fy, period.as_of
        in_year = [s for s in view.inputs.staff if s.overlaps(fy.start, fy.end)]
        others = len(view.inputs.staff) - len(in_year)
        head = (f"[b]ARRS {fy.label}[/b] · as of {as_of.isoformat()} · {view.year.months_to_date} of 12 months ended · "
                f"{sum(1 for s in in_year if s.in_post_on(min(max(as_of, fy.start), fy.end)))} in post")
        text = f"{head} · [dim]{key_hint('arrs_nwrs', 'arrs_rules', 'help')}[/dim]\n"
        text += money_summary(view) + "\n" + alerts_line(view) + role_mix_note(view)
        compact = f"{head}\n{money_compact(view)}\n{alerts_line(view)}{role_mix_note(view)}"
        if others:
            text += (f" · [dim]{others} more on the roster outside {fy.label} "
                     f"({markup(key_of('previous_year'))} {markup(key_of('next_year'))} other years)[/dim]")
        return ArrsData(text, rows, compact=compact, view=view, extra={"table": table})

    def staff_for_action(self) -> StaffMember | None:
        key = self.table.current_key() if self.data is not None else None
        return self.member(int(key)) if key is not None else None

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.arrs.person import PersonScreen

        m = self.member(int(key))
        self.app.push_screen(PersonScreen(int(key), m.name if m else None))

    # ---------------------------------------------------------------- keys
    def action_add_staff(self) -> None:
        from pcntui.tui.screens.arrs import forms

        if self.view is not None:
            forms.open_staff(self, then=self._added)

    def _added(self, saved) -> None:
        if saved is not None:
            self._select_after_load = str(saved.value)

    # ---------------------------------------------------------------- years held
    def held(self, period: Period) -> ArrsData | None:
        return self._years.get(self._year_key(period))

    def _year_key(self, period: Period) -> tuple:
        return self.pcn_app.saved_version, period.fy, period.as_of

    def _hold(self, key: tuple, data: ArrsData) -> None:
        """Keep `data` for `key`, and of the data as it is only the years within two of the year shown
        (going back and forth works nothing out again), or within one, or only the year shown, as
        HELD_ROWS allows."""
        self._years[key] = data
        fy, saved = self.pcn_app.fy, self.pcn_app.saved_version
        for span in (2, 1, 0):
            near = {(saved, FinancialYear(fy.start_year + step)) for step in range(-span, span + 1)}
            if sum(len(d.rows) for k, d in self._years.items() if k[:2] in near) <= HELD_ROWS:
                break
        for old in [k for k in self._years if k[:2] not in near]:
            for row in self._years.pop(old).rows:
                row.forget()  # its drawn cells go with it (the year shown keeps its own in the table)

    def show(self, data) -> None:
        super().show(data)
        period = self.pcn_app.period
        self._hold(self._year_key(period), data)
        around = [fy for fy in (period.fy.next(), period.fy.previous()) if self.held(period.with_fy(fy)) is None]
        rows = 3 * len(data.rows) <= HELD_ROWS  # a roster longer: only the years' figures worked out (memory)
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
        if around and self.store is not None and self.view is not None:  # once painted: it would slow the paint
            self._ahead_timer = self.set_timer(YEARS_AHEAD_AFTER, partial(
                self._years_ahead, self.store, period, around, self.pcn_app.saved_version, rows))
        key = getattr(self, "_select_after_load", None)
        if key is not None:
            self._select_after_load = None
            for index, k in enumerate(self.table.visible_keys()):
                if k == key:
                    self.table.move_cursor(row=index, animate=False)
                    break
            else:
                self.notify(f"The new staff member is not in post in this year; {markup(key_of('previous_year'))} and "
                            f"{markup(key_of('next_year'))} show other years.",
                            severity="warning")

    @work(thread=True, exclusive=True, group="arrs-ahead", exit_on_error=False)
    def _years_ahead(self, store: Store, period: Period, years: list, saved: int, rows: bool) -> None:
        """The years either side not held yet, worked out once this one is on screen, rows and all
        (`rows`): `[` and `]` then show them at once, with no read. Else, or besides, the years'
        figures: views.arrs.year.YearViews keeps the years used last while the data is unchanged;
        this year is asked for last, so after `[` or `]` the year left is still held there too."""
        from pcntui.views.arrs.year import arrs_year

        for fy in years:
            other = period.with_fy(fy)
            if not rows:
                arrs_year(store, other, recalculated=True)
                continue
            self.post_message(YearAhead(saved, other, self.prepare(self.fetch(store, other))))
        arrs_year(store, period, recalculated=True)

    @on(YearAhead)
    def _year_ahead(self, message: YearAhead) -> None:
        if message.saved == self.pcn_app.saved_version:  # else the data changed since: read again when shown
            self._hold(self._year_key(message.period), message.data)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_staff":
            return True if self.view is not None else None
        if action in ("edit_staff", "change_terms", "end_staff", "delete_staff"):
            return self._staff_check()
        return super().check_action(action, parameters)

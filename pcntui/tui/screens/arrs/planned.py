"""Planned posts and what-if (the view `arrs-planned`): add, edit and delete; the form shows a post's effect on
the year's forecast unclaimed as you type."""

from __future__ import annotations

from typing import ClassVar

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData, ViewBacked
from pcntui.tui.screens.table import cols_of, typed_row
from pcntui.tui.widgets.entitlement_bar import money_compact, money_summary
from pcntui.views.base import Column, Kind


class PlannedScreen(ViewBacked, ArrsBase):
    NOUN = ("planned post", "planned posts")
    EMPTY = (f"No planned posts: press {key_of('add_planned')} to try one (the form shows its effect on the forecast unclaimed "
             "before you save).")
    EXPORT_NAME = "arrs-planned"
    HELP = (
        "Posts the PCN means to fill. Open ones (planned, advertised, offered) count in the forecast "
        "from their expected start; 'Adds' is what each adds to this year's claimable. Adding a post "
        "shows, as you type, its effect on the forecast and the forecast unclaimed (a what-if: nothing is saved "
        "until you save). Opening a row edits it."
    )
    BINDINGS = bindings_for("PlannedScreen")
    TABLE = (Column("title", "Post"), Column("role", "Role"), Column("wte", "WTE", Kind.WTE), Column("start", "Start", Kind.DATE),
             Column("salary", "FT salary", Kind.MONEY_WHOLE), Column("status", "Status"), Column("adds", "Adds", Kind.MONEY_WHOLE))
    COLUMNS: ClassVar = cols_of(TABLE, title=26, role=18)

    def __init__(self) -> None:
        super().__init__(crumb="Planned posts")

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.domain.forecast import what_if
        from pcntui.views.arrs.tables import keyed
        from pcntui.views.arrs.year import arrs_year
        from pcntui.views.base import ViewQuery
        from pcntui.views.load import view as load_view

        view = arrs_year(store, period)
        rules = view.inputs.rules
        rows = [typed_row(str(p.id), [p.label(rules), rules.role_name(p.role_code), p.wte, p.expected_start, p.fte_salary,
                                      p.status, what_if(view.inputs, period.fy, period.as_of, p).added if p.is_open else None],
                          self.TABLE) for p in view.inputs.planned]
        head = f"[b]Planned posts {period.fy.label}[/b] · {key_hint('add_planned')}\n"
        text, compact = head + money_summary(view), head + money_compact(view)
        table = keyed(load_view("arrs-planned", store, ViewQuery(period)), "id")
        return ArrsData(text, rows, compact=compact, view=view, extra={"table": table})

    def post(self):
        key = self.table.current_key() if self.data is not None else None
        if key is None or self.view is None:
            return None
        return next((p for p in self.view.inputs.planned if str(p.id) == key), None)

    def action_add_planned(self) -> None:
        from pcntui.tui.screens.arrs import forms

        if self.view is not None:
            forms.open_planned(self, self.view.inputs, self.pcn_app.fy, self.pcn_app.today)

    def action_edit_planned(self) -> None:
        from pcntui.tui.screens.arrs import forms

        p = self.post()
        if p is not None:
            forms.open_planned(self, self.view.inputs, self.pcn_app.fy, self.pcn_app.today, p)

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
                from pcntui.services.arrs.planned import delete_planned

                self.save_in_worker(lambda store: delete_planned(store, p.id, expected_rev=p.rev))

        self.app.push_screen(ConfirmModal(f"Delete the planned post “{label}”?",
                                          detail=f"It leaves the forecast. {key_of('undo')} undoes it."), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_planned":
            return True if self.view is not None else None
        if action in ("edit_planned", "delete_planned"):
            return True if self.post() is not None else None
        return super().check_action(action, parameters)

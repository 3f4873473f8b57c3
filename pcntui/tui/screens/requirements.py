"""The DES requirements section: the year's service requirements with their due dates, owner,
status and evidence. Overdue and due within 30 days are said in words (and coloured).
`e` (or enter) sets status / owner / evidence; `n` adds one (e.g. for a new year); delete
removes one of your own. Each save is one store action (one undo step, `u`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from rich.text import Text

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.forms import FieldSpec, FormSpec, fields, open_form
from pcntui.tui.widgets.view_table import Col, Row


def due_words(state: str, due_on: date | None, as_of: date) -> Text:
    """`OVERDUE 12 days` / `DUE in 5 days` / `due today` / `LAPSED (year ended)`, styled; plain words carry the
    meaning."""
    if state == "overdue" and due_on is not None:
        days = (as_of - due_on).days
        return Text(f"OVERDUE {days} day{'s' if days != 1 else ''}", style="bold red")
    if state == "due_soon" and due_on is not None:
        days = (due_on - as_of).days
        return Text("DUE TODAY" if days == 0 else f"DUE in {days} day{'s' if days != 1 else ''}", style="bold yellow")
    if state == "lapsed":
        return Text("LAPSED (year ended)", style="dim")
    return Text("")


@dataclass
class ReqData(TableData):
    reqs: dict[str, Any] = field(default_factory=dict)  # row key → Requirement


class RequirementsScreen(TableScreen):
    SECTION = "requirements"
    NOUN = ("requirement", "requirements")
    EMPTY = (f"No DES requirements for this year yet: press {key_of('new_requirement')} to add one "
             f"({markup(key_of('previous_year'))} and {markup(key_of('next_year'))} change the year).")
    HELP = (
        "The Network Contract DES service requirements for the financial year shown top right, "
        "with their due date, status, owner and evidence. Overdue (past its date and not done) "
        "and due within 30 days are written in the Due column, and coloured; a requirement of a year "
        "that has ended and was left open is LAPSED, not overdue (nothing can now be done for it). "
        "A year with no requirements on record says so. Opening a row sets "
        "its status, owner and evidence. Only requirements you added can be deleted (shipped ones "
        "can be set to 'Not applicable' instead). The CSV export has the columns of "
        "'pcntui export requirements'."
    )
    COLUMNS: ClassVar = [
        Col("due", "Due", width=26, whole=True),
        Col("area", "Area", width=22, priority=2),
        Col("title", "Requirement", width=44, priority=0),
        Col("status", "Status", width=14),
        Col("owner", "Owner", width=16, priority=2),
        Col("evidence", "Evidence", width=30, priority=3),
    ]
    BINDINGS = bindings_for("RequirementsScreen")

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"requirements-{self.pcn_app.fy.label.replace('/', '-')}"

    def fetch(self, store: Store, period: Period) -> ReqData:
        from pcntui.domain.requirements import AREAS, STATUSES
        from pcntui.views.base import ViewQuery
        from pcntui.views.requirements import none_shipped_text, requirements_page

        fy = period.fy.label
        as_of = period.as_of
        page = requirements_page(store, ViewQuery(period))  # the view `export requirements --fy` writes
        reqs = page.items
        rows, by_key = [], {}
        late = soon = lapsed = unconfirmed = 0
        for r, shown in zip(reqs, page.view.rows):
            state = r.state(as_of)  # a past year's open requirement has lapsed: it is not overdue
            late += state == "overdue"
            soon += state == "due_soon"
            lapsed += state == "lapsed"
            status = STATUSES.get(r.status, r.status)
            due = Text(r.due_on.isoformat() + ("" if r.due_confirmed else "?") if r.due_on else "no date")
            words = due_words(state, r.due_on, as_of)
            if words.plain:
                due.append(" ")
                due.append_text(words)
            unconfirmed += r.due_on is not None and not r.due_confirmed
            rows.append(Row(shown.key, [due, AREAS.get(r.area, r.area), r.title, status, r.owner, r.evidence],
                            sort=[r.due_on.isoformat() if r.due_on else None, r.area, r.title, r.status, r.owner,
                                  r.evidence],
                            search=page.view.text_of(shown)))  # `/` keeps the rows `export --filter` keeps
            by_key[shown.key] = r
        done = sum(1 for r in reqs if r.status in ("done", "not_applicable"))
        if reqs:
            text = f"[b]DES requirements {fy}[/b]: {len(reqs)} · {done} done or not applicable"
            if late:
                text += f" · [b red]{late} OVERDUE[/]"
            if soon:
                text += f" · [b yellow]{soon} due in the next 30 days[/]"
            if lapsed:
                text += f" · {lapsed} lapsed (left open when {fy} ended)"
            if not late and not soon and not lapsed:
                text += " · nothing overdue or due in the next 30 days"
            if unconfirmed:
                text += ("\n[dim]A date ending in ? is not confirmed by a published source (a shipped date the DES "
                         "does not give is taken as the year end).[/dim]")
            text += ("\n[dim]" + key_hint("edit_requirement", "new_requirement", "previous_year", "next_year")
                     + "[/dim]")
        else:
            known = f"; years held: {', '.join(page.years)}" if page.years else ""
            text = (f"[b]No DES requirements for {fy} yet[/b]: {markup(none_shipped_text() + known)}. Press "
                    f"[b]{key_of('new_requirement')}[/b] to add this year's, or [b]{markup(key_of('previous_year'))}[/b] and "
                    f"[b]{markup(key_of('next_year'))}[/b] to see another year.")
        from pcntui.export.views import csv_table

        columns, values = csv_table(page.view)  # as `export requirements` writes them (in words)
        return ReqData(text, rows, columns, {r.key: v for r, v in zip(page.view.rows, values)}, reqs=by_key)

    def current(self):
        key = self.table.current_key()
        if self.data is None or key is None:
            return None
        return self.data.reqs.get(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_requirement":
            return self.data is not None
        if action == "edit_requirement":
            return True if self.current() is not None else None
        if action == "delete_requirement":
            r = self.current()
            return True if r is not None and r.origin == "user" else None
        return super().check_action(action, parameters)

    def open_row(self, key: str) -> None:
        self.action_edit_requirement()

    def _saved(self, what: str):
        def done(result: Any) -> None:
            if result is None:
                return
            self.pcn_app.data_changed()
            self.notify(f"{what} ({key_of('undo')} undoes it).", title="Saved")

        return done

    def action_edit_requirement(self) -> None:
        r = self.current()
        if r is not None:
            spec, initial = change_form(self.pcn_app.today, r)
            open_form(self, spec, initial, item=r)

    def action_new_requirement(self) -> None:
        spec, initial = new_form(self.pcn_app.today, self.pcn_app.fy.label)
        open_form(self, spec, initial)

    def action_delete_requirement(self) -> None:
        from pcntui.tui.screens.confirm import ConfirmModal

        r = self.current()
        if r is None:
            return
        if r.origin != "user":
            self.notify("A shipped requirement cannot be deleted; set its status to 'Not applicable' "
                        f"({key_of('edit_requirement')}).",
                        severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes and self.pcn_app.store is not None:
                self._delete(r)

        self.app.push_screen(ConfirmModal(f"Delete the requirement “{r.title[:70]}” ({r.fy})?",
                                          detail=f"{key_of('undo')} undoes it."), answered)

    def _delete(self, r) -> None:
        from pcntui.services.requirements import delete_requirement

        app = self.pcn_app

        def run() -> None:
            delete_requirement(app.store, r.id, expected_rev=r.rev)
            app.call_from_thread(self._saved("Requirement deleted"), True)

        app.run_worker(run, thread=True, group="db", exit_on_error=False, name="delete requirement")


def change_form(today: date, r) -> tuple[FormSpec, dict[str, object]]:
    """`e`: a requirement's status, owner and evidence (services.requirements.change_requirement)."""
    from pcntui.domain.requirements import STATUSES
    from pcntui.inputs.requirements import RequirementChangeIn as Model
    from pcntui.services.requirements import change_requirement

    ref = r.id if r.id is not None else r.ref_key
    rev = r.rev if r.id is not None else None
    links = "; ".join(link.label or f"{link.kind} {link.target}" for link in r.links)
    intro = " ".join(x for x in (f"Due {r.due_text()}.", r.detail or "", f"Linked to: {links}." if links else "") if x)
    now = Model.initial(r)
    status = FieldSpec("status", widget="choice", choices=tuple((label, code) for code, label in STATUSES.items()))
    spec = FormSpec(f"{r.fy}: {r.title[:70]}", Model, fields(Model, status, "owner", "evidence"),
                    lambda store, v: change_requirement(store, ref, v, today=today, expected_rev=rev),
                    base=now, intro=intro)
    return spec, now


def new_form(today: date, fy: str) -> tuple[FormSpec, dict[str, object]]:
    """`n`: a requirement of the user's own (services.requirements.add_requirement)."""
    from pcntui.domain.requirements import AREAS
    from pcntui.inputs.requirements import RequirementIn
    from pcntui.services.requirements import add_requirement

    area = FieldSpec("area", widget="choice", choices=tuple((label, code) for code, label in AREAS.items()))
    spec = FormSpec("Add a DES requirement", RequirementIn,
                    fields(RequirementIn, "fy", area, "title", "due_on", "owner", "detail"),
                    lambda store, v: add_requirement(store, v, today=today))
    return spec, {"fy": fy, "area": "health_inequalities"}

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
from pcntui.errors import UserError
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.screens.intervention_form import Field, FormModal, checked, opt_date, opt_text, req_text
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
    OPENS = True
    EMPTY = (f"No DES requirements for this year yet: press {key_of('new_requirement')} to add one "
             f"({key_of('previous_year')} and {key_of('next_year')} change the year).")
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
        Col("due", "Due", width=26),
        Col("area", "Area", width=22),
        Col("title", "Requirement", width=44),
        Col("status", "Status", width=14),
        Col("owner", "Owner", width=16),
        Col("evidence", "Evidence", width=30),
    ]
    BINDINGS = bindings_for("RequirementsScreen")

    FLEX: ClassVar = {"area": 12, "title": 44, "owner": 14, "evidence": 24}

    def on_resize(self) -> None:
        from pcntui.tui.screens.interventions import fit_columns

        fit_columns(self.table, self.FLEX, self.size.width)

    def show(self, data) -> None:
        super().show(data)
        self.on_resize()

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"requirements-{self.pcn_app.fy.label.replace('/', '-')}"

    def fetch(self, store: Store, period: Period) -> ReqData:
        from pcntui.domain.requirements import AREAS, STATUSES
        from pcntui.report.intervention_exports import requirements_table
        from pcntui.store.requirements import list_requirements, none_shipped_text

        fy = period.fy.label
        as_of = period.as_of
        reqs = list_requirements(store, fy=fy)
        table = requirements_table(store, period)
        export = {}
        for r in table.rows:
            if r[2] == fy:
                export[str(r[0]) if r[0] is not None else f"ref:{r[1]}"] = r
        rows, by_key = [], {}
        late = soon = lapsed = unconfirmed = 0
        for r in reqs:
            key = str(r.id) if r.id is not None else f"ref:{r.ref_key}"
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
            rows.append(Row(key, [due, AREAS.get(r.area, r.area), r.title, status, r.owner, r.evidence],
                            sort=[r.due_on.isoformat() if r.due_on else None, r.area, r.title, r.status, r.owner,
                                  r.evidence],
                            search=" ".join(str(x or "") for x in (due.plain, r.area, AREAS.get(r.area), r.title,
                                                                  status, r.owner, r.evidence, r.fy)).casefold()))
            by_key[key] = r
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
            years = sorted({r[2] for r in table.rows})
            known = f"; years held: {', '.join(years)}" if years else ""
            text = (f"[b]No DES requirements for {fy} yet[/b]: {markup(none_shipped_text() + known)}. Press "
                    f"[b]{key_of('new_requirement')}[/b] to add this year's, or {key_of('previous_year')} and "
                    f"{key_of('next_year')} to see another year.")
        return ReqData(text, rows, table.columns, export, reqs=by_key)

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
        from pcntui.domain.requirements import STATUSES
        from pcntui.inputs.base import meta, validate
        from pcntui.inputs.context import Ctx
        from pcntui.inputs.requirements import RequirementChangeIn as Model
        from pcntui.services.requirements import change_requirement

        r = self.current()
        if r is None:
            return
        today = self.pcn_app.today

        def build(v: dict[str, str]) -> dict[str, str]:
            result = validate(Model, {**Model.initial(r), **v}, Ctx(today))  # the service checks it again
            if not result.ok:
                first = result.messages[0]
                raise UserError(f"{meta(Model, str(first.loc[0])).label}: {first.text}" if first.loc else first.text)
            return v

        def save(store: Store, changes: dict[str, str]) -> int:
            ref = r.id if r.id is not None else r.ref_key
            return change_requirement(store, ref, changes, today=today,
                                      expected_rev=r.rev if r.id is not None else None).value

        fields = [Field(name, meta(Model, name).label, meta(Model, name).hint, value=getattr(r, name) or "")
                  for name in ("owner", "evidence")]
        fields.insert(0, Field("status", "Status", "where it stands", kind="choice",
                               choices=[(label, code) for code, label in STATUSES.items()], value=r.status))
        due = r.due_text()
        self.app.push_screen(
            FormModal(f"{r.fy}: {r.title[:70]}", fields, build, save,
                      intro=" ".join(x for x in (
                          f"Due {due}.", r.detail or "",
                          ("Linked to: " + "; ".join(link.label or f"{link.kind} {link.target}" for link in r.links) + ".")
                          if r.links else "") if x)),
            self._saved("Requirement saved"))

    def action_new_requirement(self) -> None:
        from pcntui.domain.requirements import AREAS, RequirementIn

        fy = self.pcn_app.fy.label

        def build(v: dict[str, str]):
            from pcntui.domain.fy import FinancialYear

            try:
                year = FinancialYear.parse(req_text(v, "fy", "Year").strip()).label
            except UserError as exc:
                raise UserError(f"Year: {exc}") from None
            due = opt_date(v, "due_on", "Due date")
            return checked(RequirementIn, {"fy": "Year", "title": "Requirement"},
                           fy=year, area=v["area"], title=req_text(v, "title", "Requirement"),
                           due_on=due, owner=opt_text(v, "owner"), detail=opt_text(v, "detail"))

        def save(store, rec) -> int:
            from pcntui.store.requirements import add_requirement

            return add_requirement(store, rec)

        fields = [
            Field("fy", "Year *", "the financial year it belongs to, written like 2027/28", value=fy),
            Field("area", "Area of focus", "which part of the DES it belongs to", kind="choice",
                  choices=[(label, code) for code, label in AREAS.items()], value="health_inequalities"),
            Field("title", "Requirement *", "what must be done, as the DES specification words it"),
            Field("due_on", "Due date", "the deadline, e.g. 31/03/2028 (optional)"),
            Field("owner", "Owner", "who is responsible (optional)"),
            Field("detail", "Detail", "anything else: the paragraph of the specification, the source (optional)"),
        ]
        self.app.push_screen(FormModal("Add a DES requirement", fields, build, save), self._saved("Requirement added"))

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
        from pcntui.store.requirements import delete_requirement

        app = self.pcn_app

        def run() -> None:
            delete_requirement(app.store, r.id, expected_rev=r.rev)
            app.call_from_thread(self._saved("Requirement deleted"), True)

        app.run_worker(run, thread=True, group="db", exit_on_error=False, name="delete requirement")

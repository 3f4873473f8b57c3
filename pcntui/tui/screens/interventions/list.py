"""The interventions list: stage, RAG and why, lead, next action and overdue actions; `x` writes
the view `pcntui export interventions` writes (views/interventions/list.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from pcntui.domain.intervention import STAGE_CODES
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.interventions.common import ask_delete, rag_text, reasons_short
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row

SHORT_STAGE = {"lead_appointed": "Lead named", "population_identified": "Population"}
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


@dataclass
class ListData(TableData):
    reasons: dict[str, Any] = field(default_factory=dict)  # row key → (title, rag)
    revs: dict[str, int] = field(default_factory=dict)


class InterventionsScreen(TableScreen):
    SECTION = "interventions"
    EXPORT_NAME = "interventions"
    NOUN = ("intervention", "interventions")
    EMPTY = f"No interventions yet: press {key_of('new_intervention')} to create the first one."
    HELP = (
        "Your health-inequality interventions (Network Contract DES): the stage each has reached, "
        "its RAG (red / amber / green, worked out from overdue actions, stages past their date, "
        "measures off track and co-design missing before delivery) with the reasons, the lead, the "
        "next action and how many actions are overdue. Opening one shows its page, where its stage "
        "moves and co-design, actions and measures are added. The CSV export has the columns of "
        "'pcntui export interventions'."
    )
    COLUMNS: ClassVar = [
        Col("id", "#", numeric=True, width=3),
        Col("title", "Intervention", width=30, priority=0),
        Col("stage", "Stage", width=11),
        Col("rag", "RAG", width=5),
        Col("why", "Why", width=30, priority=2),  # the line under the table says why for the row
        Col("lead", "Lead", width=18, priority=3),
        Col("next", "Next action", width=30, priority=2),
        Col("overdue", "Overdue", numeric=True, width=7),
    ]
    BINDINGS = bindings_for("InterventionsScreen")

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static("", id="why-line")

    def fetch(self, store: Store, period: Period) -> ListData:
        from pcntui.views.interventions.list import interventions_page

        page = interventions_page(store, period.as_of)
        view = page.view
        rows, reasons, revs = [], {}, {}
        for r, shown in zip(page.items, view.rows):
            key = str(r.id)
            nxt = r.next_action
            next_text = nxt.description + (f" (by {nxt.due_on.isoformat()})" if nxt.due_on else "") if nxt else None
            overdue = Text(f"{r.overdue_actions} late", style="bold red") if r.overdue_actions else "0"
            rows.append(Row(key, [r.id, r.title, SHORT_STAGE.get(r.stage, r.stage_label), rag_text(r.rag.level),
                                  reasons_short(r.rag), r.lead, next_text, overdue],
                            sort=[r.id, r.title, STAGE_CODES.index(r.stage), RAG_ORDER[r.rag.level],
                                  reasons_short(r.rag), r.lead, nxt.due_on.isoformat() if nxt and nxt.due_on else None,
                                  r.overdue_actions],
                            search=view.text_of(shown)))  # `/` keeps the rows `export --filter` keeps
            reasons[key] = (r.title, r.rag)
            revs[key] = r.rev
        items = page.items
        counts = {lvl: sum(1 for r in items if r.rag.level == lvl) for lvl in ("red", "amber", "green")}
        if items:
            text = (f"[b]{len(items)} interventions[/b] · [b red]{counts['red']} red[/] · [b yellow]{counts['amber']} "
                    f"amber[/] · [b green]{counts['green']} green[/] (as of {period.as_of.isoformat()})\n"
                    f"[dim]{key_hint('open', 'new_intervention', 'delete_intervention', 'export')}[/dim]")
        else:
            text = (f"[b]No interventions yet.[/b] Press [b]{key_of('new_intervention')}[/b] to create one: give it a "
                    "title (the rest can come later), then log co-design sessions, actions and outcome measures on "
                    "its page.")
        from pcntui.export.views import csv_table

        columns, values = csv_table(view)  # as `export interventions` writes them (stages in words)
        return ListData(text, rows, columns, {r.key: v for r, v in zip(view.rows, values)},
                        reasons=reasons, revs=revs)

    def show(self, data: ListData) -> None:
        super().show(data)
        self._update_why()

    @on(DataTable.RowHighlighted, "#table")
    def _highlighted(self) -> None:
        self._update_why()

    def _update_why(self) -> None:
        key = self.table.current_key()
        line = self.query_one("#why-line", Static)
        if self.data is None or key is None or key not in self.data.reasons:
            line.update("")
            return
        title, rag = self.data.reasons[key]
        style = {"red": "b red", "amber": "b yellow", "green": "b green"}[rag.level]
        if rag.reasons:
            text = f"[{style}]{rag.level.upper()}[/] because: " + markup("; ".join(r.message for r in rag.reasons))
        else:
            text = f"[{style}]GREEN[/]: nothing overdue or off track."
        line.update(f"#{key} {markup(title)}: {text}")

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.interventions.detail import InterventionScreen

        self.app.push_screen(InterventionScreen(int(key)))

    # ---------------------------------------------------------------- keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_intervention":
            return self.data is not None
        if action == "delete_intervention":
            return True if self.data is not None and self.table.current_key() is not None else None
        return super().check_action(action, parameters)

    def action_new_intervention(self) -> None:
        from pcntui.tui.forms import open_form
        from pcntui.tui.screens.interventions.forms import new_intervention

        if self.data is not None:
            spec, initial = new_intervention(self.pcn_app.today)
            open_form(self, spec, initial, then=self._created)

    def _created(self, saved: Any) -> None:
        if saved is not None:  # its page: where sessions, actions and measures are added
            self.open_row(str(saved.value))

    def action_delete_intervention(self) -> None:
        key = self.table.current_key()
        if self.data is None or key is None:
            return
        title, _ = self.data.reasons[key]
        ask_delete(self, int(key), title, self.data.revs.get(key))

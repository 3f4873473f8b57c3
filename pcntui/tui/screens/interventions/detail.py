"""One intervention's page: its stage (with the date and evidence of each), RAG explained, the
population, partners, co-design, actions and outcome measures charted against their target line,
with a key for every change (the forms are in `forms`, each saving through one service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pcntui.domain.period import Period
from pcntui.domain.text import terminal_safe
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import guard, markup
from pcntui.tui.screens.base import DataScreen
from pcntui.services.base import Saved
from pcntui.tui.forms import open_form
from pcntui.tui.screens.interventions import forms
from pcntui.tui.screens.interventions.common import ask_delete

if TYPE_CHECKING:
    from pcntui.views.base import View

TRACK_WORDS = {"on_track": ("ON TRACK", "bold green"), "off_track": ("OFF TRACK", "bold red"),
               "no_data": ("no readings yet", "dim")}


class InterventionScreen(DataScreen):
    SECTION = "interventions"
    EXPORT_NAME = "intervention"
    AUTO_FOCUS = "#detail"
    HELP = (
        "One intervention: its stage (with the date and evidence of each), RAG explained, the "
        "population, partners, co-design sessions and 'you said, we did', actions and outcome "
        "measures charted against their target line. A stage can be moved forwards or back, with a "
        "date and evidence. The export is the one-page summary for the commissioner (or the CSV row). "
        "Every save is one step for undo."
    )
    BINDINGS = bindings_for("InterventionScreen")

    def __init__(self, intervention_id: int) -> None:
        super().__init__(crumb=f"Intervention {intervention_id}")
        self.intervention_id = intervention_id
        self.data: Any = None  # views.interventions.detail.DetailPage

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            for part in ("head", "stages", "population", "codesign", "actions", "measures"):
                yield Static("Loading…" if part == "head" else "", id=f"iv-{part}", classes="iv-block")

    DEFAULT_CSS = """
    InterventionScreen #detail { height: 1fr; padding: 0 1; }
    InterventionScreen .iv-block { height: auto; margin: 0 0 1 0; }
    """

    @property
    def detail(self):
        return self.data.detail if self.data else None

    def fetch(self, store: Store, period: Period) -> Any:
        from pcntui.views.interventions.detail import intervention_page

        return intervention_page(store, self.intervention_id, period.as_of)

    def show_error(self, text: str) -> None:
        self.query_one("#iv-head", Static).update(f"[b $error]Could not load:[/] {markup(text)}")

    def binding_state(self) -> object:
        d = self.detail
        if d is None:
            return (self.loaded_version, None)
        return (self.loaded_version, d.rev, len(d.measures), sum(1 for a in d.actions if a.done_on is None))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        d = self.detail
        if action in DETAIL_FORMS or action in ("export", "delete_intervention"):
            return True if d is not None else None
        if action == "complete_action":
            return True if d is not None and any(a.done_on is None for a in d.actions) else None
        if action == "add_reading":
            return True if d is not None and d.measures else None
        return super().check_action(action, parameters)

    # ---------------------------------------------------------------- painting
    def show(self, data: Any) -> None:
        self.data = data
        d = data.detail
        parts = {p: self.query_one(f"#iv-{p}", Static) for p in
                 ("head", "stages", "population", "codesign", "actions", "measures")}
        if d is None:
            parts["head"].update(f"[b]{markup(data.missing or 'This intervention no longer exists.')}[/b]\n"
                                 f"Press {key_of('back')} to go back to the list.")
            for p in list(parts)[1:]:
                parts[p].update("")
            return
        parts["head"].update(self._head(d))
        parts["stages"].update(self._stages(d))
        parts["population"].update(self._population(d, data))
        parts["codesign"].update(self._codesign(d))
        parts["actions"].update(self._actions(d))
        parts["measures"].update(self._measures(d, data))

    def _head(self, d) -> str:
        style = {"red": "b red", "amber": "b yellow", "green": "b green"}[d.rag.level]
        lines = [f"[b]{markup(d.title)}[/b]",
                 f"Stage [b]{markup(d.stage_label)}[/b] · RAG [{style}]{d.rag.level.upper()}[/] · "
                 f"lead {markup(d.lead or 'not named yet')}"]
        lines.append(f"[dim]{key_hint('export', 'delete_intervention', 'help')}[/dim]")
        if d.rag.reasons:
            lines.append(f"[{style}]Why {d.rag.level.upper()}:[/]")
            lines += [f"  • {markup(r.message)} [dim]({r.severity})[/dim]" for r in d.rag.reasons]
        else:
            lines.append("[b green]GREEN:[/] nothing overdue, no stage past its date, no measure off track.")
        return "\n".join(lines)

    def _stages(self, d) -> str:
        from pcntui.domain.intervention import STAGE_LABELS

        lines = [f"[b $text-accent]Stages[/]  [dim]{key_hint('move_stage', 'stage_target')}[/dim]"]
        for s in d.stages:
            current = s.stage == d.stage
            mark = "▶" if current else ("✓" if s.reached else "·")
            when = ""
            if s.reached and s.reached_on:
                when = f"reached {s.reached_on.isoformat()}"
            elif s.reached:
                when = "reached"
            if s.target_on and not s.reached:
                late = s.target_on < d.as_of
                when = (f"[b red]OVERDUE[/] target {s.target_on.isoformat()}" if late
                        else f"target {s.target_on.isoformat()}")
            evidence = f" — {markup(s.evidence)}" if s.evidence and s.reached else ""
            label = f"[b]{markup(s.label)}[/b] (now)" if current else markup(s.label)
            lines.append(f"  {mark} {label}  [dim]{when}[/dim]{evidence}" if "OVERDUE" not in when
                         else f"  {mark} {label}  {when}{evidence}")
        backs = [m for m in d.moves if m.backwards]
        for m in backs:
            lines.append(f"  ↩ moved back to {markup(STAGE_LABELS[m.to_stage])} on {m.moved_on.isoformat()}"
                         + (f": {markup(m.evidence)}" if m.evidence else ""))
        return "\n".join(lines)

    def _population(self, d, data: Any) -> str:
        from pcntui.domain.intervention import DEPRIVATION_BASES, PARTNER_KINDS
        from pcntui.domain.money import from_pence, gbp

        practices = ", ".join(f"{markup(data.practice_names.get(c, c))} ({c})" for c in d.practices) or "none chosen"
        size = f"{d.population_size:,}" if d.population_size is not None else "not estimated"
        lines = [f"[b $text-accent]Population and partners[/]  [dim]{key_hint('edit_intervention', 'add_partner')}[/dim]",
                 f"  Focus: {markup(d.focus)} · estimated size {size}",
                 f"  Who: {markup(d.population or 'not described yet')}",
                 f"  Practices: {practices}",
                 f"  Deprivation basis: {markup(DEPRIVATION_BASES.get(d.deprivation_basis, d.deprivation_basis))}"
                 + (f" ({markup(d.deprivation_note)})" if d.deprivation_note else ""),
                 f"  Budget {gbp(from_pence(d.budget_pence))} · spent {gbp(from_pence(d.spend_pence))}"]
        if d.partners:
            lines.append("  Partners: " + "; ".join(
                f"{markup(p.name)} ({markup(PARTNER_KINDS.get(p.kind, p.kind))}"
                + (f": {markup(p.role)}" if p.role else "") + ")" for p in d.partners))
        else:
            lines.append(f"  Partners: none recorded ({key_of('add_partner')} adds one)")
        return "\n".join(lines)

    def _codesign(self, d) -> str:
        from pcntui.views.interventions.summary import session_lines, you_said_line

        lines = [f"[b $text-accent]Co-design[/]  [dim]{key_hint('log_session', 'you_said')}[/dim]"]
        if not d.sessions:
            lines.append("  No co-design sessions yet (the DES expects the intervention to be co-designed "
                         "with the population before delivery).")
        for s in d.sessions:
            first, *more = session_lines(s, cut=False)
            lines += [f"  {markup(first)}", *(f"     {markup(line)}" for line in more)]
        lines += [f"  {markup(you_said_line(y, cut=False))}" for y in d.you_said]
        return "\n".join(lines)

    def _actions(self, d) -> str:
        lines = [f"[b $text-accent]Actions[/]  [dim]{key_hint('add_action', 'complete_action')}[/dim]"]
        if not d.actions:
            lines.append("  No actions yet.")
        for a in d.actions:
            owner = f" · {markup(a.owner)}" if a.owner else ""
            if a.done_on:
                lines.append(f"  ✓ [dim]{markup(a.description)}{owner} · done {a.done_on.isoformat()}[/dim]")
            elif a.overdue(d.as_of):
                days = (d.as_of - a.due_on).days
                lines.append(f"  [b red]OVERDUE[/] {markup(a.description)}{owner} · was due {a.due_on.isoformat()} "
                             f"({days} day{'s' if days != 1 else ''} ago)")
            else:
                due = f" · due {a.due_on.isoformat()}" if a.due_on else " · no due date"
                lines.append(f"  ☐ {markup(a.description)}{owner}{due}")
        return "\n".join(lines)

    def _measures(self, d, data: Any) -> Text:
        from pcntui.domain.measure import fmt_value
        from pcntui.tui.widgets.chart import chart_text

        out = Text.from_markup(f"[b]Outcome measures[/b]  [dim]{key_hint('add_measure', 'add_reading')}[/dim]\n")
        if not d.measures:
            out.append(f"  No outcome measures yet: add one with its baseline and target ({key_of('add_measure')}).\n")
        width = max(24, min(60, (self.size.width or 100) - 20))
        for m in d.measures:
            word, style = TRACK_WORDS[m.track.state]
            target = fmt_value(m.target_value, m.unit) + (f" by {m.target_on.isoformat()}" if m.target_on else "")
            out.append(f"  {terminal_safe(m.name)} ", style="bold")
            out.append(word, style=style)
            out.append(f"  ({m.direction}: baseline {fmt_value(m.baseline_value, m.unit)} on "
                       f"{m.baseline_on.isoformat()}, target {target})\n")
            out.append(f"  {m.track.explanation}\n", style="dim")
            series = data.series.get(m.id)
            if series is not None and series.points:
                chart = chart_text(series, width=width, height=6)
                for line in chart.split("\n"):
                    out.append("    ")
                    out.append_text(line)
                    out.append("\n")
                readings = ", ".join(f"{p[0].isoformat()} {fmt_value(p[1], m.unit)}" for p in series.points[-6:])
                out.append(f"    Readings: {readings}\n", style="dim")
        return guard(out)

    def on_resize(self) -> None:
        if self.data is not None and self.data.detail is not None:
            self.query_one("#iv-measures", Static).update(self._measures(self.data.detail, self.data))

    # ---------------------------------------------------------------- forms
    def _form(self, form: forms.Form, item: Any = None) -> None:
        spec, initial = form
        open_form(self, spec, initial, item=self.detail if item is None else item)

    def detail_form(self, name: str) -> None:
        """Open `forms.<name>` for the intervention shown (the actions of `DETAIL_FORMS`)."""
        if self.detail is not None:
            self._form(getattr(forms, name)(self.pcn_app.today, self.detail))

    def action_complete_action(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        d = self.detail
        if d is None:
            return
        open_ = [a for a in d.actions if a.done_on is None]
        if not open_:
            self.notify("Every action is done already.")
            return
        labels = [a.description[:60] + (f" (due {a.due_on.isoformat()})" if a.due_on else "") for a in open_]

        def picked(index: int | None) -> None:
            if index is not None:
                self._form(forms.done(self.pcn_app.today, open_[index]), open_[index])

        self.app.push_screen(PickModal("Which action is done?", labels), picked)

    def action_add_reading(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        d = self.detail
        if d is None or not d.measures:
            return

        def picked(index: int | None) -> None:
            if index is not None:
                self._form(forms.reading(self.pcn_app.today, d.measures[index]), d.measures[index])

        if len(d.measures) == 1:
            picked(0)
            return
        self.app.push_screen(PickModal("A reading of which measure?", [m.name for m in d.measures],
                                       len(d.measures) - 1), picked)

    def action_delete_intervention(self) -> None:
        d = self.detail
        if d is not None:
            ask_delete(self, d.id, d.title, d.rev)

    # ---------------------------------------------------------------- export
    def action_export(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        if self.detail is None:
            return
        options = ["One-page summary for the commissioner (HTML: opens and prints in a browser)",
                   "One-page summary for the commissioner (Markdown text file)",
                   "This intervention as a CSV row (the columns of 'pcntui export interventions')"]

        def picked(index: int | None) -> None:
            if index in (0, 1):
                self._export_summary(".html" if index == 0 else ".md")
            elif index == 2:
                self._export_row()

        self.app.push_screen(PickModal("Export", options), picked)

    def _export_summary(self, suffix: str) -> None:
        from pcntui.inputs.interventions import OutFileIn
        from pcntui.tui.forms import FormSpec, fields

        iid, as_of = self.intervention_id, self.pcn_app.today

        def write(store: Store, values: dict[str, str]) -> Saved:
            from pathlib import Path

            from pcntui.export.csvfile import write_text_atomic
            from pcntui.export.document import as_file
            from pcntui.views.interventions.summary import intervention_summary

            path = Path(values["path"]).expanduser()
            path = write_text_atomic(path, as_file(intervention_summary(store, iid, as_of), path))
            return Saved(path, f"Summary written to {path}.")

        spec = FormSpec("Write the one-page summary for the commissioner", OutFileIn, fields(OutFileIn, "path"),
                        write, save_label="Write")
        open_form(self, spec, {"path": f"~/pcntui-intervention-{iid}-summary-{as_of.isoformat()}{suffix}"})

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _export_row(self) -> None:
        self.app.call_from_thread(self._export_view, row_view(self.pcn_app.store, self.pcn_app.period,
                                                              self.intervention_id))

    def _export_view(self, view: View) -> None:
        from pcntui.tui.screens.export import ExportModal

        self.app.push_screen(ExportModal.of_view(f"intervention-{self.intervention_id}", view,
                                                 today=self.pcn_app.today), self._exported)


# The actions that open a form about the intervention shown: action → the form's builder in `forms`.
DETAIL_FORMS = {"move_stage": "move_stage", "log_session": "session", "you_said": "you_said", "add_action": "action",
                "add_measure": "measure", "stage_target": "stage_target", "add_partner": "partner",
                "edit_intervention": "edit_intervention"}


def _opens(form: str):
    def action(self: InterventionScreen) -> None:
        self.detail_form(form)

    return action


for _action, _form_name in DETAIL_FORMS.items():
    setattr(InterventionScreen, f"action_{_action}", _opens(_form_name))


def row_view(store: Store, period: Period, intervention_id: int) -> View:
    """What `x` → "CSV row" writes: the view `pcntui export intervention --id N` writes."""
    from pcntui.views.base import ViewQuery
    from pcntui.views.load import view

    return view("intervention", store, ViewQuery(period, item=str(intervention_id)))


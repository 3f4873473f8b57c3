"""The SMR worklist: pseudonymous patients, read page by page (views/smr/worklist.py; instant at 100k rows).

Keys: `/` search (reference start, or NHS number digits) · `f` filter by status, practice or
cohort · `m` show/hide NHS numbers (masked by default) · `n` new · `e`/`enter` edit ·
`delete` delete (asks first) · `F` forget every patient for good (screens/forget.py) · `u` undo (the App's) · `x` the patients
under the filters, as `pcntui export smr-worklist` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from pcntui.domain.period import Period
from pcntui.domain.worklist import STATUS_LABELS, STATUSES, WorklistFilter
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.messages import DataChanged
from pcntui.tui.safe import markup, plain
from pcntui.tui.widgets.in_place import SteadyStatic
from pcntui.tui.screens.smr.search_line import SearchLine
from pcntui.tui.screens.table import FilterScreen
from pcntui.tui.widgets.worklist_view import WorklistView


class StatusLine(Widget):
    """One line of text that repaints without a relayout (a Static update relayouts the screen)."""

    DEFAULT_CSS = "StatusLine { height: 1; color: $text-muted; }"
    text: reactive[str] = reactive("", layout=False)

    def render(self) -> Text:
        return plain(self.text)


@dataclass
class WorklistOptions:
    practices: list[tuple[str, str]]
    cohorts: list[tuple[str, str]]


class WorklistScreen(FilterScreen):
    SECTION = "smr"
    HELP = (
        "The SMR worklist: one row per patient, by the practice's own reference. It is read from "
        "the database a page at a time, so it stays instant however long it is. NHS numbers are "
        "masked unless shown. The export holds the patients under the search and filters, NHS numbers "
        "masked. Forgetting the worklist erases every patient and their history for good, after you "
        "type the PCN code. Where a practice has no imported counts, the worklist's counts feed SMR "
        "progress."
    )
    AUTO_FOCUS = "#worklist"
    BINDINGS = bindings_for("WorklistScreen")
    EXPORT_NAME = "smr-worklist"

    class ExportReady(Message):
        def __init__(self, columns: list[str], rows: list[list[object]]) -> None:
            super().__init__()
            self.columns = columns
            self.rows = rows

    class StatusCounts(Message):
        def __init__(self, filters: WorklistFilter, counts: dict[str, int]) -> None:
            super().__init__()
            self.filters = filters
            self.counts = counts

    def __init__(self) -> None:
        super().__init__(crumb="Worklist")
        self.filters = WorklistFilter()
        self.options: WorklistOptions | None = None
        self.counts: dict[str, int] = {}
        self._counts_for: WorklistFilter | None = None  # the filters (but status) `counts` are for
        self._unsearched_counts: tuple[WorklistFilter, dict[str, int]] | None = None  # held while a search is on
        self._view_version = -1
        self._summary_text = ""
        self._status_timer = None

    def compose_body(self) -> ComposeResult:
        view = WorklistView(id="worklist")
        view.on_count = self._update_status  # the status line painted with the rows it counts
        with Vertical(id="body"):
            yield SteadyStatic("Loading…", id="summary", classes="above-search-line")
            yield SearchLine(id="filter")
            yield view
            yield StatusLine(id="wl-status")

    @property
    def view(self) -> WorklistView:
        return self.query_one("#worklist", WorklistView)

    # ---------------------------------------------------------------- loading
    def fetch(self, store: Store, period: Period) -> WorklistOptions:
        from pcntui.views.smr.lookups import choices

        found = choices(store)
        return WorklistOptions(found.practices, found.cohorts)

    def show(self, data: WorklistOptions) -> None:
        self.options = data
        store = self.pcn_app.store
        if store is not None and self._view_version != self.loaded_version:
            self._view_version = self.loaded_version
            self._unsearched_counts = None  # the data changed
            self.view.load(store, self.filters, keep_cursor=True)
            self._count_statuses(store, self.filters)
        self._update_summary()

    def show_error(self, text: str) -> None:
        self.query_one("#summary", Static).update(f"[b $error]Could not load:[/] {markup(text)}")

    def apply(self, filters: WorklistFilter) -> None:
        """Show other filters: the view re-counts and reads its first page in a worker (the status line
        follows when they are in); the list with no search, left for a search, comes back at once."""
        if self.filters.search is None and self._counts_for == replace(self.filters, statuses=()):
            self._unsearched_counts = (self._counts_for, self.counts)
        self.filters = filters
        store = self.pcn_app.store
        if store is None:
            return
        self.view.load(store, filters)
        if self._status_timer is not None:
            self._status_timer.stop()
        held = self._unsearched_counts
        if held is not None and held[0] == replace(filters, statuses=()):
            self._counts_for, self.counts = held
            self._update_summary()
            return
        # the per-status counts scan more rows: only once typing pauses
        self._status_timer = self.set_timer(0.35, lambda: self._count_statuses(store, self.filters))

    @work(thread=True, exclusive=True, group="wl-status", exit_on_error=False)
    def _count_statuses(self, store: Store, filters: WorklistFilter) -> None:
        from pcntui.views.smr.worklist import status_counts

        self.post_message(self.StatusCounts(filters, status_counts(store, filters)))

    @on(StatusCounts)
    def _status_counts(self, message: StatusCounts) -> None:
        if replace(message.filters, statuses=()) == replace(self.filters, statuses=()):
            self.counts, self._counts_for = message.counts, replace(message.filters, statuses=())
            self._update_summary()

    def describe_filters(self) -> str:
        f = self.filters
        parts = []
        if f.statuses:
            parts.append("status " + ", ".join(STATUS_LABELS[s] for s in f.statuses))
        if f.practice_code:
            parts.append(f"practice {f.practice_code}")
        if f.cohort_code:
            names = dict(self.options.cohorts) if self.options else {}
            parts.append(f"cohort {names.get(f.cohort_code, f.cohort_code)}")
        if f.search:
            parts.append(f"search “{f.search}”")
        return " · ".join(parts)

    def _update_summary(self) -> None:
        total = sum(self.counts.values())
        by_status = " · ".join(f"{STATUS_LABELS[s]} {self.counts.get(s, 0):,}" for s in STATUSES)
        text = "[b]SMR worklist[/b]"
        if self.counts:
            text += f" · {total:,} patients" + (" match the search and filters" if self._narrowed() else "")
            text += f"\n{by_status}"
        else:
            text += "\n "
        text += f"\n[dim]{key_hint('search', 'filters', 'toggle_nhs')} · {key_of('back')} clears[/dim]"
        if text != self._summary_text:  # a Static update relayouts the screen: only when it changed
            self._summary_text = text
            self.query_one("#summary", Static).update(text)
        self._update_status()

    def _narrowed(self) -> bool:
        return replace(self.filters, statuses=()) != WorklistFilter(sort=self.filters.sort)

    def _update_status(self) -> None:
        view = self.view
        if view.count is None:
            text = "Counting…"
        else:
            noun = "patient" if view.count == 1 else "patients"
            text = f"{view.count:,} {noun}"
            if view.count:
                text += f" · row {view.cursor + 1:,}"
        described = self.describe_filters()
        if described:
            text += f" · filtered: {described}"
        text += " · NHS numbers shown" if not view.masked else " · NHS numbers masked"
        self.query_one("#wl-status", StatusLine).text = text

    @on(WorklistView.Counted)
    def _counted(self, event: WorklistView.Counted) -> None:
        self._update_status()
        self.update_bindings()

    @on(WorklistView.Moved)
    def _moved(self) -> None:
        self._update_status()

    def binding_state(self) -> object:
        # what check_action depends on; the bindings are refreshed only when this changes
        return (self.options is not None, bool(self.view.count))

    # ---------------------------------------------------------------- search and filters
    def action_search(self) -> None:
        self.filter_input.reveal()

    @property
    def listing(self) -> WorklistView:
        return self.view

    def narrow(self, text: str) -> None:
        search = text.strip() or None
        if search != self.filters.search:
            self.apply(replace(self.filters, search=search))

    def filtering(self) -> bool:
        return bool(self.filters.search)

    def handle_back(self) -> bool:
        if super().handle_back():
            return True
        if self.filters != WorklistFilter():
            self.apply(WorklistFilter())
            return True
        return False

    def action_filters(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        f = self.filters
        cohort_names = dict(self.options.cohorts) if self.options else {}
        labels = [
            f"Status: {', '.join(STATUS_LABELS[s] for s in f.statuses) or 'any'}",
            f"Practice: {f.practice_code or 'any'}",
            f"Cohort: {cohort_names.get(f.cohort_code, f.cohort_code) if f.cohort_code else 'any'}",
            "Clear all filters",
        ]
        self.app.push_screen(PickModal("Filter the worklist by", labels), self._filter_kind)

    def _filter_kind(self, index: int | None) -> None:
        from pcntui.tui.screens.pick import PickModal

        if index is None:
            return
        if index == 3:
            self.apply(WorklistFilter(sort=self.filters.sort))
            return
        opts = self.options or WorklistOptions([], [])
        if index == 0:
            choices = [("any", None)] + [(f"{STATUS_LABELS[s]} ({self.counts.get(s, 0):,})", s) for s in STATUSES]
            title = "Status"
        elif index == 1:
            choices = [("any", None)] + [(f"{c} {n}", c) for c, n in opts.practices]
            title = "Practice"
        else:
            choices = [("any", None)] + [(n, c) for c, n in opts.cohorts]
            title = "Cohort"

        def picked(i: int | None) -> None:
            if i is None:
                return
            value = choices[i][1]
            if index == 0:
                self.apply(replace(self.filters, statuses=(value,) if value else ()))
            elif index == 1:
                self.apply(replace(self.filters, practice_code=value))
            else:
                self.apply(replace(self.filters, cohort_code=value))

        self.app.push_screen(PickModal(title, [label for label, _ in choices]), picked)

    def action_toggle_nhs(self) -> None:
        self.view.set_masked(not self.view.masked)
        self._update_status()

    # ---------------------------------------------------------------- editing
    def action_new_entry(self) -> None:
        from pcntui.inputs.smr import WorklistEntryIn
        from pcntui.tui.forms import open_form
        from pcntui.tui.forms.smr import entry_form

        if self.options is None:
            return
        initial = {**WorklistEntryIn.initial(None), "practice_code": self.filters.practice_code}
        open_form(self, entry_form(self.pcn_app.today, None), initial)

    def action_edit_entry(self) -> None:
        from pcntui.inputs.smr import WorklistEntryIn
        from pcntui.tui.forms import open_form
        from pcntui.tui.forms.smr import entry_form

        entry = self.view.current
        if entry is None or self.options is None:
            return
        open_form(self, entry_form(self.pcn_app.today, entry), WorklistEntryIn.initial(entry), item=entry)

    def action_delete_entry(self) -> None:
        from pcntui.tui.screens.confirm import ConfirmModal

        entry = self.view.current
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.pcn_app.store is not None:
                self._delete(self.pcn_app.store, entry.id, entry.rev)

        self.app.push_screen(ConfirmModal(
            f"Delete worklist patient {entry.practice_code} {entry.reference}?",
            detail=f"{entry.status_label.capitalize()}, {', '.join(entry.cohorts)}. {key_of('undo')} undoes it."), answered)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _delete(self, store: Store, entry_id: int, rev: int) -> None:
        from pcntui.services.smr.worklist import delete_worklist_entry

        self.app.post_message(DataChanged(delete_worklist_entry(store, entry_id, expected_rev=rev).note))

    def action_forget_worklist(self) -> None:
        from pcntui.tui.screens.forget import ForgetModal, announce

        if self.pcn_app.store is not None:
            self.app.push_screen(ForgetModal(self.pcn_app.store), lambda report: announce(self.app, report))

    # ---------------------------------------------------------------- export
    def action_export(self) -> None:
        """`x`: the patients under the current filters (NHS numbers masked), read page by page in a worker."""
        store = self.pcn_app.store
        if store is None or not self.view.count:
            self.notify("No worklist patients to export.", severity="warning")
            return
        self.notify(f"Reading {self.view.count:,} patients to export…")
        self._read_export(store, self.filters)

    @work(thread=True, exclusive=True, group="wl-export", exit_on_error=False)
    def _read_export(self, store: Store, filters: WorklistFilter) -> None:
        from pcntui.tui.screens.smr.common import exported
        from pcntui.views.smr.worklist import worklist_view

        columns, rows = exported(worklist_view(store, filters), "")
        self.post_message(self.ExportReady(columns, rows))

    @on(ExportReady)
    def _export_ready(self, message: ExportReady) -> None:
        from pcntui.tui.screens.export import ExportModal

        self.app.push_screen(ExportModal(self.EXPORT_NAME, message.columns, message.rows, today=self.pcn_app.today),
                             self._exported)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.yields_key(action):
            return None  # (shown dimmed: the footer keeps its keys in place)
        if action == "export":
            return True if self.view.count else None
        if action in ("edit_entry", "delete_entry"):  # on the row under the cursor (a no-op while it is read)
            return True if self.view.count else None
        if action in ("new_entry", "filters", "search"):
            return True if self.options is not None else None
        if action in ("toggle_nhs", "forget_worklist"):
            return True
        return super().check_action(action, parameters)

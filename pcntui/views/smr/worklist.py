"""`smr-worklist`: the worklist, NHS numbers masked, streamed from one query a batch at a time
(never whole in memory; the values as the query gives them, `store.worklist.ROW_FIELDS`, the
NHS number masked by it); the worklist screen reads its pages, counts and status counts here,
and its `x` writes this same view."""

from __future__ import annotations

from pcntui.domain.worklist import WorklistEntry, WorklistFilter
from pcntui.store import worklist as rows
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, View, ViewQuery

COLUMNS = (
    Column("practice_code", "Practice"), Column("reference", "Reference"),
    Column("nhs_number_masked", "NHS number"), Column("cohorts", "Cohorts"), Column("status", "Status"),
    Column("identified_on", "Identified", Kind.DATE), Column("invited_on", "Invited", Kind.DATE),
    Column("booked_on", "Booked", Kind.DATE), Column("reviewed_on", "Reviewed", Kind.DATE),
    Column("reviewer", "Reviewer"), Column("meds_stopped", "Stopped", Kind.COUNT),
    Column("meds_changed", "Changed", Kind.COUNT), Column("meds_started", "Started", Kind.COUNT),
    Column("follow_up_due", "Follow-up", Kind.DATE), Column("note", "Note"),
)
EXPORT_PAGE = 2000
Page = rows.WorklistPage


def worklist_view(reader: Reader, filters: WorklistFilter) -> View:
    """The patients under `filters`, streamed: one query read a batch at a time, never whole in
    memory (`x` on the worklist screen, `export smr-worklist`)."""
    return View("smr-worklist", "smr-worklist", COLUMNS,
                batches=lambda: rows.worklist_rows(reader, filters, EXPORT_PAGE))


def smr_worklist(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export smr-worklist`: the whole worklist."""
    return worklist_view(reader, WorklistFilter())


def page(reader: Reader, filters: WorklistFilter, after: tuple | None = None, limit: int = 100) -> Page:
    """One page (keyset paging: page 2,000 costs what page 1 costs)."""
    return rows.worklist_page(reader, filters, after, limit)


def page_at(reader: Reader, filters: WorklistFilter, offset: int, limit: int) -> list[WorklistEntry]:
    """The rows from `offset` (the screen's jump to a far block)."""
    return rows.worklist_page_at(reader, filters, offset, limit)


def count(reader: Reader, filters: WorklistFilter) -> int:
    return rows.worklist_count(reader, filters)


def status_counts(reader: Reader, filters: WorklistFilter) -> dict[str, int]:
    """Patients per status under `filters` (statuses themselves not filtered)."""
    return rows.status_counts(reader, filters)

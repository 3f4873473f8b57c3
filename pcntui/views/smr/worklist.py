"""`smr-worklist`: the worklist, NHS numbers masked, streamed a page at a time (never whole in
memory); the worklist screen reads its pages, counts and status counts here, and its `x`
writes rows built by the same `export_values`."""

from __future__ import annotations

from collections.abc import Iterator

from pcntui.domain.worklist import WorklistEntry, WorklistFilter
from pcntui.store import worklist as rows
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

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


def export_values(e: WorklistEntry) -> tuple[object, ...]:
    """One patient as a row of the export (NHS number masked)."""
    return (e.practice_code, e.reference, e.nhs_display(masked=True) or None, ";".join(e.cohorts), e.status,
            e.identified_on, e.invited_on, e.booked_on, e.reviewed_on, e.reviewer, e.meds_stopped,
            e.meds_changed, e.meds_started, e.follow_up_due, e.note)


def entries(reader: Reader, filters: WorklistFilter) -> Iterator[WorklistEntry]:
    """Every patient under `filters`, read page by page."""
    key = None
    while True:
        found = page(reader, filters, key, EXPORT_PAGE)
        yield from found.entries
        if not found.has_more:
            return
        key = found.next_key


def worklist_view(reader: Reader, filters: WorklistFilter) -> View:
    """The patients under `filters` as a streamed view (`x` on the worklist screen)."""
    return View("smr-worklist", "smr-worklist", COLUMNS,
                lambda: (Row(str(e.id), export_values(e)) for e in entries(reader, filters)))


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

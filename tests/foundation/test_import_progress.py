"""Progress of a long import (issue 11 item 2): the importers call the front end's `progress` every
1,000 rows as they read and save; a progress callback that raises (the TUI's Stop) leaves nothing
changed; the TUI's preview is the same dry run as `pcntui import --dry-run`."""

from __future__ import annotations

import pytest

from pcntui.domain.progress import READING, SAVING, STEP, counted
from pcntui.services.imports import preview_import, run_import
from pcntui.store import open_store

ROWS = 2_500


@pytest.fixture
def worklist(tmp_path):
    path = tmp_path / "worklist.csv"
    lines = ["practice_code,reference,cohort"]
    lines += [f"Y9000{1 + i % 6},R{i:05d},Care home residents" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(db) -> tuple[int, int]:
    with open_store(db) as store:
        return int(store.scalar("SELECT count(*) FROM smr_worklist")), int(store.scalar("SELECT count(*) FROM action"))


def test_the_worklist_import_reports_its_rows_as_it_reads_and_saves_them(demo_db, worklist):
    heard = []
    before = counts(demo_db)
    with open_store(demo_db) as store:
        preview = preview_import(store, "smr-worklist", worklist, progress=lambda *a: heard.append(a))
    assert preview.ok and preview.report.inserted == ROWS and preview.changes == ROWS
    assert counts(demo_db) == before  # a dry run
    reading = [(d, t) for s, d, t in heard if s == READING]
    saving = [(d, t) for s, d, t in heard if s == SAVING]
    assert reading == [(0, ROWS), (1000, ROWS), (2000, ROWS), (ROWS, ROWS)]
    assert saving == [(0, ROWS), (1000, ROWS), (2000, ROWS), (ROWS, ROWS)]
    assert heard.index((SAVING, 0, ROWS)) > heard.index((READING, ROWS, ROWS))


def test_a_progress_callback_that_raises_stops_the_import_and_nothing_is_saved(demo_db, worklist):
    class Stop(Exception):
        pass

    def stop_while_saving(stage, done, total):
        if stage == SAVING and done >= STEP:
            raise Stop

    before = counts(demo_db)
    with open_store(demo_db) as store, pytest.raises(Stop):
        run_import(store, "smr-worklist", worklist, progress=stop_while_saving)
    assert counts(demo_db) == before
    with open_store(demo_db) as store:
        report = run_import(store, "smr-worklist", worklist, progress=lambda *a: None)
    assert report.inserted == ROWS and counts(demo_db) == (before[0] + ROWS, before[1] + 1)  # one action


def test_a_refused_file_previews_as_its_sentence_and_every_problem(demo_db, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("practice_code,cohort,as_of,eligible,completed\nY90001,Severe frailty,2026-11-20,x,1\n"
                    "Y90099,Severe frailty,2026-11-21,5,1\n", encoding="utf-8")
    with open_store(demo_db) as store:
        preview = preview_import(store, "smr-counts", path)
        missing = preview_import(store, "smr-counts", tmp_path / "nowhere.csv")
    assert not preview.ok and preview.changes == 0
    assert preview.refused == "counts.csv was not imported: 2 problems; nothing was changed."
    assert preview.problems[0].startswith("row 2, column eligible: 'x' is not a whole number")
    assert preview.problems[1].startswith("row 3, column practice_code: Y90099 is not one of this PCN")
    assert missing.refused == f"There is no file {tmp_path / 'nowhere.csv'}." and missing.problems == ()


def test_counted_passes_every_item_through_and_reports_every_step():
    heard = []
    assert list(counted(range(2_345), lambda *a: heard.append(a), "Saving")) == list(range(2_345))
    assert heard == [("Saving", 0, 2_345), ("Saving", 1000, 2_345), ("Saving", 2000, 2_345), ("Saving", 2_345, 2_345)]
    assert list(counted(iter("ab"), None, "Saving")) == ["a", "b"]
    heard.clear()
    list(counted(iter(range(1000)), lambda *a: heard.append(a), "Reading"))
    assert heard == [("Reading", 0, None), ("Reading", 1000, None)]


def test_the_tui_stop_raises_at_the_next_report():
    from pcntui.tui.screens.imports import Running, Stopped

    running = Running()
    running(SAVING, 1000, 5000)
    assert (running.stage, running.done, running.total) == (SAVING, 1000, 5000)
    running.stop = True
    with pytest.raises(Stopped):
        running(SAVING, 2000, 5000)

"""Every SMR table: `x` (tui/screens/smr/common.exported, what each SMR screen's export_data
returns) writes the bytes of `pcntui export KIND`, and with a filter the rows of
`export KIND --filter`."""

from __future__ import annotations

import pytest

from pcntui.cli.main import main
from pcntui.domain.period import Period
from pcntui.export.csvfile import write_csv
from pcntui.store import open_store
from pcntui.views.base import ViewQuery
from pcntui.views.load import view
from tests.smr.conftest import TODAY

AS_OF = TODAY.isoformat()
CASES = [("smr", None, "Y90002"), ("smr-cohort", "CARE_HOME", "Y90003"), ("smr-capacity", None, "pharmacist"),
         ("smr-counts", None, "ADDICTIVE"), ("smr-worklist", None, "completed")]


def export_bytes(db, kind: str, item: str | None, words: str, capsysbinary) -> bytes:
    argv = ["export", kind, "--fy", "2026/27", "--as-of", AS_OF, "--db", str(db)]
    argv += ["--id", item] if item else []
    argv += ["--filter", words] if words else []
    assert main(argv) == 0
    return capsysbinary.readouterr().out


def x_bytes(db, kind: str, item: str | None, words: str, tmp_path) -> bytes:
    from pcntui.tui.screens.smr.common import exported

    with open_store(db) as store:
        shown = view(kind, store, ViewQuery(Period.make(TODAY, None), item=item))
        columns, rows = exported(shown, words)
    out = write_csv(tmp_path / f"{kind}.csv", columns, rows)
    return out.read_bytes()[3:]  # the file has a BOM; stdout has none


@pytest.mark.parametrize("kind,item,words", CASES)
def test_x_writes_the_bytes_of_export(kind, item, words, demo_db, tmp_path, capsysbinary):
    whole = export_bytes(demo_db, kind, item, "", capsysbinary)
    assert whole.count(b"\n") > 2
    assert x_bytes(demo_db, kind, item, "", tmp_path) == whole
    narrowed = export_bytes(demo_db, kind, item, words, capsysbinary)
    assert 1 < narrowed.count(b"\n") < whole.count(b"\n")  # the filter keeps some rows, not all
    assert x_bytes(demo_db, kind, item, words, tmp_path) == narrowed


def test_smr_cohort_needs_an_id(demo_db, capsys):
    assert main(["export", "smr-cohort", "--db", str(demo_db)]) == 2
    assert "--id" in capsys.readouterr().err


def test_the_worklist_export_streams_one_query_a_batch_at_a_time(demo_db, tmp_path, monkeypatch, capsysbinary):
    """Issue 12: one query read with fetchmany (batches of EXPORT_PAGE rows), not a query per page
    and a query per page's cohorts; the bytes are those of the rows read page by page."""
    import pcntui.views.smr.worklist as worklist_views
    from pcntui.export.views import export_kind

    whole = export_bytes(demo_db, "smr-worklist", None, "", capsysbinary)
    monkeypatch.setattr(worklist_views, "EXPORT_PAGE", 5)
    statements = []
    with open_store(demo_db) as store:
        store.conn.set_trace_callback(statements.append)
        batches = list(view("smr-worklist", store, ViewQuery(Period.make(TODAY, None))).value_batches())
        export_kind("smr-worklist", store, ViewQuery(Period.make(TODAY, None)), tmp_path / "w.csv")
        store.conn.set_trace_callback(None)
    assert len(batches) > 5 and {len(b) for b in batches[:-1]} == {5}
    reads = [s for s in statements if "smr_worklist" in s and s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads  # one for the batches above, one for the file
    assert (tmp_path / "w.csv").read_bytes()[3:] == whole


def test_the_worklist_batches_are_written_as_the_query_gives_them(demo_db, monkeypatch):
    """Issue 12: the query masks the NHS number (nhs_number.masked_sql), so the view hands the
    file writer each batch exactly as fetched — no pass in Python over 100,000 rows to mask them."""
    from pcntui.store import worklist as stored

    fetched = []
    real = stored.worklist_rows

    def spy(*args, **kwargs):
        for batch in real(*args, **kwargs):
            fetched.append(batch)
            yield batch

    monkeypatch.setattr(stored, "worklist_rows", spy)
    with open_store(demo_db) as store:
        given = list(view("smr-worklist", store, ViewQuery(Period.make(TODAY, None))).value_batches())
    assert given and all(a is b for a, b in zip(given, fetched, strict=True))
    masked = [row[2] for batch in given for row in batch if row[2]]
    assert masked and all(m.startswith("*** *** ") and len(m) == 12 for m in masked)

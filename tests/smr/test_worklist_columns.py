"""The worklist import reads its file column by column, a chunk of rows at a time (issue 12: 100,000
rows in under 4 s): the same rules as one row at a time, whatever the chunk a row falls in."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain.worklist import STATUSES, column_problems, value_problems
from pcntui.errors import ImportFileError
from pcntui.ingest import worklist_csv
from pcntui.store.worklist_import import import_worklist

DAYS = st.none() | st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
ROW = st.tuples(
    st.sampled_from(["R1", "", "  ", "x" * 41, "9434765919", "943 476 5919", "A-12"]),  # reference
    st.sampled_from([None, "9434765919", "9434765918", "0000000000", "12345"]),  # NHS number
    st.sampled_from([*STATUSES, "lost"]),
    st.sampled_from([(), ("CARE_HOME",), ("CARE_HOME", "POLYPHARMACY")]),
    st.tuples(*[st.none() | st.integers(-2, 3)] * 3),  # medicines stopped, changed, started
    DAYS, DAYS, DAYS)  # identified, reviewed, follow-up due


@given(st.lists(ROW, max_size=12), st.booleans())
def test_property_the_rules_over_columns_are_the_rules_of_each_row(rows, iso):
    """Each rule goes over a whole column (a status or count column by its distinct values): the
    problems it finds are those of each row on its own, in the same order, dates as `date` or as
    ISO text alike."""
    if iso:
        rows = [(*row[:5], *(d.isoformat() if d else None for d in row[5:])) for row in rows]
    columns = [list(column) for column in zip(*rows)] if rows else [[]] * 8
    meds = [list(m) for m in zip(*columns[4])] if rows else [[], [], []]
    found = column_problems(*columns[:4], meds, *columns[5:])
    assert found == {i: p for i, row in enumerate(rows) if (p := value_problems(*row))}


HEADER = "practice_code,reference,cohort,nhs_number,status,identified_on,reviewed_on,stopped,note\n"
ROWS = [
    "Y90001,A1,Care home residents,,completed,2026-05-01,2026-06-01,1,",
    "Y90001,A2,Gout,9434765918,lost,2026-05-01,,,",  # unknown cohort; bad status (so its NHS number unchecked)
    "Y90009,A3,Care home residents,,,2026-05-01,2026-04-01,x,",  # another PCN's practice; bad count (dates unchecked)
    "Y90001,a1,Care home residents,,,,,,",  # A1 again, another chunk
    "Y90002,A5,,,,32/13/2026,,,note",  # no cohort, bad date
    "Y90002,A6,Polypharmacy,9434765918,,2026-05-01,2026-04-01,,",  # bad NHS number, review before
    "Y90002,A7,Polypharmacy,,,,,,",
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 1000])
def test_a_files_problems_are_the_same_whatever_the_chunk_a_row_falls_in(pcn_store, write_csv, monkeypatch, chunk):
    monkeypatch.setattr(worklist_csv, "CHUNK", chunk)
    with pytest.raises(ImportFileError) as err:
        import_worklist(pcn_store, write_csv("wl.csv", HEADER + "\n".join(ROWS) + "\n"))
    # as row by row: a row's cells not read, else its values' problems, else a key given before;
    # then the practice and cohorts the database does not know
    assert [p.split(":")[0] for p in err.value.problems] == [
        "row 3, column status", "row 3, column cohort",
        "row 4, column meds_stopped", "row 4, column practice_code",
        "row 5",
        "row 6, column cohort", "row 6, column identified_on",
        "row 7, column nhs_number", "row 7, column reviewed_on"]
    assert "row 5: reference a1 at Y90001 is already on row 2." in err.value.problems
    assert pcn_store.scalar("SELECT count(*) FROM smr_worklist") == 0


def test_a_columns_texts_are_kept_parsed_only_up_to_a_bound(pcn_store, write_csv, monkeypatch):
    """A column of free text, each row's its own, is not held a second time: past `KEPT` texts a
    converter parses each text it has not kept as it comes, with the same values."""
    monkeypatch.setattr(worklist_csv._Column, "KEPT", 3)
    lines = [f"Y90001,R{i},Care home residents,,,{'' if i % 2 else f'note {i % 7}'}" for i in range(40)]
    report = import_worklist(pcn_store, write_csv("wl.csv", "practice_code,reference,cohort,status,reviewer,note\n"
                                                  + "\n".join(lines) + "\n"))
    assert report.inserted == 40
    notes = [r["note"] for r in pcn_store.query("SELECT note FROM smr_worklist ORDER BY id")]
    assert notes == [None if i % 2 else f"note {i % 7}" for i in range(40)]

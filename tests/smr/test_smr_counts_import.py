"""`import smr-counts`: all or nothing, every bad row named, warnings for suspicious counts."""

from datetime import date

import pytest

from pcntui.domain.period import Period
from pcntui.errors import ImportFileError, UserError, ValidationFailed
from pcntui.services.smr.counts import save_counts
from pcntui.store.smr_counts import history, import_counts
from pcntui.store.smr_progress import smr_overview

GOOD = """\
    Practice_Code,Cohort,As_Of,Eligible,Invited,Completed,Declined
    Y90001,Care home residents,2026-04-30,120,30,12,1
    y90001,CARE_HOME,31/05/2026,121,50,25,2
    Y90002,complex polypharmacy,2026-05-31,"1,204",,150,
    Y90003,Frailty,2026-05-31,80,10,8,0
"""


def _dump(store) -> list:
    """Everything a failed import must leave untouched."""
    return [store.query(f"SELECT * FROM {t} ORDER BY rowid") for t in
            ("smr_count", "smr_cohort", "action", "change")]


def test_good_file_imports_every_snapshot(pcn_store, write_csv):
    path = write_csv("counts.csv", GOOD, bom=True)
    report = import_counts(pcn_store, path)
    assert (report.inserted, report.updated) == (4, 0)
    h = history(pcn_store)
    assert [(s.as_of, s.eligible, s.invited, s.completed, s.declined) for s in h[("Y90001", "CARE_HOME")]] == [
        (date(2026, 4, 30), 120, 30, 12, 1), (date(2026, 5, 31), 121, 50, 25, 2)]
    assert h[("Y90002", "POLYPHARMACY")][0].eligible == 1204
    assert h[("Y90002", "POLYPHARMACY")][0].invited is None
    assert "SEVERE_FRAILTY" in {c for _, c in h}
    # one action = one undo step
    pcn_store.undo()
    assert history(pcn_store) == {}


def test_reimport_corrects_the_same_snapshot(pcn_store, write_csv):
    import_counts(pcn_store, write_csv("a.csv", GOOD))
    report = import_counts(pcn_store, write_csv("b.csv", """\
        practice_code,cohort,as_of,eligible,completed
        Y90001,CARE_HOME,2026-05-31,121,26
        Y90001,CARE_HOME,2026-06-30,122,31
    """))
    assert (report.inserted, report.updated) == (1, 1)
    assert [s.completed for s in history(pcn_store)[("Y90001", "CARE_HOME")]] == [12, 26, 31]


def test_malformed_file_is_rejected_whole_naming_every_bad_row(pcn_store, write_csv):
    import_counts(pcn_store, write_csv("first.csv", GOOD))
    before = _dump(pcn_store)
    bad = write_csv("bad.csv", """\
        practice_code,cohort,as_of,eligible,invited,completed,declined
        Y90001,Care home residents,2026-06-30,122,60,30,2
        Y9001,Care home residents,2026-06-30,10,,5,
        Y90002,Gout,2026-06-30,10,,5,
        Y90002,Severe frailty,31/06/2026,10,,5,
        Y90003,Severe frailty,2026-06-30,-4,,5,
        Y90003,Care home residents,2026-06-30,10,,2.5,
        Y90003,Care home residents,2026-06-30,10,,3,
        Y90003,Care home residents,2026-07-31,10,lots,3,
        Z99999,Severe frailty,2026-06-30,10,,3,
        Y90001,,2026-06-30,10,,3,
    """)
    with pytest.raises(ImportFileError) as err:
        import_counts(pcn_store, bad)
    problems = err.value.problems
    text = "\n".join(problems)
    for expected in ("row 3, column practice_code", "row 4, column cohort: 'Gout'", "row 5, column as_of",
                     "row 6, column eligible", "row 7, column completed", "row 9, column invited",
                     "row 10, column practice_code: Z99999", "row 11, column cohort"):
        assert expected in text, expected
    assert "row 2" not in text  # the good row is not blamed
    assert "nothing was changed" in str(err.value)
    assert _dump(pcn_store) == before


def test_duplicate_rows_in_a_file_are_rejected(pcn_store, write_csv):
    path = write_csv("dup.csv", """\
        practice_code,cohort,as_of,eligible,completed
        Y90001,CARE_HOME,2026-06-30,10,5
        Y90001,care home residents,2026-06-30,10,6
    """)
    with pytest.raises(ImportFileError, match="problem") as err:
        import_counts(pcn_store, path)
    assert "row 3" in err.value.problems[0]
    assert history(pcn_store) == {}


def test_missing_columns_and_empty_file(pcn_store, write_csv):
    with pytest.raises(ImportFileError, match="completed"):
        import_counts(pcn_store, write_csv("m.csv", "practice_code,cohort,as_of,eligible\nY90001,CARE_HOME,2026-06-30,3\n"))
    with pytest.raises(ImportFileError, match="no rows"):
        import_counts(pcn_store, write_csv("e.csv", "practice_code,cohort,as_of,eligible,completed\n"))


def test_going_backwards_is_warned_not_hidden(pcn_store, write_csv, today):
    import_counts(pcn_store, write_csv("a.csv", GOOD))
    report = import_counts(pcn_store, write_csv("b.csv", """\
        practice_code,cohort,as_of,eligible,invited,completed,declined
        Y90001,CARE_HOME,2026-06-30,121,45,20,2
        Y90003,SEVERE_FRAILTY,2026-06-30,8,12,8,0
    """))
    assert report.inserted == 2  # saved as given …
    notes = "\n".join(report.notes)  # … and flagged
    assert "2026-06-30" in notes and "completed went down from 25" in notes and "row 2" in notes
    assert "invited went down from 50" in notes
    # and they stay flagged in progress until corrected
    o = smr_overview(pcn_store, Period.make(today))
    care = o.cohort("CARE_HOME")
    assert any("went down" in w for w in care.warnings)


def test_completed_over_eligible_is_refused_as_the_counts_form_refuses_it(pcn_store, write_csv, today):
    """Issue 9: one rule in one place: the import says CountIn's sentence, for the row and column."""
    before = _dump(pcn_store)
    with pytest.raises(ImportFileError) as err:
        import_counts(pcn_store, write_csv("b.csv", """\
            practice_code,cohort,as_of,eligible,completed
            Y90001,CARE_HOME,2026-06-30,121,20
            Y90003,SEVERE_FRAILTY,2026-06-30,1200,1201
        """))
    assert err.value.problems == ["row 3, column completed: 1,201 is more than the 1,200 eligible; completed "
                                  "reviews are counted among eligible patients."]
    assert _dump(pcn_store) == before
    with pytest.raises(ValidationFailed) as form:
        save_counts(pcn_store, counts("Y90003", "SEVERE_FRAILTY", "2026-06-30", "1200", "1201"), today=today)
    assert err.value.problems[0].endswith(form.value.messages[0].text)


def test_dry_run_changes_nothing(pcn_store, write_csv):
    before = _dump(pcn_store)
    report = import_counts(pcn_store, write_csv("a.csv", GOOD), dry_run=True)
    assert report.inserted == 4
    assert _dump(pcn_store) == before


def counts(practice: str, cohort: str, as_of: str, eligible: str, completed: str, **more: str) -> dict:
    return {"practice_code": practice, "cohort": cohort, "as_of": as_of, "eligible": eligible,
            "completed": completed, **more}


def test_form_save_returns_warnings(pcn_store):
    today = date(2026, 11, 23)
    assert save_counts(pcn_store, counts("Y90001", "care home residents", "2026-05-31", "50", "20"),
                       today=today).warnings == ()
    warnings = save_counts(pcn_store, counts("y90001", "CARE_HOME", "2026-06-30", "50", "18"), today=today).warnings
    assert [(w.loc, w.level) for w in warnings] == [(("completed",), "warning")]
    assert warnings[0].text == "went down from 20 on 2026-05-31 to 18 on 2026-06-30."
    with pytest.raises(ValidationFailed, match="not one of this PCN"):
        save_counts(pcn_store, counts("Y99999", "CARE_HOME", "2026-06-30", "5", "1"), today=today)
    with pytest.raises(ValidationFailed):
        save_counts(pcn_store, counts("Y90001", "CARE_HOME", "2026-06-30", "-1", "1"), today=today)


# ---------------------------------------------------------------- property: every bad row is named
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

BAD_CELLS = {
    "practice_code": ["Y9001", "", "123456"],
    "as_of": ["31/02/2026", "yesterday", ""],
    "eligible": ["-1", "2.5", "", "ten"],
    "completed": ["x", "1e3", ""],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.tuples(st.sampled_from(sorted(BAD_CELLS)), st.integers(0, 3))),
                min_size=1, max_size=12))
def test_property_parse_names_exactly_the_bad_rows(tmp_path, rows):
    from pcntui.ingest.smr_counts import parse_counts

    lines = ["practice_code,cohort,as_of,eligible,completed"]
    bad_rows = set()
    for i, spoil in enumerate(rows):
        cells = {"practice_code": "Y90001", "cohort": "CARE_HOME", "as_of": f"2026-05-{i + 1:02d}",
                 "eligible": "10", "completed": "5"}
        if spoil is not None:
            column, which = spoil
            options = BAD_CELLS[column]
            cells[column] = options[which % len(options)]
            bad_rows.add(i + 2)  # header is row 1
        lines.append(",".join(cells[c] for c in ("practice_code", "cohort", "as_of", "eligible", "completed")))
    path = tmp_path / "p.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = parse_counts(path)
    named = {int(p.split(",")[0].removeprefix("row ")) for p in parsed.problems}
    assert named == bad_rows
    assert {r.row for r in parsed.rows} == set(range(2, len(rows) + 2)) - bad_rows

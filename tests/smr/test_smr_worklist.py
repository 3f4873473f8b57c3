"""The worklist: keyset paging, filtered counts, saves with validation, bulk import, and the
counts it feeds into progress."""

from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.cohort import Target
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.domain.worklist import WorklistFilter
from pcntui.errors import ConflictError, ImportFileError, UserError, ValidationFailed
from pcntui.services.smr.cohorts import save_cohort, set_target
from pcntui.services.smr.worklist import delete_worklist_entry, save_worklist_entry
from pcntui.store import derived, smr
from pcntui.store.worklist import (
    get_entry, snapshot_dates, status_counts, worklist_count, worklist_page, worklist_page_at,
    worklist_snapshots,
)
from pcntui.store.worklist_import import import_worklist
from pcntui.store.smr_progress import smr_overview
from tests.smr.conftest import TODAY, add_patient

FY = FinancialYear(2026)
VALID_NHS = ["9434765919", "4010232137", "0000000140"]


@pytest.fixture
def filled(pcn_store):
    """57 entries over three practices, with statuses and cohorts in a fixed pattern."""
    statuses = ["identified", "invited", "booked", "completed", "declined", "not_suitable"]
    with pcn_store.action("fill") as tx:
        smr.ensure_reference(tx.db)
        for i in range(57):
            practice = ("Y90001", "Y90002", "Y90003")[i % 3]
            status = statuses[i % 6]
            entry_id = tx.db["smr_worklist"].insert({
                "practice_code": practice, "reference": f"R{i:03d}", "status": status,
                "nhs_number": VALID_NHS[i % 3] if i % 2 else None,
                "identified_on": "2026-04-15", "invited_on": "2026-05-10" if status != "identified" else None,
                "reviewed_on": f"2026-{6 + i % 4:02d}-15" if status == "completed" else None,
                "reviewer": "Priya Shah" if i % 4 == 0 else "Tom Okafor",
                "follow_up_due": f"2026-{8 + i % 5:02d}-01" if i % 3 == 0 else None,
            }).last_pk
            tx.db["smr_worklist_cohort"].insert({"worklist_id": entry_id, "cohort_code": "CARE_HOME"})
            if i % 5 == 0:
                tx.db["smr_worklist_cohort"].insert({"worklist_id": entry_id, "cohort_code": "SEVERE_FRAILTY"})
        derived.fill(tx.db.conn)  # each row's cohorts, as the worklist's writers keep them
    return pcn_store


def _all_pages(store, f, limit):
    seen, key, pages = [], None, 0
    while True:
        page = worklist_page(store, f, key, limit)
        seen.extend(page.entries)
        pages += 1
        if not page.has_more:
            return seen, pages
        key = page.next_key


@pytest.mark.parametrize("sort", ["reference", "follow_up"])
def test_keyset_pages_cover_every_row_once_in_order(filled, sort):
    f = WorklistFilter(sort=sort)
    rows, pages = _all_pages(filled, f, 10)
    assert len(rows) == 57 == worklist_count(filled, f) and pages == 6
    assert len({r.id for r in rows}) == 57
    if sort == "reference":
        assert [(r.practice_code, r.reference) for r in rows] == sorted((r.practice_code, r.reference) for r in rows)
    else:
        keys = [(r.follow_up_due.isoformat() if r.follow_up_due else "9999-12-31", r.id) for r in rows]
        assert keys == sorted(keys)
    assert [r.id for r in worklist_page_at(filled, f, 20, 10)] == [r.id for r in rows[20:30]]


def _pattern():
    """The fixture's rows as plain tuples, to filter in Python: (i, practice, status, reviewer, follow-up, cohorts)."""
    statuses = ["identified", "invited", "booked", "completed", "declined", "not_suitable"]
    for i in range(57):
        yield (i, ("Y90001", "Y90002", "Y90003")[i % 3], statuses[i % 6], "Priya Shah" if i % 4 == 0 else "Tom Okafor",
               f"2026-{8 + i % 5:02d}-01" if i % 3 == 0 else None,
               {"CARE_HOME", "SEVERE_FRAILTY"} if i % 5 == 0 else {"CARE_HOME"}, VALID_NHS[i % 3] if i % 2 else None)


def test_filters_and_counts_agree(filled):
    rows = list(_pattern())
    cases = [
        (WorklistFilter(practice_code="y90002"), [r for r in rows if r[1] == "Y90002"]),
        (WorklistFilter(statuses=("completed",)), [r for r in rows if r[2] == "completed"]),
        (WorklistFilter(statuses=("completed", "declined")), [r for r in rows if r[2] in ("completed", "declined")]),
        (WorklistFilter(cohort_code="SEVERE_FRAILTY"), [r for r in rows if "SEVERE_FRAILTY" in r[5]]),
        (WorklistFilter(search="r01"), [r for r in rows if 10 <= r[0] <= 19]),  # case-insensitive prefix
        (WorklistFilter(search="5919"), [r for r in rows if r[6] == "9434765919"]),  # last four
        (WorklistFilter(search="40102"), [r for r in rows if r[6] == "4010232137"]),  # leading digits
        (WorklistFilter(reviewer="priya shah"), [r for r in rows if r[3] == "Priya Shah"]),
        (WorklistFilter(follow_up_before=date(2026, 10, 1)), [r for r in rows if r[4] and r[4] < "2026-10-01"]),
        (WorklistFilter(practice_code="Y90001", statuses=("identified",), cohort_code="CARE_HOME"),
         [r for r in rows if r[1] == "Y90001" and r[2] == "identified"]),
    ]
    for f, expected in cases:
        assert expected, f  # every case selects something
        got, _ = _all_pages(filled, f, 7)
        assert sorted(int(e.reference[1:]) for e in got) == [r[0] for r in expected], f
        assert worklist_count(filled, f) == len(expected), f
    assert sum(status_counts(filled).values()) == 57
    assert status_counts(filled, WorklistFilter(statuses=("completed",)))["identified"] == 10  # i % 6 == 0: 0..54


def test_like_wildcards_in_search_are_literal(filled):
    assert worklist_count(filled, WorklistFilter(search="R%")) == 0
    assert worklist_count(filled, WorklistFilter(search="_")) == 0


def test_unknown_status_or_sort_refused():
    with pytest.raises(UserError):
        WorklistFilter(statuses=("lost",))
    with pytest.raises(UserError):
        WorklistFilter(sort="age")


def test_save_edit_delete_with_validation_and_locking(pcn_store):
    e = get_entry(pcn_store, add_patient(pcn_store, "Y90001", "AB-1", ["care home residents", "frailty"],
                                         nhs_number="943 476 5919"))
    assert e.cohorts == ("CARE_HOME", "SEVERE_FRAILTY") and e.nhs_number == "9434765919"
    save_worklist_entry(pcn_store, {"status": "completed", "reviewed_on": "2026-06-01", "meds_stopped": "2",
                                    "cohorts": "CARE_HOME"}, today=TODAY, entry=e.id, expected_rev=e.rev)
    e2 = get_entry(pcn_store, e.id)
    assert e2.cohorts == ("CARE_HOME",) and e2.rev == 1 and e2.outcome == "2 stopped"
    with pytest.raises(ConflictError) as stale:
        save_worklist_entry(pcn_store, {"note": "stale copy"}, today=TODAY, entry=e.id, expected_rev=e.rev)
    assert stale.value.current["status"] == "completed"  # what the other copy saved
    with pytest.raises(ValidationFailed) as bad:
        add_patient(pcn_store, "Y90001", "AB-2", ["CARE_HOME"], nhs_number="1234567890")
    assert [m.loc for m in bad.value.messages] == [("nhs_number",)]
    with pytest.raises(ValidationFailed, match="already on the worklist"):
        add_patient(pcn_store, "Y90001", "ab-1", ["CARE_HOME"])
    with pytest.raises(ValidationFailed, match="'gout' is not an SMR cohort"):
        add_patient(pcn_store, "Y90001", "AB-3", ["gout"])
    delete_worklist_entry(pcn_store, e2.id, expected_rev=e2.rev)
    assert get_entry(pcn_store, e2.id) is None
    pcn_store.undo()  # the delete comes back, cohorts and all
    assert get_entry(pcn_store, e2.id).cohorts == ("CARE_HOME",)


def test_bulk_import_all_or_nothing(pcn_store, write_csv):
    good = write_csv("wl.csv", """\
        practice_code,reference,cohort,nhs_number,status,identified_on,reviewed_on,stopped,follow_up_due
        Y90001,A-1,Care home residents;Severe frailty,943 476 5919,completed,01/05/2026,2026-06-01,2,2026-09-01
        Y90002,B-1,polypharmacy,,Not suitable,2026-05-01,,,
        Y90002,B-2,polypharmacy,,,,,,
    """)
    report = import_worklist(pcn_store, good)
    assert report.inserted == 3
    rows, _ = _all_pages(pcn_store, WorklistFilter(), 10)
    a1 = rows[0]
    assert (a1.reference, a1.cohorts, a1.status, a1.meds_stopped, a1.identified_on) == (
        "A-1", ("CARE_HOME", "SEVERE_FRAILTY"), "completed", 2, date(2026, 5, 1))
    assert [r.status for r in rows[1:]] == ["not_suitable", "identified"]

    # a status-only update leaves the other columns alone
    report = import_worklist(pcn_store, write_csv("upd.csv", "practice_code,reference,cohort,status\n"
                                                  "Y90002,b-1,polypharmacy,invited\n"))
    assert report.updated == 1
    b1 = [r for r in _all_pages(pcn_store, WorklistFilter(), 10)[0] if r.reference == "B-1"][0]
    assert b1.status == "invited" and b1.identified_on == date(2026, 5, 1)

    before = pcn_store.query("SELECT * FROM smr_worklist ORDER BY id")
    bad = write_csv("bad.csv", """\
        practice_code,reference,cohort,nhs_number,status,reviewed_on
        Y90001,A-9,Care home residents,9434765918,completed,2026-06-01
        Y90001,9434765919,Care home residents,,,
        Y90001,A-10,Gout,,,
        Y90001,A-11,Care home residents,,lost,
        Y90001,A-12,Care home residents,,,32/13/2026
        Y90001,A-13,Care home residents,,,
        Y90001,a-13,Care home residents,,,
    """)
    with pytest.raises(ImportFileError) as err:
        import_worklist(pcn_store, bad)
    text = "\n".join(err.value.problems)
    for expected in ("row 2, column nhs_number", "row 3, column reference", "row 4, column cohort: 'Gout'",
                     "row 5, column status", "row 6, column reviewed_on", "row 8: reference a-13"):
        assert expected in text, expected
    assert not any(p.startswith("row 7") for p in err.value.problems)  # the good row is not blamed
    assert pcn_store.query("SELECT * FROM smr_worklist ORDER BY id") == before


def test_worklist_feeds_progress_where_there_are_no_counts(pcn_store, write_csv):
    save_cohort(pcn_store, {"name": "Housebound on DOACs", "code": "HB_DOAC"}, today=TODAY)
    set_target(pcn_store, {"cohort": "HB_DOAC", "fy": FY.label, "percent": "50"}, today=TODAY)
    import_worklist(pcn_store, write_csv("wl.csv", """\
        practice_code,reference,cohort,status,identified_on,invited_on,reviewed_on
        Y90001,1,HB_DOAC,completed,2026-04-10,2026-04-20,2026-05-15
        Y90001,2,HB_DOAC,completed,2026-04-10,2026-05-20,2026-06-15
        Y90001,3,HB_DOAC,invited,2026-04-10,2026-06-20,
        Y90001,4,HB_DOAC,declined,2026-05-10,2026-06-01,
        Y90001,5,HB_DOAC,not suitable,2026-04-10,,
        Y90001,6,HB_DOAC,completed,2025-04-10,2025-05-01,2025-06-01
    """))
    snaps = worklist_snapshots(pcn_store, FY, date(2026, 7, 10))[("Y90001", "HB_DOAC")]
    assert [s.as_of for s in snaps] == [date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 10)]
    # eligible excludes 'not suitable'; the review done last year does not count this year
    assert [(s.eligible, s.invited, s.completed, s.declined) for s in snaps] == [
        (4, 2, 0, 0), (5, 3, 1, 0), (5, 5, 2, 1), (5, 5, 2, 1)]
    # in 2025/26 only entry 6 existed (identified 10 Apr 2025): month ends before it are not data
    last_year = worklist_snapshots(pcn_store, FinancialYear(2025), date(2025, 7, 1))[("Y90001", "HB_DOAC")]
    assert [(s.as_of, s.eligible, s.completed) for s in last_year] == [
        (date(2025, 4, 30), 1, 0), (date(2025, 5, 31), 1, 0), (date(2025, 6, 30), 1, 1), (date(2025, 7, 1), 1, 1)]
    assert worklist_snapshots(pcn_store, FinancialYear(2024), date(2025, 3, 31)) == {}
    o = smr_overview(pcn_store, Period.make(date(2026, 7, 10), FY))
    hb = o.cohort("HB_DOAC")
    assert hb.sources["Y90001"] == "worklist" and hb.sources["Y90002"] == "none"
    assert (hb.pcn.completed, hb.pcn.eligible, hb.pcn.target_count) == (2, 5, 3)


def test_counts_win_over_the_worklist(pcn_store, write_csv):
    from pcntui.services.smr.counts import save_counts

    add_patient(pcn_store, "Y90001", "X1", ["CARE_HOME"], status="completed", reviewed_on="2026-05-01")
    save_counts(pcn_store, {"practice_code": "Y90001", "cohort": "CARE_HOME", "as_of": "2026-05-31",
                            "eligible": "40", "completed": "12"}, today=TODAY)
    o = smr_overview(pcn_store, Period.make(date(2026, 6, 5), FY))
    care = o.cohort("CARE_HOME")
    assert care.sources["Y90001"] == "counts" and care.pcn.completed == 12


def test_snapshot_dates():
    assert snapshot_dates(FY, date(2026, 6, 30)) == [date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30)]
    assert len(snapshot_dates(FY, date(2027, 6, 1))) == 12
    assert snapshot_dates(FY, date(2026, 3, 1)) == []


def test_target_value_is_exact():
    from pcntui.domain.cohort import Target

    assert Target("percent", 72.5).value == Decimal("72.5")


def test_a_reference_search_is_counted_on_the_index_range_it_matches(filled):
    """Issue 12: the count of a search by reference (the worklist's `/`, at each keystroke) reads each
    practice's run of matching references from the (practice_code, reference) index, not every row (a
    full scan was most of a keystroke at 100,000 rows), and the counts per status each status's and
    practice's run; and they count what a full scan counts."""
    from pcntui.store.worklist import _where

    with filled.action("odd references") as tx:
        for i, reference in enumerate(("ü01", "Ü02", "r0 x", "R_0", "R%1", "\\b", "R-05")):
            tx.db["smr_worklist"].insert({"practice_code": ("Y90001", "Y90003")[i % 2], "reference": reference,
                                          "status": "completed" if i % 2 else "identified"})
    statements: list[str] = []
    filled.conn.set_trace_callback(statements.append)
    for search in ("r01", "R0", "r", "R05", "R%", "_", "\\", "r0 ", "Ü", "R-0"):
        for others in ({}, {"statuses": ("completed",)}, {"cohort_code": "SEVERE_FRAILTY"}):
            f = WorklistFilter(search=search, **others)
            statements.clear()
            got = worklist_count(filled, f)
            (sql,) = statements
            where, params = _where(f)
            assert got == filled.scalar("SELECT count(*) FROM smr_worklist w WHERE " + " AND ".join(where), params), f
            plan = " ".join(r[3] for r in filled.conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert "reference>? AND reference<?" in plan, (f, plan)
            statements.clear()
            by_status = status_counts(filled, f)  # (the header's counts, once typing pauses): the same way
            (sql,) = statements
            where, params = _where(WorklistFilter(search=search, cohort_code=f.cohort_code))
            assert by_status == {r["status"]: r["n"] for r in filled.query(
                "SELECT w.status, count(*) AS n FROM smr_worklist w WHERE " + " AND ".join(where) + " GROUP BY w.status",
                params)}
            plan = " ".join(r[3] for r in filled.conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert "COVERING INDEX smr_worklist_status (status=? AND practice_code=? AND reference>?" in plan, plan
    filled.conn.set_trace_callback(None)
    assert worklist_count(filled, WorklistFilter(search="r01")) == 10

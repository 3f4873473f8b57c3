"""The ARRS years of an open file (views/arrs/year.py YearViews): the inputs are read once per data
version and each year computed once from them (issue 12 item 6: `[` and `]` show a year from data
already read), and the cached figures are always those of a fresh read."""

from __future__ import annotations

from datetime import date

from pcntui.domain.period import Period
from pcntui.store import arrs as arrs_rows
from pcntui.store import open_store
from pcntui.views.arrs.year import YearViews, arrs_year

TODAY = date(2026, 11, 23)
PERIOD = Period.make(TODAY)
YEARS = [PERIOD.with_fy(fy) for fy in (PERIOD.fy.previous(), PERIOD.fy, PERIOD.fy.next())]


def statements(store, fn) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        store.conn.set_trace_callback(None)
    return seen


def same_figures(cached, fresh) -> None:
    assert cached.year == fresh.year and cached.mix == fresh.mix and cached.alerts == fresh.alerts
    assert cached.recalc == fresh.recalc


def test_another_year_is_computed_from_the_inputs_already_read(demo_db):
    with open_store(demo_db) as store:
        first = statements(store, lambda: arrs_year(store, PERIOD, recalculated=True))
        assert any("FROM staff" in s for s in first)
        for period in YEARS:  # each year: only the data version is looked up, nothing is read again
            again = statements(store, lambda: arrs_year(store, period, recalculated=True))
            assert not any("staff" in s or "change" in s for s in again), again
            assert len(again) <= 4
        assert arrs_year(store, PERIOD) is arrs_year(store, PERIOD)  # kept, not recomputed


def test_the_years_held_are_always_those_of_a_fresh_read(demo_db, tmp_path):
    """A save, an undo and another copy's write each give new figures, the same as computed afresh."""
    from pcntui.services.safety import undo, undo_target

    with open_store(demo_db) as store:
        for period in YEARS:
            same_figures(arrs_year(store, period, recalculated=True),
                         arrs_rows.arrs_view(store, period, recalculated=True))
        before = arrs_year(store, PERIOD, recalculated=True)
        with store.action("A backdated pay cut") as tx:  # months of this year that have ended move
            tx.execute("UPDATE staff_terms SET fte_salary_pence = fte_salary_pence - 2000000 "
                       "WHERE staff_id = 1 AND effective_from = '2026-04-01'")
        after = arrs_year(store, PERIOD, recalculated=True)
        assert after.year != before.year and after.recalc is not None
        for period in YEARS:
            same_figures(arrs_year(store, period, recalculated=True),
                         arrs_rows.arrs_view(store, period, recalculated=True))
        undo(store, expected_id=undo_target(store).id, confirmed=True)
        assert arrs_year(store, PERIOD).year == before.year
        with open_store(demo_db) as other:  # another copy of pcntui saves
            with other.action("Another copy's change") as tx:
                tx.execute("UPDATE staff SET name = 'Priya Shah-Jones' WHERE id = 1")
        names = {m.name for m in arrs_year(store, PERIOD).inputs.staff}
        assert "Priya Shah-Jones" in names
        same_figures(arrs_year(store, PERIOD, recalculated=True),
                     arrs_rows.arrs_view(store, PERIOD, recalculated=True))


def test_inside_an_action_the_year_is_read_afresh(demo_db):
    """A service reading the year after its own writes, before they are committed, sees them."""
    with open_store(demo_db) as store:
        before = arrs_year(store, PERIOD)
        with store.action("A pay cut, then the year read inside the action") as tx:
            tx.execute("UPDATE staff_terms SET fte_salary_pence = fte_salary_pence - 2000000 "
                       "WHERE staff_id = 1 AND effective_from = '2026-04-01'")
            inside = arrs_year(store, PERIOD)
        assert inside.year != before.year


def test_only_the_latest_years_are_kept(demo_db):
    with open_store(demo_db) as store:
        fy = PERIOD.fy
        for _ in range(YearViews.KEEP + 3):
            arrs_year(store, PERIOD.with_fy(fy))
            fy = fy.previous()
        assert len(YearViews.of(store)._years) == YearViews.KEEP


def test_a_restore_then_a_save_that_reuses_the_action_id_is_not_taken_for_the_cached_version(demo_db, tmp_path):
    """After a restore the next action takes an id the cache may already hold (action ids restart
    from the backup's): the held years are still those of a fresh read."""
    import time

    from pcntui.services.safety import backup, restore

    with open_store(demo_db) as store:
        copy = backup(store, tmp_path / "before.db")
        with store.action("A backdated pay cut") as tx:
            tx.execute("UPDATE staff_terms SET fte_salary_pence = fte_salary_pence - 2000000 "
                       "WHERE staff_id = 1 AND effective_from = '2026-04-01'")
        cut = arrs_year(store, PERIOD, recalculated=True)
        cut_id = store.version_key().last_action
        restore(demo_db, copy, store=store)
        time.sleep(1.1)  # the next action is taken in another second (its stamp is to the second)
        with store.action("Rename a practice") as tx:
            tx.execute("UPDATE practice SET name = name || ' (renamed)' WHERE rowid = 1")
        assert store.version_key().last_action == cut_id  # the same id again
        again = arrs_year(store, PERIOD, recalculated=True)
        assert again.year != cut.year
        same_figures(again, arrs_rows.arrs_view(store, PERIOD, recalculated=True))


def test_a_year_asked_for_never_waits_while_another_is_worked_out(demo_db, monkeypatch):
    """A worker working out the year ahead does not hold up the year a screen shows (it did: the one
    lock was held while a year was computed)."""
    import threading

    real = arrs_rows.view_of
    started, release = threading.Event(), threading.Event()
    ahead = PERIOD.fy.next()

    def slow(inputs, fy, as_of, *kept):
        if fy == ahead:
            started.set()
            release.wait(20)
        return real(inputs, fy, as_of, *kept)

    monkeypatch.setattr(arrs_rows, "view_of", slow)
    with open_store(demo_db) as store:
        arrs_year(store, PERIOD)  # the inputs read
        worker = threading.Thread(target=arrs_year, args=(store, PERIOD.with_fy(ahead)), kwargs={"recalculated": True})
        worker.start()
        assert started.wait(20)
        shown: list = []
        asker = threading.Thread(target=lambda: shown.append(arrs_year(store, PERIOD.with_fy(PERIOD.fy.previous()),
                                                                       recalculated=True)))
        asker.start()
        asker.join(10)
        waited = asker.is_alive()
        release.set()
        worker.join(20)
        asker.join(20)
        assert not waited and shown[0].year.fy == PERIOD.fy.previous()
        fresh = arrs_rows.arrs_view(store, PERIOD.with_fy(ahead), recalculated=True)
        same_figures(arrs_year(store, PERIOD.with_fy(ahead), recalculated=True), fresh)

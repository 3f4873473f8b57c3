"""The ARRS roster's summary (money_summary) says what the status says: estimated money apart and the
ended months the latest change recalculated (what rests on unconfirmed figures: with the status, in
tests/arrs/test_arrs_rules_store.py); the requirements screen calls an open requirement of an ended
year lapsed, not overdue."""

from datetime import date

from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.store import open_store
from pcntui.store.arrs import arrs_view
from pcntui.tui.widgets.entitlement_bar import money_summary
from pcntui.tui.screens.requirements import due_words
from tests.arrs.helpers import RATES_HEADER, STAFF_HEADER, write_csv


def test_the_roster_summary_says_estimated_and_recalculated(db_path, tmp_path):
    from pcntui.store.arrs import import_rates
    from pcntui.store.staff import import_staff

    store = open_store(db_path, mode="create")
    try:
        import_rates(store, write_csv(tmp_path / "r1.csv", RATES_HEADER, [["CP", "2025-04-01", "66972", "100"]]))
        import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER + ["estimated"], [
            ["Asha", "CP", "1", "2025-04-01", "", "80000", "20", "yes", "no"],
            ["NWRS 7", "CP", "1", "2025-04-01", "", "40000", "20", "yes", "yes"],
        ]))
        import_rates(store, write_csv(tmp_path / "r2.csv", RATES_HEADER, [["CP", "2025-04-01", "69383", "100"]]))
        period = Period(date(2025, 8, 15), FinancialYear(2025))
        text = money_summary(arrs_view(store, period, recalculated=True))
        # NWRS 7: 40,000 / 12 × 1.2 = 4,000.00 a month; Apr–Jul 16,000.00, the year 48,000.00
        assert "of which estimated £16,000.00 to date, £48,000.00 forecast" in text
        assert "Recalculated: 4 ended months, £803.68 more to claim" in text  # Asha: 4 × (5,781.92 − 5,581.00)
        assert "Apr 2025 +£200.92" in text
        # without the comparison (other ARRS screens) nothing is said about recalculation
        assert "Recalculated" not in money_summary(arrs_view(store, period))
    finally:
        store.close()


def test_an_open_requirement_of_an_ended_year_is_lapsed_not_overdue():
    assert due_words("lapsed", date(2025, 9, 30), date(2026, 11, 23)).plain == "LAPSED (year ended)"
    assert due_words("overdue", date(2026, 11, 13), date(2026, 11, 23)).plain == "OVERDUE 10 days"

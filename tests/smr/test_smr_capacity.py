"""Clinician capacity, worked by hand: hours needed per week vs SMR hours on the roster."""

from datetime import date

import pytest

from pcntui.domain.smr_capacity import Clinician, can_deliver, capacity
from pcntui.errors import UserError

from .conftest import FY

ROSTER = [
    ("Priya Shah", "Clinical Pharmacist", 1.0, 50),  # 1.0 × 37.5 × 50% = 18.75 h
    ("Tom Okafor", "Clinical Pharmacist", 0.8, 20),  # 0.8 × 37.5 × 20% = 6.00 h
    ("Ana Costa", "Advanced Practitioner", 0.6, 10),  # 0.6 × 37.5 × 10% = 2.25 h
]  # available 27.00 h/week


def test_spare_capacity_hand_worked():
    # 23 Nov 2026 → 31 Mar 2027 = 128 days = 18.2857 weeks
    # 780 reviews × 30 min = 390 h; 390 / 18.2857 = 21.328 h/week needed; 27 available → spare 5.672
    c = capacity(780, date(2026, 11, 23), FY, ROSTER, minutes_per_review=30)
    assert c.days_left == 128
    assert c.hours_needed_per_week == pytest.approx(390 / (128 / 7))
    assert c.hours_available_per_week == pytest.approx(27.0)
    assert c.gap_hours_per_week == pytest.approx(390 / (128 / 7) - 27)
    assert not c.short
    assert c.wte_equivalent == pytest.approx((27 - 390 / (128 / 7)) / 37.5)
    assert c.sentence() == "spare 5.7 hours/week (≈ 0.15 WTE)"


def test_shortfall_hand_worked():
    # 6 Jan 2027 → 31 Mar 2027 = 84 days = 12 weeks
    # 1,000 reviews × 30 min = 500 h; 500 / 12 = 41.667 h/week; 41.667 − 27 = 14.667 short
    # 14.667 / 37.5 = 0.391 WTE pharmacist
    c = capacity(1000, date(2027, 1, 6), FY, ROSTER, minutes_per_review=30)
    assert c.weeks_left == pytest.approx(12)
    assert c.hours_needed_per_week == pytest.approx(500 / 12)
    assert c.gap_hours_per_week == pytest.approx(500 / 12 - 27)
    assert c.short
    assert c.wte_equivalent == pytest.approx((500 / 12 - 27) / 37.5)
    assert c.sentence() == "short by 14.7 hours/week (≈ 0.39 WTE pharmacist)"


def test_minutes_and_week_length_are_configurable():
    # 120 reviews × 45 min = 90 h over 12 weeks = 7.5 h/week; one 1.0 WTE at 20% of a 40 h week = 8 h
    c = capacity(120, date(2027, 1, 6), FY, [Clinician("A", "GP", 1.0, 20)], minutes_per_review=45,
                 hours_per_wte=40)
    assert c.hours_needed_per_week == pytest.approx(7.5)
    assert c.hours_available_per_week == pytest.approx(8.0)
    assert c.reviews_per_week_capacity == pytest.approx(8 * 60 / 45)


def test_nothing_needed_and_year_over():
    assert capacity(0, date(2026, 11, 23), FY, ROSTER).hours_needed_per_week == 0
    over = capacity(10, date(2027, 3, 31), FY, ROSTER)
    assert over.hours_needed_per_week is None and over.short
    assert "ended" in over.sentence()


def test_before_the_year_counts_the_whole_year():
    c = capacity(365, date(2026, 2, 1), FY, [])
    assert c.days_left == 365


def test_no_roster_is_all_short():
    c = capacity(700, date(2027, 1, 6), FY, [], minutes_per_review=30)
    assert c.hours_available_per_week == 0
    assert c.gap_hours_per_week == pytest.approx(350 / 12)


def test_invalid_inputs_are_refused():
    with pytest.raises(UserError):
        Clinician("A", "CP", 1.0, 120)
    with pytest.raises(UserError):
        capacity(10, date(2026, 11, 23), FY, [], minutes_per_review=0)


def test_roles_that_deliver_smrs():
    assert can_deliver("Clinical Pharmacist") and can_deliver("CP") and can_deliver("general practitioner")
    assert not can_deliver("Pharmacy Technician") and not can_deliver("SPLW")

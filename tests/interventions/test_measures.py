"""Outcome measures on/off track, both directions (worked by hand)."""

from datetime import date

import pytest

from pcntui.domain.measure import Reading, expected_value, track
from pcntui.inputs.base import validate
from pcntui.inputs.context import Ctx
from pcntui.inputs.interventions import MeasureIn

B_ON, T_ON = date(2026, 1, 1), date(2026, 12, 31)  # 364 days apart


def r(day, value, i=1):
    return Reading(i, day, value)


def test_expected_value_is_the_straight_line():
    assert expected_value(60, B_ON, 80, T_ON, B_ON) == 60
    assert expected_value(60, B_ON, 80, T_ON, date(2026, 7, 2)) == pytest.approx(70)  # 182/364
    assert expected_value(60, B_ON, 80, T_ON, date(2027, 6, 1)) == 80  # after the target date
    assert expected_value(60, B_ON, 80, None, date(2027, 6, 1)) == 60


def test_increase_on_and_off_track():
    mid = date(2026, 7, 2)  # line expects 70
    assert track("increase", 60, B_ON, 80, T_ON, [r(mid, 70)], mid).state == "on_track"
    off = track("increase", 60, B_ON, 80, T_ON, [r(mid, 69.9)], mid, "%")
    assert off.state == "off_track"
    assert off.explanation == "69.9% on 2026-07-02; the target line expects at least 70%"


def test_decrease_on_and_off_track():
    mid = date(2026, 7, 2)  # 40 → 20 expects 30
    assert track("decrease", 40, B_ON, 20, T_ON, [r(mid, 30)], mid).state == "on_track"
    assert track("decrease", 40, B_ON, 20, T_ON, [r(mid, 31)], mid).state == "off_track"


def test_latest_reading_up_to_as_of_counts():
    readings = [r(date(2026, 3, 1), 50, 1), r(date(2026, 9, 1), 90, 2)]
    assert track("increase", 60, B_ON, 80, T_ON, readings, date(2026, 8, 1)).state == "off_track"
    assert track("increase", 60, B_ON, 80, T_ON, readings, date(2026, 9, 1)).state == "on_track"


def test_no_target_date_compares_with_baseline_and_no_readings_is_no_data():
    assert track("increase", 60, B_ON, 80, None, [r(date(2026, 5, 1), 60)], date(2026, 6, 1)).state == "on_track"
    assert track("decrease", 60, B_ON, 40, None, [r(date(2026, 5, 1), 61)], date(2026, 6, 1)).state == "off_track"
    t = track("increase", 60, B_ON, 80, T_ON, [], date(2026, 6, 1))
    assert t.state == "no_data" and t.latest is None


def test_measure_input_is_checked():
    ok = dict(name="BP", unit="%", direction="increase", baseline_value="60", baseline_on=B_ON, target_value=70)
    ctx = Ctx(date(2026, 11, 23))
    assert validate(MeasureIn, ok, ctx).ok

    def problems(**bad):
        return [(m.loc, m.text) for m in validate(MeasureIn, {**ok, **bad}, ctx).messages]

    assert problems(target_value="50") == [(("target_value",), "an 'increase' measure needs a target at or above "
                                                               "its baseline.")]
    assert problems(target_on=B_ON) == [(("target_on",), "must be after the baseline date.")]
    assert problems(baseline_value="NaN")[0][0] == ("baseline_value",)

"""Outcome measures: baseline, target, direction and readings over time; on/off track.

A measure is *on track* when its latest reading is at least as good as the straight line
from the baseline (value, date) to the target (value, date) expects on the reading's
date (after the target date the line stays at the target). Without a target date the
latest reading must be no worse than the baseline. Without readings it is `no_data`
(neither on nor off track). "Good" follows the direction: higher for `increase`, lower
for `decrease`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pcntui.domain.parse import parse_decimal

Direction = Literal["increase", "decrease"]
MAX_MEASURE = 1_000_000_000  # a measure's value (a count, a %, a rate per 1,000 …), either sign


def parse_measure_value(text: str, what: str = "") -> float:
    """A measure's baseline, target or reading: a finite number within ±1,000,000,000."""
    return float(parse_decimal(text, what, low=-MAX_MEASURE, high=MAX_MEASURE, hint="e.g. 42 or 12.5"))


TRACK_STATES = ("on_track", "off_track", "no_data")


@dataclass(frozen=True)
class Reading:
    id: int
    taken_on: date
    value: float
    note: str | None = None


@dataclass(frozen=True)
class Track:
    state: str  # on_track / off_track / no_data
    latest: float | None
    latest_on: date | None
    expected: float | None  # where the line says it should be on latest_on
    explanation: str


def expected_value(baseline: float, baseline_on: date, target: float, target_on: date | None, day: date) -> float:
    """The straight-line expectation on `day` (baseline before it starts, target after it ends)."""
    if target_on is None:
        return baseline
    span = (target_on - baseline_on).days
    done = min(max((day - baseline_on).days, 0), span)
    return baseline + (target - baseline) * done / span


def fmt_value(v: float, unit: str = "") -> str:
    text = f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"
    if unit == "%":
        return text + "%"
    return f"{text} {unit}".strip()


def track(
    direction: str, baseline: float, baseline_on: date, target: float, target_on: date | None,
    readings: list[Reading], as_of: date, unit: str = "",
) -> Track:
    """On/off track from the latest reading on or before `as_of`."""
    seen = sorted((r for r in readings if r.taken_on <= as_of), key=lambda r: (r.taken_on, r.id))
    if not seen:
        return Track("no_data", None, None, None, "no readings yet")
    last = seen[-1]
    want = expected_value(baseline, baseline_on, target, target_on, last.taken_on)
    good = last.value >= want if direction == "increase" else last.value <= want
    state = "on_track" if good else "off_track"
    word = "at least" if direction == "increase" else "at most"
    basis = "the target line" if target_on else "the baseline"
    explanation = (
        f"{fmt_value(last.value, unit)} on {last.taken_on.isoformat()}; {basis} expects {word} "
        f"{fmt_value(round(want, 1), unit)}"
    )
    return Track(state, last.value, last.taken_on, want, explanation)

"""NHS financial years: 1 April to 31 March, labelled `2024/25`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import date

from pcntui.domain.parse import EARLIEST, LATEST
from pcntui.errors import UserError

_LABEL = re.compile(r"^\s*([0-9]{4})\s*[/-]\s*([0-9]{2}|[0-9]{4})\s*$", re.ASCII)
MONTH_NAMES = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The financial year starting 1 April of `start_year`."""

    start_year: int

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        """The financial year a date falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Parse `2024/25`, `2024-25` or `2024/2025`."""
        m = _LABEL.match(text or "")
        if not m:
            raise UserError(f"Financial year '{text}' is not in the form 2024/25.")
        start, end = int(m.group(1)), m.group(2)
        end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
        if len(end) == 2 and end_year < start:
            end_year += 100
        if end_year != start + 1:
            raise UserError(f"Financial year '{text}' must span two consecutive years, like 2024/25.")
        if not EARLIEST.year <= start < LATEST.year:
            raise UserError(f"Financial year '{text}' must be between {EARLIEST.year}/{(EARLIEST.year + 1) % 100:02d} "
                            f"and {LATEST.year - 1}/{LATEST.year % 100:02d}.")
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @cached_property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @cached_property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def months(self) -> list[date]:
        """The first day of each month, April to March."""
        return list(_months(self.start_year))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


@lru_cache(maxsize=256)
def _months(start_year: int) -> tuple[date, ...]:
    return tuple(date(start_year + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(12))


def month_label(first_day: date) -> str:
    """`Apr 2024` for the month starting on `first_day`."""
    return f"{MONTH_NAMES[(first_day.month - 4) % 12]} {first_day.year}"


@lru_cache(maxsize=4096)
def days_in_month(month_first: date) -> int:
    """The days in `month_first`'s month: up to the next month's first day (`calendar.monthrange` without
    importing `calendar`, which nothing else on the way to the dashboard's figures or `pcntui status` loads)."""
    following = date(month_first.year + month_first.month // 12, month_first.month % 12 + 1, 1)
    return (following - month_first.replace(day=1)).days


@lru_cache(maxsize=4096)
def month_last(month_first: date) -> date:
    return month_first.replace(day=days_in_month(month_first))

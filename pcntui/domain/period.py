"""The point in time every figure is computed for: an as-of date and a financial year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcntui.domain.fy import FinancialYear


@dataclass(frozen=True)
class Period:
    """`as_of` is "today" (injectable for tests); `fy` defaults to the year containing it."""

    as_of: date
    fy: FinancialYear

    @classmethod
    def make(cls, as_of: date | None = None, fy: FinancialYear | None = None) -> Period:
        today = as_of or date.today()
        return cls(today, fy or FinancialYear.of(today))

    def with_fy(self, fy: FinancialYear) -> Period:
        return Period(self.as_of, fy)

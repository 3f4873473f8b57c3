"""Headroom: how the year's claims sit against the entitlement.

headroom          = entitlement − claimable to date
forecast_headroom = entitlement − forecast (positive: money lost at 31 March; negative: overspend,
                    which is not refunded)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Headroom:
    """A pot against what is claimed from it, to date and forecast."""

    entitlement: Decimal | None
    claimable_to_date: Decimal
    forecast: Decimal

    @property
    def headroom(self) -> Decimal | None:
        return None if self.entitlement is None else self.entitlement - self.claimable_to_date

    @property
    def forecast_headroom(self) -> Decimal | None:
        return None if self.entitlement is None else self.entitlement - self.forecast

    @property
    def underspend(self) -> Decimal:
        h = self.forecast_headroom
        return h if h is not None and h > 0 else ZERO

    @property
    def overspend(self) -> Decimal:
        h = self.forecast_headroom
        return -h if h is not None and h < 0 else ZERO

    def share(self, amount: Decimal) -> float | None:
        """`amount` as a fraction of the entitlement (for bars); None without an entitlement."""
        if not self.entitlement:
            return None
        return float(amount / self.entitlement)

"""The words every figure is named with (PRODUCT.md "Words"): shown on the help screen, and the
sense in which the TUI, CLI, JSON and CSV use them."""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("Entitlement", "the year's maximum ARRS sum (weighted population × rate per patient, or an amount entered)."),
    ("Claimable to date", "what may be claimed for the months ended by the as-of date."),
    ("Forecast", "claimable for the whole year: to date, plus the rest of the year from the roster and "
                 "planned posts."),
    ("Headroom", "entitlement − claimable to date."),
    ("Forecast unclaimed", "entitlement − forecast: positive, money lost at 31 March; negative, an overspend, "
                           "not refunded."),
)

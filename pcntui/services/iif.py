"""The IIF use cases that write: `pcntui smr iif` (the indicator a cohort maps to in a year,
and that indicator's thresholds in the one IIF table)."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.cohort import CohortYear
from pcntui.domain.fy import FinancialYear
from pcntui.errors import FieldMessage, ValidationFailed
from pcntui.services.base import Saved
from pcntui.store import Store
from pcntui.store import iif as indicators
from pcntui.store import smr

NONE_WORDS = ("", "none")


def set_cohort_iif(store: Store, cohort_text: str, fy: FinancialYear, *, indicator: str | None = None,
                   lower: Decimal | None = None, upper: Decimal | None = None,
                   confirmed: bool = True) -> Saved[CohortYear]:
    """Map the cohort to `indicator` in `fy` ('none': no indicator) and/or set that indicator's
    thresholds for the year (the user's row of the IIF table, which wins over a shipped one and
    applies to every cohort mapped to it). One action; `confirmed` marks what is set."""
    if indicator is None and lower is None and upper is None:
        raise ValidationFailed([FieldMessage((), "Give --indicator, --lower and/or --upper.")])
    with store.action() as tx:
        cohort = smr.find_cohort(tx, cohort_text)
        tx.label = f"Set SMR {cohort.name} for {fy.label}"
        changes: dict = {"iif_confirmed": confirmed}
        if indicator is not None:
            changes["iif_indicator"] = None if indicator.strip().lower() in NONE_WORDS else indicator.strip()
        current = cohort.year(fy)
        name = changes.get("iif_indicator", current.iif_indicator if current else None)
        if lower is not None or upper is not None:
            if not name:
                raise ValidationFailed([FieldMessage(("indicator",), f"{cohort.name} has no IIF indicator in "
                                                                      f"{fy.label}: name one to set its thresholds.")])
            indicators.write_thresholds(tx, fy, name, lower, upper, confirmed=confirmed,
                                        about=f"SMRs for {cohort.name}")
        smr.write_cohort_year(tx, cohort, fy, changes)
    year = smr.find_cohort(store, cohort.code).year(fy)
    return Saved(year, f"{cohort.name} {fy.label}: IIF {year.iif_indicator or 'none'}.")

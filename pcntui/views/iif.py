"""The IIF year as the front ends read it (`pcntui iif`, the IIF screen, `export iif`): every
indicator in force against the PCN's latest achievement rows, in points and pounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.domain.iif import IifYear, iif_year

if TYPE_CHECKING:
    from pcntui.domain.fy import FinancialYear
    from pcntui.store import Store


def iif_view(store: Store, fy: FinancialYear) -> IifYear:
    """Indicators of `fy` (the user's rows over the shipped ones) with the PCN's and its practices' values."""
    from pcntui.store.iif import load_indicators, load_values, practice_codes
    from pcntui.store.pcn import get_pcn, pcn_summary

    pcn = get_pcn(store)
    code = pcn["code"] if pcn else ""  # no PCN yet: no achievement rows can be its own
    summary = pcn_summary(store)
    indicators = [i for i in load_indicators(store) if i.fy == fy]
    return iif_year(indicators, load_values(store, fy), fy, code, practice_codes(store, code),
                    summary.patients if summary and summary.patients else None)

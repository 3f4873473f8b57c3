"""Load the shipped IIF indicator definitions (iif_indicators.csv), each column read by the
parser `pcntui import iif-indicators` checks it with (pcntui/ingest/iif_indicator_fields.py);
a test holds the shipped table to the import's whole check.

Columns: the import's (fy, indicator, ind_code, description, numerator_measure,
denominator_measure, lower_threshold, upper_threshold, points, pound_per_point,
higher_is_better, reference_list_size) plus confirmed, source, note. `confirmed = no` marks a
row with any figure not found in the sources (domain.md §2.4, §4.2, §6.3): the note says which
and what the estimate is. `source` cites domain.md's source list (S#) or the page found.
"""

from __future__ import annotations

from functools import lru_cache

from pcntui.domain.iif import IifIndicator
from pcntui.ingest.csvfile import read_rows
from pcntui.ingest.iif_indicator_fields import INDICATOR_COLUMNS, OPTIONAL_COLUMNS, indicator_of
from pcntui.reference import HERE

FILE = "iif_indicators.csv"


@lru_cache(maxsize=1)
def shipped_indicators() -> tuple[IifIndicator, ...]:
    """The shipped definitions, in file order (by year, then as the DES lists them)."""
    return tuple(indicator_of({c: row.get(c) for c in (*INDICATOR_COLUMNS, *OPTIONAL_COLUMNS)}, "shipped")
                 for row in read_rows(HERE / FILE, INDICATOR_COLUMNS, kind="iif-indicators"))

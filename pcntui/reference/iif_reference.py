"""Load the shipped IIF indicator definitions (iif_indicators.csv), checked by the same reader
as `pcntui import iif-indicators` (pcntui/ingest/iif_indicators_csv.py).

Columns: the import's (fy, indicator, ind_code, description, numerator_measure,
denominator_measure, lower_threshold, upper_threshold, points, pound_per_point,
higher_is_better, reference_list_size) plus confirmed, source, note. `confirmed = no` marks a
row with any figure not found in the sources (domain.md §2.4, §4.2, §6.3): the note says which
and what the estimate is. `source` cites domain.md's source list (S#) or the page found.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pcntui.domain.iif import IifIndicator
from pcntui.ingest.iif_indicators_csv import read_indicators

FILE = "iif_indicators.csv"


@lru_cache(maxsize=1)
def shipped_indicators() -> tuple[IifIndicator, ...]:
    """The shipped definitions, in file order (by year, then as the DES lists them)."""
    with resources.as_file(resources.files("pcntui.reference").joinpath(FILE)) as path:
        return tuple(read_indicators(path, origin="shipped"))

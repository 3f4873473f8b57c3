"""Ranking practices by IMD score: rank 1 is the most deprived (highest score).

A rank is only as wide as the file it came from. Quintiles "within England" are given
only when the scores cover England (at least NATIONAL_MINIMUM practices); otherwise the
rank is reported against the practices the file holds.
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL_MINIMUM = 5000  # England has ~6,200 practices; a regional extract has far fewer


@dataclass(frozen=True)
class ImdRank:
    """A practice's IMD score and its rank (1 = most deprived)."""

    score: float
    rank: int  # 1 = most deprived
    of: int  # how many practices were ranked
    quintile: int | None  # 1 = most deprived 20% (Core20); None unless national

    @property
    def national(self) -> bool:
        return self.quintile is not None

    def describe(self) -> str:
        where = "in England" if self.national else "in the imported file"
        q = f", quintile {self.quintile}" if self.quintile else ""
        return f"{self.score:.1f} (rank {self.rank} of {self.of} {where}{q})"


def rank_scores(scores: dict[str, float]) -> dict[str, ImdRank]:
    """Rank every practice; ties share the better rank (competition ranking)."""
    ordered = sorted(scores.values(), reverse=True)
    n = len(ordered)
    first_rank: dict[float, int] = {}
    for i, s in enumerate(ordered, start=1):
        first_rank.setdefault(s, i)
    national = n >= NATIONAL_MINIMUM
    out = {}
    for code, score in scores.items():
        rank = first_rank[score]
        quintile = min(5, (rank - 1) * 5 // n + 1) if national else None
        out[code] = ImdRank(score, rank, n, quintile)
    return out


def weighted_mean(values: list[tuple[float, int]]) -> float | None:
    """List-size-weighted mean of (score, patients) pairs; None when there is no weight."""
    total = sum(w for _, w in values)
    if total <= 0:
        return None
    return sum(s * w for s, w in values) / total

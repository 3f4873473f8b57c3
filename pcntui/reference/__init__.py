"""Reference data shipped with pcntui (rule tables for the years known) and their loaders.

Each domain keeps its files here under its own prefix (`smr_*`, `arrs_*`); the user can
add or correct the values in the database without a new release.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent  # (a path, not importlib.resources: that import costs a status run ~15 ms)


def shipped_text(name: str) -> str:
    """The text of the shipped reference file `name`."""
    return (HERE / name).read_text(encoding="utf-8")

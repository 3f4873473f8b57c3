"""What a widget has drawn, kept by what it looks like: at most a number of entries, the one used
least lately put away first (the table's lines, the worklist's lines, the scrollbar's looks).

Not functools.lru_cache: the keys are read from the widget as it is when it draws, and each
widget empties its own when its look changes (a theme, its CSS rules)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class Kept(OrderedDict):
    """At most `most` values by key, the least lately used dropped first."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most

    def found(self, key: Any) -> Any:
        """The value kept for `key` (None: none), now the latest used."""
        value = self.get(key)
        if value is not None:
            self.move_to_end(key)
        return value

    def keep(self, key: Any, value: Any) -> Any:
        """Keep `value` for `key` as the latest used (the least lately used goes past `most`); `value`."""
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.most:
            self.popitem(last=False)
        return value

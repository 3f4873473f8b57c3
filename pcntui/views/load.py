"""Build a view by its KIND: the catalog names the function, imported on first use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.catalog import resolve, view_kind
from pcntui.views.base import View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.tx import Reader


def view(kind: str, reader: Reader, query: ViewQuery) -> View:
    """The view `kind` for `query`."""
    return resolve(view_kind(kind).target)(reader, query)

"""What a service returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from pcntui.errors import FieldMessage

T = TypeVar("T")
Raw = Mapping[str, object]  # input as typed: field name → text (or already-typed values)


@dataclass(frozen=True)
class Saved(Generic[T]):
    value: T  # the new id, the record, the report …
    note: str  # one sentence for the user: "Added Asha Patel."
    warnings: tuple[FieldMessage, ...] = ()

"""What a service returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from pcntui.errors import ConflictError, FieldMessage, UserError

T = TypeVar("T")
Raw = Mapping[str, object]  # input as typed: field name → text (or already-typed values)


@dataclass(frozen=True)
class Saved(Generic[T]):
    value: T  # the new id, the record, the report …
    note: str  # one sentence for the user: "Added Asha Patel."
    warnings: tuple[FieldMessage, ...] = ()


def as_saved(record: T | None, expected_rev: int | None, *, thing: str, missing: str,
             changed: Callable[[T], str], current: Callable[[T], object]) -> T:
    """`record` as saved now, held to the `rev` its form was opened at (`expected_rev`, None: not
    asked): gone or moved on is a ConflictError naming `thing` ("This planned post"), with what the
    other copy saved (`current(record)`); never there at all is a UserError saying `missing`."""
    if record is None:
        if expected_rev is not None:
            raise ConflictError(f"{thing} was deleted by someone else; nothing was saved.")
        raise UserError(missing)
    if expected_rev is not None and record.rev != expected_rev:  # type: ignore[attr-defined]
        raise ConflictError(f"{changed(record)} was changed by someone else since you opened it.",
                            current=current(record))
    return record

"""Small SMR reads for forms, filters and commands: practices and cohorts to choose from, the
cohorts of a year with their targets, the capacity settings."""

from __future__ import annotations

from dataclasses import dataclass

from pcntui.domain.cohort import Cohort, Target
from pcntui.domain.fy import FinancialYear
from pcntui.store import smr as cohorts
from pcntui.store.tx import Reader


@dataclass(frozen=True)
class Choices:
    practices: list[tuple[str, str]]  # (code, name), by name
    cohorts: list[tuple[str, str]]  # (code, name): the year's cohorts first, then the others


def choices(reader: Reader, fy: FinancialYear | None = None) -> Choices:
    """What a counts or worklist form, or the worklist's filter, offers."""
    every = cohorts.load_cohorts(reader)
    first = [c for c, _ in cohorts.cohorts_for_year(reader, fy)] if fy is not None else []
    ordered = first + [c for c in every if c not in first]
    return Choices(list(cohorts.practice_names(reader).items()), [(c.code, c.name) for c in ordered])


def year_cohorts(reader: Reader, fy: FinancialYear) -> tuple[list[Cohort], dict[str, Target]]:
    """Every cohort and the targets set for `fy` (`pcntui smr cohorts`)."""
    return cohorts.load_cohorts(reader), cohorts.targets(reader, fy)


def settings(reader: Reader) -> cohorts.SmrSettings:
    return cohorts.settings(reader)


def practice_names(reader: Reader) -> dict[str, str]:
    return cohorts.practice_names(reader)


def find_cohort(reader: Reader, text: str) -> Cohort:
    """A cohort by code, name or alias (UserError naming the known ones)."""
    return cohorts.find_cohort(reader, text)


def grid_axes(reader: Reader, fy: FinancialYear) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The month-end grid's rows (the practices, by name) and columns (the year's cohorts)."""
    return (list(cohorts.practice_names(reader).items()),
            [(c.code, c.name) for c, _ in cohorts.cohorts_for_year(reader, fy)])

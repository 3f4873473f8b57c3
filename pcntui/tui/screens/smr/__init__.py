"""The SMR section: the overview of cohorts × practices, one cohort's year with its chart,
clinician capacity, and the worklist. Every figure comes from views/smr (read in a worker);
every change goes through services/smr in a form of tui/forms/smr.py."""

from pcntui.tui.screens.smr.capacity import CapacityScreen
from pcntui.tui.screens.smr.cohort import CohortScreen
from pcntui.tui.screens.smr.overview import SmrScreen
from pcntui.tui.screens.smr.worklist import WorklistScreen

__all__ = ["CapacityScreen", "CohortScreen", "SmrScreen", "WorklistScreen"]

"""The Interventions section: the list (`list`) and one intervention's page (`detail`, its
forms in `page_forms`). Each save is one service call (one action, one undo step)."""

from pcntui.tui.screens.interventions.detail import InterventionScreen
from pcntui.tui.screens.interventions.list import InterventionsScreen

__all__ = ["InterventionScreen", "InterventionsScreen"]

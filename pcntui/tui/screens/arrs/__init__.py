"""The ARRS section: the roster under the year's entitlement bar (roster.py), one person's months
(person.py), role mix (mix.py), alerts, planned posts and what-if, NWRS, the rule tables and the
claims ledger, one module each; their forms in forms.py and what they share in base.py."""

from pcntui.tui.screens.arrs.person import PersonScreen
from pcntui.tui.screens.arrs.roster import ArrsScreen

__all__ = ["ArrsScreen", "PersonScreen"]

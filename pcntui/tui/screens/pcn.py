"""The PCN section: the member practices (view `practices`), and one practice's list sizes on
`enter` (view `practice-list-sizes`); `x` writes the view shown."""

from __future__ import annotations

from typing import ClassVar

from pcntui.tui.commands import reach
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import ViewScreen, cols_of
from pcntui.views.pcn import COLUMNS, LIST_SIZE_COLUMNS


IMPORT_PRACTICES = "import_file('practices')"


class PracticeScreen(ViewScreen):
    """One practice: its details and every list-size extract held."""

    SECTION = "pcn"
    VIEW = "practice-list-sizes"
    GONE = "Practice {item} is no longer in this database."
    NOUN = ("list-size extract", "list-size extracts")
    EMPTY = "No list sizes imported for this practice."
    HELP = (
        "One practice: where it is, its clinical system, its IMD score, and the registered "
        "list size from every extract imported (newest first). The CSV export has the columns of "
        "'pcntui export practice-list-sizes --id CODE'."
    )
    COLUMNS: ClassVar = cols_of(LIST_SIZE_COLUMNS)
    CRUMB = "Practice {item}"
    EXPORT_NAME = "practice-{item}-list-sizes"


class PcnScreen(ViewScreen):
    SECTION = "pcn"
    VIEW = "practices"
    NOUN = ("practice", "practices")
    EMPTY = f"No practices yet: {markup(reach(IMPORT_PRACTICES))}."
    HELP = (
        "The PCN's member practices from the national files: clinical system, registered list size "
        "(with the date of the extract), patients aged 65+, IMD score with its rank (rank 1 = most "
        "deprived; quintiles only when the file covers England). Opening a "
        "practice shows its list sizes; clicking a column title sorts by it. The CSV export has "
        "the columns of 'pcntui export practices'."
    )
    COLUMNS: ClassVar = cols_of(COLUMNS)
    ITEM_SCREEN = PracticeScreen

"""pcntui: a keyboard-driven case manager for Primary Care Network managers.

Importing this package is cheap: it pulls in no Textual, no database code. It makes every
dataclass from then on with code kept compiled (pcntui/dataclass_code.py).
"""

from pcntui.dataclass_code import install as _keep_dataclass_code

__version__ = "0.1.0"
APP_NAME = "pcntui"

_keep_dataclass_code()

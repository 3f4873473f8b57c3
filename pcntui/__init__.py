"""pcntui: a keyboard-driven case manager for Primary Care Network managers.

Importing this package is cheap: it pulls in no Textual, no database code.
"""

__version__ = "0.1.0"
APP_NAME = "pcntui"

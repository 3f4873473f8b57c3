"""The terminal user interface (Textual). Only `pcntui` with no subcommand imports this.

Layout: `app.py` (the App, global keys, store ownership, workers for undo/open),
`sections.py` (the one registry of sections: add a screen there), `commands.py` (the
command-palette registry), `screens/` (one module per screen or modal), `widgets/`.
Database work runs in thread workers that post messages; handlers own the state.
"""

"""Read models: every table and block the user sees, built once as typed rows (see docs/architecture.md).

The CLI prints them, the TUI shows them, `x` and `pcntui export` write them.
"""

"""The command line. Never imports Textual except to launch the TUI."""

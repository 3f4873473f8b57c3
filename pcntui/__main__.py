"""`python -m pcntui` runs the command line (and the TUI when no subcommand is given)."""

from pcntui.cli.main import main

raise SystemExit(main())

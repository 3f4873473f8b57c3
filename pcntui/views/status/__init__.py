"""The status blocks of `pcntui status` and the dashboard (builders listed in the catalog)."""

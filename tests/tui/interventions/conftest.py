"""Fixtures: the demo database (built once per session, copied per test)."""

from __future__ import annotations






"""Screens and modals. Section screens are imported lazily (see sections.py)."""

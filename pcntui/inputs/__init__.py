"""What people type, declared once per entity: pydantic models whose fields carry their types,
bounds, labels, hints, CSV columns and CLI flags, and whose validators carry every rule.

CSV rows, CLI flags and form boxes are all checked by the same model (see base.py), with the
one set of parsers in pcntui.domain.parse (see types.py). Imported only by what writes:
read-only commands load no pydantic.
"""

"""Registers the ARRS importers: `pcntui import rates|staff|workforce FILE` (see docs/arrs.md)."""

from __future__ import annotations

from pcntui.store.arrs import import_rates
from pcntui.store.imports import importer
from pcntui.store.staff import import_staff
from pcntui.store.workforce import import_workforce

importer("rates", help="ARRS maxima: role, effective_from, annual_max, reimbursement_pct (upsert)")(import_rates)
importer("staff", help="your staff CSV: name, role, wte, start_date, end_date, fte_salary, oncost_pct, "
         "arrs_funded")(import_staff)
importer("workforce", help="NWRS PCN workforce CSV: FTE on record by role vs the roster (--pcn U12345)")(
    import_workforce)

"""`store.bulk.save_many` (issue 12 item 4) does what `records.save` row by row does: the same
outcomes, the same rows (keys matched by SQL, collation included; a key given twice ends with the
later values) and the same audit trail, so undo restores exactly."""

from __future__ import annotations

from pcntui.store import open_store, records
from pcntui.store.bulk import save_many
from pcntui.store.tx import WriteReport

KEY = ("ach_date", "org_code", "ind_code", "measure")


def value(measure: str, v: str, ind: str = "CAN-01") -> dict:
    return {"fy": "2026/27", "ach_date": "2026-10-31", "org_type": "PCN", "org_code": "U99901", "ind_code": ind,
            "measure": measure, "value": v}


START = [value("Numerator", "10"), value("Denominator", "40"), value("Numerator", "3", "ACC-08")]
FILE = [value("Numerator", "12"),  # changed
        value("Denominator", "40"),  # unchanged
        value("Achievement", "0.3"),  # new
        value("ACHIEVEMENT", "0.31"),  # the same key again (measure matched ignoring case)
        value("numerator", "3", "ACC-08")]  # the key matched ignoring case: its case updated, as one by one


def state(store) -> tuple[list, list]:
    rows = store.query("SELECT * FROM iif_value ORDER BY id")
    trail = store.query("SELECT table_name, row_id, op, before, after FROM change WHERE action_id = "
                        "(SELECT max(id) FROM action) ORDER BY table_name, row_id, op, before, after")
    return rows, [tuple(r.values()) for r in trail]


def test_save_many_matches_saving_row_by_row(db_path, tmp_path):
    outcomes = {}
    for way in ("one by one", "bulk"):
        with open_store(db_path if way == "bulk" else tmp_path / "other.db", mode="create") as store:
            with store.action("start") as tx:
                for row in START:
                    records.save(tx.db, "iif_value", KEY, row)
            before = store.query("SELECT * FROM iif_value ORDER BY id")
            report = WriteReport("values")
            with store.action("import") as tx:
                if way == "bulk":
                    save_many(tx.db, "iif_value", KEY, FILE, report)
                else:
                    for row in FILE:
                        report.add(records.save(tx.db, "iif_value", KEY, row))
            outcomes[way] = (report.inserted, report.updated, report.unchanged, state(store))
            store.undo()
            assert store.query("SELECT * FROM iif_value ORDER BY id") == before
    assert outcomes["bulk"] == outcomes["one by one"]
    assert outcomes["bulk"][:3] == (1, 3, 1)

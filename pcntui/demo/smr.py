"""Demo SMR data: last year's and this year's monthly counts for every demo practice, targets,
a local cohort tracked by a small worklist, and an SMR share for one pharmacist.

Designed so this year's PCN totals show every status: Care home residents on track,
Complex polypharmacy behind, Severe frailty ahead, Potentially addictive medicines at
risk, Learning disability already met (count target), plus two practice-level warnings
(a count that went down; one practice a month late with its counts).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from pcntui.domain import nhs_number
from pcntui.domain.fy import FinancialYear
from pcntui.store.derived import joined
from pcntui.store.smr import ensure_reference

# cohort: (eligible per 1,000 patients, per 1,000 aged 65+, pace = share reviewed by 31 March
#          if linear, target kind, target value)
PLAN = {
    "CARE_HOME": (0.0, 30.0, 0.80, "percent", 80),
    "POLYPHARMACY": (10.0, 80.0, 0.34, "percent", 50),
    "MED_ERRORS": (4.0, 30.0, 0.47, "percent", 45),
    "SEVERE_FRAILTY": (0.0, 40.0, 0.80, "percent", 60),
    "ADDICTIVE": (14.0, 0.0, 0.28, "percent", 30),
    "LEARNING_DISABILITY": (5.0, 0.0, 0.36, "count", 40),
}
LOCAL_COHORT = {
    "code": "HOUSEBOUND_DOAC", "name": "Housebound on anticoagulants",
    "definition": "Local cohort: housebound patients on a DOAC or warfarin, reviewed at home by the PCN "
                  "pharmacist (tracked on the worklist, not by practice searches).",
    "aliases": "housebound doac|housebound anticoagulants", "origin": "user", "sort_order": 90,
}
LATE_PRACTICE = "Y90006"  # a month behind with its counts this year
DIP = ("Y90004", "POLYPHARMACY", 5)  # … except here: completed goes down in this month of this year
REVIEWERS = ("Priya Shah", "Tom Okafor", "Dr Helen Marsh")


def month_ends(fy: FinancialYear, until: date) -> list[date]:
    out = []
    for first in fy.months():
        end = first + relativedelta(months=1, days=-1)
        if end <= until:
            out.append(end)
    return out


def _series(rng: random.Random, eligible0: int, pace: float, ends: list[date], fy: FinancialYear) -> list[tuple]:
    rows, done, inv, dec = [], 0, 0, 0
    eligible = eligible0
    for end in ends:
        eligible = max(eligible + rng.randint(-2, 3), 1)
        elapsed = ((end - fy.start).days + 1) / 365
        target = round(eligible * pace * elapsed * rng.uniform(0.94, 1.06))
        done = max(done, min(target, eligible))  # year-to-date counts never go down …
        inv = max(inv, min(round(done * rng.uniform(1.25, 1.45)) + rng.randint(0, 4), eligible))
        dec = max(dec, round(done * rng.uniform(0.05, 0.09)))
        rows.append([end, eligible, inv, done, dec])
    return rows


def _valid_nhs(rng: random.Random) -> str:
    while True:
        first = "999" + "".join(str(rng.randint(0, 9)) for _ in range(6))  # 999… is the test range
        check = nhs_number.check_digit(first)
        if check is not None:
            return first + str(check)


def build_smr(db, today: date) -> None:
    rng = random.Random(4)
    ensure_reference(db)
    db["smr_cohort"].insert(LOCAL_COHORT)
    practices = db.execute(
        "SELECT p.code, l.patients, l.aged_65_plus FROM practice p JOIN list_size l ON l.practice_code = p.code "
        "AND l.extract_date = (SELECT max(extract_date) FROM list_size WHERE practice_code = p.code) ORDER BY p.code"
    ).fetchall()
    until = today - timedelta(days=7)  # searches are run at month end and imported a few days later
    this = FinancialYear.of(today)
    for fy in (this.previous(), this):
        ends = month_ends(fy, until)
        for code, (per_list, per_65, pace, kind, value) in PLAN.items():
            db["smr_target"].insert({"cohort_code": code, "fy": fy.label, "kind": kind,
                                     "value": value if fy == this else value - 5 * (kind == "percent")})
            for practice, patients, older in practices:
                eligible0 = round(patients * per_list / 1000 + (older or 0) * per_65 / 1000)
                local_pace = pace * rng.uniform(0.85, 1.15)
                mine = ends[:-1] if fy == this and practice == LATE_PRACTICE and len(ends) > 1 else ends
                rows = _series(rng, eligible0, local_pace, mine, fy)
                if fy == this and (practice, code) == DIP[:2] and len(rows) > DIP[2]:
                    rows[DIP[2]][3] = rows[DIP[2] - 1][3] - 3
                for end, eligible, inv, done, dec in rows:
                    db["smr_count"].insert({
                        "practice_code": practice, "cohort_code": code, "as_of": end.isoformat(),
                        "eligible": eligible, "invited": inv, "completed": done, "declined": dec,
                        "source": "demo: monthly search",
                    })
    db["smr_target"].insert({"cohort_code": LOCAL_COHORT["code"], "fy": this.label, "kind": "percent", "value": 70})
    _worklist(db, rng, this, until)
    _share(db)


def _worklist(db, rng: random.Random, fy: FinancialYear, until: date) -> None:
    statuses = ["completed"] * 9 + ["booked"] * 3 + ["invited"] * 4 + ["identified"] * 3 + ["declined", "not_suitable"]
    span = max((until - fy.start).days, 1)
    n = 0
    for practice, count, cohorts in (("Y90003", 18, ("HOUSEBOUND_DOAC",)), ("Y90006", 14, ("HOUSEBOUND_DOAC",)),
                                     ("Y90001", 12, ("CARE_HOME", "POLYPHARMACY"))):
        for i in range(count):
            n += 1
            status = rng.choice(statuses)
            identified = fy.start + timedelta(days=rng.randint(0, span // 3))
            invited = identified + timedelta(days=rng.randint(5, 40)) if status != "identified" else None
            booked = invited + timedelta(days=rng.randint(7, 21)) if status in ("booked", "completed") else None
            reviewed = booked if status == "completed" and booked and booked <= until else None
            if status == "completed" and reviewed is None:
                status = "booked"
            stopped = rng.choice((0, 0, 1, 1, 2, 3)) if reviewed else None
            changed = rng.choice((0, 1, 1, 2)) if reviewed else None
            started = rng.choice((0, 0, 0, 1)) if reviewed else None
            mine = cohorts if len(cohorts) == 1 or i % 2 else cohorts[:1]
            row = {
                "practice_code": practice, "reference": f"{practice[-3:]}-SMR-{i + 1:03d}",
                "nhs_number": _valid_nhs(rng) if i % 3 != 2 else None, "status": status,
                "identified_on": identified.isoformat(), "invited_on": invited.isoformat() if invited else None,
                "booked_on": booked.isoformat() if booked else None,
                "reviewed_on": reviewed.isoformat() if reviewed else None,
                "reviewer": rng.choice(REVIEWERS) if booked else None,
                "meds_stopped": stopped, "meds_changed": changed, "meds_started": started,
                "follow_up_due": (reviewed + timedelta(days=rng.choice((28, 42, 90)))).isoformat()
                if reviewed and rng.random() < 0.6 else None,
                "note": "Home visit" if "HOUSEBOUND_DOAC" in cohorts else None, "cohorts": joined(mine),
            }
            entry_id = db["smr_worklist"].insert(row).last_pk
            for code in mine:
                db["smr_worklist_cohort"].insert({"worklist_id": entry_id, "cohort_code": code})


def _share(db) -> None:
    """One clinical pharmacist gives half their time to SMRs (others get the default share)."""
    if "staff" not in db.table_names():
        return
    cols = {c.name for c in db["staff"].columns}
    role = "role_code" if "role_code" in cols else "role" if "role" in cols else None
    if role is None:
        return
    row = db.execute(f"SELECT id FROM staff WHERE {role} IN ('CP', 'Clinical Pharmacist') ORDER BY id LIMIT 1").fetchone()
    if row:
        db["smr_capacity_share"].insert({"staff_id": row[0], "share_pct": 50})

"""Demo interventions (one delivering with measurements, one in co-design, one overdue,
one closed) and DES requirements across two years, all dated relative to `today`."""

from __future__ import annotations

from datetime import date, timedelta

from pcntui.domain.fy import FinancialYear
from pcntui.store.requirements import ensure_reference


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _intervention(db, today: date, spec: dict) -> int:
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    iid = db["intervention"].insert({
        "title": spec["title"], "stage": spec["moves"][-1][1], "lead": spec["lead"],
        "focus_kind": spec["focus"][0], "focus_detail": spec["focus"][1], "population": spec["population"],
        "population_size": spec["size"], "deprivation_basis": spec["deprivation"][0],
        "deprivation_note": spec["deprivation"][1], "aims": spec["aims"], "budget_pence": spec["budget_pence"],
        "created_on": day(spec["moves"][0][0]).isoformat(),
    }).last_pk
    for code in spec["practices"]:
        db["intervention_practice"].insert({"intervention_id": iid, "practice_code": code})
    previous = None
    reached: dict[str, tuple[date, str | None]] = {}
    for offset, stage, evidence in spec["moves"]:
        db["intervention_stage_move"].insert({"intervention_id": iid, "from_stage": previous, "to_stage": stage,
                                              "moved_on": day(offset).isoformat(), "evidence": evidence})
        reached[stage] = (day(offset), evidence or reached.get(stage, (None, None))[1])
        previous = stage
    targets = {stage: day(n) for stage, n in spec.get("targets", {}).items()}
    for stage in sorted(set(reached) | set(targets)):
        on, evidence = reached.get(stage, (None, None))
        db["intervention_stage"].insert({"intervention_id": iid, "stage": stage, "target_on": _iso(targets.get(stage)),
                                         "reached_on": _iso(on), "evidence": evidence})
    for name, kind, role in spec.get("partners", []):
        db["intervention_partner"].insert({"intervention_id": iid, "name": name, "kind": kind, "role": role})
    action_ids = []
    for text, owner, due, done in spec.get("actions", []):
        action_ids.append(db["intervention_action"].insert({
            "intervention_id": iid, "description": text, "owner": owner, "due_on": _iso(day(due)),
            "done_on": _iso(day(done)) if done is not None else None}).last_pk)
    session_ids = []
    for offset, fmt, title, groups, heard, decisions in spec.get("sessions", []):
        sid = db["codesign_session"].insert({"intervention_id": iid, "held_on": day(offset).isoformat(), "format": fmt,
                                             "title": title, "heard": heard, "decisions": decisions}).last_pk
        for group, n in groups.items():
            db["codesign_participant"].insert({"session_id": sid, "group_name": group, "people": n})
        session_ids.append(sid)
    for said, did, s_index, a_index in spec.get("you_said", []):
        db["you_said_we_did"].insert({
            "intervention_id": iid, "session_id": session_ids[s_index], "you_said": said, "we_did": did,
            "action_id": action_ids[a_index] if a_index is not None else None,
            "recorded_on": _iso(day(spec["sessions"][s_index][0]))})
    for text, rating, mitigation in spec.get("risks", []):
        db["intervention_risk"].insert({"intervention_id": iid, "description": text, "rating": rating,
                                        "mitigation": mitigation})
    for offset, pence, note in spec.get("spend", []):
        db["intervention_spend"].insert({"intervention_id": iid, "spent_on": day(offset).isoformat(),
                                         "amount_pence": pence, "note": note})
    for m in spec.get("measures", []):
        mid = db["outcome_measure"].insert({
            "intervention_id": iid, "name": m["name"], "unit": m["unit"], "direction": m["direction"],
            "baseline_value": m["baseline"][1], "baseline_on": day(m["baseline"][0]).isoformat(),
            "target_value": m["target"][1], "target_on": _iso(day(m["target"][0]))}).last_pk
        for offset, value in m["readings"]:
            db["outcome_reading"].insert({"measure_id": mid, "taken_on": day(offset).isoformat(), "value": value})
    return iid


def demo_interventions() -> list[dict]:
    return [
        {
            "title": "Hypertension case-finding in Harbour Street and Riverside",
            "lead": "Dr Amira Khan",
            "focus": ("clinical", "Hypertension case-finding"),
            "population": "Adults aged 40-74 registered at the PCN's two most deprived practices with no blood "
                          "pressure reading in the last five years, many of them working shift patterns.",
            "size": 2150,
            "deprivation": ("pcn_most_deprived", "Harbour Street and Riverside rank 1 and 2 of the six practices "
                                                 "by IMD 2025 score; the IMD file is not national, so no quintile"),
            "aims": "Find and treat undiagnosed hypertension where it is most common and least detected.",
            "practices": ["Y90001", "Y90002"],
            "budget_pence": 1_250_000,
            "moves": [
                (-300, "lead_appointed", "Clinical director's email naming Dr Khan as HI lead"),
                (-265, "population_identified", "Search of adults 40-74 without a BP in 5 years: 2,150 patients"),
                (-235, "engagement", "Meetings with the community centre and the mosque"),
                (-215, "co_design", None),
                (-178, "plan_agreed", "Draft plan to the PCN board"),
                (-170, "co_design", "Residents asked for evening sessions: plan reopened"),
                (-150, "plan_agreed", "Plan agreed at the PCN board, minutes item 6"),
                (-120, "delivery", "First pop-up BP clinic held at the community centre"),
            ],
            "targets": {"evaluation": 150},
            "partners": [
                ("Harbour Community Centre", "voluntary", "Hosts the pop-up clinics"),
                ("Al-Noor Mosque", "faith", "Promotes the clinics after Friday prayers"),
                ("Downs District Council public health", "local_authority", "Loans BP monitors; data support"),
            ],
            "actions": [
                ("Book the community centre for monthly pop-up clinics", "Practice manager, Harbour St", -160, -158),
                ("Train two care coordinators to take BP readings", "Clinical pharmacist", -140, -130),
                ("Run evening clinics (Tuesdays 6-8pm)", "Care coordinator team", -100, -100),
                ("Send text invitations to the remaining 900 patients", "Care coordinator team", 10, None),
                ("Mid-point review with the PCN board", "Dr Amira Khan", 40, None),
            ],
            "sessions": [
                (-225, "community_event", "Health check afternoon at the community centre",
                 {"Residents": 34, "Community leaders": 4, "PCN staff": 5},
                 "Daytime appointments are impossible for shift workers; people do not trust letters from the surgery.",
                 "Offer evening and weekend pop-up clinics; invitations by text from a named person."),
                (-172, "focus_group", "Focus group with shift workers",
                 {"Residents": 11, "Employer representatives": 2},
                 "Evenings work only if there is no need to book.",
                 "Walk-in evening clinics, no booking."),
            ],
            "you_said": [
                ("We cannot come in the daytime.", "Evening clinics on Tuesdays 6-8pm.", 0, 2),
                ("Letters from the surgery go in the bin.", "Text invitations from a named care coordinator.", 1, 3),
            ],
            "risks": [
                ("Care coordinator turnover stops evening clinics", "medium", "Two staff trained; rota shared"),
                ("Raised readings not followed up", "high", "Weekly follow-up list reviewed by the pharmacist"),
            ],
            "spend": [(-150, 320_000, "BP monitors"), (-90, 180_000, "Community centre hire (6 months)")],
            "measures": [
                {"name": "Adults 40-74 with a BP reading in the last 5 years", "unit": "%", "direction": "increase",
                 "baseline": (-150, 61.0), "target": (215, 75.0),
                 "readings": [(-90, 63.5), (-60, 65.8), (-30, 67.9), (-3, 69.4)]},
                {"name": "Raised readings not followed up within 4 weeks", "unit": "patients", "direction": "decrease",
                 "baseline": (-150, 40), "target": (215, 5),
                 "readings": [(-90, 38), (-60, 41), (-30, 36), (-3, 35)]},
            ],
        },
        {
            "title": "Respiratory support co-designed with the Traveller community",
            "lead": "Sam Osei (social prescribing link worker)",
            "focus": ("plus", "Gypsy, Roma and Traveller communities"),
            "population": "Families on the two Downs Lane sites, where COPD and asthma reviews and flu vaccination "
                          "are rarely taken up.",
            "size": 180,
            "deprivation": ("other", "Inclusion health group; not measurable by practice IMD."),
            "aims": "Raise respiratory review and vaccination uptake on the sites.",
            "practices": ["Y90003", "Y90004"],
            "budget_pence": 400_000,
            "moves": [
                (-120, "lead_appointed", "Named at the PCN board"),
                (-95, "population_identified", "Site liaison officer's list; practice registrations"),
                (-70, "engagement", "Two site visits with the liaison officer"),
                (-40, "co_design", "First co-design session held on site"),
            ],
            "targets": {"plan_agreed": 45, "delivery": 90},
            "partners": [
                ("Downs Lane site liaison officer", "local_authority", "Introductions and trust"),
                ("Friends, Families and Travellers (local branch)", "voluntary", "Advocacy; co-facilitates sessions"),
            ],
            "actions": [
                ("Second co-design session on site", "Sam Osei", 14, None),
                ("Draft plan for the PCN board", "Sam Osei", 40, None),
            ],
            "sessions": [
                (-40, "community_event", "Tea and talk on the Downs Lane site",
                 {"Residents": 16, "Carers": 3, "Partner organisations": 2},
                 "Being turned away for having no fixed address; clinics are too far away without a car.",
                 "Explore an outreach nurse visit on site; registration help at the same visit."),
            ],
            "you_said": [
                ("We get turned away for having no address.", "Registration help offered at every site visit.", 0, None),
            ],
            "risks": [("Site residents move on before delivery", "medium", "Plan for short, repeatable visits")],
        },
        {
            "title": "Cervical screening uptake in the most deprived neighbourhoods",
            "lead": "Priya Nair (care coordinator lead)",
            "focus": ("core20", "Most deprived 20% of the PCN's patients"),
            "population": "Women aged 25-64 overdue cervical screening living in the PCN's most deprived LSOAs.",
            "size": 1320,
            "deprivation": ("pcn_most_deprived", "Patients of the three most deprived practices in the PCN by IMD rank."),
            "aims": "Close the screening gap between the most and least deprived neighbourhoods.",
            "practices": ["Y90001", "Y90002", "Y90005"],
            "budget_pence": 600_000,
            "moves": [
                (-150, "lead_appointed", None),
                (-110, "population_identified", "Screening dashboard extract by practice"),
                (-75, "engagement", "Questionnaire via practice text service"),
            ],
            "targets": {"co_design": -20, "plan_agreed": 30},
            "partners": [("Women's Wellbeing Network", "voluntary", "Peer champions")],
            "actions": [
                ("Recruit four peer champions", "Priya Nair", -45, None),
                ("Book a venue for the first co-design session", "Priya Nair", -12, None),
                ("Analyse questionnaire results", "PCN data analyst", -60, -50),
            ],
            "measures": [
                {"name": "Eligible women screened (3.5/5 year coverage)", "unit": "%", "direction": "increase",
                 "baseline": (-110, 58.0), "target": (250, 68.0), "readings": []},
            ],
        },
        {
            "title": "Flu vaccination outreach for people experiencing homelessness",
            "lead": "Dr Tom Reed",
            "focus": ("plus", "People experiencing homelessness"),
            "population": "People using the town-centre day centre and hostel.",
            "size": 95,
            "deprivation": ("none", None),
            "aims": "Offer flu vaccination and health checks where people already are.",
            "practices": ["Y90001"],
            "budget_pence": 150_000,
            "moves": [
                (-620, "lead_appointed", None),
                (-600, "population_identified", "Day centre attendance list (counts only)"),
                (-585, "engagement", "Meeting with day centre staff and users"),
                (-570, "co_design", "Session with day centre users"),
                (-560, "plan_agreed", "Plan agreed with the day centre"),
                (-540, "delivery", "Weekly outreach clinics October to January"),
                (-420, "evaluation", "Evaluation report to the PCN board"),
                (-380, "closed", "Closed; continued by the hostel's own nurse"),
            ],
            "actions": [("Weekly outreach clinic", "Dr Tom Reed", -430, -430)],
            "sessions": [(-572, "focus_group", "Day centre users' group", {"Day centre users": 9, "Staff": 3},
                          "Come to us; do not ask for ID.", "Clinics at the day centre; no ID needed.")],
            "spend": [(-500, 95_000, "Vaccines and sundries")],
            "measures": [
                {"name": "Day centre users vaccinated against flu", "unit": "people", "direction": "increase",
                 "baseline": (-560, 8), "target": (-420, 50), "readings": [(-480, 31), (-420, 57)]},
            ],
        },
    ]


def _requirements(today: date) -> list[dict]:
    fy = FinancialYear.of(today)
    last = fy.previous()
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    return [
        {"fy": last.label, "area": "health_inequalities", "title": "Agree the year's TNHI plan with the ICB",
         "due_on": date(last.start_year, 9, 30), "owner": "Dr Amira Khan", "status": "done",
         "evidence": "ICB acknowledgement email", "links": [("intervention", "1")]},
        {"fy": last.label, "area": "health_inequalities", "title": "Hypertension case-finding: year-end return",
         "due_on": last.end, "due_confirmed": 0, "owner": "PCN manager", "status": "done",
         "evidence": "Return submitted", "links": [("intervention", "1")]},
        {"fy": last.label, "area": "smr", "title": "Offer SMRs to care-home residents and complex polypharmacy",
         "due_on": last.end, "owner": "Lead clinical pharmacist", "status": "done",
         "links": [("smr_cohort", "CARE_HOME"), ("smr_cohort", "POLYPHARMACY")]},
        {"fy": last.label, "area": "access", "title": "Risk-stratify patients for continuity of care (CAIP)",
         "due_on": last.end, "owner": "Clinical director", "status": "done", "evidence": "CAIP end-of-year review"},
        {"fy": fy.label, "area": "health_inequalities", "title": "TNHI progress update to the commissioner",
         "due_on": day(14), "due_confirmed": 0, "owner": "PCN manager", "status": "in_progress",
         "links": [("intervention", "1"), ("intervention", "2"), ("intervention", "3")]},
        {"fy": fy.label, "area": "continuity", "title": "Agree the continuity-of-care cohort codes across the practices",
         "due_on": day(-10), "owner": "Clinical director", "status": "not_started"},
        {"fy": fy.label, "area": "enhanced_access", "title": "Publish the enhanced access plan for the next quarter",
         "due_on": day(25), "owner": "PCN manager", "status": "not_started"},
        {"fy": fy.label, "area": "cancer", "title": "Audit lower-GI urgent referrals for a FIT result",
         "due_on": day(75), "owner": "Lead clinical pharmacist", "status": "in_progress"},
        {"fy": fy.label, "area": "care_homes", "title": "Finish the care-home flu and COVID-19 vaccination round",
         "due_on": day(37), "owner": "Care home lead GP", "status": "in_progress",
         "links": [("smr_cohort", "CARE_HOME")]},
        {"fy": fy.label, "area": "smr", "title": "Offer SMRs to the priority cohorts within capacity",
         "due_on": fy.end, "due_confirmed": 0, "owner": "Lead clinical pharmacist", "status": "in_progress",
         "links": [("smr_cohort", "CARE_HOME"), ("smr_cohort", "SEVERE_FRAILTY")]},
    ]


def build_interventions(db, today: date) -> None:
    for spec in demo_interventions():
        _intervention(db, today, spec)
    ensure_reference(db)
    # The demo PCN has done what the earlier years asked of it (this year's shipped ones are still open).
    db.execute("UPDATE des_requirement SET status = 'done', evidence = 'Demo: completed' "
               "WHERE origin = 'reference' AND fy < ?", [FinancialYear.of(today).label])
    for r in _requirements(today):
        links = r.pop("links", [])
        rid = db["des_requirement"].insert({"due_confirmed": 1, "origin": "user", "source": "demo", **r,
                                            "due_on": r["due_on"].isoformat()}).last_pk
        for kind, target in links:
            db["des_requirement_link"].insert({"requirement_id": rid, "kind": kind, "target": target})

"""Demo interventions (one delivering with measurements, one in co-design, one overdue,
one closed; declared in interventions.toml) and DES requirements across two years, all dated
relative to `today`."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

from pcntui.domain.fy import FinancialYear
from pcntui.store.requirements import ensure_reference


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _intervention(db, today: date, spec: dict) -> int:
    """Write one intervention of interventions.toml, its days counted from `today`."""
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    moves = spec["moves"]
    iid = db["intervention"].insert({
        "title": spec["title"], "stage": moves[-1]["stage"], "lead": spec["lead"],
        "focus_kind": spec["focus"], "focus_detail": spec["focus_detail"], "population": spec["population"],
        "population_size": spec["size"], "deprivation_basis": spec["deprivation"],
        "deprivation_note": spec.get("deprivation_note"), "aims": spec["aims"], "budget_pence": spec["budget_pence"],
        "created_on": day(moves[0]["day"]).isoformat(),
    }).last_pk
    for code in spec["practices"]:
        db["intervention_practice"].insert({"intervention_id": iid, "practice_code": code})
    previous = None
    reached: dict[str, tuple[date, str | None]] = {}
    for move in moves:
        stage, evidence = move["stage"], move.get("evidence")
        db["intervention_stage_move"].insert({"intervention_id": iid, "from_stage": previous, "to_stage": stage,
                                              "moved_on": day(move["day"]).isoformat(), "evidence": evidence})
        reached[stage] = (day(move["day"]), evidence or reached.get(stage, (None, None))[1])
        previous = stage
    targets = {stage: day(n) for stage, n in spec.get("targets", {}).items()}
    for stage in sorted(set(reached) | set(targets)):
        on, evidence = reached.get(stage, (None, None))
        db["intervention_stage"].insert({"intervention_id": iid, "stage": stage, "target_on": _iso(targets.get(stage)),
                                         "reached_on": _iso(on), "evidence": evidence})
    for partner in spec.get("partners", []):
        db["intervention_partner"].insert({"intervention_id": iid, **partner})
    action_ids = []
    for action in spec.get("actions", []):
        done = action.get("done")
        action_ids.append(db["intervention_action"].insert({
            "intervention_id": iid, "description": action["what"], "owner": action["owner"],
            "due_on": _iso(day(action["due"])), "done_on": _iso(day(done)) if done is not None else None}).last_pk)
    session_ids = []
    for session in spec.get("sessions", []):
        sid = db["codesign_session"].insert({
            "intervention_id": iid, "held_on": day(session["day"]).isoformat(), "format": session["format"],
            "title": session["title"], "heard": session["heard"], "decisions": session["decisions"]}).last_pk
        for group, n in session["groups"].items():
            db["codesign_participant"].insert({"session_id": sid, "group_name": group, "people": n})
        session_ids.append(sid)
    for pair in spec.get("you_said", []):
        action = pair.get("action")
        db["you_said_we_did"].insert({
            "intervention_id": iid, "session_id": session_ids[pair["session"]], "you_said": pair["said"],
            "we_did": pair["did"], "action_id": action_ids[action] if action is not None else None,
            "recorded_on": _iso(day(spec["sessions"][pair["session"]]["day"]))})
    for risk in spec.get("risks", []):
        db["intervention_risk"].insert({"intervention_id": iid, "description": risk["what"], "rating": risk["rating"],
                                        "mitigation": risk["mitigation"]})
    for spend in spec.get("spend", []):
        db["intervention_spend"].insert({"intervention_id": iid, "spent_on": day(spend["day"]).isoformat(),
                                         "amount_pence": spend["pence"], "note": spend["note"]})
    for m in spec.get("measures", []):
        mid = db["outcome_measure"].insert({
            "intervention_id": iid, "name": m["name"], "unit": m["unit"], "direction": m["direction"],
            "baseline_value": m["baseline"]["value"], "baseline_on": day(m["baseline"]["day"]).isoformat(),
            "target_value": m["target"]["value"], "target_on": _iso(day(m["target"]["day"]))}).last_pk
        for reading in m["readings"]:
            db["outcome_reading"].insert({"measure_id": mid, "taken_on": day(reading["day"]).isoformat(),
                                          "value": reading["value"]})
    return iid


def demo_interventions() -> list[dict]:
    """The demo's interventions as declared in interventions.toml (beside this module)."""
    with (Path(__file__).parent / "interventions.toml").open("rb") as f:
        return tomllib.load(f)["intervention"]


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

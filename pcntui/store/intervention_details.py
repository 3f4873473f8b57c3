"""Interventions read in bulk: every table read once for all the interventions asked for,
so listing them costs the same number of statements for 4 or 400 (issue 12)."""

from __future__ import annotations

from datetime import date

from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS, StageMove, stage_index
from pcntui.domain.intervention_rag import Rag, compute
from pcntui.domain.measure import Reading, track
from pcntui.domain.parse import iso_date
from pcntui.store.db import Store
from pcntui.store.interventions import (
    Action, InterventionDetail, Measure, Partner, Risk, Session, Spend, StageRow, YouSaid, rag_facts,
)


def _grouped(store: Store, sql: str, where: str, ids: list[int] | None) -> dict[int, list[dict]]:
    """Rows of one query for the interventions `ids` (None: all), grouped by its `iid` column."""
    cond = "" if ids is None else f"WHERE {where} IN ({', '.join('?' * len(ids))})"
    out: dict[int, list[dict]] = {}
    for r in store.query(sql.replace("{where}", cond), list(ids or ())):
        out.setdefault(r["iid"], []).append(r)
    return out


def details(store: Store, ids: list[int] | None, as_of: date) -> list[InterventionDetail]:
    """The interventions `ids` (None: every one), in id order, each with its RAG as of `as_of`:
    one statement per table, whatever their number."""

    def child(table: str, order: str) -> dict[int, list[dict]]:
        return _grouped(store, f"SELECT *, intervention_id AS iid FROM {table} {{where}} ORDER BY {order}",
                        "intervention_id", ids)

    with store.lock:
        head = _grouped(store, "SELECT *, id AS iid FROM intervention {where} ORDER BY id", "id", ids)
        stage_rows = child("intervention_stage", "rowid")
        session_rows = child("codesign_session", "held_on, id")
        people = _grouped(store, "SELECT p.session_id AS iid, p.group_name, p.people FROM codesign_participant p "
                          "JOIN codesign_session s ON s.id = p.session_id {where} ORDER BY p.rowid",
                          "s.intervention_id", ids)
        practices = child("intervention_practice", "practice_code")
        moves = child("intervention_stage_move", "moved_on, id")
        partners = child("intervention_partner", "id")
        you_said = child("you_said_we_did", "id")
        actions = child("intervention_action", "coalesce(due_on, '9999-12-31'), id")
        risks = child("intervention_risk", "id")
        spend = child("intervention_spend", "spent_on, id")
        measures = child("outcome_measure", "id")
        readings = _grouped(store, "SELECT r.*, r.measure_id AS iid FROM outcome_reading r "
                            "JOIN outcome_measure m ON m.id = r.measure_id {where} ORDER BY r.taken_on, r.id",
                            "m.intervention_id", ids)
    out = []
    for iid, (r,) in head.items():
        targets = {s["stage"]: s for s in stage_rows.get(iid, [])}
        detail = InterventionDetail(
            id=iid, title=r["title"], stage=r["stage"], lead=r["lead"], focus_kind=r["focus_kind"],
            focus_detail=r["focus_detail"], population=r["population"], population_size=r["population_size"],
            deprivation_basis=r["deprivation_basis"], deprivation_note=r["deprivation_note"], aims=r["aims"],
            budget_pence=r["budget_pence"], created_on=iso_date(r["created_on"]), rev=r["rev"],
            practices=[p["practice_code"] for p in practices.get(iid, [])],
            stages=[StageRow(code, STAGE_LABELS[code], iso_date(targets.get(code, {}).get("target_on")),
                             iso_date(targets.get(code, {}).get("reached_on")), targets.get(code, {}).get("evidence"),
                             stage_index(code) <= stage_index(r["stage"]))
                    for code in STAGE_CODES],
            moves=[StageMove(m["id"], m["from_stage"], m["to_stage"], iso_date(m["moved_on"]), m["evidence"])
                   for m in moves.get(iid, [])],
            partners=[Partner(p["id"], p["name"], p["kind"], p["role"], p["rev"]) for p in partners.get(iid, [])],
            sessions=[Session(s["id"], iso_date(s["held_on"]), s["format"], s["title"], s["heard"], s["decisions"],
                              {p["group_name"]: p["people"] for p in people.get(s["id"], [])}, s["rev"])
                      for s in session_rows.get(iid, [])],
            you_said=[YouSaid(y["id"], y["you_said"], y["we_did"], y["session_id"], y["action_id"],
                              iso_date(y["recorded_on"])) for y in you_said.get(iid, [])],
            actions=[Action(a["id"], a["description"], a["owner"], iso_date(a["due_on"]), iso_date(a["done_on"]),
                            a["rev"]) for a in actions.get(iid, [])],
            risks=[Risk(k["id"], k["description"], k["rating"], k["mitigation"]) for k in risks.get(iid, [])],
            spend=[Spend(s["id"], iso_date(s["spent_on"]), s["amount_pence"], s["note"]) for s in spend.get(iid, [])],
            measures=[_measure(m, readings.get(m["id"], []), as_of) for m in measures.get(iid, [])],
            rag=Rag("green"),
            as_of=as_of,
        )
        detail.rag = compute(rag_facts(detail), as_of)
        out.append(detail)
    return out


def _measure(m: dict, rows: list[dict], as_of: date) -> Measure:
    readings = [Reading(r["id"], iso_date(r["taken_on"]), r["value"], r["note"]) for r in rows]
    t = track(m["direction"], m["baseline_value"], iso_date(m["baseline_on"]), m["target_value"],
              iso_date(m["target_on"]), readings, as_of, m["unit"])
    return Measure(m["id"], m["name"], m["unit"], m["direction"], m["baseline_value"], iso_date(m["baseline_on"]),
                   m["target_value"], iso_date(m["target_on"]), readings, t, m["rev"])

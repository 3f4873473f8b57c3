"""`pcntui intervention …`: create and track health-inequality interventions.

Small on purpose: create an intervention, move it between stages, set stage target dates,
log co-design sessions and "you said, we did", add actions / measures / readings /
partners / spend, list, show, and print the one-page commissioner summary. The handlers
are in `core`, `codesign` and `outcomes`; DES requirements are `pcntui.cli.requirements`.
"""

from __future__ import annotations

import argparse

from pcntui.cli.common import arg, reads
from pcntui.cli.interventions.codesign import cmd_action, cmd_done, cmd_partner, cmd_session, cmd_you_said
from pcntui.cli.interventions.core import (
    cmd_add, cmd_edit, cmd_list, cmd_show, cmd_stage, cmd_summary, cmd_target,
)
from pcntui.cli.interventions.outcomes import cmd_measure, cmd_reading, cmd_spend
from pcntui.cli.registry import add_actions, add_command
from pcntui.domain.parse import parse_id

# Values are checked by the input models of pcntui.inputs.interventions (as the forms are), so a
# flag is read as text here; only ids are parsed by argparse.
_id = arg(parse_id)
FOCUS = "core20, plus, clinical or local (default local)"
BASIS = "none, imd_quintile_1, pcn_most_deprived or other"


def register(sub, parent: argparse.ArgumentParser) -> None:
    ip = add_command(sub, "intervention", parent)
    add = add_actions(ip, "intervention_command", parent)

    p = add("list", "list interventions with stage, RAG and next action", cmd_list)
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="compute RAG as of this date (default today)")

    p = add("show", "show one intervention in full, with its RAG explained", cmd_show)
    p.add_argument("id", type=_id)
    p.add_argument("--as-of", type=reads("date"), metavar="DATE")

    p = add("add", "create an intervention (at stage 'lead appointed')", cmd_add)
    p.add_argument("--title", required=True)
    p.add_argument("--lead", help="the health inequalities lead")
    p.add_argument("--focus", help=FOCUS)
    p.add_argument("--focus-detail", metavar="TEXT", help="the PLUS group or clinical area")
    p.add_argument("--population", metavar="TEXT", help="who the population is")
    p.add_argument("--size", type=reads("parse_count"), metavar="N", help="estimated size of the population")
    p.add_argument("--practices", metavar="CODES", help="practice codes, comma-separated; or 'auto' to choose them "
                   "from --deprivation (imd_quintile_1 or pcn_most_deprived)")
    p.add_argument("--deprivation", help=f"how deprivation was established: {BASIS} (default none)")
    p.add_argument("--deprivation-note", metavar="TEXT")
    p.add_argument("--aims", metavar="TEXT")
    p.add_argument("--budget", type=reads("parse_budget"), metavar="POUNDS", help="budget, e.g. 2500 or £2,500.00")
    p.add_argument("--on", metavar="DATE", type=arg("pcntui.domain.parse:parse_date"),
                   help="date the lead was appointed (default today)")

    p = add("edit", "change an intervention's title, lead, population, focus, practices, aims or budget", cmd_edit)
    p.add_argument("id", type=_id)
    p.add_argument("--title")
    p.add_argument("--lead")
    p.add_argument("--focus", help=FOCUS)
    p.add_argument("--focus-detail", metavar="TEXT")
    p.add_argument("--population", metavar="TEXT")
    p.add_argument("--size", type=reads("parse_count"), metavar="N")
    p.add_argument("--practices", metavar="CODES", help="the full list, comma-separated; or 'auto'")
    p.add_argument("--deprivation", help=BASIS)
    p.add_argument("--deprivation-note", metavar="TEXT")
    p.add_argument("--aims", metavar="TEXT")
    p.add_argument("--budget", type=reads("parse_budget"), metavar="POUNDS")

    p = add("stage", "move an intervention to a stage (forwards or back; recorded)", cmd_stage)
    p.add_argument("id", type=_id)
    p.add_argument("stage", help="lead_appointed, population_identified, engagement, co_design, plan_agreed, "
                   "delivery, evaluation or closed")
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE", help="date of the move (default today)")
    p.add_argument("--evidence", metavar="TEXT", help="evidence note for the stage")

    p = add("target", "set the date a stage should be reached by", cmd_target)
    p.add_argument("id", type=_id)
    p.add_argument("stage")
    p.add_argument("date", type=reads("date"), help="the target date, or 'none' to clear it")

    p = add("session", "log a co-design session", cmd_session)
    p.add_argument("id", type=_id)
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE", required=True, help="date the session was held")
    p.add_argument("--format", help="workshop (the default), focus_group, community_event, interview, survey, "
                   "online, other")
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--group", action="append", metavar="GROUP=N",
                   help="who took part (at least one group), e.g. --group Residents=12 --group Carers=3")
    p.add_argument("--heard", metavar="TEXT", help="what people said")
    p.add_argument("--decisions", metavar="TEXT", help="decisions taken")

    p = add("you-said", "record a 'you said, we did' pair", cmd_you_said)
    p.add_argument("id", type=_id)
    p.add_argument("--said", required=True, metavar="TEXT")
    p.add_argument("--did", required=True, metavar="TEXT")
    p.add_argument("--session", type=_id, metavar="SESSION_ID")
    p.add_argument("--action", type=_id, metavar="ACTION_ID", help="the plan action it changed")
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE")

    p = add("action", "add a plan action", cmd_action)
    p.add_argument("id", type=_id)
    p.add_argument("--what", required=True, metavar="TEXT")
    p.add_argument("--owner")
    p.add_argument("--due", type=reads("parse_date"), metavar="DATE")

    p = add("done", "mark an action done", cmd_done)
    p.add_argument("action_id", type=_id)
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE", help="date done (default today)")

    p = add("measure", "add an outcome measure", cmd_measure)
    p.add_argument("id", type=_id)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", help="e.g. %% or patients")
    p.add_argument("--direction", help="increase (the default) or decrease")
    p.add_argument("--baseline", type=reads("parse_measure_value"), required=True, metavar="VALUE")
    p.add_argument("--baseline-on", type=reads("parse_date"), required=True, metavar="DATE")
    p.add_argument("--target", type=reads("parse_measure_value"), required=True, metavar="VALUE")
    p.add_argument("--target-on", type=reads("parse_date"), metavar="DATE")

    p = add("reading", "record a reading of an outcome measure", cmd_reading)
    p.add_argument("measure_id", type=_id)
    p.add_argument("value", type=reads("parse_measure_value"))
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE", help="date of the reading (default today)")
    p.add_argument("--note", metavar="TEXT")

    p = add("partner", "add a partner organisation", cmd_partner)
    p.add_argument("id", type=_id)
    p.add_argument("--name", required=True)
    p.add_argument("--kind", help="local_authority, voluntary, faith, school, nhs, resident or other (the default)")
    p.add_argument("--role", metavar="TEXT")

    p = add("spend", "record money spent against the budget", cmd_spend)
    p.add_argument("id", type=_id)
    p.add_argument("amount", type=reads("parse_spend"), metavar="POUNDS")
    p.add_argument("--on", type=reads("parse_date"), metavar="DATE")
    p.add_argument("--note", metavar="TEXT")

    p = add("summary", "print the one-page commissioner summary (Markdown; --out F.html: a page to open and print)",
            cmd_summary)
    p.add_argument("id", type=_id)
    p.add_argument("--as-of", type=reads("date"), metavar="DATE")
    p.add_argument("--out", metavar="FILE", help="write to FILE: HTML when it ends in .html, else Markdown "
                   "(default stdout)")

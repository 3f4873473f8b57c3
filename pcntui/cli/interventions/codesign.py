"""`pcntui intervention session|you-said|action|done|partner`: co-design and the plan."""

from __future__ import annotations

from pcntui.cli.common import opened, today
from pcntui.cli.interventions.core import dated, given, not_blank, say


def cmd_session(args) -> int:
    from pcntui.services.interventions.codesign import log_session

    raw = given(held_on=args.on, format=args.format, title=args.title, heard=args.heard, decisions=args.decisions,
                participants=args.group or "")
    with opened(args) as store:
        return say(log_session(store, args.id, raw, today=today(args)))


def cmd_you_said(args) -> int:
    from pcntui.services.interventions.codesign import add_you_said

    raw = given(you_said=args.said, we_did=args.did, session_id=args.session, action_id=args.action,
                recorded_on=dated(args.on, args))
    with opened(args) as store:
        return say(add_you_said(store, args.id, raw, today=today(args)))


def cmd_action(args) -> int:
    from pcntui.services.interventions.codesign import add_action

    not_blank(due=args.due)
    with opened(args) as store:
        return say(add_action(store, args.id, given(description=args.what, owner=args.owner, due_on=args.due),
                              today=today(args)))


def cmd_done(args) -> int:
    from pcntui.services.interventions.codesign import complete_action

    with opened(args) as store:
        return say(complete_action(store, args.action_id, {"on": dated(args.on, args)}, today=today(args)))


def cmd_partner(args) -> int:
    from pcntui.services.interventions.codesign import add_partner

    with opened(args) as store:
        return say(add_partner(store, args.id, given(name=args.name, kind=args.kind, role=args.role),
                               today=today(args)))

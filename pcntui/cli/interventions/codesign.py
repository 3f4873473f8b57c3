"""`pcntui intervention session|you-said|action|done|partner`: co-design and the plan."""

from __future__ import annotations

from pcntui.cli.interventions.core import _on, _run


def cmd_session(args) -> int:
    from pcntui.domain.codesign import SessionIn, parse_format, parse_participants
    from pcntui.domain.intervention import check
    from pcntui.store.codesign import log_session

    data = check(SessionIn, held_on=args.on, format=parse_format(args.format), title=args.title,
                 heard=args.heard, decisions=args.decisions, participants=parse_participants(args.group))
    sid = _run(args, lambda s: log_session(s, args.id, data))
    print(f"Logged co-design session {sid} ({data.held_on.isoformat()}, {sum(data.participants.values())} people).")
    return 0


def cmd_you_said(args) -> int:
    from pcntui.domain.codesign import YouSaidIn
    from pcntui.domain.intervention import check
    from pcntui.store.codesign import add_you_said

    data = check(YouSaidIn, you_said=args.said, we_did=args.did, session_id=args.session, action_id=args.action,
                 recorded_on=_on(args))
    pid = _run(args, lambda s: add_you_said(s, args.id, data))
    print(f"Recorded 'you said, we did' {pid}.")
    return 0


def cmd_action(args) -> int:
    from pcntui.domain.intervention import ActionIn, check
    from pcntui.store.codesign import add_action

    data = check(ActionIn, description=args.what, owner=args.owner, due_on=args.due)
    aid = _run(args, lambda s: add_action(s, args.id, data))
    print(f"Added action {aid}: {data.description}.")
    return 0


def cmd_done(args) -> int:
    from pcntui.store.codesign import complete_action

    on = _on(args)
    _run(args, lambda s: complete_action(s, args.action_id, on))
    print(f"Action {args.action_id} done on {on.isoformat()}.")
    return 0


def cmd_partner(args) -> int:
    from pcntui.domain.intervention import PartnerIn, check
    from pcntui.store.codesign import add_partner

    data = check(PartnerIn, name=args.name, kind=args.kind, role=args.role)
    pid = _run(args, lambda s: add_partner(s, args.id, data))
    print(f"Added partner {pid}: {data.name}.")
    return 0

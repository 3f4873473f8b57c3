"""A one-page Markdown summary of one intervention, for the commissioner."""

from __future__ import annotations

from datetime import date

from pcntui.domain.codesign import FORMATS
from pcntui.domain.intervention import DEPRIVATION_BASES, PARTNER_KINDS, STAGE_LABELS
from pcntui.domain.measure import fmt_value
from pcntui.domain.money import from_pence, gbp
from pcntui.store.tx import Reader
from pcntui.store.interventions import get_intervention
from pcntui.store.pcn import get_pcn, practices_overview

TRACK_WORDS = {"on_track": "on track", "off_track": "OFF TRACK", "no_data": "no readings yet"}


def _short(text: str | None, width: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def session_lines(s, *, cut: bool = True) -> list[str]:
    """A co-design session in words (the summary's and the intervention page's): the session (date, format,
    title, people by group), then what was heard and what was decided, each cut to 200 characters if `cut`."""
    who = ", ".join(f"{g} {n}" for g, n in s.participants.items()) or "participants not counted"
    lines = [f"{s.held_on.isoformat()} {FORMATS.get(s.format, s.format).lower()}"
             + (f" '{s.title}'" if s.title else "") + f" ({s.total} people: {who})"]
    lines += [f"{word}: {_short(text, 200) if cut else text}"
              for word, text in (("Heard", s.heard), ("Decided", s.decisions)) if text]
    return lines


def you_said_line(y, *, cut: bool = True) -> str:
    """A 'you said, we did' pair in one line, each half cut to 150 characters if `cut`."""
    said, did = (_short(y.you_said, 150), _short(y.we_did, 150)) if cut else (y.you_said, y.we_did)
    return f"You said: {said} → We did: {did}"


def intervention_summary(store: Reader, intervention_id: int, as_of: date) -> str:
    d = get_intervention(store, intervention_id, as_of)
    pcn = get_pcn(store)
    names = {p.code: p for p in practices_overview(store)}
    out = [f"# {d.title}", ""]
    if pcn:
        out.append(f"{pcn['name']} ({pcn['code']}) · summary as of {as_of.isoformat()}")
    else:
        out.append(f"Summary as of {as_of.isoformat()}")
    out += ["", f"**Stage:** {d.stage_label} · **RAG:** {d.rag.level.upper()} · **Lead:** {d.lead or 'not named'}", ""]
    if d.rag.reasons:
        out += [f"- {r.message}" for r in d.rag.reasons] + [""]
    out += ["## Population", "",
            f"- Focus: {d.focus}",
            f"- Who: {_short(d.population) or 'not described yet'}",
            f"- Estimated size: {d.population_size:,}" if d.population_size is not None else "- Estimated size: not estimated",
            f"- Deprivation basis: {DEPRIVATION_BASES[d.deprivation_basis]}"
            + (f" ({_short(d.deprivation_note, 160)})" if d.deprivation_note else "")]
    if d.practices:
        parts = []
        for code in d.practices:
            p = names.get(code)
            rank = f", IMD {p.imd.describe()}" if p and p.imd else ""
            parts.append(f"{p.name if p else code} ({code}{rank})")
        out.append("- Practices: " + "; ".join(parts))
    if d.partners:
        out.append("- Partners: " + "; ".join(
            f"{p.name} ({PARTNER_KINDS[p.kind]}{': ' + p.role if p.role else ''})" for p in d.partners))
    out += ["", "## Progress", ""]
    for s in d.stages:
        if s.reached or s.target_on:
            when = f"reached {s.reached_on.isoformat()}" if s.reached and s.reached_on else (
                "reached" if s.reached else f"due {s.target_on.isoformat()}")
            ev = f" — {_short(s.evidence, 120)}" if s.evidence and s.reached else ""
            out.append(f"- {s.label}: {when}{ev}")
    backs = [m for m in d.moves if m.backwards]
    for m in backs:
        out.append(f"- Moved back to {STAGE_LABELS[m.to_stage]} on {m.moved_on.isoformat()}"
                   + (f": {_short(m.evidence, 120)}" if m.evidence else ""))
    out += ["", "## Co-design", ""]
    if not d.sessions:
        out.append("No co-design sessions recorded yet.")
    for s in d.sessions:
        first, *more = session_lines(s)
        out += [f"- {first}", *(f"  - {line}" for line in more)]
    if d.you_said:
        out += ["", "**You said, we did**", ""]
        out += [f"- {you_said_line(y)}" for y in d.you_said]
    out += ["", "## Plan and delivery", ""]
    if d.aims:
        out += [f"Aims: {_short(d.aims, 400)}", ""]
    done = sum(1 for a in d.actions if a.done_on)
    late = [a for a in d.actions if a.overdue(as_of)]
    out.append(f"Actions: {len(d.actions)} ({done} done, {len(late)} overdue). "
               f"Budget {gbp(from_pence(d.budget_pence))}, spent {gbp(from_pence(d.spend_pence))}.")
    nxt = d.next_action()
    if nxt:
        out.append(f"Next: {nxt.description}" + (f" ({nxt.owner}" if nxt.owner else " (")
                   + (f", due {nxt.due_on.isoformat()})" if nxt.due_on else ")"))
    high = [r for r in d.risks if r.rating == "high"]
    if d.risks:
        out.append(f"Risks: {len(d.risks)} ({len(high)} high)" + (f"; top: {_short(high[0].description, 120)}" if high else ""))
    out += ["", "## Outcome measures", ""]
    if not d.measures:
        out.append("No outcome measures yet.")
    for m in d.measures:
        target = fmt_value(m.target_value, m.unit) + (f" by {m.target_on.isoformat()}" if m.target_on else "")
        latest = (f"latest {fmt_value(m.track.latest, m.unit)} ({m.track.latest_on.isoformat()})"
                  if m.track.latest is not None else "no readings")
        out.append(f"- {m.name}: baseline {fmt_value(m.baseline_value, m.unit)} ({m.baseline_on.isoformat()}), "
                   f"target {target}, {latest} — {TRACK_WORDS[m.track.state]}")
    return "\n".join(out) + "\n"

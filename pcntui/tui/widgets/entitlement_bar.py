"""The ARRS entitlement bar and the money lines under it (markup), shared by every ARRS screen
and the planned-post form's what-if."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.domain.money import gbp
from pcntui.tui.commands import key_of, reach
from pcntui.tui.safe import markup

REACH = {"import rates": "import_file('rates')", "arrs rates": "arrs_rules"}  # the shell's words → actions

if TYPE_CHECKING:
    from pcntui.domain.headroom import Headroom
    from pcntui.store.arrs import ArrsView  # the type only

BAR_WIDTH = 40


def entitlement_bar(h: Headroom, width: int = BAR_WIDTH, *, plain: bool = False) -> str:
    """`[█████▒▒▒░░░░]`: claimable to date █, the rest of the forecast ▒, forecast unclaimed ░ (so the
    headroom is ▒ + ░) (markup, or `plain` text). Without an entitlement: a sentence saying so. A forecast above the entitlement
    fills the bar and the overspend is named after it."""
    if not h.entitlement:
        text = f"No entitlement set for this year: press {key_of('arrs_entitlement')} to set it."
        return text if plain else f"[dim]{text}[/dim]"
    to_date = max(0.0, min(1.0, h.share(h.claimable_to_date) or 0.0))
    forecast = max(to_date, min(1.0, h.share(h.forecast) or 0.0))
    a = round(to_date * width)
    b = max(a, round(forecast * width))
    bar = "█" * a + "▒" * (b - a) + "░" * (width - b)
    if plain:
        return bar
    colour = "$error" if h.overspend > 0 else "$success"
    return f"[{colour}]{bar[:a]}[/][$warning]{bar[a:b]}[/][dim]{bar[b:]}[/]"


def money_summary(view: ArrsView) -> str:
    """The entitlement, the bar and its figures in words (markup, about four lines)."""
    from pcntui.report.arrs_status import recalc_lines, unconfirmed_lines

    year = view.year
    h = year.headroom
    ent = year.entitlement
    lines = []
    if ent is None:
        lines.append(f"Entitlement {year.fy.label}: [b $warning]not set[/] · "
                     f"press [b]{key_of('arrs_entitlement')}[/b] to set it "
                     "(weighted population × £ per patient, or an amount)")
    else:
        rate = "; [$warning]rate unconfirmed[/]" if view.rate_confirmed is False else ""
        lines.append(f"Entitlement {year.fy.label}: [b]{gbp(ent.amount)}[/b] ({markup(ent.basis)}{rate})")
        lines.append(entitlement_bar(h))
    pct = (lambda x: f" ({h.share(x):.0%})") if h.entitlement else (lambda x: "")
    line = (f"[$success]█[/] claimable to date [b]{gbp(h.claimable_to_date)}[/b]{pct(h.claimable_to_date)} · "
            f"[$warning]▒[/] forecast [b]{gbp(h.forecast)}[/b]{pct(h.forecast)}")
    if h.entitlement:
        line += f" · headroom [b]{gbp(h.headroom)}[/b]"
    else:
        line = line.replace("[$success]█[/] c", "C").replace("[$warning]▒[/] ", "")
    if year.estimated_claimable_to_date or year.estimated_forecast:
        line += (f" · [$warning]of which estimated {gbp(year.estimated_claimable_to_date)} to date, "
                 f"{gbp(year.estimated_forecast)} forecast[/]")
    lines.append(line)
    if h.forecast_headroom is not None:
        if h.overspend > 0:
            lines.append(f"[b $error]Forecast overspend {gbp(h.overspend)}[/] (not reimbursed)")
        elif h.underspend > 0:
            lines.append(f"[dim]░[/] forecast unclaimed [b $warning]{gbp(h.underspend)}[/] (lost at 31 March)")
        else:
            lines.append("[$success]Forecast uses the entitlement exactly.[/]")
    unconfirmed = unconfirmed_lines(view, lambda command: reach(REACH[command]))
    lines.extend(f"[$text-warning]{markup(text)}[/]" for text in recalc_lines(view) + unconfirmed)
    return "\n".join(lines)


def money_compact(view: ArrsView) -> str:
    """The same money in two lines for a short terminal: the bar with the entitlement and the forecast
    unclaimed, then claimable to date, forecast and headroom (whole pounds), and in a few words what
    rests on unconfirmed figures or was recalculated (markup)."""
    year = view.year
    h = year.headroom
    if year.entitlement is None:
        first = f"Entitlement [b $warning]not set[/] · [b]{key_of('arrs_entitlement')}[/b] sets it"
    else:
        if h.overspend > 0:
            tail = f"[b $error]forecast overspend {gbp(h.overspend, pence=False)}[/]"
        else:
            tail = f"[dim]░[/] forecast unclaimed [b]{gbp(h.underspend, pence=False)}[/b]"
        first = f"{entitlement_bar(h, 20)} entitlement [b]{gbp(h.entitlement, pence=False)}[/b] · {tail}"
    second = (f"[$success]█[/] claimable to date [b]{gbp(h.claimable_to_date, pence=False)}[/b] · "
              f"[$warning]▒[/] forecast [b]{gbp(h.forecast, pence=False)}[/b]")
    if h.entitlement:
        second += f" · headroom [b]{gbp(h.headroom, pence=False)}[/b]"
    notes = [word for word, unsure in (("rate", view.rate_confirmed is False), ("maxima", view.unconfirmed_roles),
                                       ("on-costs", not view.oncosts_confirmed)) if unsure]
    if year.estimated_claimable_to_date or year.estimated_forecast:
        notes.append(f"{gbp(year.estimated_forecast, pence=False)} estimated")
    if view.recalc is not None:
        notes.append(f"recalculated {gbp(view.recalc.recalculation.total, pence=False)}")
    if notes:
        second += f"\n[$text-warning]Unconfirmed or estimated: {', '.join(notes)}[/]"
    return f"{first}\n{second}"

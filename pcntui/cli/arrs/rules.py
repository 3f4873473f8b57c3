"""`pcntui arrs roles|rates|rate`: the rule tables in force (shipped and yours), and your maximum for a role."""

from __future__ import annotations

from pcntui.cli.arrs.text import fte
from pcntui.cli.arrs.options import say
from pcntui.cli.model_options import model_options, raw_of
from pcntui.cli.common import opened, today
from pcntui.domain.money import gbp
from pcntui.errors import UserError
from pcntui.export.text import fit


def cmd_roles(args) -> int:
    from pcntui.views.arrs.year import rulebook

    with opened(args) as store:
        rules = rulebook(store)
    rows = []
    for r in rules.roles:
        needs = "".join(x for x, v in (("S", r.requires_supervisor), ("R", r.requires_registration),
                                       ("T", r.requires_training_pathway)) if v)
        rows.append([r.code, r.name[:32], r.eligible_from.isoformat() if r.eligible_from else "", r.bands, needs,
                     "" if r.origin == "shipped" else "yours"])
    for line in fit(["Code", "Role", "From", "Bands", "Needs", ""], rows):
        print(line)
    print("Needs: S supervisor, R registration, T training pathway (defaults, unconfirmed).")
    return 0


def cmd_rates(args) -> int:
    from pcntui.views.arrs.year import rulebook

    with opened(args) as store:
        rules = rulebook(store)
    codes = [r.code for r in rules.roles]
    if args.role:
        role = rules.match_role(args.role)
        if role is None:
            raise UserError(f"'{args.role}' is not an ARRS role ('pcntui arrs roles' lists them).")
        codes = [role.code]
    rows = []
    for code in codes:
        for r in rules.rates_for(code):
            flag = "" if r.confirmed else "unconfirmed"
            rows.append([code + (f" b{r.band}" if r.band else ""), r.effective_from.isoformat(), gbp(r.annual_max, pence=False), f"{fte(r.reimbursement_pct)}%",
                         flag, "yours" if r.origin == "user" else ""])
    for line in fit(["Role", "From", "Max/WTE/yr", "Paid", "", ""], rows, {2, 3}):
        print(line)
    print("Correct or add figures: 'pcntui import rates FILE' (see docs/arrs.md).")
    return 0


RATE_FIELDS = ("role", "effective_from", "annual_max", "reimbursement_pct", "inner_london_max", "outer_london_max",
               "band", "note")


def rate_options(a) -> None:
    from pcntui.inputs.arrs import RateIn

    model_options(a, RateIn, RATE_FIELDS, required=("role", "effective_from", "annual_max"))


def cmd_rate(args) -> int:
    from pcntui.services.arrs.rules import save_rate

    with opened(args) as store:
        say(save_rate(store, raw_of(args, RATE_FIELDS), today=today(args)))
    return 0

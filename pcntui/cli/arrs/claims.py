"""`pcntui arrs claims`: the claims ledger, claimable vs claimed vs paid per person per month."""

from __future__ import annotations

from itertools import groupby

from pcntui.cli.arrs.text import print_alerts
from pcntui.export.text import fit as table
from pcntui.cli.common import clip, opened, period
from pcntui.domain.money import gbp


def cmd_claims(args) -> int:
    from pcntui.views.arrs.claims import difference, role_name
    from pcntui.views.arrs.year import claims_ledger

    with opened(args) as store:
        view = claims_ledger(store, period(args))
    y = view.year
    print(f"ARRS claims {y.fy.label} as of {y.as_of.isoformat()}; difference = claimable − claimed")
    if not y.lines:
        print("No staff in post and no claims in the year.")
    for (_, _, _), group in groupby(y.lines, key=lambda line: (line.name, line.role_code, line.staff_id)):
        lines = list(group)
        first = lines[0]
        print()
        print(clip(f"{first.name} · {role_name(view, first.role_code)}", 80))
        rows = []
        for line in lines:
            diff = difference(line)
            rows.append([line.month.strftime("%b %Y"), gbp(line.claimable), gbp(line.claimed), gbp(line.paid),
                         "" if diff is None else gbp(diff), line.status + ("" if line.in_post else " (not in post)")])
        for text in table(["  Month", "Claimable", "Claimed", "Paid", "Difference", "Status"],
                          [["  " + r[0], *r[1:]] for r in rows], {1, 2, 3, 4}):
            print(text)
    print()
    w = 20
    print(f"{'Claimable to date':<{w}}{gbp(y.claimable_to_date):>15}  (ended months)")
    print(f"{'Claimed to date':<{w}}{gbp(y.claimed_to_date):>15}  (not rejected, months begun)")
    print(f"{'Paid to date':<{w}}{gbp(y.paid_to_date):>15}")
    print(f"{'To claim':<{w}}{gbp(y.to_claim):>15}  (ended months claimed short or not claimed)")
    print(f"{'Over-claimed':<{w}}{gbp(y.over_claimed):>15}  (ended months claimed above claimable)")
    if view.alerts:
        print()
        print_alerts(view.alerts)
    return 0

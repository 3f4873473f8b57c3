"""The demo PCN's ARRS side: a roster across two financial years (starters, leavers, a WTE
change, baseline staff, GPs, general practice nurses of band 5 and 6, a first MHP at 50% and a
second at 100%, salaries rising with the pay awards), a planned post, both years' entitlements
(the weighted population grows between them), and an NWRS census with a few honest differences
to reconcile.

Dates are relative to `today`, so the demo always shows the current and previous year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from pcntui.demo.pcn import DEMO_PCN, DEMO_PRACTICES
from pcntui.domain.entitlement import entitlement_amount
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import to_pence
from pcntui.domain.reconcile import census_date
from pcntui.domain.staff import StaffMember, Terms
from pcntui.reference.arrs import shipped_rulebook
from pcntui.store.arrs import dec_text
from pcntui.store.staff import write_member


def _d(text: str) -> Decimal:
    return Decimal(text)


def demo_roster(today: date) -> list[StaffMember]:
    fy = FinancialYear.of(today)
    prev = fy.previous()
    p0, c0 = prev.start, fy.start

    def at(base: date, months: int = 0, days: int = 0) -> date:
        return base + relativedelta(months=months, days=days)

    far = at(today, months=14)

    def person(name, role, wte, start, salary, *, end=None, changes=(), oncost=None, funded=True, **extra):
        terms = [Terms(start, _d(wte), _d(salary), None if oncost is None else _d(oncost))]
        for when, new_wte, new_salary in changes:
            terms.append(Terms(when, _d(new_wte), _d(new_salary), terms[-1].oncost_pct))
        return StaffMember(id=None, name=name, role_code=role, start_date=start, end_date=end, terms=tuple(terms),
                           arrs_funded=funded, **extra)

    ok = {"training_pathway": "completed"}
    return [
        person("Priya Shah", "CP", "1", at(p0, -26), "52000", band="7", practice="Y90001",
               supervisor="Dr Helen Marsh", registration_number="2071234", registration_expiry=far, **ok),
        person("Tom Okafor", "CP", "1", at(p0, -14), "50500", band="7", practice="Y90003",
               changes=[(at(c0, 2), "0.8", "50500")], supervisor="Priya Shah", registration_number="2080456",
               registration_expiry=far, training_pathway="enrolled", note="Reduced hours from June (flexible working)"),
        person("Janet Moore", "CP", "1", at(p0, -90), "56000", funded=False, band="8a", practice="Y90002",
               supervisor="Dr Helen Marsh", registration_number="2033310", registration_expiry=far, **ok,
               note="Baseline pharmacist in post before 31 March 2019: not additional, never claimed"),
        person("Grace Bennett", "PT", "1", at(p0, 10), "34000", band="5", practice="Y90005",
               supervisor="Priya Shah", registration_number="5012987", registration_expiry=far,
               training_pathway="not started"),
        person("Sam Hughes", "SPLW", "1", at(p0, -12), "30500", end=at(c0, 4, 14), band="4",
               supervisor="Dr Amir Rahman", **ok, note="Left for a council role"),
        person("Lucy Ward", "SPLW", "0.6", at(c0, 5, 9), "31000", band="5", supervisor="Dr Amir Rahman",
               training_pathway="enrolled", note="Replaces Sam Hughes"),
        person("Aisha Khan", "CC", "1", at(p0, -6), "29000", band="4", practice="Y90001",
               supervisor="Nicola Hart", **ok),
        person("Ryan Cole", "CC", "1", at(p0, -18), "28600", end=at(p0, 7, 19), band="4", supervisor="Nicola Hart",
               **ok),
        person("Megan Price", "HWBC", "0.8", at(p0, 3), "33000", band="5", supervisor="Dr Amir Rahman", **ok),
        person("Daniel Evans", "FCP", "1", at(p0, -12), "54000", band="7", supervisor="Dr Helen Marsh",
               registration_number="PH112233", registration_expiry=at(today, 0, -10), **ok),
        person("Chloe Martin", "PARA", "1", at(p0, 8, 14), "50000", band="7", supervisor="Dr Sarah Lin",
               registration_number="PA045512", registration_expiry=far, training_pathway="enrolled"),
        person("Hannah Lewis", "MHP", "1", at(p0, 1), "42000", oncost="27.5", band="6",
               employer="Downs & Coast Mental Health NHS Trust", supervisor="Trust clinical lead",
               note="Employed by the mental health trust; 50% reimbursed"),
        person("Oliver Grant", "GPA", "1", at(p0), "28000", band="4", practice="Y90004", supervisor="Dr Sarah Lin",
               **ok),
        person("Zara Ahmed", "DTL", "0.8", at(p0, 6), "58000", band="8a"),
        person("Ellie Brooks", "NA", "1", at(p0, 2), "29500", band="4", practice="Y90006",
               registration_number="19K0457E", registration_expiry=far),
        person("Mark Taylor", "AP", "1", at(p0, -3), "60000", band="8a", supervisor="Dr Helen Marsh",
               registration_number="15A1234E", registration_expiry=far, training_pathway="enrolled"),
        person("Liam Walsh", "AP", "1", at(p0, 5), "61000", band="8a", supervisor="Dr Sarah Lin",
               registration_number="PA051177", registration_expiry=far, training_pathway="enrolled"),
        person("Kwame Mensah", "FCP", "1", at(p0, -8), "55000", band="7", supervisor="Dr Helen Marsh",
               registration_number="PH118402", registration_expiry=far, **ok),
        person("Isla Fraser", "CC", "1", at(p0, 4), "28800", band="4", practice="Y90003", supervisor="Nicola Hart",
               **ok),
        person("Jack Robinson", "CC", "0.8", at(c0, 1, 5), "28200", band="4", practice="Y90005",
               supervisor="Nicola Hart", training_pathway="enrolled"),
        person("Nadia Ali", "PT", "0.8", at(p0, -20), "35000", band="5", supervisor="Priya Shah",
               registration_number="5009921", registration_expiry=far, **ok),
        person("Ben Carter", "PARA", "1", at(p0, -10), "51000", band="7", supervisor="Dr Sarah Lin",
               registration_number="PA039904", registration_expiry=far, **ok),
        person("Harriet Young", "HWBC", "1", at(p0, -4), "32500", band="5", supervisor="Dr Amir Rahman", **ok),
        # Added for the year a PCN lives in (issue 10): GPs, general practice nurses by band, a
        # second MHP reimbursed at 100%, and the fuller roster a PCN of ~55,000 patients runs.
        person("Dr Nina Patel", "GP", "1", at(p0, -6), "82000", practice="Y90002", supervisor="Dr Helen Marsh",
               registration_number="7123456", registration_expiry=far, note="Salaried GP employed by the PCN"),
        person("Dr Marcus Lee", "GP", "0.6", at(p0, 3), "84000", practice="Y90006", supervisor="Dr Sarah Lin",
               registration_number="7234567", registration_expiry=far, note="Sessional salaried GP, 6 sessions"),
        person("Sophie Turner", "GPN", "1", at(p0, 2), "31500", band="5", practice="Y90001", supervisor="Carol Dent",
               registration_number="21A0934E", registration_expiry=far, note="New to general practice"),
        person("Ruth Adeyemi", "GPN", "0.8", at(p0), "40500", band="6", practice="Y90005", supervisor="Carol Dent",
               registration_number="09B2211E", registration_expiry=far, note="Experienced general practice nurse"),
        person("Owen Reid", "MHP", "1", at(p0, 1), "48500", oncost="27.5", band="7",
               employer="Downs & Coast Mental Health NHS Trust", supervisor="Trust clinical lead",
               reimbursement_pct=Decimal(100),
               note="Second MHP: reimbursed at up to 100% under a written agreement with the trust"),
        person("Farah Siddiqui", "CP", "1", at(p0, -20), "58000", end=at(c0, 5, -1), band="8a", practice="Y90004",
               supervisor="Priya Shah", registration_number="2059876", registration_expiry=far, **ok,
               note="Left at the end of August for a hospital post"),
        person("Rebecca Hall", "AP", "1", at(p0, -10), "62000", end=at(c0, 3, -1), band="8a", supervisor="Dr Sarah Lin",
               registration_number="16C4421E", registration_expiry=far, **ok, note="Left at the end of June"),
        person("Leo Grant", "PT", "1", at(p0, -12), "33500", band="5", practice="Y90002", supervisor="Priya Shah",
               registration_number="5017734", registration_expiry=far, **ok),
        person("Maya Singh", "CC", "1", at(p0, -9), "28500", band="4", practice="Y90006", supervisor="Nicola Hart",
               **ok),
        person("Anna Kowalski", "FCP", "1", at(p0, -2), "53000", band="7", end=at(c0, 4, -1),
               supervisor="Dr Helen Marsh", registration_number="PH120934", registration_expiry=far, **ok,
               note="Fixed-term cover to the end of July"),
    ]


# The pay awards the demo's salaries rise with, from 1 April of the year (AfC 2025/26 +3.6%, GPs
# +4% under the DDRB, domain.md 6.1). No 2026/27 award is published: the demo assumes 3%.
PAY_AWARDS = {FinancialYear(2025): (Decimal("1.036"), Decimal("1.04")),
              FinancialYear(2026): (Decimal("1.03"), Decimal("1.03"))}


def with_pay_awards(member: StaffMember) -> StaffMember:
    """The member's salary raised by each year's award from 1 April, for everyone in post before it."""
    terms = sorted(member.terms, key=lambda t: t.effective_from)
    for fy, (afc, gp) in sorted(PAY_AWARDS.items()):
        day = fy.start
        if member.start_date >= day or (member.end_date is not None and member.end_date < day):
            continue
        rise = gp if member.role_code == "GP" else afc
        base = max((t for t in terms if t.effective_from <= day), key=lambda t: t.effective_from)
        later = [replace(t, fte_salary=(t.fte_salary * rise).quantize(Decimal(1))) for t in terms if t.effective_from > day]
        earlier = [t for t in terms if t.effective_from < day]
        terms = [*earlier, replace(base, effective_from=day, fte_salary=(base.fte_salary * rise).quantize(Decimal(1))),
                 *later]
    return replace(member, terms=tuple(terms))


def demo_planned(today: date) -> list[dict]:
    start = (today.replace(day=1) + relativedelta(months=2))
    return [{
        "role_code": "CC", "title": "Care coordinator (frailty)", "wte": "1", "expected_start": start.isoformat(),
        "expected_end": None, "fte_salary_pence": 2_850_000, "oncost_pct": None, "status": "advertised",
        "filled_by": None, "note": "Advert closes in two weeks",
    }]


def _entitlement(fy: FinancialYear, weighted: int) -> dict:
    rules = shipped_rulebook()
    funding = rules.funding_for(fy)
    note = ""
    if funding is None:
        known = sorted(rules.funding, key=lambda f: f.fy)
        funding = [f for f in known if f.fy < fy][-1] if any(f.fy < fy for f in known) else known[0]
        note = f"demo: {funding.fy.label} rate per patient assumed"
    amount = entitlement_amount(weighted, funding.rate_per_patient)
    return {"fy": fy.label, "weighted_population": weighted, "rate_per_patient": dec_text(funding.rate_per_patient),
            "amount_pence": to_pence(amount), "note": note}


def demo_nwrs(today: date, roster: list[tuple[int, StaffMember]]) -> list[dict]:
    """An NWRS census three months back: the roster as recorded, with differences to find."""
    month = today.replace(day=1) - relativedelta(months=3)
    census = census_date(month.year, month.month)
    rules = shipped_rulebook()
    rows = []
    for staff_id, m in roster:
        if not m.in_post_on(census) or m.name == "Chloe Martin":  # a paramedic missing from NWRS
            continue
        t = m.terms_on(census)
        nwrs_role = {"CP": "Pharmacists", "SPLW": "Social Prescribing Link Workers", "CC": "Care Coordinators",
                     "FCP": "Physiotherapists", "MHP": "Mental Health and Wellbeing Practitioners (Mental Health "
                     "Practitioners)", "DTL": "Digital and Transformation Leads"}.get(m.role_code)
        role_name = nwrs_role or rules.role_name(m.role_code) + "s"
        fte = t.wte - Decimal("0.2") if m.name == "Aisha Khan" else t.wte  # FTE under-recorded
        rows.append({"data_source": "NWRS Staff", "staff_group": "Other Direct Patient Care staff",
                     "staff_role": role_name, "detailed_staff_role": role_name.rstrip("s"), "fte": dec_text(fte),
                     "unique_identifier": str(900100 + staff_id)})
    rows.append({"data_source": "NWRS contracted services", "staff_group": "Other Direct Patient Care staff",
                 "staff_role": "Physiotherapists", "detailed_staff_role": "Physiotherapist", "fte": "0.4",
                 "unique_identifier": ""})
    rows.append({"data_source": "NWRS Staff", "staff_group": "Directors", "staff_role": "Medical Clinical Director (GP)",
                 "detailed_staff_role": "Clinical Director – Medical", "fte": "0.25", "unique_identifier": "900001"})
    for r in rows:
        r.update({"pcn_code": DEMO_PCN["code"], "census_date": census.isoformat(), "source_file": "pcntui demo"})
    return rows


def build_arrs(db, today: date) -> None:
    roster = []
    for member in demo_roster(today):
        member = with_pay_awards(member)
        staff_id, _ = write_member(db, member)
        roster.append((staff_id, member))
    for post in demo_planned(today):
        db["planned_post"].insert(post)
    fy = FinancialYear.of(today)
    # The weighted population at 1 January before each year: the lists grew by about 1% a year.
    latest = sum(p[4] for p in DEMO_PRACTICES)
    for year, patients in ((fy.previous(), latest - latest // 90), (fy, latest)):
        db["arrs_entitlement"].insert(_entitlement(year, round(patients * 1.04)))
    db["nwrs_record"].insert_all(demo_nwrs(today, roster))

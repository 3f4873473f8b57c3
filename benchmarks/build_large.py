"""The large databases of issue 12, built reproducibly from a seed through the real commands.

    python benchmarks/build_large.py [10x] [40x] [10x-alt] [--force] [--out DIR]

`10x` is the demo PCN plus: 14 more practices (20), 500 more staff over six financial years
(523), monthly SMR counts for every practice and national cohort from April 2022 (6,600),
a 100,000-row SMR worklist (100,044) and 46 more interventions (50). `40x` is four times
that (80 practices, 2,023 staff, 26,400 counts, 400,044 patients, 200 interventions).
`10x-alt` is the size of `10x` built differently, for the held-back check: another seed,
another mix of roles, leavers, statuses and stages, and a second worklist file that updates
rows already imported.

Everything goes in as a user's files would: `pcntui demo`, then `pcntui import practices`,
`list-sizes`, `imd`, `staff`, `smr-counts`, `smr-worklist` (the CSV files are kept beside the
database) and `pcntui intervention add/stage/action/done/measure/reading`. The result is
cached in `benchmarks/out/NAME/` (git-ignored) and rebuilt only when the seed, the sizes or
mix, `GENERATOR` (bumped by hand when this script writes other data) or the program version
(pcntui version, schema version) changes; `--force` rebuilds anyway. Each folder holds
`pcn.db` (the whole database), `base.db` (the same before the worklist import, for timing
that import), the CSV files and `manifest.json` (the key and the row counts).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import io
import json
import random
import shutil
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "out"
TODAY = date(2026, 11, 23)  # the tests' pinned "today"; every figure is computed as of it
AS_OF = TODAY.isoformat()
NATIONAL_COHORTS = ("CARE_HOME", "POLYPHARMACY", "MED_ERRORS", "SEVERE_FRAILTY", "ADDICTIVE", "LEARNING_DISABILITY")
COUNTS_FROM = date(2022, 4, 1)  # 55 month ends to October 2026
STAFF_FROM = date(2021, 4, 1)  # six financial years, 2021/22 to 2026/27
GENERATOR = 3  # bump when the data this script writes changes (the cached databases are then rebuilt)
DEMO = {"practices": 6, "staff": 33, "worklist": 44, "interventions": 4}

# role: (FTE salary range in pounds, earliest start: the role's first year in the scheme)
ROLES = {
    "Clinical Pharmacist": ((44000, 58000), date(2021, 4, 1)),
    "Pharmacy Technician": ((28000, 36000), date(2021, 4, 1)),
    "Social Prescribing Link Worker": ((26000, 31000), date(2021, 4, 1)),
    "Care Coordinator": ((24000, 28000), date(2021, 4, 1)),
    "Health and Wellbeing Coach": ((26000, 31000), date(2021, 4, 1)),
    "First Contact Physiotherapist": ((46000, 55000), date(2021, 4, 1)),
    "Paramedic": ((44000, 52000), date(2021, 4, 1)),
    "Mental Health Practitioner": ((38000, 47000), date(2021, 4, 1)),
    "Dietitian": ((36000, 44000), date(2021, 4, 1)),
    "Occupational Therapist": ((36000, 44000), date(2021, 4, 1)),
    "Advanced Practitioner": ((55000, 63000), date(2022, 4, 1)),
    "Nursing Associate": ((26000, 30000), date(2021, 4, 1)),
    "General Practice Assistant": ((23000, 26000), date(2023, 4, 1)),
    "General Practitioner": ((70000, 90000), date(2024, 10, 1)),
}
FIRST = ("Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jon", "Kiran", "Lucy", "Maya",
         "Nikhil", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vic", "Will", "Yasmin", "Zoe", "Adam",
         "Beth", "Carl", "Dina", "Ewan", "Fay", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Marc", "Nora", "Omar")
LAST = ("Shah", "Okafor", "Moore", "Marsh", "Walsh", "Patel", "Jones", "Evans", "Khan", "Reed", "Nair", "Osei",
        "Brown", "Clarke", "Dunn", "Ellis", "Ford", "Grant", "Hughes", "Irwin", "Jarvis", "Kerr", "Lloyd", "Mason",
        "Noble", "Owen", "Price", "Quayle", "Rowe", "Sykes", "Tate", "Underwood", "Vance", "Wade", "Young", "Zaman",
        "Ahmed", "Bishop", "Cole", "Doyle", "Eden", "Fox", "Gill", "Hart", "Ince", "Joyce", "Kemp", "Lamb", "Mills",
        "Nash", "Orr", "Pike", "Rhodes", "Stone")
REVIEWERS = ("Priya Shah", "Tom Okafor", "Janet Moore", "Dr Helen Marsh", "Liam Walsh", "Kofi Mensah")
STAGES = ("lead_appointed", "population_identified", "engagement", "co_design", "plan_agreed", "delivery",
          "evaluation", "closed")


@dataclass(frozen=True)
class Mix:
    """What the generated data looks like (the held-back database uses another mix)."""

    roles: dict[str, int]  # role name: weight
    leavers: float  # share of staff with an end date
    recorded: float  # share of staff with supervisor, registration and training pathway recorded
    term_changes: float  # share of staff whose WTE or salary changed once (two rows)
    statuses: dict[str, int]  # worklist status: weight
    local_cohort: float  # share of worklist patients in the local cohort tracked by the worklist
    two_cohorts: float  # share of worklist patients in two cohorts
    nhs_numbers: float  # share of worklist patients with an NHS number
    stages: dict[str, int]  # intervention stage reached: weight
    updates: float = 0.0  # share of patients sent again in a later worklist file (now reviewed)


STANDARD = Mix(
    roles={"Clinical Pharmacist": 20, "Pharmacy Technician": 8, "Social Prescribing Link Worker": 12,
           "Care Coordinator": 14, "Health and Wellbeing Coach": 6, "First Contact Physiotherapist": 8,
           "Paramedic": 5, "Mental Health Practitioner": 5, "Dietitian": 2, "Occupational Therapist": 2,
           "Advanced Practitioner": 4, "Nursing Associate": 3, "General Practice Assistant": 3,
           "General Practitioner": 4},
    leavers=0.35, recorded=0.92, term_changes=0.2,
    statuses={"identified": 30, "invited": 20, "booked": 8, "completed": 30, "declined": 8, "not_suitable": 4},
    local_cohort=0.3, two_cohorts=0.15, nhs_numbers=0.5,
    stages={"lead_appointed": 3, "population_identified": 3, "engagement": 4, "co_design": 4, "plan_agreed": 3,
            "delivery": 6, "evaluation": 3, "closed": 2},
)
DIFFERENT = Mix(
    roles={"Clinical Pharmacist": 8, "Care Coordinator": 25, "Social Prescribing Link Worker": 20,
           "Health and Wellbeing Coach": 12, "Mental Health Practitioner": 10, "Paramedic": 8,
           "General Practitioner": 10, "First Contact Physiotherapist": 3, "Pharmacy Technician": 4},
    leavers=0.55, recorded=0.4, term_changes=0.4,
    statuses={"identified": 10, "invited": 15, "booked": 15, "completed": 50, "declined": 5, "not_suitable": 5},
    local_cohort=0.1, two_cohorts=0.35, nhs_numbers=0.9,
    stages={"lead_appointed": 1, "engagement": 2, "delivery": 8, "evaluation": 5, "closed": 6},
    updates=0.1,
)


@dataclass(frozen=True)
class Spec:
    name: str
    seed: int
    practices: int  # in all (the demo's six among them)
    new_staff: int  # people added to the demo's
    worklist_rows: int  # patients added to the demo's, in files of at most 100,000 rows
    interventions: int  # in all (the demo's four among them)
    mix: Mix = field(default=STANDARD)

    @classmethod
    def times_ten(cls, name: str, seed: int, scale: int = 1, mix: Mix = STANDARD) -> Spec:
        """Ten times a real PCN (`scale` 1), or `scale` times that."""
        return cls(name, seed, 20 * scale, 500 * scale, 100_000 * scale, 50 * scale, mix)

    def key(self) -> str:
        """Changes with the seed, the sizes, the mix, GENERATOR and the program's version."""
        from pcntui import __version__
        from pcntui.store.schema import SCHEMA_VERSION

        text = json.dumps([asdict(self), GENERATOR, __version__, SCHEMA_VERSION], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


SPECS = {s.name: s for s in (Spec.times_ten("10x", 12), Spec.times_ten("40x", 12, 4),
                             Spec.times_ten("10x-alt", 29, mix=DIFFERENT))}
FILE_ROWS = 100_000  # worklist rows per file


@dataclass
class Built:
    """A built database and the files it was made from."""

    folder: Path
    manifest: dict

    @property
    def db(self) -> Path:
        return self.folder / "pcn.db"

    @property
    def base(self) -> Path:
        return self.folder / "base.db"

    @property
    def worklist_file(self) -> Path:
        """A 100,000-row worklist file (the one imported into `base.db` first)."""
        return self.folder / "worklist-1.csv"


# ---------------------------------------------------------------------- running pcntui
def pcntui(*args: str) -> str:
    """Run a pcntui command in this process (the real argument parser and command); its output."""
    from pcntui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
    if code not in (0, None):
        raise SystemExit(f"pcntui {' '.join(args)} failed ({code}):\n{err.getvalue()[-3000:]}")
    return out.getvalue()


def created_id(output: str) -> str:
    """The number in 'Created intervention 7: …' / 'Added action 12: …'."""
    return output.split(":", 1)[0].split()[-1]


# ---------------------------------------------------------------------- the files
def write_csv(path: Path, header: list[str], rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def practice_codes(spec: Spec) -> list[str]:
    return [f"Y9{n:04d}" for n in range(1, spec.practices + 1)]


def practice_files(spec: Spec, rng: random.Random, folder: Path) -> tuple[Path, Path, Path]:
    """The practice map (all the PCN's practices), list sizes and IMD scores of the new ones."""
    from pcntui.demo.pcn import DEMO_PCN, DEMO_PRACTICES

    demo = {code: (name, postcode, supplier) for code, name, postcode, supplier, *_ in DEMO_PRACTICES}
    streets = ("Mill Lane", "Church Road", "High Street", "Park View", "Quay Street", "Station Road", "Hill Top")
    kinds = ("Surgery", "Medical Centre", "Health Centre", "Family Practice")
    mapped, sizes, imd = [], [], []
    for i, code in enumerate(practice_codes(spec)):
        name, postcode, supplier = demo.get(code) or (
            f"{rng.choice(streets)} {rng.choice(kinds)} {i + 1}", f"ZZ{i % 9 + 1} {i % 10}{chr(65 + i % 26)}A",
            rng.choice(("EMIS", "TPP")))
        mapped.append(["GP_PRAC_PAT_LIST", "01Oct2026", code, name, postcode, DEMO_PCN["code"], DEMO_PCN["name"],
                       DEMO_PCN["sub_icb_code"], DEMO_PCN["sub_icb_name"], DEMO_PCN["icb_code"], DEMO_PCN["icb_name"],
                       DEMO_PCN["region_code"], DEMO_PCN["region_name"], supplier])
        if code in demo:
            continue
        patients = rng.randrange(3000, 16000)
        older = round(patients * rng.uniform(0.12, 0.28))
        for extract in ("2026-07-01", "2026-10-01"):
            n = patients if extract.endswith("10-01") else patients - patients // 90
            sizes.append(["GP_PRAC_PAT_LIST", extract, "GP", code, "", postcode, "ALL", "ALL", n])
            bands = ("65_69", "70_74", "75_79", "80_84", "85_89", "90_94", "95+")
            shares = (0.26, 0.24, 0.19, 0.14, 0.1, 0.05, 0.02)
            for sex, half in (("MALE", 0.47), ("FEMALE", 0.53)):
                for band, share in zip(bands, shares):
                    sizes.append(["GP_PRAC_PAT_LIST", extract, "GP", code, "", postcode, sex, band,
                                  int(older * half * share)])
        imd.append([code, name, 2025, f"{rng.uniform(6, 48):.3f}"])
    map_file = write_csv(folder / "practices.csv", [
        "PUBLICATION", "EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "PRACTICE_POSTCODE", "PCN_CODE", "PCN_NAME",
        "SUB_ICB_LOCATION_CODE", "SUB_ICB_LOCATION_NAME", "ICB_CODE", "ICB_NAME", "COMM_REGION_CODE",
        "COMM_REGION_NAME", "SUPPLIER_NAME"], mapped)
    sizes_file = write_csv(folder / "list-sizes.csv", [
        "PUBLICATION", "EXTRACT_DATE", "ORG_TYPE", "ORG_CODE", "ONS_CODE", "POSTCODE", "SEX", "AGE_GROUP_5",
        "NUMBER_OF_PATIENTS"], sizes)
    imd_file = write_csv(folder / "imd.csv", ["PRACTICE_CODE", "PRACTICE_NAME", "IMD_YEAR", "IMD_SCORE"], imd)
    return map_file, sizes_file, imd_file


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


STAFF_HEADER = ["name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded", "practice",
                "supervisor", "registration_number", "registration_expiry", "training_pathway"]


def staff_rows(spec: Spec, rng: random.Random):
    """One row per spell of terms; a person whose terms changed has two consecutive rows."""
    names = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], spec.new_staff)
    practices = practice_codes(spec)
    span = (TODAY - timedelta(days=30) - STAFF_FROM).days
    for name in names:
        role = _weighted(rng, spec.mix.roles)
        (low, high), earliest = ROLES[role]
        start = max(STAFF_FROM + timedelta(days=rng.randrange(span)), earliest)
        end = start + timedelta(days=rng.randrange(150, 1600)) if rng.random() < spec.mix.leavers else None
        wte = rng.choice(("1", "1", "0.8", "0.6", "0.5", "0.4"))
        salary = rng.randrange(low, high, 100)
        practice = rng.choice(practices) if rng.random() < 0.5 else ""
        funded = "yes" if rng.random() < 0.92 else "no"
        person = [practice, "", "", "", ""]  # supervisor, registration number and expiry, training pathway
        if rng.random() < spec.mix.recorded:
            expiry = TODAY + timedelta(days=rng.randrange(10, 900))
            person[1:] = [f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"R{rng.randrange(10**6, 10**7)}",
                          expiry.isoformat(), rng.choice(("completed", "enrolled"))]
        change = start + timedelta(days=rng.randrange(90, 700))
        if rng.random() < spec.mix.term_changes and change < min(end or TODAY, TODAY):
            yield [name, role, wte, start, change - timedelta(days=1), salary, "", funded, *person]
            start, salary, wte = change, round(salary * rng.uniform(1.02, 1.07)), rng.choice(("1", "0.8", "0.6"))
        yield [name, role, wte, start, end or "", salary, "", funded, *person]


def month_ends(start: date, until: date) -> list[date]:
    out, first = [], start
    while True:
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        end = nxt - timedelta(days=1)
        if end > until:
            return out
        out.append(end)
        first = nxt


def count_rows(spec: Spec, rng: random.Random):
    """Year-to-date counts at each month end, per practice and national cohort."""
    for practice in practice_codes(spec):
        for cohort in NATIONAL_COHORTS:
            base = rng.randrange(40, 420)
            pace = rng.uniform(0.3, 0.95)
            done = invited = declined = 0
            eligible = base
            for end in month_ends(COUNTS_FROM, TODAY):
                if end.month == 4:  # a new financial year: the counts start again
                    done = invited = declined = 0
                    eligible = base + rng.randint(-10, 15)
                eligible = max(eligible + rng.randint(-2, 3), done, 1)
                elapsed = ((end - date(end.year - (end.month < 4), 4, 1)).days + 1) / 365
                done = max(done, min(round(eligible * pace * elapsed * rng.uniform(0.9, 1.1)), eligible))
                invited = max(invited, min(round(done * rng.uniform(1.2, 1.5)), eligible))
                declined = max(declined, min(round(done * rng.uniform(0.04, 0.1)), invited - done))
                yield [practice, cohort, end, eligible, done, invited, declined]


def _nhs(rng: random.Random) -> str:
    from pcntui.domain import nhs_number

    while True:
        first = "999" + f"{rng.randrange(1_000_000):06d}"  # 999… is the test range
        check = nhs_number.check_digit(first)
        if check is not None:
            return first + str(check)


WORKLIST_HEADER = ["practice_code", "reference", "cohort", "nhs_number", "status", "identified_on", "invited_on",
                   "booked_on", "reviewed_on", "reviewer", "meds_stopped", "meds_changed", "meds_started",
                   "follow_up_due", "note"]


def worklist_rows(spec: Spec, rng: random.Random, first: int, n: int):
    """Patients `first` … `first + n - 1` of the worklist (references P000000 onwards)."""
    practices = practice_codes(spec)
    mix = spec.mix
    year_start = date(2026, 4, 1)
    span = (TODAY - year_start).days
    for i in range(first, first + n):
        status = _weighted(rng, mix.statuses)
        identified = year_start + timedelta(days=rng.randrange(span))
        invited = identified + timedelta(days=rng.randint(3, 40)) if status != "identified" else None
        booked = invited + timedelta(days=rng.randint(2, 10)) if status in ("booked", "completed") else None
        reviewed = min(booked + timedelta(days=rng.randint(1, 30)), TODAY) if status == "completed" else None
        reviewed = max(reviewed, identified) if reviewed else None
        cohorts = ["HOUSEBOUND_DOAC"] if rng.random() < mix.local_cohort else [rng.choice(NATIONAL_COHORTS)]
        if rng.random() < mix.two_cohorts:
            cohorts.append(rng.choice([c for c in NATIONAL_COHORTS if c not in cohorts]))
        follow = reviewed + timedelta(days=rng.choice((28, 42, 90))) if reviewed and rng.random() < 0.5 else None
        yield [practices[i % len(practices)], f"P{i:06d}", ";".join(cohorts),
               _nhs(rng) if rng.random() < mix.nhs_numbers else "", status, identified, invited or "", booked or "",
               reviewed or "", rng.choice(REVIEWERS) if booked else "",
               *([rng.randint(0, 3), rng.randint(0, 2), rng.randint(0, 1)] if reviewed else ["", "", ""]),
               follow or "", "home visit" if rng.random() < 0.02 else ""]


def update_rows(spec: Spec, rng: random.Random, n: int):
    """A later file: `n` patients already imported, now reviewed."""
    practices = practice_codes(spec)
    for i in sorted(rng.sample(range(spec.worklist_rows), n)):
        reviewed = TODAY - timedelta(days=rng.randint(0, 20))
        yield [practices[i % len(practices)], f"P{i:06d}", rng.choice(NATIONAL_COHORTS), "completed", reviewed,
               rng.choice(REVIEWERS)]


# ---------------------------------------------------------------------- interventions
def add_interventions(spec: Spec, rng: random.Random, db: str) -> None:
    """The interventions beyond the demo's, each taken some way through its stages."""
    topics = ("Hypertension case-finding", "Cervical screening uptake", "Diabetes eye screening",
              "Childhood immunisations", "COPD pulmonary rehab", "Severe mental illness health checks",
              "Learning disability health checks", "Cancer screening for travellers", "Smoking cessation",
              "Flu vaccination outreach")
    groups = ("in the most deprived quintile", "for people experiencing homelessness", "for Gypsy, Roma and "
              "Traveller communities", "for people with a learning disability", "in coastal wards",
              "for people with severe mental illness")
    practices = practice_codes(spec)
    for n in range(spec.interventions - DEMO["interventions"]):
        created = TODAY - timedelta(days=rng.randrange(30, 700))
        chosen = ",".join(sorted(rng.sample(practices, rng.randint(1, 4))))
        iid = created_id(pcntui(
            "intervention", "add", "--db", db, "--title", f"{rng.choice(topics)} {rng.choice(groups)} ({n + 1})",
            "--lead", f"{rng.choice(FIRST)} {rng.choice(LAST)}", "--focus", rng.choice(("core20", "plus", "clinical")),
            "--population", "adults on the registers of the chosen practices", "--size", str(rng.randrange(80, 3000)),
            "--practices", chosen, "--deprivation", "imd_quintile_1", "--budget", str(rng.randrange(500, 20000, 250)),
            "--on", created.isoformat()))
        stage = _weighted(rng, spec.mix.stages)
        moved = created + timedelta(days=rng.randrange(5, 25))
        if stage != "lead_appointed" and moved <= TODAY:
            pcntui("intervention", "stage", iid, stage, "--db", db, "--on", moved.isoformat(),
                   "--evidence", "minutes of the steering group")
        for _ in range(rng.randint(1, 4)):
            due = created + timedelta(days=rng.randrange(20, 500))
            aid = created_id(pcntui("intervention", "action", iid, "--db", db, "--what", rng.choice(
                ("Send text invitations", "Book the community venue", "Agree the search with practices",
                 "Recruit peer champions", "Write up the evaluation")), "--owner", rng.choice(REVIEWERS),
                "--due", due.isoformat()))
            done = created + timedelta(days=rng.randrange(10, 400))
            if rng.random() < 0.5 and done <= TODAY:
                pcntui("intervention", "done", aid, "--db", db, "--on", done.isoformat())
        for _ in range(rng.randint(0, 2)):
            baseline = rng.randrange(20, 70)
            mid = created_id(pcntui(
                "intervention", "measure", iid, "--db", db, "--name", rng.choice(("Uptake", "Invited", "Reviewed")),
                "--unit", "%", "--direction", "increase", "--baseline", str(baseline),
                "--baseline-on", created.isoformat(), "--target", str(baseline + rng.randrange(5, 25)),
                "--target-on", "2027-03-31"))
            when = created
            for _ in range(rng.randint(0, 3)):
                when += timedelta(days=rng.randrange(20, 90))
                if when > TODAY:
                    break
                pcntui("intervention", "reading", mid, str(baseline + rng.randrange(-3, 20)), "--db", db,
                       "--on", when.isoformat())


# ---------------------------------------------------------------------- building
def copy_database(source: Path, target: Path) -> None:
    """A consistent single-file copy (SQLite's backup API: no -wal left behind)."""
    target.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("practice", "staff", "staff_terms", "smr_count", "smr_worklist", "intervention",
                          "intervention_action", "outcome_reading", "action", "change")}
    finally:
        con.close()


def build(spec: Spec, folder: Path, log=print) -> Built:
    """Write the database and its files into `folder` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db, rng = folder / "pcn.db", random.Random(spec.seed)
    started = time.perf_counter()

    def step(text: str) -> None:
        log(f"  [{time.perf_counter() - started:6.1f} s] {spec.name}: {text}")

    pcntui("demo", "--db", str(db), "--force", "--as-of", AS_OF)
    for kind, path in zip(("practices", "list-sizes", "imd"), practice_files(spec, rng, folder)):
        pcntui("import", kind, str(path), "--db", str(db))
    step(f"{spec.practices} practices")
    staff = write_csv(folder / "staff.csv", STAFF_HEADER, staff_rows(spec, rng))
    pcntui("import", "staff", str(staff), "--db", str(db))
    step(f"{spec.new_staff} more staff")
    counts = write_csv(folder / "smr-counts.csv", ["practice_code", "cohort", "as_of", "eligible", "completed",
                                                   "invited", "declined"], count_rows(spec, rng))
    pcntui("import", "smr-counts", str(counts), "--db", str(db))
    step("SMR counts")
    add_interventions(spec, rng, str(db))
    step("interventions")
    copy_database(db, folder / "base.db")
    for n, first in enumerate(range(0, spec.worklist_rows, FILE_ROWS), start=1):
        rows = min(FILE_ROWS, spec.worklist_rows - first)
        path = write_csv(folder / f"worklist-{n}.csv", WORKLIST_HEADER, worklist_rows(spec, rng, first, rows))
        pcntui("import", "smr-worklist", str(path), "--db", str(db))
        step(f"worklist file {n} ({rows:,} rows)")
    updates = round(spec.worklist_rows * spec.mix.updates)
    if updates:
        path = write_csv(folder / "worklist-update.csv", ["practice_code", "reference", "cohort", "status",
                                                          "reviewed_on", "reviewer"], update_rows(spec, rng, updates))
        pcntui("import", "smr-worklist", str(path), "--db", str(db))
        step(f"worklist update ({updates:,} rows)")
    copy_database(db, folder / "pcn.tmp")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    (folder / "pcn.tmp").rename(db)
    for backups in folder.glob("*-backups"):  # the imports' safety copies: not part of the data
        shutil.rmtree(backups)
    manifest = {"name": spec.name, "key": spec.key(), "seed": spec.seed,
                "as_of": AS_OF, "rows": table_counts(db), "build_seconds": round(time.perf_counter() - started, 1)}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return Built(folder, manifest)


def ensure(name: str | Spec, *, out: Path = OUT, force: bool = False, log=print) -> Built:
    """The built database `name` (see SPECS), from the cache when its key still matches."""
    spec = SPECS[name] if isinstance(name, str) else name
    folder = out / spec.name
    manifest_file = folder / "manifest.json"
    if not force and manifest_file.exists():
        manifest = json.loads(manifest_file.read_text())
        if manifest.get("key") == spec.key() and (folder / "pcn.db").exists() and (folder / "base.db").exists():
            return Built(folder, manifest)
    log(f"building {spec.name} in {folder} (seed {spec.seed}; once per seed and program version)…")
    staging = out / f".{spec.name}.building"
    built = build(spec, staging, log)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return Built(folder, built.manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"which databases ({', '.join(SPECS)}; default all)")
    parser.add_argument("--force", action="store_true", help="rebuild even when the cached copy is current")
    parser.add_argument("--out", type=Path, default=OUT, help=f"cache folder (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in SPECS]
    if unknown:
        parser.error(f"unknown database {', '.join(unknown)} (known: {', '.join(SPECS)})")
    for name in args.names or SPECS:
        built = ensure(name, out=args.out, force=args.force)
        rows = ", ".join(f"{k} {v:,}" for k, v in built.manifest["rows"].items())
        print(f"{name}: {built.db} ({built.db.stat().st_size / 1e6:.0f} MB): {rows}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

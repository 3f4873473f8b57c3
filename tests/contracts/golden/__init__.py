"""Golden files of `pcntui export KIND` on the demo (as of 2026-11-23), recorded before issue 9."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-23"
YEARS = ("2025/26", "2026/27")
KINDS = (
    "practices", "arrs", "arrs-summary", "staff", "arrs-planned", "arrs-rates", "arrs-claims",
    "smr", "smr-counts", "smr-worklist", "interventions", "requirements", "iif",
    # in `export all` since round 4 (issue 9): the tables of the newer screens
    "arrs-roster", "arrs-alerts", "arrs-nwrs", "arrs-caps", "arrs-roles", "smr-capacity", "alerts",
)
UNRECORDED = ("history",)  # also in `export all`; its times are when the demo was written, so no golden file


def file_of(fy: str, kind: str) -> Path:
    return HERE / fy.replace("/", "-") / f"{kind}.csv"

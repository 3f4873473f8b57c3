"""The demo PCN and its six practices, with list sizes over two extracts and IMD scores."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

DEMO_PCN = {
    "code": "U99901",
    "name": "Riverside & Downs Demo PCN",
    "sub_icb_code": "99X",
    "sub_icb_name": "Demo Sub-ICB Location",
    "icb_code": "QXX",
    "icb_name": "Demo Integrated Care Board",
    "region_code": "Y99",
    "region_name": "Demo Region",
    "source": "pcntui demo",
}

# code, name, postcode, supplier, list size, 65+, IMD 2025 score
DEMO_PRACTICES = [
    ("Y90001", "Riverside Medical Centre", "ZZ1 1AA", "EMIS", 14210, 2380, 34.2),
    ("Y90002", "Harbour Street Surgery", "ZZ1 2BB", "EMIS", 8930, 1490, 41.8),
    ("Y90003", "Downs View Practice", "ZZ2 3CC", "TPP", 11375, 3120, 12.6),
    ("Y90004", "Old Mill Health Centre", "ZZ2 4DD", "TPP", 6480, 1710, 18.9),
    ("Y90005", "Station Road Family Practice", "ZZ3 5EE", "EMIS", 9820, 1230, 27.5),
    ("Y90006", "Meadowbank Surgery", "ZZ3 6FF", "TPP", 4115, 1305, 9.4),
]


def latest_extract(today: date) -> date:
    """List-size files are published for the 1st of each quarter's first month."""
    first = today.replace(day=1)
    return first - relativedelta(months=(first.month - 1) % 3)


def build_pcn(db, today: date) -> None:
    db["pcn"].insert(DEMO_PCN)
    latest = latest_extract(today)
    earlier = latest - relativedelta(months=3)
    for code, name, postcode, supplier, size, older, imd in DEMO_PRACTICES:
        db["practice"].insert(
            {"code": code, "pcn_code": DEMO_PCN["code"], "name": name, "postcode": postcode,
             "supplier": supplier, "map_date": latest.isoformat()}
        )
        db["list_size"].insert({"practice_code": code, "extract_date": earlier.isoformat(),
                                "patients": size - size // 90, "aged_65_plus": older - older // 100})
        db["list_size"].insert({"practice_code": code, "extract_date": latest.isoformat(),
                                "patients": size, "aged_65_plus": older})
        db["practice_imd"].insert({"practice_code": code, "imd_year": 2025, "score": imd, "practice_name": name})

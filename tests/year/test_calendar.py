"""`pcntui export calendar`: an RFC 5545 file Outlook opens, read back with a small unfolding parser."""

from __future__ import annotations

import re
import stat
from datetime import date, datetime, timezone

import pytest

from pcntui.cli.main import main
from pcntui.domain.deadlines import Deadline
from pcntui.export.calendar import calendar_text, escape, fold

STAMP = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines), "a bare CR or LF"
    return lines


def unfold(data: bytes) -> list[str]:
    """Content lines: each physical line at most 75 octets and whole UTF-8; a leading space continues."""
    out: list[str] = []
    for raw in physical_lines(data):
        assert len(raw) <= 75, raw
        text = raw.decode("utf-8")  # fails if a fold split a character
        if text.startswith(" "):
            out[-1] += text[1:]
        else:
            out.append(text)
    return out


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(data: bytes) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfold(data):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            assert name not in current, f"{name} twice in one event"
            current[name] = value
    return found


def item(**kw) -> Deadline:
    base = dict(on=date(2027, 3, 31), kind="requirement", key="requirement-2026-27-smr",
                summary="DES due: Identify, prioritise and offer SMRs", detail="Smr, 2026/27.")
    return Deadline(**{**base, **kw})


def test_golden_example():
    text = calendar_text([item()], name="pcntui deadlines: Demo PCN", pcn_code="U99901", stamp=STAMP)
    assert text == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pcntui//pcntui deadlines//EN\r\nCALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\nX-WR-CALNAME:pcntui deadlines: Demo PCN\r\n"
        "BEGIN:VEVENT\r\nUID:requirement-2026-27-smr.U99901@pcntui\r\nDTSTAMP:20261123T093000Z\r\n"
        "DTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n"
        "SUMMARY:DES due: Identify\\, prioritise and offer SMRs\r\nDESCRIPTION:Smr\\, 2026/27.\r\n"
        "CATEGORIES:DES requirement\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("ch", ["é", "€", "🩺", "a"])
@pytest.mark.parametrize("lead", range(4))
def test_folding_never_splits_a_character(ch, lead):
    summary = "x" * lead + ch * 120
    data = calendar_text([item(summary=summary)], name="n", pcn_code="U1", stamp=STAMP).encode()
    assert events(data)[0]["SUMMARY"] == summary
    assert max(len(line) for line in physical_lines(data)) <= 75
    assert any(len(line) >= 72 for line in physical_lines(data))  # lines are filled, not cut short


def test_fold_keeps_short_lines_and_cuts_long_ones_at_75_octets():
    assert fold("a" * 75) == "a" * 75
    assert fold("a" * 76) == "a" * 75 + "\r\n a"
    assert fold("a" * 74 + "é") == "a" * 74 + "\r\n é"  # é is 2 octets: 76 would not fit


def test_text_is_escaped_and_hostile_text_cannot_break_the_file():
    hostile = "Back\\slash; semi, comma\nline two\r\nEND:VEVENT\r\nBEGIN:VEVENT\x1b[31m\u202egnp.exe\x07\tend"
    data = calendar_text([item(summary=hostile, detail=hostile)], name=hostile, pcn_code="U1", stamp=STAMP).encode()
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1 and data.count(b"\r\nEND:VEVENT\r\n") == 1
    assert b"\x1b" not in data and b"\x07" not in data and b"\t" not in data and "\u202e".encode() not in data
    got = events(data)[0]
    assert got["SUMMARY"].startswith("Back\\\\slash\\; semi\\, comma\\nline two\\nEND:VEVENT\\nBEGIN:VEVENT")
    assert unescape(got["SUMMARY"]) == "Back\\slash; semi, comma\nline two\nEND:VEVENT\nBEGIN:VEVENT[31m\ufffdgnp.exe end"
    assert escape("a,b;c\\d") == "a\\,b\\;c\\\\d"


def export_calendar(db, out, *extra) -> bytes:
    assert main(["export", "calendar", "--db", str(db), "--as-of", "2026-11-23", "--out", str(out), *extra]) == 0
    return out.read_bytes()


def test_demo_calendar_has_every_kind_of_deadline(demo_db, tmp_path):
    out = tmp_path / "deadlines.ics"
    data = export_calendar(demo_db, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and data.startswith(b"BEGIN:VCALENDAR\r\n")
    found = events(data)
    assert {e["CATEGORIES"] for e in found} == {"DES requirement", "Registration expiry", "Planned post start",
                                               "Intervention stage target", "Intervention action"}
    for e in found:
        assert re.fullmatch(r"[0-9]{8}", e["DTSTART;VALUE=DATE"]) and re.fullmatch(r"[0-9]{8}T[0-9]{6}Z", e["DTSTAMP"])
        start = datetime.strptime(e["DTSTART;VALUE=DATE"], "%Y%m%d").date()
        assert datetime.strptime(e["DTEND;VALUE=DATE"], "%Y%m%d").date() == date.fromordinal(start.toordinal() + 1)
    assert len({e["UID"] for e in found}) == len(found)
    registration = next(e for e in found if e["CATEGORIES"] == "Registration expiry")
    assert registration["SUMMARY"] == "Registration expires: Daniel Evans (First Contact Physiotherapist)"


def test_same_item_same_uid_when_its_date_changes(demo_db, tmp_path):
    before = {e["UID"]: e for e in events(export_calendar(demo_db, tmp_path / "a.ics"))}
    assert main(["requirement", "set", "--db", str(demo_db), "2026-27-cancer", "--due", "2027-02-01"]) == 0
    after = {e["UID"]: e for e in events(export_calendar(demo_db, tmp_path / "b.ics"))}
    assert set(after) == set(before)  # nothing duplicated, nothing lost
    changed = [u for u in after if after[u]["DTSTART;VALUE=DATE"] != before[u]["DTSTART;VALUE=DATE"]]
    assert changed == ["requirement-2026-27-cancer.U99901@pcntui"]


def test_done_items_leave_the_calendar_and_export_all_writes_none(demo_db, tmp_path):
    uid = "requirement-2026-27-cancer.U99901@pcntui"
    assert uid in {e["UID"] for e in events(export_calendar(demo_db, tmp_path / "a.ics"))}
    assert main(["requirement", "set", "--db", str(demo_db), "2026-27-cancer", "--status", "done",
                 "--evidence", "Minutes"]) == 0
    assert uid not in {e["UID"] for e in events(export_calendar(demo_db, tmp_path / "b.ics"))}
    assert main(["export", "all", "--db", str(demo_db), "--out", str(tmp_path / "all")]) == 0
    assert not list((tmp_path / "all").glob("calendar*"))


def test_calendar_to_stdout_has_no_bom(demo_db, capsysbinary):
    assert main(["export", "calendar", "--db", str(demo_db), "--as-of", "2026-11-23"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"BEGIN:VCALENDAR\r\n")

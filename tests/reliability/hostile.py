"""A demo database whose user text is hostile: terminal control sequences and Rich markup.

NAME carries an OSC-8 link, a bell, a screen-clear and a right-to-left override; NOTE carries
markup that would lose the words between its brackets. They go straight into the database
(as an old file, or a file edited by another tool, could hold them), bypassing input cleaning.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from pcntui.store import open_store

NAME = "Eve\x1b]8;;http://x\x07click\x1b]8;;\x07\x1b[2J\u202eZ\x9b1m\rQ"
NOTE = "see [bold]x[/] and [link=http://e]y[/]"
BAD = ("\x1b", "\x07", "\x9b", "\r", "\u202e")  # none of these may reach the terminal
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]}
# Pieces of hostile text for the trials: sequences that act on a terminal, and markup.
PIECES = ["\x1b[2J", "\x1b]8;;http://x\x07click\x1b]8;;\x07", "\x07", "\x9b31m", "\r", "\u202e", "\x1b[31m",
          "\x1b]0;title\x1b\\", "\x08", "\x7f", "\x85", "\u2066", "\x1bP+q\x1b\\", "[red]x[/red]",
          "[link=http://e]y[/]", "[/]", "\\[b]", "Zoë O'Brien", "=1+1", "\t", "\n"]

# (table, column, value, WHERE clause picking the rows): names and titles get NAME plus the
# markup (so a table cell shows both), notes and long text get NOTE.
TEXT = NAME + " " + NOTE
FIELDS = [
    ("pcn", "name", TEXT, "1"),
    ("practice", "name", TEXT, "code = (SELECT min(code) FROM practice)"),
    ("staff", "name", TEXT, "id = (SELECT min(id) FROM staff)"),
    ("staff", "note", NOTE, "id = (SELECT min(id) FROM staff)"),
    ("staff", "supervisor", TEXT, "id = (SELECT min(id) FROM staff)"),
    ("planned_post", "title", TEXT, "1"),
    ("smr_cohort", "name", TEXT, "code = (SELECT min(code) FROM smr_cohort)"),
    ("smr_cohort", "definition", NOTE, "1"),
    ("smr_worklist", "reference", TEXT, "id = (SELECT min(id) FROM smr_worklist)"),
    ("smr_worklist", "reviewer", TEXT, "1"),
    ("smr_worklist", "note", NOTE, "1"),
    ("intervention", "title", TEXT, "1"),
    ("intervention", "lead", TEXT, "1"),
    ("intervention", "population", NOTE, "1"),
    ("intervention", "aims", NOTE, "1"),
    ("intervention_partner", "name", TEXT, "1"),
    ("codesign_session", "title", TEXT, "1"),
    ("codesign_session", "heard", NOTE, "1"),
    ("codesign_session", "decisions", NOTE, "1"),
    ("codesign_participant", "group_name", TEXT, "rowid IN (SELECT min(rowid) FROM codesign_participant GROUP BY session_id)"),
    ("intervention_action", "description", TEXT, "1"),
    ("intervention_action", "owner", TEXT, "1"),
    ("you_said_we_did", "you_said", NOTE, "1"),
    ("you_said_we_did", "we_did", TEXT, "1"),
    ("intervention_risk", "description", TEXT, "1"),
    ("intervention_spend", "note", NOTE, "1"),
    ("outcome_measure", "name", TEXT, "1"),
    ("des_requirement", "title", TEXT, "1"),
    ("des_requirement", "owner", TEXT, "1"),
    ("des_requirement", "evidence", NOTE, "1"),
]


def acts_on_a_terminal(ch: str) -> bool:
    return (unicodedata.category(ch) == "Cc" and ch not in "\t\n") or ch in BIDI


def random_hostile(rng: random.Random) -> tuple[str, str]:
    """(a name, a note) made of 2 to 6 hostile pieces around plain words."""
    def one() -> str:
        return "".join(rng.choice(PIECES) + rng.choice(["Eve", "a", " ", ""]) for _ in range(rng.randint(2, 6)))
    return "Eve" + one(), one()


def make_hostile(path: Path, name: str = NAME, note: str = NOTE) -> Path:
    """Write hostile text into a demo database at `path` (one recorded action, labelled hostilely too)."""
    text = name + " " + note
    store = open_store(path)
    try:
        with store.action("Edit " + text):
            for table, column, value, where in FIELDS:
                store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE {where}",
                                   [{TEXT: text, NOTE: note}[value]])
    finally:
        store.close()
    return path

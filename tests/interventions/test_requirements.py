"""DES requirements: due-soon / overdue boundaries, shipped rows merged, user rows, links."""

from datetime import date

import pytest

from pcntui.domain.requirements import due_state
from pcntui.errors import UserError, ValidationFailed
from pcntui.reference.requirements_des import shipped_requirements, shipped_rows
from pcntui.services.requirements import add_requirement, change_requirement, link_requirement
from pcntui.store.requirements import get_requirement, list_requirements, resolve_id

AS_OF = date(2026, 11, 23)


@pytest.mark.parametrize(
    "due,status,expected",
    [
        (date(2026, 11, 22), "not_started", "overdue"),   # yesterday
        (date(2026, 11, 23), "in_progress", "due_soon"),  # today
        (date(2026, 12, 23), "not_started", "due_soon"),  # today + 30
        (date(2026, 12, 24), "not_started", ""),          # today + 31
        (date(2026, 1, 1), "done", ""),
        (date(2026, 1, 1), "not_applicable", ""),
        (None, "not_started", ""),
    ],
)
def test_due_state_boundaries(due, status, expected):
    assert due_state(status, due, AS_OF) == expected


def test_every_shipped_row_passes_the_check_a_rules_pack_row_gets_and_reads_as_it_would():
    """The shipped file is read without pydantic (every `status` reads it): each row must pass
    RequirementIn and give the very values it gives (text trimmed, blank optional text None)."""
    from dataclasses import asdict

    from pcntui.domain.requirement_in import RequirementIn

    shipped = dict(shipped_requirements())
    for key, row in shipped_rows():
        assert asdict(shipped[key]) == RequirementIn(**row).model_dump(), key


def test_shipped_requirements_are_listed_before_any_write(store):
    reqs = list_requirements(store)
    assert len(reqs) == len(shipped_requirements()) and all(r.id is None for r in reqs)
    assert {r.fy for r in reqs} == {"2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "2026/27"}
    # every unconfirmed date in the data is marked so
    access = next(r for r in reqs if r.ref_key == "2022-23-enhanced-access")
    assert access.due_confirmed and access.due_on == date(2022, 10, 1)
    tnhi = next(r for r in reqs if r.ref_key == "2021-22-hi-codesign")
    assert not tnhi.due_confirmed and tnhi.due_text() == "2022-03-31 (unconfirmed)"


def test_add_for_a_new_year_copies_shipped_rows_once(pcn_store):
    data = {"fy": "2026/27", "area": "cvd", "title": "AF audit", "due_on": "01/12/2026"}
    rid = add_requirement(pcn_store, data, today=AS_OF).value
    add_requirement(pcn_store, {**data, "title": "Second"}, today=AS_OF)
    reqs = list_requirements(pcn_store)
    assert len(reqs) == len(shipped_requirements()) + 2 and all(r.id is not None for r in reqs)
    mine = [r.title for r in list_requirements(pcn_store, "2026/27") if r.origin == "user"]
    assert mine == ["AF audit", "Second"]
    assert get_requirement(pcn_store, rid).origin == "user"


def test_update_by_shipped_key_validates_and_links(pcn_store, new_intervention):
    rid = change_requirement(pcn_store, "2023-24-smr", {"status": "done", "owner": "Lead pharmacist",
                                                          "evidence": "Audit report"}, today=AS_OF).value
    assert rid == resolve_id(pcn_store, ref_key="2023-24-smr")
    r = get_requirement(pcn_store, rid)
    assert (r.status, r.owner, r.evidence, r.origin) == ("done", "Lead pharmacist", "Audit report", "reference")
    with pytest.raises(UserError, match="--status: 'finished' is not one of"):
        change_requirement(pcn_store, rid, {"status": "finished"}, today=AS_OF)
    for kind, target in (("intervention", str(new_intervention)), ("staff", "Jo Bloggs"), ("smr_cohort", "care_home")):
        link_requirement(pcn_store, rid, {"kind": kind, "target": target}, today=AS_OF)
    links = {(link.kind, link.target) for link in get_requirement(pcn_store, rid).links}
    assert links == {("intervention", str(new_intervention)), ("staff", "Jo Bloggs"), ("smr_cohort", "CARE_HOME")}
    with pytest.raises(UserError, match="no intervention 99"):
        link_requirement(pcn_store, rid, {"kind": "intervention", "target": "99"}, today=AS_OF)
    with pytest.raises(UserError, match="no DES requirement"):
        resolve_id(pcn_store, ref_key="nonsense")


def test_requirement_input_is_checked(pcn_store):
    before = pcn_store.scalar("SELECT count(*) FROM action")
    with pytest.raises(ValidationFailed, match="--fy: '2026' is not a financial year"):
        add_requirement(pcn_store, {"fy": "2026", "area": "cvd", "title": "x"}, today=AS_OF)
    with pytest.raises(ValidationFailed, match="--area: 'dentistry' is not one of"):
        add_requirement(pcn_store, {"fy": "2026/27", "area": "dentistry", "title": "x"}, today=AS_OF)
    assert pcn_store.scalar("SELECT count(*) FROM action") == before

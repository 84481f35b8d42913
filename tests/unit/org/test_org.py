"""Organisation aggregates and the separation-of-duties table, without storage."""

from __future__ import annotations

import pytest

from aggregates.authority import Act, authorise
from aggregates.errors import InvalidInput, Refused
from aggregates.org import Grant, Role, Staff, Unit, UnitKind
from tests.support.clock import stamp


def office() -> Unit:
    return Unit.establish(stamp(), "OFFICE", "办公室", UnitKind.OFFICE)


def fin() -> Unit:
    return Unit.establish(stamp(), "FIN", "金融股", UnitKind.SECTION)


def test_staff_added_to_a_section_is_that_units_staff() -> None:
    s = Staff.add(stamp(), "S002", "李明", fin())
    assert s.holds(Role.UNIT_STAFF, "FIN") and not s.holds(Role.OFFICE_STAFF)


def test_staff_added_to_the_office_is_office_staff() -> None:
    assert Staff.add(stamp(), "S001", "王芳", office()).holds(Role.OFFICE_STAFF)


def test_staff_cannot_join_a_closed_unit() -> None:
    unit = fin()
    unit.close(stamp(), "merged")
    with pytest.raises(Refused, match="closed"):
        Staff.add(stamp(), "S002", "李明", unit)


def test_deputy_leader_needs_areas() -> None:
    s = Staff.add(stamp(), "D01", "陈", fin())
    with pytest.raises(InvalidInput) as e:
        s.assign(stamp(), Grant(role=Role.DEPUTY_LEADER))
    assert e.value.article == "附件1 第二条"


def test_unit_staff_may_not_do_the_leadership_teams_collective_discussion() -> None:
    s = Staff.add(stamp(), "S002", "李明", fin())
    with pytest.raises(Refused, match="leadership team") as e:
        authorise(s, "S002", Act.COLLECTIVE_DISCUSSION)
    assert e.value.article == "附件2 第六条(一)"


def test_unit_staff_record_only_for_their_own_unit() -> None:
    s = Staff.add(stamp(), "S002", "李明", fin())
    authorise(s, "S002", Act.RECORD_FOR_UNIT, "FIN")
    with pytest.raises(Refused, match="for FUND"):
        authorise(s, "S002", Act.RECORD_FOR_UNIT, "FUND")


def test_office_never_assesses_itself_on_site() -> None:
    s = Staff.add(stamp(), "S001", "王芳", office())
    authorise(s, "S001", Act.ONSITE_ASSESSMENT, "FIN")
    with pytest.raises(Refused, match="never for the office itself"):
        authorise(s, "S001", Act.ONSITE_ASSESSMENT, "OFFICE")


def test_quarterly_inspection_only_by_the_deputy_in_charge_of_the_area() -> None:
    s = Staff.add(stamp(), "D01", "陈", fin())
    s.assign(stamp(), Grant(role=Role.DEPUTY_LEADER, areas=("FIN",)))
    authorise(s, "D01", Act.QUARTERLY_INSPECTION, "FIN")
    with pytest.raises(Refused, match="deputy leader in charge"):
        authorise(s, "D01", Act.QUARTERLY_INSPECTION, "FUND")


def test_ended_role_is_gone_but_history_keeps_it() -> None:
    s = Staff.add(stamp(), "G01", "周", fin())
    s.assign(stamp(), Grant(role=Role.GROUP_MEMBER))
    s.end_role(stamp(), Role.GROUP_MEMBER, "调任")
    assert not s.holds(Role.GROUP_MEMBER)
    assert [type(e).__name__ for e in s.collect_events()] == [
        "Added",
        "RoleAssigned",
        "RoleAssigned",
        "RoleEnded",
    ]

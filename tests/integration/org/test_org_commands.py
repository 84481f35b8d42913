"""Organisation through the application: founding, roles, separation of duties."""

from __future__ import annotations

import pytest

from aggregates.errors import InvalidInput, Refused
from aggregates.org import Role, Staff
from ledger.application import LedgerApp
from tests.support.ledger import run


def test_only_office_staff_may_add_units(bureau: LedgerApp) -> None:
    before = bureau.max_position()
    with pytest.raises(Refused, match="only the office"):
        run(bureau, "S002", "org.unit.add", code="NEW", unit_name="新股")
    assert bureau.max_position() == before


def test_organisation_is_founded_once(bureau: LedgerApp) -> None:
    with pytest.raises(Refused, match="already founded"):
        run(bureau, "S001", "org.init", bureau="x", office_code="X", actor_name="y")


def test_deputy_without_areas_is_refused(bureau: LedgerApp) -> None:
    with pytest.raises(InvalidInput, match="附件1 第二条"):
        run(bureau, "P01", "org.role.assign", staff_id="S002", role="deputy_leader")


def test_unknown_actor_is_told_who_may(bureau: LedgerApp) -> None:
    with pytest.raises(Refused, match="not on the staff list"):
        run(bureau, "NOBODY", "org.unit.add", code="NEW", unit_name="新股")


def test_future_effective_date_is_refused(bureau: LedgerApp) -> None:
    with pytest.raises(Refused, match="future"):
        run(bureau, "S001", "org.unit.add", code="NEW", unit_name="新股", effective="2030-01-01")


def test_ended_role_no_longer_authorises(bureau: LedgerApp) -> None:
    run(bureau, "P01", "org.role.end", staff_id="G01", role="group_member", reason="调任")
    staff = bureau.get(Staff, Staff.id_for("G01"))
    assert staff is not None and not staff.holds(Role.GROUP_MEMBER)

"""Who grants roles, playing the office that tries to grant itself one (issue 10, finding 5).

Roles are granted and ended by the principal leader or a member of the leadership group
(本台账读作, 附件1 第三条), never to oneself, never backdated; the founder of a new ledger
names its first principal leader and nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from aggregates.errors import Refused
from aggregates.org import Organisation, Role, Staff
from ledger.application import LedgerApp
from ledger.demo import assessment as demo_assessment
from ledger.signing import KeyFolder
from tests.support.clock import FakeClock
from tests.support.ledger import play, refused_without_writing, run

GROUP_SEAT = {"staff_id": "S001", "role": "group_member"}


def holds(app: LedgerApp, staff_id: str, role: Role) -> bool:
    staff = app.get(Staff, Staff.id_for(staff_id))
    return staff is not None and staff.holds(role)


def test_the_office_cannot_grant_itself_a_seat_in_the_leadership_group_backdated(bureau: LedgerApp) -> None:
    """The exact command of the finding: `org role assign --staff-id S001 --role group_member
    --effective 2026-01-05` by S001."""
    message = refused_without_writing(
        bureau, Refused, "S001", "org.role.assign", **GROUP_SEAT, effective="2026-01-05"
    )
    assert "to themselves" in message and "principal leader" in message and "附件1 第三条" in message
    refused_without_writing(bureau, Refused, "S001", "org.role.assign", **GROUP_SEAT)
    assert not holds(bureau, "S001", Role.GROUP_MEMBER)


def test_another_office_clerk_cannot_grant_it_either(bureau: LedgerApp) -> None:
    message = refused_without_writing(bureau, Refused, "S005", "org.role.assign", **GROUP_SEAT)
    assert "S005 may not grant the role group_member" in message
    assert "only the principal leader (主要负责人) or a member of the leadership group" in message
    for role in ("principal_leader", "deputy_leader"):
        extra = {"areas": ["OFFICE"]} if role == "deputy_leader" else {}
        refused_without_writing(
            bureau, Refused, "S005", "org.role.assign", staff_id="S001", role=role, **extra
        )


def test_so_the_office_never_records_its_own_on_site_assessment(bureau: LedgerApp) -> None:
    """What the self-granted seat was for: the office's own on-site assessment is the group's."""
    steps = demo_assessment.steps()
    play(bureau, steps, until="assessment.onsite.record")
    refused_without_writing(bureau, Refused, "S001", "org.role.assign", **GROUP_SEAT)
    onsite = next(f for _, n, f in steps if n == "assessment.onsite.record" and f["unit"] == "OFFICE")
    message = refused_without_writing(bureau, Refused, "S001", "assessment.onsite.record", **onsite)
    assert "only a member of the transparency leadership group" in message
    run(bureau, "G01", "assessment.onsite.record", **onsite)  # the one who may


def test_a_grant_backdated_before_its_recording_is_refused_even_by_the_principal(
    bureau: LedgerApp, clock: FakeClock
) -> None:
    clock.set("2026-11-20 10:00")
    message = refused_without_writing(
        bureau,
        Refused,
        "P01",
        "org.role.assign",
        staff_id="S002",
        role="group_member",
        effective="2026-11-19",
    )
    assert "no earlier than the day it is recorded (2026-11-20)" in message and "附件1 第三条" in message
    run(bureau, "P01", "org.role.assign", staff_id="S002", role="group_member", effective="2026-11-20")
    assert holds(bureau, "S002", Role.GROUP_MEMBER)
    refused_without_writing(
        bureau,
        Refused,
        "P01",
        "org.role.end",
        staff_id="S002",
        role="group_member",
        reason="x",
        effective="2026-01-05",
    )


def test_a_leader_cannot_grant_themselves_a_role_either(bureau: LedgerApp) -> None:
    refused_without_writing(
        bureau, Refused, "P01", "org.role.assign", staff_id="P01", role="deputy_leader", areas=["FIN"]
    )
    refused_without_writing(
        bureau, Refused, "G01", "org.role.assign", staff_id="G01", role="principal_leader"
    )


def test_roles_are_ended_by_leaders_not_by_the_office(bureau: LedgerApp) -> None:
    message = refused_without_writing(
        bureau, Refused, "S001", "org.role.end", staff_id="P01", role="principal_leader", reason="x"
    )
    assert "S001 may not end the role principal_leader" in message
    run(bureau, "G01", "org.role.end", staff_id="D02", role="deputy_leader", reason="调任")
    assert not holds(bureau, "D02", Role.DEPUTY_LEADER)


def test_the_founder_names_the_first_principal_leader_and_nothing_else(
    app: LedgerApp, keys: KeyFolder
) -> None:
    run(app, "S001", "org.init", bureau="局", office_code="OFFICE", actor_name="王芳")
    run(app, "S001", "org.unit.add", code="LEAD", unit_name="领导班子", kind="leadership_team")
    for sid in ("P01", "P02"):
        run(app, "S001", "org.staff.add", staff_id=sid, staff_name=sid, unit="LEAD")
    p01 = keys.signer("P01")
    assert p01 is not None
    run(app, "S001", "org.staff.key.register", staff_id="P01", public_key=p01.public_key)  # P01 signs
    refused_without_writing(app, Refused, "S001", "org.role.assign", staff_id="P01", role="group_member")
    refused_without_writing(app, Refused, "S001", "org.role.assign", staff_id="S001", role="principal_leader")
    run(app, "S001", "org.staff.add", staff_id="S005", staff_name="吴", unit="OFFICE")
    refused_without_writing(app, Refused, "S005", "org.role.assign", staff_id="P01", role="principal_leader")
    run(app, "S001", "org.role.assign", staff_id="P01", role="principal_leader")
    org = app.get(Organisation, Organisation.id_for())
    assert org is not None and org.principal == "P01"
    message = refused_without_writing(
        app, Refused, "S001", "org.role.assign", staff_id="P02", role="principal_leader"
    )
    assert "only the principal leader" in message  # the bootstrap is over
    run(app, "P01", "org.role.assign", staff_id="P02", role="group_member")


def test_a_ledger_from_before_the_principal_was_recorded_by_name_is_past_its_bootstrap(
    tmp_path: Path,
) -> None:
    """The demo ledger kept from before the restructuring holds P01's grant but no
    ``PrincipalNamed``: its founder still may not name another principal leader."""
    db = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parents[2] / "data" / "demo-before-restructure.sqlite", db)
    old = LedgerApp(str(db))
    try:
        org = old.get(Organisation, Organisation.id_for())
        assert org is not None and org.founder == "S001" and org.principal is None
        message = refused_without_writing(
            old, Refused, "S001", "org.role.assign", staff_id="S005", role="principal_leader"
        )
        assert "only the principal leader" in message
        run(old, "P01", "org.role.assign", staff_id="S005", role="group_member")
    finally:
        old.close()

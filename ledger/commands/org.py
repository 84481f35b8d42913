"""Organisation commands: found the bureau, add units and staff, assign and end roles."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import Field

from aggregates.authority import A_ROLES, Act, authorise_role_change
from aggregates.base import Stamp
from aggregates.errors import Refused
from aggregates.org import Grant, Organisation, Role, Signing, Staff, Unit, UnitKind, key_id
from ledger.application import UnitOfWork
from ledger.commands.base import Command

CODE = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="short code, letters/digits/-/_")
PUBLIC_KEY = Field(default=None, description="their Ed25519 public key, hex (`ledger key new` prints it)")


class FoundOrganisation(Command):
    """Found the bureau: its office, and the actor as the office's first clerk.

    The founder may then name the first principal leader (``org role assign``), and only
    that: every other role is granted by the principal leader or the leadership group."""

    name = "org.init"
    bureau: str = Field(min_length=1, description="the bureau's name")
    office_code: str = CODE
    office_name: str = Field(default="办公室", min_length=1)
    actor_name: str = Field(min_length=1, description="the founding clerk's name")
    public_key: str | None = Field(
        default=None, description="the founder's public key, hex (default: the key that signs this act)"
    )
    signing: Signing = Field(
        default=Signing.REQUIRED,
        description="required: every act signed by its actor's registered key; optional: a scratch ledger",
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        if uow.get(Organisation, Organisation.id_for()) is not None:
            raise Refused("org", "the organisation is already founded; use `ledger org staff add`")
        key = self.public_key or (uow.signer.public_key if uow.signer is not None else None)
        if key is None and self.signing == Signing.REQUIRED:
            raise Refused(
                "public_key",
                f"a ledger that requires signed acts starts with its founder's key: "
                f"`ledger key new --staff-id {uow.actor}` first (or --signing optional for a scratch ledger)",
            )
        stamp = uow.stamp(self.effective)
        org = Organisation.found(stamp, self.bureau, self.office_code, self.signing)
        office = Unit.establish(stamp, self.office_code, self.office_name, UnitKind.OFFICE)
        clerk = Staff.add(stamp, uow.actor, self.actor_name, office)
        if key is not None:
            clerk.register_key(stamp, key)
        for agg in (org, office, clerk):
            uow.add(agg)
        signed = (
            f"; every act is signed (key {key_id(key)})" if key and self.signing == Signing.REQUIRED else ""
        )
        return {
            "message": f"founded {self.bureau}; {uow.actor} is office staff of {self.office_code}{signed}"
        }


class AddUnit(Command):
    """Establish a unit: a 股室/中心, the leadership team or the leadership group."""

    name = "org.unit.add"
    code: str = CODE
    unit_name: str = Field(min_length=1)
    kind: UnitKind = UnitKind.SECTION

    def touches(self) -> tuple[UUID, ...]:
        return (Unit.id_for(self.code),)

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.MANAGE_ORGANISATION)
        if uow.get(Unit, Unit.id_for(self.code)) is not None:
            raise Refused("code", f"unit {self.code} already exists")
        unit = Unit.establish(uow.stamp(self.effective), self.code, self.unit_name, self.kind)
        uow.add(unit)
        return {"id": str(unit.id), "message": f"unit {self.code} {self.unit_name} established"}


class AddStaff(Command):
    """Add a member of staff to a unit (they become that unit's staff)."""

    name = "org.staff.add"
    staff_id: str = CODE
    staff_name: str = Field(min_length=1)
    unit: str = CODE
    public_key: str | None = PUBLIC_KEY

    def touches(self) -> tuple[UUID, ...]:
        return Staff.id_for(self.staff_id), Unit.id_for(self.unit)

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.MANAGE_ORGANISATION)
        if uow.get(Staff, Staff.id_for(self.staff_id)) is not None:
            raise Refused("staff_id", f"staff {self.staff_id} already exists")
        unit = uow.load(Unit, Unit.id_for(self.unit), "unit", f"unit {self.unit}")
        stamp = uow.stamp(self.effective)
        staff = Staff.add(stamp, self.staff_id, self.staff_name, unit)
        if self.public_key is not None:
            staff.register_key(stamp, self.public_key)
        uow.add(staff)
        return {"id": str(staff.id), "message": f"{self.staff_id} {self.staff_name} added to {self.unit}"}


def role_stamp(uow: UnitOfWork, effective: date | None) -> Stamp:
    """A role takes effect no earlier than the day it is recorded: a backdated grant would make
    acts look authorised that were not (本台账读作, 附件1 第三条)."""
    stamp = uow.stamp(effective)
    if stamp.effective < uow.today:
        raise Refused(
            "effective",
            f"a role takes effect no earlier than the day it is recorded ({uow.today}), "
            f"not {stamp.effective}",
            A_ROLES,
        )
    return stamp


def role_change(uow: UnitOfWork, staff_id: str, role: Role, granting: bool) -> tuple[Organisation, Staff]:
    """Authorise a grant or end of ``role`` for ``staff_id``, and load what it changes."""
    org = uow.get(Organisation, Organisation.id_for())
    if org is None:
        raise Refused("org", "the organisation is not founded; run `ledger org init` first")
    named = uow.principal_named(org)
    authorise_role_change(uow.staff(), uow.actor, org, staff_id, role, granting, named)
    staff = uow.load(Staff, Staff.id_for(staff_id), "staff_id", f"staff {staff_id}")
    return org, staff


class AssignRole(Command):
    """Assign a role: principal leader, deputy leader (with areas), group member, unit staff.

    Granted by the principal leader or a member of the leadership group, never to oneself,
    effective no earlier than today; the first principal leader is named by the founder."""

    name = "org.role.assign"
    staff_id: str = CODE
    role: Role
    unit: str | None = Field(default=None, description="for unit_staff / office_staff")
    areas: tuple[str, ...] = Field(default=(), description="unit codes a deputy leader is in charge of")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        org, staff = role_change(uow, self.staff_id, self.role, granting=True)
        for code in (*self.areas, *([self.unit] if self.unit else [])):
            uow.load(Unit, Unit.id_for(code), "areas" if code in self.areas else "unit", f"unit {code}")
        stamp = role_stamp(uow, self.effective)
        staff.assign(stamp, Grant(role=self.role, unit=self.unit, areas=self.areas))
        if self.role == Role.PRINCIPAL_LEADER:
            uow.changed(org)
            org.name_principal(stamp, self.staff_id)
        return {"message": f"{self.staff_id} is {self.role.value}"}


class EndRole(Command):
    """End a role a member of staff holds (by those who grant roles, effective no earlier than today)."""

    name = "org.role.end"
    staff_id: str = CODE
    role: Role
    reason: str = Field(min_length=1)

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        _, staff = role_change(uow, self.staff_id, self.role, granting=False)
        staff.end_role(role_stamp(uow, self.effective), self.role, self.reason)
        return {"message": f"{self.staff_id} no longer {self.role.value}"}


class RegisterKey(Command):
    """Register a staff member's public signing key (a later one replaces it: rotation)."""

    name = "org.staff.key.register"
    staff_id: str = CODE
    public_key: str = Field(description="Ed25519 public key, hex (`ledger key new` prints it)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.MANAGE_ORGANISATION)
        staff = uow.load(Staff, Staff.id_for(self.staff_id), "staff_id", f"staff {self.staff_id}")
        old = staff.public_key
        staff.register_key(uow.stamp(self.effective), self.public_key)
        assert staff.public_key is not None
        rotated = f", replacing {key_id(old)}" if old else ""
        return {"message": f"{self.staff_id} signs with key {key_id(staff.public_key)}{rotated}"}


class RevokeKey(Command):
    """Revoke a staff member's signing key (by the office, or by its holder): it signs nothing after."""

    name = "org.staff.key.revoke"
    staff_id: str = CODE
    reason: str = Field(min_length=1)

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        if uow.actor != self.staff_id:
            uow.authorise(Act.MANAGE_ORGANISATION)
        staff = uow.load(Staff, Staff.id_for(self.staff_id), "staff_id", f"staff {self.staff_id}")
        old = staff.public_key
        staff.revoke_key(uow.stamp(self.effective), self.reason)
        return {"message": f"{self.staff_id}'s key {key_id(old or '')} revoked: {self.reason}"}

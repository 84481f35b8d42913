"""The organisation: the bureau, its units and its staff with their roles."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar
from uuid import UUID

from aggregates.audit_facts import Signing, key_id
from aggregates.base import Aggregate, Event, Frozen, Stamp, required, stable_id
from aggregates.errors import InvalidInput, Refused


class UnitKind(StrEnum):
    SECTION = "section"  # 股室/中心
    OFFICE = "office"  # 办公室
    LEADERSHIP_TEAM = "leadership_team"  # 领导班子
    LEADERSHIP_GROUP = "leadership_group"  # 政务公开领导小组


UNIT_KIND_LABELS = {
    UnitKind.SECTION: "股室/中心",
    UnitKind.OFFICE: "办公室",
    UnitKind.LEADERSHIP_TEAM: "领导班子",
    UnitKind.LEADERSHIP_GROUP: "政务公开领导小组",
}

# the units that carry the work: own catalogue items, host open days, are assessed
# (股室/中心 and 办公室; the leading team and the leading group oversee them)
WORKING_UNITS = frozenset({UnitKind.SECTION, UnitKind.OFFICE})


class Role(StrEnum):
    PRINCIPAL_LEADER = "principal_leader"  # 主要负责人
    DEPUTY_LEADER = "deputy_leader"  # 分管负责人
    OFFICE_STAFF = "office_staff"  # 办公室工作人员
    UNIT_STAFF = "unit_staff"  # 股室/中心工作人员
    GROUP_MEMBER = "group_member"  # 政务公开领导小组成员
    OFFICE_HEAD = "office_head"  # 政府信息公开工作机构负责人 (the office's head, 条例 第三十三条)


ROLE_LABELS = {
    Role.PRINCIPAL_LEADER: "主要负责人",
    Role.DEPUTY_LEADER: "分管负责人",
    Role.OFFICE_STAFF: "办公室工作人员",
    Role.UNIT_STAFF: "股室/中心工作人员",
    Role.GROUP_MEMBER: "政务公开领导小组成员",
    Role.OFFICE_HEAD: "政府信息公开工作机构负责人",
}


def check_public_key(public_key: str) -> str:
    """An Ed25519 public key as 64 lowercase hex digits; InvalidInput otherwise."""
    text = public_key.strip().lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise InvalidInput(
            "public_key", "an Ed25519 public key is 64 hex digits (`ledger key new` prints it)"
        )
    return text


class Organisation(Aggregate):
    """The bureau itself; founding it once is what lets the first office clerk act.

    It also remembers the principal leader last named: until one is, the founder may name
    the first (the bootstrap of who grants roles, see ``aggregates.authority``).
    """

    kind = "organisation"
    fixed_facts: ClassVar[dict[str, dict[str, str]]] = {
        "Founded": {
            "office_code": "the office's code names its unit; found the office once",
            "signing": "whether acts are signed is decided when the ledger is founded",
        }
    }

    name: str
    office_code: str
    founder: str
    principal: str | None
    signing: Signing

    @staticmethod
    def id_for() -> UUID:
        return stable_id("organisation", "bureau")

    @classmethod
    def found(
        cls, stamp: Stamp, name: str, office_code: str, signing: Signing = Signing.REQUIRED
    ) -> Organisation:
        return cls._create(
            cls.id_for(), cls.Founded, stamp, name=name, office_code=office_code, signing=signing
        )

    def name_principal(self, stamp: Stamp, staff_id: str) -> None:
        """Record that ``staff_id`` was granted the principal leader's role."""
        self._trigger(self.PrincipalNamed, stamp, staff_id=staff_id)

    class Founded(Event):
        class_version = 2
        creates = True
        name: str
        office_code: str
        signing: Signing

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["signing"] = Signing.OPTIONAL  # founded before acts were signed

        def apply(self, org: Organisation) -> None:
            org.name = self.name
            org.office_code = self.office_code
            org.founder = self.actor
            org.principal = None
            org.signing = self.signing

        def summary(self) -> str:
            return f"{self.name} founded, office {self.office_code}, signing {self.signing.value}"

    class PrincipalNamed(Event):
        staff_id: str

        def apply(self, org: Organisation) -> None:
            org.principal = self.staff_id

        def summary(self) -> str:
            return f"{self.staff_id} named principal leader"


class Unit(Aggregate):
    """A 股室/中心, the office, the leadership team or the transparency leadership group."""

    kind = "unit"
    fixed_facts: ClassVar[dict[str, dict[str, str]]] = {
        "Established": {
            "code": "the code names the unit; establish a new unit",
            "unit_kind": "the kind decides who acts for the unit (the office never checks itself); "
            "establish a new unit",
        }
    }

    code: str
    name: str
    unit_kind: UnitKind
    active: bool

    @staticmethod
    def id_for(code: str) -> UUID:
        return stable_id("unit", code)

    @classmethod
    def establish(cls, stamp: Stamp, code: str, name: str, unit_kind: UnitKind) -> Unit:
        return cls._create(
            cls.id_for(code), cls.Established, stamp, code=code, name=name, unit_kind=unit_kind
        )

    def named(self) -> dict[str, Any]:
        """The unit as the events about its work name it: code, name and kind as they are now."""
        return {"unit": self.code, "unit_name": self.name, "unit_kind": self.unit_kind}

    def ensure_open(self, field: str = "unit") -> None:
        """A closed unit takes no new work: refused, naming ``field``."""
        if not self.active:
            raise Refused(field, f"unit {self.code} is closed")

    def close(self, stamp: Stamp, reason: str) -> None:
        if not self.active:
            raise Refused("unit", f"unit {self.code} is already closed")
        self._trigger(self.Closed, stamp, reason=reason)

    class Established(Event):
        creates = True
        code: str
        name: str
        unit_kind: UnitKind

        def apply(self, unit: Unit) -> None:
            self.assign(unit, "code", "name", "unit_kind")
            unit.active = True

        def summary(self) -> str:
            return f"{self.code} {self.name} ({UNIT_KIND_LABELS[self.unit_kind]})"

    class Closed(Event):
        reason: str

        def apply(self, unit: Unit) -> None:
            unit.active = False


class Grant(Frozen):
    """One role held by a staff member; ``unit`` scopes unit roles, ``areas`` a deputy's."""

    role: Role
    unit: str | None = None
    areas: tuple[str, ...] = ()


class Staff(Aggregate):
    """A member of staff and the roles they hold."""

    kind = "staff"
    fixed_facts: ClassVar[dict[str, dict[str, str]]] = {
        "Added": {
            "staff_id": "the id names the member of staff; add a new one",
            "unit": "the unit decided the role granted with it; roles are ended and granted anew",
        }
    }

    staff_id: str
    name: str
    unit: str
    grants: dict[Role, Grant]
    active: bool
    public_key: str | None  # the key the staff member signs acts with now (hex); None: none, or revoked
    revoked: frozenset[str]  # ids of keys revoked: never registered again

    @staticmethod
    def id_for(staff_id: str) -> UUID:
        return stable_id("staff", staff_id)

    @classmethod
    def add(cls, stamp: Stamp, staff_id: str, name: str, unit: Unit) -> Staff:
        unit.ensure_open()
        staff = cls._create(
            cls.id_for(staff_id), cls.Added, stamp, staff_id=staff_id, name=name, unit=unit.code
        )
        role = Role.OFFICE_STAFF if unit.unit_kind == UnitKind.OFFICE else Role.UNIT_STAFF
        staff.assign(stamp, Grant(role=role, unit=unit.code))
        return staff

    def assign(self, stamp: Stamp, grant: Grant) -> None:
        if not self.active:
            raise Refused("staff_id", f"{self.staff_id} has left")
        if grant.role == Role.DEPUTY_LEADER and not grant.areas:
            raise InvalidInput("areas", "a deputy leader is assigned the areas in charge", "附件1 第二条")
        if grant.role in (Role.UNIT_STAFF, Role.OFFICE_STAFF) and not grant.unit:
            raise InvalidInput("unit", "a unit role names its unit")
        if self.grants.get(grant.role) == grant:
            raise Refused("role", f"{self.staff_id} already holds {grant.role.value} as given")
        self._trigger(self.RoleAssigned, stamp, grant=grant)

    def end_role(self, stamp: Stamp, role: Role, reason: str) -> None:
        if role not in self.grants:
            raise Refused("role", f"{self.staff_id} does not hold {role.value}")
        self._trigger(self.RoleEnded, stamp, role=role, reason=reason)

    def register_key(self, stamp: Stamp, public_key: str) -> None:
        """Register the public half of the key this person signs with; a later one replaces it
        (rotation): acts signed with the old key before stay verifiable."""
        if not self.active:
            raise Refused("staff_id", f"{self.staff_id} has left")
        key = check_public_key(public_key)
        if key == self.public_key:
            raise Refused("public_key", f"{self.staff_id} already signs with key {key_id(key)}")
        if key_id(key) in self.revoked:
            raise Refused(
                "public_key", f"key {key_id(key)} was revoked; a revoked key is never registered again"
            )
        replaces = key_id(self.public_key) if self.public_key else None
        self._trigger(self.KeyRegistered, stamp, public_key=key, key_id=key_id(key), replaces=replaces)

    def revoke_key(self, stamp: Stamp, reason: str) -> None:
        """Revoke the current key (lost, leaked, or its holder left): it signs nothing after this."""
        if self.public_key is None:
            raise Refused("staff_id", f"{self.staff_id} has no key to revoke")
        required("reason", reason, "a revocation states its reason")
        self._trigger(self.KeyRevoked, stamp, key_id=key_id(self.public_key), reason=reason.strip())

    def holds(self, role: Role, unit: str | None = None) -> bool:
        grant = self.grants.get(role) if self.active else None
        if grant is None:
            return False
        return unit is None or grant.unit == unit

    def in_charge_of(self, area: str) -> bool:
        grant = self.grants.get(Role.DEPUTY_LEADER) if self.active else None
        return grant is not None and area in grant.areas

    class Added(Event):
        creates = True
        staff_id: str
        name: str
        unit: str

        def apply(self, staff: Staff) -> None:
            self.assign(staff, "staff_id", "name", "unit")
            staff.grants = {}
            staff.active = True
            staff.public_key = None
            staff.revoked = frozenset()

        def summary(self) -> str:
            return f"{self.staff_id} {self.name} joins {self.unit}"

    class RoleAssigned(Event):
        grant: Grant

        def apply(self, staff: Staff) -> None:
            staff.grants = {**staff.grants, self.grant.role: self.grant}

        def summary(self) -> str:
            scope = self.grant.unit or ",".join(self.grant.areas)
            return f"{ROLE_LABELS[self.grant.role]} {scope}".strip()

    class RoleEnded(Event):
        role: Role
        reason: str

        def apply(self, staff: Staff) -> None:
            staff.grants = {k: v for k, v in staff.grants.items() if k != self.role}

        def summary(self) -> str:
            return f"{ROLE_LABELS[self.role]} ended: {self.reason}"

    class KeyRegistered(Event):
        public_key: str  # Ed25519, raw 32 bytes as hex
        key_id: str
        replaces: str | None = None

        def apply(self, staff: Staff) -> None:
            staff.public_key = self.public_key

        def summary(self) -> str:
            rotated = f", replacing {self.replaces}" if self.replaces else ""
            return f"signing key {self.key_id} registered{rotated}"

    class KeyRevoked(Event):
        key_id: str
        reason: str

        def apply(self, staff: Staff) -> None:
            staff.public_key = None
            staff.revoked = staff.revoked | {self.key_id}

        def summary(self) -> str:
            return f"signing key {self.key_id} revoked: {self.reason}"

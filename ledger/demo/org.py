"""The bureau: the office, three sections, the leadership team and the leadership group.

The office founds the bureau and adds its people, effective on the day they joined; roles
are granted by the leaders, on the day they are recorded (a grant is never backdated): the
founder names the first principal leader, who grants the others' roles, and a member of
the leadership group the principal's own seat in the group (no one grants themselves).

Every act is signed: given the staff's public keys, the office registers each one right
after adding its holder (the founder's comes with ``org.init``), before anyone else acts.
"""

from __future__ import annotations

from collections.abc import Mapping

from ledger.demo import Step

DAY = "2026-01-05"
FOUNDER = "S001"
STAFF = ("S001", "S002", "S003", "S004", "S005", "P01", "D01", "D02", "G01")  # each signs with a key


def key_steps(public_keys: Mapping[str, str]) -> list[Step]:
    """The office registers each staff member's public key (the founder's came with ``org.init``),
    on the day it is recorded, like a role."""
    return [
        (FOUNDER, "org.staff.key.register", {"staff_id": s, "public_key": public_keys[s]})
        for s in STAFF
        if s != FOUNDER and s in public_keys
    ]


def steps(public_keys: Mapping[str, str] | None = None) -> list[Step]:
    office = "S001"
    raw: list[Step] = [
        (office, "org.init", {"bureau": "雁江区金融工作局", "office_code": "OFFICE", "actor_name": "王芳"}),
        (office, "calendar.seed", {"until": 2025}),  # 2026 is recorded late: see the decision demo
        (office, "policy.seed", {}),
        (office, "org.unit.add", {"code": "FIN", "unit_name": "金融股"}),
        (office, "org.unit.add", {"code": "FUND", "unit_name": "资金股"}),
        (office, "org.unit.add", {"code": "SERV", "unit_name": "金融服务中心"}),
        (office, "org.unit.add", {"code": "LEAD", "unit_name": "局领导班子", "kind": "leadership_team"}),
        (
            office,
            "org.unit.add",
            {"code": "GROUP", "unit_name": "政务公开领导小组", "kind": "leadership_group"},
        ),
        (office, "org.staff.add", {"staff_id": "S002", "staff_name": "李明", "unit": "FIN"}),
        (office, "org.staff.add", {"staff_id": "S003", "staff_name": "赵强", "unit": "FUND"}),
        (office, "org.staff.add", {"staff_id": "S004", "staff_name": "孙丽", "unit": "SERV"}),
        (office, "org.staff.add", {"staff_id": "S005", "staff_name": "吴静", "unit": "OFFICE"}),
        (office, "org.staff.add", {"staff_id": "P01", "staff_name": "张局长", "unit": "LEAD"}),
        (office, "org.staff.add", {"staff_id": "D01", "staff_name": "陈副局长", "unit": "LEAD"}),
        (office, "org.staff.add", {"staff_id": "D02", "staff_name": "刘副局长", "unit": "LEAD"}),
        (office, "org.staff.add", {"staff_id": "G01", "staff_name": "周组长", "unit": "GROUP"}),
    ]
    dated = [(actor, name, {"effective": DAY, **fields}) for actor, name, fields in raw]
    principal, group = "P01", "G01"
    roles: list[Step] = [
        (office, "org.role.assign", {"staff_id": principal, "role": "principal_leader"}),  # the bootstrap
        (
            principal,
            "org.role.assign",
            {"staff_id": "D01", "role": "deputy_leader", "areas": ["FIN", "FUND"]},
        ),
        (
            principal,
            "org.role.assign",
            {"staff_id": "D02", "role": "deputy_leader", "areas": ["SERV", "OFFICE"]},
        ),
        (principal, "org.role.assign", {"staff_id": group, "role": "group_member"}),
        (group, "org.role.assign", {"staff_id": principal, "role": "group_member"}),
    ]
    return dated + key_steps(public_keys or {}) + roles

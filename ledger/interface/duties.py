"""Read functions for the leaders' transparency duties (附件1, 一岗双责): plain data for the CLI."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aggregates.duties import OUTCOME_LABELS, DutyYear
from aggregates.org import Role, Staff
from ledger.interface.assessment import check_year, standing, tally
from ledger.interface.core import Ledger
from ledger.when import NOW, When


def duties_status(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """Each responsible person's year: meetings and inspections due, met, missed; the outcome."""
    check_year(year)
    board = [r for r in ledger.deadlines(when) if r["key"].startswith("duties:")]
    people = []
    duties = []
    for row in ledger.directory(when)["staff"]:
        staff_id = row["staff_id"]
        duty = ledger.as_recorded(DutyYear, DutyYear.id_for(staff_id, year), when)
        if duty is None:
            staff = ledger.as_recorded(Staff, Staff.id_for(staff_id), when)
            leader = staff is not None and (
                staff.holds(Role.PRINCIPAL_LEADER) or staff.holds(Role.DEPUTY_LEADER)
            )
            if leader:
                people.append(
                    {"staff_id": staff_id, "name": row["name"], "responsibility": "not recorded for the year"}
                )
            continue
        prefix = f"duties:{staff_id}:{year}:"
        mine = [r for r in board if r["key"].startswith(prefix)]
        counts = Counter(r["status"] for r in mine)
        for r in mine:
            _, _, _, period, *rest = r["key"].split(":")
            kind = rest[-1] if rest else period  # "commendation" is the year's, not a period's
            duties.append(
                {
                    "staff_id": staff_id,
                    "period": "" if kind == "commendation" else period,
                    "duty": kind if kind in ("meeting", "commendation") else "inspection",
                    "area": rest[0] if len(rest) == 2 else "",
                    **standing(r),
                }
            )
        roles = (["principal leader"] if duty.principal else []) + (
            [f"deputy for {','.join(duty.areas)}"] if duty.areas else []
        )
        inspected = dict.fromkeys([*duty.areas, *(i.area for i in duty.inspections)])
        open_problems = [f"{area}: {p}" for area in inspected for p in duty.open_problems(area)]
        people.append(
            {
                "staff_id": staff_id,
                "name": duty.name,
                "responsibility": " and ".join(roles),
                "meetings": len(duty.meetings),
                "inspections": len(duty.inspections),
                **{k: n for k, n in tally(counts).items() if k != "closed"},  # duties have no windows
                "open problems": "; ".join(open_problems),
                "outcome": OUTCOME_LABELS[duty.outcome] if duty.outcome else None,
                "reasons": "; ".join((*duty.shortfalls, *duty.reasons)),
            }
        )
    duties.sort(key=lambda d: (d["staff_id"], d["due"] or "", d["area"]))
    return {"year": year, "people": people, "duties": duties}

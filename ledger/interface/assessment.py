"""Read functions for the assessment (附件5) and leaders' duties (附件1): plain data for the CLI.

Evidence is read-only: the deadline board's facts about a unit in a year, as the
assessors' reference beside the self-assessment. It never scores.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from aggregates.assessment import (
    CRITERION_ITEMS,
    GRADE_LABELS,
    Assessment,
    Criterion,
    ScoringStandard,
    show,
)
from aggregates.duties import OUTCOME_LABELS, DutyYear
from aggregates.errors import InvalidInput, NotFound
from aggregates.org import Role, Staff, Unit, UnitKind
from ledger.interface.core import Ledger

# the board's words for a fact, as the assessors read them
STANDING = {"met": "met", "met late": "met late", "overdue": "missed"}
SYSTEMS = {
    "decision": "重大行政决策预公开 (附件2)",
    "catalogue": "政务公开事项清单 (附件3)",
    "open_day": "政务开放日 (附件4)",
    "assessment": "监督考核 (附件5)",
    "duties": "一岗双责 (附件1)",
}


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise InvalidInput("year", f"{year} is not a year between 2000 and 2100")


def _unit(ledger: Ledger, code: str) -> Unit:
    unit = ledger.app.get(Unit, Unit.id_for(code))
    if unit is None:
        raise NotFound("unit", f"no unit {code} in the ledger; see `ledger org list`")
    return unit


def _assessment_row(a: Assessment) -> dict[str, Any]:
    return {
        "unit": a.unit,
        "unit_name": a.unit_name,
        "stage": a.stage.value,
        "self_total": show(a.self_total) if a.self_total is not None else None,
        "onsite_total": show(a.onsite_total) if a.onsite_total is not None else None,
        "computed_grade": GRADE_LABELS[a.computed_grade] if a.computed_grade else None,
        "grade": GRADE_LABELS[a.grade] if a.grade else None,
        "grade_reason": a.grade_reason,
        "due": a.due.isoformat(),
        "announced_on": a.announced_on.isoformat() if a.announced_on else None,
        "commended": a.commended,
        "criticised": a.criticised,
        "rectification": a.rectification.value,
        "rectify_by": a.rectify_by.isoformat() if a.rectify_by else None,
        "award_eligible": a.award_eligible,
    }


def evidence(
    ledger: Ledger, unit: str, year: int, as_of: str | None = None, known_at: str | None = None
) -> dict[str, Any]:
    """The board's obligations of ``unit`` due in ``year``: met, met late, missed — by system."""
    _check_year(year)
    found = _unit(ledger, unit)
    rows = [
        r
        for r in ledger.deadlines(as_of, known_at, unit)
        if r["due"] is not None and date.fromisoformat(r["due"]).year == year
    ]
    facts = []
    for r in rows:
        system = r["key"].split(":", 1)[0]
        facts.append(
            {
                "system": system,
                "key": r["key"],
                "subject": r["subject"],
                "obligation": r["obligation"],
                "due": r["due"],
                "standing": STANDING.get(r["status"], r["status"]),
                "done_on": r["met_on"],
                "citation": r["citation"],
            }
        )
    facts.sort(key=lambda f: (f["system"], f["due"], f["key"]))
    summary = []
    for system in sorted({f["system"] for f in facts}):
        counts = Counter(f["standing"] for f in facts if f["system"] == system)
        summary.append(
            {
                "system": system,
                "label": SYSTEMS.get(system, system),
                "met": counts["met"],
                "met late": counts["met late"],
                "missed": counts["missed"],
                "still open": sum(n for s, n in counts.items() if s not in ("met", "met late", "missed")),
            }
        )
    assessment = ledger.as_recorded(Assessment, Assessment.id_for(unit, year), as_of, known_at)
    return {
        "unit": unit,
        "unit_name": found.name,
        "year": year,
        "as_of": as_of or (known_at or ledger.today().isoformat()),
        "note": "facts from the ledger for the assessors' reference; they do not score (附件5 第五条)",
        "assessment": _assessment_row(assessment) if assessment else None,
        "summary": summary,
        "facts": facts,
    }


def results(
    ledger: Ledger, year: int, as_of: str | None = None, known_at: str | None = None
) -> dict[str, Any]:
    """The year's scoring standard and every unit's assessment, step by step (now, or as it stood)."""
    _check_year(year)
    standard = ledger.as_recorded(ScoringStandard, ScoringStandard.id_for(year), as_of, known_at)
    rows = []
    for row in ledger.directory(as_of, known_at)["units"]:
        if row["kind"] not in (UnitKind.SECTION.value, UnitKind.OFFICE.value):
            continue
        a = ledger.as_recorded(Assessment, Assessment.id_for(row["code"], year), as_of, known_at)
        rows.append(
            _assessment_row(a)
            if a
            else {"unit": row["code"], "unit_name": row["name"], "stage": "not opened"}
        )
    return {
        "year": year,
        "standard": [
            {"item": CRITERION_ITEMS[c], "criterion": c.value, "points": show(standard.points[c])}
            for c in Criterion
        ]
        if standard
        else "not recorded",
        "assessments": rows,
    }


def duties_status(
    ledger: Ledger, year: int, as_of: str | None = None, known_at: str | None = None
) -> dict[str, Any]:
    """Each responsible person's year: meetings and inspections due, met, missed; the outcome."""
    _check_year(year)
    board = [r for r in ledger.deadlines(as_of, known_at) if r["key"].startswith("duties:")]
    people = []
    duties = []
    for row in ledger.directory(as_of, known_at)["staff"]:
        staff_id = row["staff_id"]
        duty = ledger.as_recorded(DutyYear, DutyYear.id_for(staff_id, year), as_of, known_at)
        if duty is None:
            staff = ledger.as_recorded(Staff, Staff.id_for(staff_id), as_of, known_at)
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
        counts = Counter(STANDING.get(r["status"], r["status"]) for r in mine)
        for r in mine:
            _, _, _, period, *rest = r["key"].split(":")
            duties.append(
                {
                    "staff_id": staff_id,
                    "period": period,
                    "duty": "meeting" if rest[-1] == "meeting" else "inspection",
                    "area": rest[0] if len(rest) == 2 else "",
                    "due": r["due"],
                    "standing": STANDING.get(r["status"], r["status"]),
                    "done_on": r["met_on"],
                    "citation": r["citation"],
                }
            )
        roles = (["principal leader"] if duty.principal else []) + (
            [f"deputy for {','.join(duty.areas)}"] if duty.areas else []
        )
        open_problems = [f"{area}: {p}" for area in duty.areas for p in duty.open_problems(area)]
        people.append(
            {
                "staff_id": staff_id,
                "name": duty.name,
                "responsibility": " and ".join(roles),
                "meetings": len(duty.meetings),
                "inspections": len(duty.inspections),
                "met": counts["met"],
                "met late": counts["met late"],
                "missed": counts["missed"],
                "still open": sum(n for s, n in counts.items() if s not in ("met", "met late", "missed")),
                "open problems": "; ".join(open_problems),
                "outcome": OUTCOME_LABELS[duty.outcome] if duty.outcome else None,
                "reasons": "; ".join((*duty.shortfalls, *duty.reasons)),
            }
        )
    duties.sort(key=lambda d: (d["staff_id"], d["due"] or "", d["area"]))
    return {"year": year, "people": people, "duties": duties}

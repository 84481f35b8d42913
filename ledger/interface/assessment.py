"""Read functions for the assessment (附件5): plain data for the CLI.

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
    UnscheduledChecks,
    show,
)
from aggregates.errors import InvalidInput, NotFound
from aggregates.org import WORKING_UNITS, Unit
from ledger.interface.core import Ledger
from ledger.rules.deadlines import STATES
from ledger.systems import label_of
from ledger.when import NOW, When, local_time, year_problem


def standing(row: dict[str, Any]) -> dict[str, Any]:
    """A board row as evidence: when it was due, how it stands (the board's word), when done, why."""
    return {
        "due": row["due"],
        "standing": row["status"],
        "done_on": row["met_on"],
        "citation": row["citation"],
    }


def tally(counts: Counter[str]) -> dict[str, int]:
    """How many are in each state, by the board's words: a closed comment window is closed,
    never still open (it is no obligation left to meet)."""
    return {state: counts[state] for state in STATES}


def check_year(year: int) -> None:
    why = year_problem(year)
    if why is not None:
        raise InvalidInput("year", why)


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
        "reassessed_total": show(a.reassessed_total) if a.reassessed_total is not None else None,
        "reassessed_grade": GRADE_LABELS[a.reassessed_grade] if a.reassessed_grade else None,
        "award_eligible": a.award_eligible,
        "eligibility": _eligibility(a),
    }


def _eligibility(a: Assessment) -> str:
    """附件5 第六条: kept unless the leadership group decided otherwise, with its reasons."""
    if a.consequences_on is not None:
        what = "kept" if a.award_eligible else "removed"
        return f"{what} by the leadership group on {a.consequences_on}: {a.consequences_reasons}"
    if a.rectification.value == "failed":
        return "rectification failed; the leadership group decides (视情节)" + (
            "" if a.award_eligible else " — removed with the failure (recorded before 视情节 was read)"
        )
    return "kept"


def _checks(ledger: Ledger, unit: str, year: int, when: When) -> list[dict[str, Any]]:
    """The unit's unscheduled checks (不定期检查, 附件5 第二条) in ``year``."""
    found = ledger.as_recorded(UnscheduledChecks, UnscheduledChecks.id_for(unit, year), when)
    if found is None:
        return []
    return [
        {
            "number": c.number,
            "on": c.on.isoformat(),
            "by": c.by,
            "findings": c.findings,
            "problems": list(c.problems),
            "citation": "附件5 第二条",
        }
        for c in sorted(found.checks.values(), key=lambda c: c.number)
    ]


def evidence(ledger: Ledger, unit: str, year: int, when: When = NOW) -> dict[str, Any]:
    """The board's obligations of ``unit`` due in ``year``: met, met late, missed — by system."""
    check_year(year)
    found = _unit(ledger, unit)
    rows = [
        r
        for r in ledger.deadlines(when, unit)
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
                **standing(r),
            }
        )
    facts.sort(key=lambda f: (f["system"], f["due"], f["key"]))
    summary = []
    for system in sorted({f["system"] for f in facts}):
        counts = Counter(f["standing"] for f in facts if f["system"] == system)
        summary.append({"system": system, "label": label_of(system), **tally(counts)})
    assessment = ledger.as_recorded(Assessment, Assessment.id_for(unit, year), when)
    return {
        "unit": unit,
        "unit_name": found.name,
        "year": year,
        "as_of": when.as_of.isoformat()
        if when.as_of
        else local_time(when.known_at)
        if when.known_at
        else ledger.today().isoformat(),
        "note": "facts from the ledger for the assessors' reference; they do not score (附件5 第五条)",
        "assessment": _assessment_row(assessment) if assessment else None,
        "summary": summary,
        "facts": facts,
        "unscheduled_checks": _checks(ledger, unit, year, when),
        "complaints": _complaints(ledger, unit, year, when),
    }


def _complaints(ledger: Ledger, unit: str, year: int, when: When) -> dict[str, Any]:
    """Complaints about the unit's disclosure work received in ``year``, and how many were
    handled (附件5 第四条(七): 责任追究和投诉处理)."""
    from projections.request.register import RequestRegister

    rows = [
        r
        for key, r in ledger.rows(RequestRegister, when).items()
        if key.startswith("complaint:") and r["unit"] == unit and r["received_on"][:4] == str(year)
    ]
    handled = sum(1 for r in rows if r["handled_on"])
    received = len(rows)
    return {
        "criterion": "附件5 第四条(七)",
        "received": received,
        "handled": handled,
        "open": received - handled,
    }


def results(ledger: Ledger, year: int, when: When = NOW) -> dict[str, Any]:
    """The year's scoring standard and every unit's assessment, step by step (now, or as it stood)."""
    check_year(year)
    standard = ledger.as_recorded(ScoringStandard, ScoringStandard.id_for(year), when)
    rows = []
    for row in ledger.directory(when)["units"]:
        if row["kind"] not in WORKING_UNITS:
            continue
        a = ledger.as_recorded(Assessment, Assessment.id_for(row["code"], year), when)
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

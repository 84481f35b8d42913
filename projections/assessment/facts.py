"""What an assessment's public notices print: the announced result (通报) and, once
verified, the rectification."""

from __future__ import annotations

from aggregates.assessment.aggregate import Assessment
from aggregates.assessment.vocabulary import (
    GRADE_LABELS,
    Rectification,
)
from aggregates.public import Facts, PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = Assessment


def public_facts(assessment: Assessment) -> list[PublicFact]:
    """The announced grade and the verified rectification: never the scores or reports."""
    if assessment.announced_on is None or assessment.grade is None:
        return []
    head = {"year": assessment.year, "unit": assessment.unit, "unit_name": assessment.unit_name}
    facts = Facts("assessment", f"assessment:{assessment.year}:{assessment.unit}", assessment.unit, head)
    rectify_by = assessment.rectify_by.isoformat() if assessment.rectify_by else None
    facts.add(
        "result",
        "",
        assessment.announced_on,
        grade=assessment.grade.value,
        grade_label=GRADE_LABELS[assessment.grade],
        commended=assessment.commended,
        criticised=assessment.criticised,
        rectify_by=rectify_by,
        requirements=assessment.requirements,
        document_number=assessment.document_number,
    )
    # the rectification's 通报: once it passed; once the leadership group decided the
    # consequences of a failure (附件5 第六条, 视情节)
    passed = assessment.rectification == Rectification.PASSED
    decided = assessment.consequences_on is not None
    legacy = (
        assessment.rectification == Rectification.FAILED and not assessment.award_eligible and not decided
    )
    if assessment.verified_on is not None and (passed or decided or legacy):
        facts.add(
            "rectification",
            ":rectification",
            assessment.consequences_on or assessment.verified_on,
            passed=passed,
            rectify_by=rectify_by,
            reported_on=assessment.reported_on.isoformat() if assessment.reported_on else None,
            award_eligible=assessment.award_eligible,
            reassessed_grade_label=GRADE_LABELS[assessment.reassessed_grade]
            if assessment.reassessed_grade
            else None,
            decided_by_group=decided,
            accountability=assessment.accountability is not None,
            document_number=assessment.rectification_number,
        )
    return facts

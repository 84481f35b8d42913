"""What an assessment's public notices print: the announced result (通报) and, once
verified, the rectification."""

from __future__ import annotations

from aggregates.assessment.aggregate import Assessment
from aggregates.assessment.vocabulary import (
    GRADE_LABELS,
    Rectification,
)
from aggregates.public import PublicFact

# the aggregate whose facts ``public_facts`` builds (the table of systems wires them)
PUBLISHES = Assessment


def public_facts(assessment: Assessment) -> list[PublicFact]:
    """The announced grade and the verified rectification: never the scores or reports."""
    if assessment.announced_on is None or assessment.grade is None:
        return []
    facts = [
        PublicFact(
            kind="assessment.result",
            key=f"assessment:{assessment.year}:{assessment.unit}",
            unit=assessment.unit,
            dated=assessment.announced_on,
            data={
                "year": assessment.year,
                "unit": assessment.unit,
                "unit_name": assessment.unit_name,
                "grade": assessment.grade.value,
                "grade_label": GRADE_LABELS[assessment.grade],
                "commended": assessment.commended,
                "criticised": assessment.criticised,
                "rectify_by": assessment.rectify_by.isoformat() if assessment.rectify_by else None,
                "requirements": assessment.requirements,
            },
        )
    ]
    if assessment.verified_on is not None:
        facts.append(
            PublicFact(
                kind="assessment.rectification",
                key=f"assessment:{assessment.year}:{assessment.unit}:rectification",
                unit=assessment.unit,
                dated=assessment.verified_on,
                data={
                    "year": assessment.year,
                    "unit": assessment.unit,
                    "unit_name": assessment.unit_name,
                    "passed": assessment.rectification == Rectification.PASSED,
                    "rectify_by": assessment.rectify_by.isoformat() if assessment.rectify_by else None,
                    "reported_on": assessment.reported_on.isoformat() if assessment.reported_on else None,
                    "award_eligible": assessment.award_eligible,
                },
            )
        )
    return facts

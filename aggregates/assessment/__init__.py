"""Supervision and annual assessment of each unit's transparency work (附件5).

The vocabulary is in :mod:`.vocabulary`, scores against policy in :mod:`.scoring`, the
year's standard in :mod:`.standard`, the assessment and its events in :mod:`.aggregate`.
This package re-exports the public names: importers say ``aggregates.assessment``, and
events stored under topics like ``aggregates.assessment:Assessment.Announced`` keep resolving.
"""

from __future__ import annotations

from aggregates.assessment.aggregate import (
    Assessment,
)
from aggregates.assessment.scoring import (
    check_amounts,
    due_date,
    grade_for,
    policy_points,
)
from aggregates.assessment.standard import (
    ScoringStandard,
)
from aggregates.assessment.vocabulary import (
    ART_CONSEQUENCES,
    ART_CRITERIA,
    ART_PROCEDURE,
    ART_SCALE,
    ART_SCOPE,
    ART_TIMING,
    CRITERION_ITEMS,
    GRADE_LABELS,
    GRADE_THRESHOLDS,
    MAX_DECIMALS,
    Criterion,
    Grade,
    Rectification,
    Stage,
    in_order,
    show,
    total_of,
)

__all__ = [
    "ART_CONSEQUENCES",
    "ART_CRITERIA",
    "ART_PROCEDURE",
    "ART_SCALE",
    "ART_SCOPE",
    "ART_TIMING",
    "CRITERION_ITEMS",
    "GRADE_LABELS",
    "GRADE_THRESHOLDS",
    "MAX_DECIMALS",
    "Assessment",
    "Criterion",
    "Grade",
    "Rectification",
    "ScoringStandard",
    "Stage",
    "check_amounts",
    "due_date",
    "grade_for",
    "in_order",
    "policy_points",
    "show",
    "total_of",
]

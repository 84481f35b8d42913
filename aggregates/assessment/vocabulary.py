"""The assessment system's vocabulary (附件5): articles, the eight criteria, grades and
their thresholds' policy keys, stages, and how scores are ordered, summed and shown."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from aggregates.base import Labelled

ART_SCOPE = "附件5 第一条"
ART_TIMING = "附件5 第二条"
ART_SCALE = "附件5 第三条"
ART_CRITERIA = "附件5 第四条"
ART_PROCEDURE = "附件5 第五条"
ART_CONSEQUENCES = "附件5 第六条"
MAX_DECIMALS = 2  # scores and points are written to at most two decimal places (e.g. 12.5, 0.25)


class Criterion(StrEnum):
    """The eight criteria of 附件5 第四条, in order (一)–(八)."""

    ORGANISATION = "organisation"
    SCOPE = "scope"
    CONTENT = "content"
    FORMS = "forms"
    SUPERVISION = "supervision"
    EFFECT = "effect"
    ACCOUNTABILITY = "accountability"
    KEY_TASKS = "key_tasks"


CRITERION_ITEMS: dict[Criterion, str] = {
    Criterion.ORGANISATION: "(一)",
    Criterion.SCOPE: "(二)",
    Criterion.CONTENT: "(三)",
    Criterion.FORMS: "(四)",
    Criterion.SUPERVISION: "(五)",
    Criterion.EFFECT: "(六)",
    Criterion.ACCOUNTABILITY: "(七)",
    Criterion.KEY_TASKS: "(八)",
}


class Grade(Labelled):
    EXCELLENT = "excellent", "优秀"  # 优秀
    GOOD = "good", "良好"  # 良好
    PASS = "pass", "合格"  # 合格
    FAIL = "fail", "不合格"  # 不合格


GRADE_LABELS: dict[Grade, str] = Grade.labels()

# grade -> the policy key of its lower bound ("N分以上", the number included)
GRADE_THRESHOLDS: tuple[tuple[Grade, str], ...] = (
    (Grade.EXCELLENT, "assessment.grade.excellent"),
    (Grade.GOOD, "assessment.grade.good"),
    (Grade.PASS, "assessment.grade.pass"),
)


class Stage(StrEnum):
    OPENED = "opened"
    SELF_ASSESSED = "self_assessed"
    ONSITE_ASSESSED = "onsite_assessed"
    APPROVED = "approved"
    ANNOUNCED = "announced"


class Rectification(StrEnum):
    NONE = "none"
    ORDERED = "ordered"  # 责令限期整改
    REPORTED = "reported"
    PASSED = "passed"
    FAILED = "failed"


def in_order(values: dict[Criterion, Decimal]) -> dict[Criterion, Decimal]:
    """Criteria in the order of 第四条 (stored JSON comes back sorted by name)."""
    return {c: values[c] for c in Criterion if c in values}


def total_of(values: dict[Criterion, Decimal]) -> Decimal:
    return sum(values.values(), Decimal(0))


def show(value: Decimal) -> str:
    """A score as people write it: 90, 59.5, 12.25."""
    text = format(value.normalize(), "f")
    return text

"""Scores against policy: a policy number as an exact Decimal, the grade of a total, the
day an assessment is due, and the shape every set of scores or points must have."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from aggregates.assessment.vocabulary import (
    CRITERION_ITEMS,
    GRADE_THRESHOLDS,
    MAX_DECIMALS,
    Criterion,
    Grade,
)
from aggregates.errors import InvalidInput
from aggregates.policy import Policy


def policy_points(policy: Policy, key: str) -> Decimal:
    """A number of the policy as an exact Decimal (``90`` or ``59.5`` alike)."""
    value = policy.rule(key).value
    if isinstance(value, str):
        raise InvalidInput("policy", f"rule {key!r} of {policy.version} is not a number")
    return Decimal(str(value))


def grade_for(total: Decimal, policy: Policy) -> Grade:
    """The grade of a total: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else 不合格 (以上 includes the number)."""
    for grade, key in GRADE_THRESHOLDS:
        if total >= policy_points(policy, key):
            return grade
    return Grade.FAIL


def due_date(year: int, policy: Policy) -> date:
    """When the assessment of ``year`` must be completed: the policy's month-day of year+1."""
    text = str(policy.rule("assessment.due_month_day").value)
    try:
        month, day = (int(part) for part in text.split("-"))
        return date(year + 1, month, day)
    except ValueError:
        raise InvalidInput(
            "policy", f"assessment.due_month_day {text!r} of {policy.version} is not MM-DD"
        ) from None


def check_amounts(field: str, values: dict[Criterion, Decimal], article: str) -> None:
    missing = [c for c in Criterion if c not in values]
    if missing:
        names = ", ".join(f"{c.value} {CRITERION_ITEMS[c]}" for c in missing)
        raise InvalidInput(field, f"every criterion of 附件5 第四条 is given; missing {names}", article)
    for criterion, value in values.items():
        if not value.is_finite() or value < 0:
            raise InvalidInput(field, f"{criterion.value} is a number of 0 or more, not {value}", article)
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
            raise InvalidInput(
                field, f"{criterion.value} {value}: at most {MAX_DECIMALS} decimal places", article
            )

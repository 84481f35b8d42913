"""What a decision owes, for the deadline board.

A published decision owes the close of its comment window (checked against the closing
day the clerk stated, if any), the adoption of comments within the policy's reading of
及时 (本台账读作, for publications that recorded it) and, once adoption is completed, the
adoption report within the policy's working days (附件2 第四条(三), 第六条).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aggregates.decision.vocabulary import (
    A_ADOPTION,
    A_PERIOD,
    A_RESULT,
    Stage,
)
from aggregates.obligations import Count, Obligation, Owed

if TYPE_CHECKING:
    from aggregates.decision.aggregate import Decision


def owed(d: Decision) -> list[Obligation]:
    """Every obligation of the decision, met or not, for the deadline board."""
    if d.stage is Stage.WITHDRAWN or d.publication is None:
        return []
    out = Owed(
        f"decision:{d.number}",
        unit=d.unit,
        subject=d.title,
        policy_version=d.publication.policy_version,
        public=not d.exempt,
    )
    window = d.windows[-1]
    out.add(
        "comments",
        what="comment window closes (征求意见截止)",
        citation=A_PERIOD,
        count=Count.PERIOD_DAYS,
        start=window.start,
        n=window.days,
        window=True,
        stated=window.closes_on if window.stated else None,
    )
    if d.publication.adoption_days is not None:
        out.add(
            "adoption",
            what="adoption of comments completed (意见采纳完成, 本台账读作)",
            citation=f"{A_ADOPTION}, 本台账读作",
            count=Count.WORKING_DAYS_AFTER_PERIOD,
            start=window.start,
            period_days=window.days,
            n=d.publication.adoption_days,
            met_on=d.adoption_completed_on,
        )
    if d.adoption_completed_on is not None and d.report_days is not None:
        out.add(
            "report",
            what="adoption report published (公开意见收集和采纳情况)",
            citation=f"{A_RESULT}; {A_ADOPTION}",
            policy_version=d.report_policy_version,
            count=Count.WORKING_DAYS_AFTER,
            start=d.adoption_completed_on,
            n=d.report_days,
            met_on=d.report.on if d.report else None,
        )
    return out

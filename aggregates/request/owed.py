"""What an information request owes, for the deadline board.

The disclosure office owes the answer within the policy's working days of receipt (or of
the supplement's receipt), extended once by the approved days, the days spent consulting
third parties or other bodies not counted (第三十三条): each consultation pauses the count
from the day after it is sent to the day its opinion comes in (a third party's at the
latest on the last of its own working days, 第三十二条). The requester's supplement period
and a third party's period are shown as windows that close.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from aggregates.obligations import Count, Obligation, Owed, Pause
from aggregates.request.vocabulary import (
    ART_ANSWER,
    ART_SUPPLEMENT,
    ART_THIRD_PARTY,
    ConsultKind,
    Outcome,
)

if TYPE_CHECKING:
    from aggregates.request.aggregate import InformationRequest

ONE_DAY = timedelta(days=1)


def pauses(r: InformationRequest) -> tuple[Pause, ...]:
    """The days not counted: from the day after each consultation is sent to the day its
    opinion came (a third party's at the latest its period's last day; an open one ends with
    the answer, or is still running)."""
    found = []
    answered = r.answered_on()
    for c in r.consultations.values():
        last = c.replied_on
        if c.ends_on is not None and (last is None or last > c.ends_on):
            last = c.ends_on
        if last is None and answered is not None:
            last = answered
        first = c.sent_on + ONE_DAY
        if last is not None and last < first:
            continue
        found.append(
            Pause(first=first, last=last, why=f"{c.consultation_id} {c.kind.label}征求意见 ({ART_ANSWER})")
        )
    return tuple(found)


def owed(r: InformationRequest) -> list[Obligation]:
    """Every obligation of the request, met or not."""
    found = Owed(
        f"request:{r.number}",
        unit=r.office,
        subject=r.subject(),
        policy_version=r.policy_version,
    )
    s = r.supplement
    if s is not None:
        found.add(
            "supplement",
            what=f"the requester's supplement (补正) period, asked {s.asked_on}; "
            "without it and no good reason: abandoned",
            citation=ART_SUPPLEMENT,
            count=Count.FIXED,
            start=s.due,
            window=True,
        )
    for c in r.consultations.values():
        if c.kind is ConsultKind.THIRD_PARTY:
            found.add(
                f"consultation:{c.consultation_id}",
                what=f"{c.consultation_id}: the third party's {r.third_party_days} working days "
                "to give its opinion",
                citation=ART_THIRD_PARTY,
                count=Count.WORKING_DAYS_AFTER,
                start=c.sent_on,
                n=r.third_party_days,
                window=True,
            )
    waiting = s is not None and s.received_on is None
    abandoned = r.answer is not None and r.answer.outcome is Outcome.ABANDONED
    if waiting or abandoned:
        return found
    n = r.answer_days + (r.extension.days if r.extension else 0)
    extended = (
        f", extended by {r.extension.days} (approved by {r.extension.approved_by})" if r.extension else ""
    )
    since = "the supplement's receipt" if s is not None else "receipt"
    found.add(
        "answer",
        what=f"answered within {r.answer_days} working days of {since}{extended}, consultations not counted",
        citation=ART_ANSWER,
        count=Count.WORKING_DAYS_AFTER,
        start=r.start_on,
        n=n,
        met_on=r.answered_on(),
        paused=pauses(r) or None,
    )
    return found

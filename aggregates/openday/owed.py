"""What an open day owes, for the deadline board.

An open day owes its recruitment and 公示 before the day, charged to the host unit that
sets the quotas and recruits (第五条), as is an answer to each objection to the 公示 and
to each opinion; and
the office's (or, when the office hosted it, the group's) check afterwards (附件4 第五条, 第六条, 第八条).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aggregates.obligations import Count, Obligation, Owed
from aggregates.openday.vocabulary import (
    ART_CONTENT,
    ART_RECRUIT,
    ART_SUPERVISION,
    Stage,
)
from aggregates.org import UnitKind

if TYPE_CHECKING:
    from aggregates.openday.aggregate import OpenDay


def owed(od: OpenDay) -> list[Obligation]:
    """Every obligation of the open day, met or not, for the deadline board."""
    if od.stage == Stage.CANCELLED:
        return []
    subject = od.subject()
    found = Owed(f"open_day:{od.number}", unit=od.host, subject=subject, policy_version=od.policy_version)
    recruited = od.recruitment.on if od.recruitment else None
    for key, what, n, met_on in (
        ("recruitment", "number and quotas set, recruitment of representatives published (公开征集)",
         od.recruit_days, recruited),
        ("publicity", "representatives publicised (公示) before the day",
         od.publicise_days, od.publicised_on),
    ):  # fmt: skip
        found.add(
            key,
            what=what,
            citation=ART_RECRUIT,
            count=Count.WORKING_DAY_BEFORE,
            start=od.day,
            n=n,
            met_on=met_on,
        )
    for b in od.objections.values():
        found.add(
            f"objection:{b.objection_id}",
            what=f"objection {b.objection_id} to the 公示 answered before the day",
            citation=f"{ART_RECRUIT}, 本台账读作",
            count=Count.WORKING_DAY_BEFORE,
            start=od.day,
            n=1,
            met_on=b.answered_on,
        )
    for o in od.opinions.values():
        found.add(
            f"opinion:{o.opinion_id}",
            what=f"opinion {o.opinion_id} answered (及时回应)",
            citation=ART_CONTENT,
            count=Count.WORKING_DAYS_AFTER,
            start=o.heard_on,
            n=od.answer_days,
            met_on=o.answered_on,
        )
    by_group = od.host_kind == UnitKind.OFFICE
    found.add(
        "supervision",
        unit=od.office,
        what="how it was carried out checked (督促检查)"
        + (" by the leadership group: the office hosted it" if by_group else " by the office"),
        citation=ART_SUPERVISION,
        count=Count.WORKING_DAYS_AFTER,
        start=od.day,
        n=od.supervision_days,
        met_on=od.supervised_on,
    )
    return found

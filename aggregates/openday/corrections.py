"""What a correction of an open day may not change, and what a corrected entry must still meet.

A step is corrected, never retracted (later steps rest on it), except a representative
not yet publicised or an opinion not yet answered; a corrected entry meets the same
rules as the act that recorded it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from aggregates.base import Event, replaced
from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.openday import checks
from aggregates.openday.checks import (
    check_quotas,
    check_site,
    required,
)
from aggregates.openday.vocabulary import (
    ART_CONTENT,
    ART_RECRUIT,
    KIND_LABELS,
    Channel,
    RepresentativeKind,
)
from aggregates.privacy import Sealed

if TYPE_CHECKING:
    from aggregates.openday.aggregate import OpenDay

_FROM_PLAN = (
    "{} was fixed when the open day was planned (the deadlines rest on it); "
    "cancel it and plan it again under a new number"
)
FIXED_FACTS: dict[str, dict[str, str]] = {
    "Planned": {
        key: _FROM_PLAN.format(key)
        for key in (
            "number",
            "day",
            "host",
            "host_name",
            "host_kind",
            "office",
            "recruit_days",
            "publicise_days",
            "publicity_days",
            "answer_days",
            "supervision_days",
            "minimum_age",
            "policy_version",
        )
    }
    | {
        key: "the leading deputy was checked against the organisation when the open day was planned "
        "(附件4 第二条); cancel it and plan it again under a new number"
        for key in ("leader", "leader_name")
    },
    "RepresentativeRegistered": {
        "rep_id": "a representative's id is the ledger's own numbering; correct the other facts"
    },
    "OpinionHeard": {"opinion_id": "an opinion's id is the ledger's own numbering; correct the other facts"},
    "ObjectionReceived": {"objection_id": "an objection's id is the ledger's own numbering"},
    "ObjectionAnswered": {
        "objection_id": "the answer belongs to its objection; correct its text",
        "upheld": "whether the objection was upheld decides who takes part; it is not rewritten",
    },
    "RepresentativesConfirmed": {
        "rep_ids": "who was confirmed is an act within the quotas (第五条): confirm further candidates, "
        "or uphold an objection to withdraw one"
    },
    "RepresentativesPublicised": {"period_ends": "the 公示 period follows from its date and the calendar"},
    "OpinionAnswered": {"opinion_id": "the answer belongs to its opinion; correct the answer's text"},
    "RectificationFollowedUp": {"opinion_id": "the follow-up belongs to its opinion; correct its text"},
}


# facts that were required not to be blank when recorded, and stay so when corrected
TEXTS: dict[str, tuple[str, ...]] = {
    "Planned": ("site", "theme"),
    "RecruitmentPublished": ("contact",),
    "RepresentativeRegistered": ("name", "place", "contact"),
    "RepresentativesPublicised": ("where",),
    "ObjectionReceived": ("text",),
    "ObjectionAnswered": ("answer",),
    "OpinionHeard": ("text",),
    "OpinionAnswered": ("answer",),
    "RectificationFollowedUp": ("done",),
    "SupervisionRecorded": ("findings",),
    "Cancelled": ("reason",),
}


def check_retraction(od: OpenDay, original: Event) -> None:
    """Only a representative not yet publicised, or an opinion not yet answered, is retracted:
    every other step has later steps resting on it."""
    if isinstance(original, od.RepresentativeRegistered):
        if od.publicised_on is not None:
            raise Refused(
                "version",
                f"{original.rep_id} is on the 公示 of {od.publicised_on}; it is not retracted",
                ART_RECRUIT,
            )
    elif isinstance(original, od.OpinionHeard):
        heard = od.opinions.get(original.opinion_id)
        if heard is not None and heard.answered_on is not None:
            raise Refused(
                "version", f"{original.opinion_id} was answered; the answer rests on it", ART_CONTENT
            )
    else:
        raise Refused(
            "version",
            "a step of an open day is corrected, never retracted: the later steps rest on it",
            ART_RECRUIT,
        )


def checked_replacement(od: OpenDay, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
    """Corrected quotas still sum to the number and hold those registered; a corrected
    representative still meets 第三条 and their kind's quota."""
    fixed = replaced(original, replacement)
    for key in TEXTS.get(type(fixed).__name__, ()):
        if key in replacement and not isinstance(getattr(fixed, key), Sealed):  # sealed: checked in clear
            required(f"replace.{key}", getattr(fixed, key), f"a corrected {key} is not blank")
    if isinstance(fixed, od.Planned) and {"form", "site_kind"} & set(replacement):
        check_site("replace.site_kind", fixed.form, fixed.site_kind)
    if isinstance(fixed, od.RecruitmentPublished):
        recheck_recruitment(od, fixed, original.effective)
    if isinstance(fixed, od.Held) and not 0 <= fixed.attendance <= len(od.participants()):
        raise InvalidInput(
            "replace.attendance",
            f"attendance is between 0 and the {len(od.participants())} confirmed representatives",
        )
    if isinstance(fixed, od.Planned) and {"quotas", "representatives"} & set(replacement):
        quotas = check_quotas("replace.quotas", fixed.representatives, dict(fixed.quotas))
        for kind, places in quotas.items():
            if od.taken(kind) > places:
                raise Refused(
                    "replace.quotas",
                    f"{od.taken(kind)} {KIND_LABELS[kind]} are already registered, more than {places}",
                    ART_RECRUIT,
                )
        for kind in RepresentativeKind:
            if kind not in quotas and od.taken(kind):
                raise Refused(
                    "replace.quotas",
                    f"{KIND_LABELS[kind]} are already registered; keep their quota",
                    ART_RECRUIT,
                )
    if isinstance(fixed, od.RepresentativeRegistered) and {
        "birth_date",
        "kind",
        "full_capacity",
    } & set(replacement):
        rep = od.registered.get(fixed.rep_id)
        candidate = rep is not None and not rep.confirmed  # a candidate is not yet within a quota
        checks.person(
            od, fixed.birth_date, fixed.kind, fixed.full_capacity, original.effective, fixed.rep_id, candidate
        )
    if (
        isinstance(fixed, od.OpinionHeard)
        and fixed.representative is not None
        and fixed.representative not in od.registered
    ):
        raise NotFound("replace.representative", f"{od.number} has no representative {fixed.representative}")
    return replacement


def recheck_recruitment(od: OpenDay, fixed: OpenDay.RecruitmentPublished, published_on: date) -> None:
    """A corrected recruitment still meets 第五条 and still took those registered."""
    channels, _, _ = checks.recruitment_terms(
        od, "replace.", fixed.channels, fixed.how_to_apply, fixed.contact, fixed.closes_on, published_on
    )
    for rep in od.registered.values():
        took = (
            Channel.RECOMMENDATION in channels
            if rep.recommended
            else any(c != Channel.RECOMMENDATION for c in channels)
        )
        if not took:
            how = "by organisational recommendation" if rep.recommended else "by a public call"
            raise Refused(
                "replace.channels",
                f"{rep.rep_id} of {od.number} came {how}; the recruitment keeps that channel",
                ART_RECRUIT,
            )

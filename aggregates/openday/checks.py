"""Checks an open day's acts and corrections share: text present, site fits the form,
quotas sum to the number invited, host and leader, the terms of a recruitment, a
representative who meets 第三条 within their kind's quota."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from aggregates.base import Stamp, required
from aggregates.errors import InvalidInput, Malformed, NotFound, Refused
from aggregates.openday.vocabulary import (
    ART_AGE,
    ART_FORMS,
    ART_LEAD,
    ART_PARTICIPANTS,
    ART_RECRUIT,
    ART_SITES,
    ART_SUPERVISION,
    KIND_LABELS,
    PUBLICISE_DAYS,
    PUBLICITY_DAYS,
    Channel,
    Form,
    Recruitment,
    RepresentativeKind,
    SiteKind,
    Stage,
    age_on,
    anniversary,
    in_order,
)
from aggregates.org import UNIT_KIND_LABELS, WORKING_UNITS, Role, Staff, Unit
from aggregates.policy import Policy
from aggregates.privacy import Sealed, Vault, revealed

if TYPE_CHECKING:
    from aggregates.openday.aggregate import OpenDay


PHONE = re.compile(r"\d[\d-]{6,}\d")


def check_site(field: str, form: Form, site_kind: SiteKind) -> None:
    if form == Form.SITE_VISIT and site_kind == SiteKind.MEETING_VENUE:
        raise InvalidInput(
            field,
            "a site visit (参观调研) goes to a site of 第四条: financial_institution, infrastructure, "
            "key_project, rural_revitalisation or enterprise",
            f"{ART_FORMS}(一); {ART_SITES}",
        )


def other(field: str, description: str | None, chosen: bool, what: str, article: str) -> str | None:
    """ "主要包括" lists are open (第三条, 第四条): an "other" kind is described, and only it."""
    text = (description or "").strip() or None
    if chosen and text is None:
        raise Malformed(field, f"describe the other {what} (其他：…)", article)
    if not chosen and text is not None:
        raise Malformed(field, f"a description is given only for the kind 'other' of {what}", article)
    return text


def publicity_days(policy: Policy) -> tuple[int, int]:
    """The 公示 period and how many working days before the day it starts at the latest
    (both readings, 本台账读作): the period ends before the day."""
    period, before = policy.number(PUBLICITY_DAYS), policy.number(PUBLICISE_DAYS)
    if not 1 <= period < before:
        raise Refused(
            "policy",
            f"policy {policy.version}: a 公示 of {period} working days that must start by the "
            f"{before}th working day before the day would not end before it",
            policy.cite(PUBLICITY_DAYS),
        )
    return period, before


def check_quotas(
    field: str, representatives: int, quotas: dict[RepresentativeKind, int]
) -> dict[RepresentativeKind, int]:
    if representatives < 1:
        raise InvalidInput("representatives", "an open day invites at least 1 representative", ART_RECRUIT)
    if not quotas:
        raise InvalidInput(
            field, "give the quota (分配名额) of each kind of representative invited", ART_RECRUIT
        )
    for kind, places in quotas.items():
        if places < 1:
            raise InvalidInput(
                field,
                f"{kind.value} ({KIND_LABELS[kind]}) has {places} places; a kind that is invited has "
                "at least 1 (leave out a kind that gets none)",
                ART_RECRUIT,
            )
    total = sum(quotas.values())
    if total != representatives:
        raise InvalidInput(
            field,
            f"the quotas sum to {total}, not the {representatives} representatives to invite",
            ART_RECRUIT,
        )
    return in_order(quotas)


def host_and_leader(host: Unit, leader: Staff, office: str) -> None:
    """An open day is hosted by a 股室/中心 or the office, still open, and led by the deputy
    leader in charge of transparency (附件4 第二条)."""
    if host.unit_kind not in WORKING_UNITS:
        raise Refused(
            "host",
            f"{host.code} is the {UNIT_KIND_LABELS[host.unit_kind]}; an open day is hosted by a "
            "股室/中心 or the office (举办股室/中心)",
            ART_RECRUIT,
        )
    host.ensure_open("host")
    if not (leader.holds(Role.DEPUTY_LEADER) and leader.in_charge_of(office)):
        raise Refused(
            "leader",
            f"{leader.staff_id} is not the deputy leader in charge of transparency (the deputy whose "
            f"areas include the office, {office}); that deputy leads the open day",
            ART_LEAD,
        )


def recruitment_terms(
    od: OpenDay,
    prefix: str,
    channels: list[Channel] | tuple[Channel, ...],
    how_to_apply: str | None,
    contact: str,
    closes_on: date,
    published_on: date,
) -> tuple[tuple[Channel, ...], str | None, str]:
    """The channels (in order, once each), how to apply and the contact of a recruitment."""
    if not channels:
        raise InvalidInput(
            f"{prefix}channels",
            "name how representatives are recruited: portal, media, wechat or recommendation",
            ART_RECRUIT,
        )
    unique = tuple(c for c in Channel if c in channels)
    public = [c for c in unique if c != Channel.RECOMMENDATION]
    how = (how_to_apply or "").strip() or None
    if public and how is None:
        raise InvalidInput(
            f"{prefix}how_to_apply",
            "a public call says how to apply (报名方式 and what to submit)",
            ART_RECRUIT,
        )
    contact = required(
        f"{prefix}contact", contact, "give a contact office or person and telephone", ART_RECRUIT
    )
    if not PHONE.search(contact):
        raise InvalidInput(
            f"{prefix}contact",
            "the notice names a contact person (联系人) with a telephone number: give both",
            ART_RECRUIT,
        )
    if not published_on <= closes_on < od.day:
        raise InvalidInput(
            f"{prefix}closes_on",
            f"applications close on or after publication ({published_on}) and before the open day ({od.day})",
            ART_RECRUIT,
        )
    return unique, how, contact


def person(
    od: OpenDay,
    birth_date: date | Sealed,
    kind: RepresentativeKind,
    full_capacity: bool,
    registered_on: date,
    replacing: str | None = None,
    candidate: bool = False,
) -> None:
    """A representative who meets 第三条, of a kind the quotas invite; a participant (not a
    candidate, who may outnumber the places) also within that kind's quota."""
    if isinstance(birth_date, date):  # a sealed one was checked in clear when recorded or corrected
        age_on_the_day(od, birth_date, registered_on, "replace.birth_date" if replacing else "birth_date")
    if not full_capacity:
        raise Refused(
            "replace.full_capacity" if replacing else "full_capacity",
            "representatives have full civil capacity (具有完全民事行为能力), attested at registration",
            ART_PARTICIPANTS,
        )
    quota = od.quotas.get(kind, 0)
    if quota == 0:
        invited = "、".join(KIND_LABELS[k] for k in od.quotas)
        raise Refused(
            "replace.kind" if replacing else "kind",
            f"{kind.value} ({KIND_LABELS[kind]}) has no places in the quotas of {od.number} "
            f"(invited: {invited})",
            ART_RECRUIT,
        )
    if candidate:
        return
    taken = sum(1 for r in od.registered.values() if r.kind == kind and r.confirmed and r.rep_id != replacing)
    if taken >= quota:
        raise Refused(
            "replace.kind" if replacing else "kind",
            f"the quota of {KIND_LABELS[kind]} for {od.number} is {quota}, and all are taken",
            ART_RECRUIT,
        )


def age_on_the_day(od: OpenDay, birth_date: date, registered_on: date, field: str) -> None:
    if birth_date > registered_on:
        raise InvalidInput(field, f"{birth_date} is after the registration ({registered_on})")
    age = age_on(birth_date, od.day)
    if age < od.minimum_age:
        raise Refused(
            field,
            f"the representative is {age} on the open day ({od.day}) and turns {od.minimum_age} on "
            f"{anniversary(birth_date, od.minimum_age)}; representatives are {od.minimum_age} or "
            f"over (年满{od.minimum_age}周岁)",
            ART_AGE,
        )


def may_register(od: OpenDay, stamp: Stamp) -> Recruitment:
    """Registration follows the published recruitment (returned) and ends at the 公示 and
    the day (第五条)."""
    if od.recruitment is None:
        raise Refused(
            "open_day",
            f"recruitment for {od.number} has not been published; it comes first",
            ART_RECRUIT,
        )
    if od.publicised_on is not None:
        raise Refused(
            "open_day",
            f"the representatives of {od.number} were publicised (公示) on {od.publicised_on}; "
            "a representative registered later would not be on the 公示",
            ART_RECRUIT,
        )
    if stamp.effective > od.day:
        raise Refused("effective", f"{stamp.effective} is after the open day ({od.day})", ART_RECRUIT)
    return od.recruitment


def newcomer(
    od: OpenDay, recruitment: Recruitment, name: str, birth_date: date, recommended: bool, vault: Vault | None
) -> None:
    """Recommended only if the recruitment took recommendations, by a public call only if it
    made one; a person registered once (compared in clear through ``vault``; an erased
    representative is no longer anyone)."""
    if recommended and Channel.RECOMMENDATION not in recruitment.channels:
        raise Refused(
            "recommended",
            f"the recruitment of {od.number} was public only; it took no organisational recommendations",
            ART_RECRUIT,
        )
    if not recommended and all(c == Channel.RECOMMENDATION for c in recruitment.channels):
        raise Refused(
            "recommended",
            f"the recruitment of {od.number} was by organisational recommendation only",
            ART_RECRUIT,
        )
    for rep in od.registered.values():
        if vault is None:
            break  # nothing is recorded without a vault (``privacy.sealed`` refuses)
        if (revealed(vault, rep.name), revealed(vault, rep.birth_date)) == (name, birth_date.isoformat()):
            raise Refused("name", f"this person is already registered as {rep.rep_id}")


def confirmation(od: OpenDay, rep_ids: list[str]) -> tuple[str, ...]:
    """The candidates confirmed as participants: registered, not yet confirmed, and each
    kind within its quota (第五条). Returned in the order registered."""
    if not rep_ids:
        raise InvalidInput("representatives", "name the candidates confirmed (R01 …)", ART_RECRUIT)
    for rep_id in rep_ids:
        rep = od.registered.get(rep_id)
        if rep is None:
            known = ", ".join(od.registered) or "none"
            raise NotFound("representatives", f"{od.number} has no candidate {rep_id} (registered: {known})")
        if rep.confirmed:
            raise Refused("representatives", f"{rep_id} of {od.number} is already a confirmed participant")
    chosen = tuple(r for r in od.registered if r in rep_ids)
    for kind, places in od.quotas.items():
        count = od.taken(kind) + sum(1 for r in chosen if od.registered[r].kind == kind)
        if count > places:
            raise Refused(
                "representatives",
                f"the quota of {od.kind_label(kind)} for {od.number} is {places}; {count} would be confirmed",
                ART_RECRUIT,
            )
    return chosen


def may_object(od: OpenDay, stamp: Stamp, representative: str | None) -> None:
    """An objection is to a 公示 and received within its period (本台账读作)."""
    if od.publicised_on is None:
        raise Refused(
            "open_day", f"the representatives of {od.number} have not been publicised (公示)", ART_RECRUIT
        )
    if stamp.effective < od.publicised_on:
        raise Refused("effective", f"{stamp.effective} is before the 公示 ({od.publicised_on})", ART_RECRUIT)
    if od.publicity_ends is not None and stamp.effective > od.publicity_ends:
        raise Refused(
            "effective",
            f"the 公示 of {od.number} ran from {od.publicised_on} to {od.publicity_ends}; "
            f"{stamp.effective} is after it (本台账读作)",
            ART_RECRUIT,
        )
    if representative is not None:
        rep = od.registered.get(representative)
        if rep is None or not rep.confirmed:
            raise Refused("representative", f"{representative} is not on the 公示 of {od.number}")


def leaders_present(od: OpenDay, leaders: list[Staff]) -> tuple[str, ...]:
    """The leaders at the day, by name: leadership-team members; a symposium has at least one
    (第七条(二): representatives talk with the leaders face to face)."""
    for leader in leaders:
        if not (leader.holds(Role.PRINCIPAL_LEADER) or leader.holds(Role.DEPUTY_LEADER)):
            raise Refused(
                "leaders", f"{leader.staff_id} is not a leader (主要负责人 or 分管负责人)", f"{ART_FORMS}(二)"
            )
    if od.form == Form.SYMPOSIUM and not leaders:
        raise InvalidInput(
            "leaders",
            "a symposium (座谈交流) records which leaders met the representatives face to face",
            f"{ART_FORMS}(二)",
        )
    names: list[str] = []
    for leader in leaders:
        if leader.name not in names:
            names.append(leader.name)
    return tuple(names)


def may_hold(od: OpenDay, stamp: Stamp, attendance: int) -> None:
    """Held once, on the planned day, after the 公示, with an attendance no larger than those registered."""
    if od.stage == Stage.HELD:
        raise Refused("open_day", f"open day {od.number} was already held on {od.held_on}")
    if od.publicised_on is None:
        raise Refused(
            "open_day",
            f"the representatives of {od.number} have not been publicised (公示); it comes before the day",
            ART_RECRUIT,
        )
    if stamp.effective != od.day:
        raise Refused(
            "effective",
            f"open day {od.number} is planned for {od.day}, not {stamp.effective}; "
            "another date is a new open day (cancel and plan again)",
            ART_RECRUIT,
        )
    if not 0 <= attendance <= len(od.participants()):
        raise InvalidInput(
            "attendance",
            f"attendance is between 0 and the {len(od.participants())} confirmed representatives",
        )


def may_supervise(od: OpenDay, stamp: Stamp) -> None:
    """Checked once, on or after the day (after it if it was not held), never by whoever
    planned or held it (第八条)."""
    if od.supervised_on is not None:
        raise Refused("open_day", f"{od.number} was already checked on {od.supervised_on}")
    if stamp.effective < od.day:
        raise Refused(
            "effective",
            f"the check of how {od.number} was carried out comes on or after the day ({od.day})",
            ART_SUPERVISION,
        )
    if od.held_on is None and stamp.effective <= od.day:
        raise Refused(
            "effective",
            f"{od.number} has not been held; a day not held is checked after it ({od.day})",
            ART_SUPERVISION,
        )
    if stamp.actor in (od.planned_by, od.held_by):
        raise Refused(
            "actor",
            f"{stamp.actor} recorded this open day's plan or holding and may not also check it "
            "(separation of duties)",
            ART_SUPERVISION,
        )

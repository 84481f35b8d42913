"""The checks of a decision's acts, each refusing with its article: kept apart so that
the aggregate reads as the decision's life. Guards that only read state stay on it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from aggregates.base import Stamp, required
from aggregates.decision.vocabulary import (
    A_ADOPTION,
    A_CHANNELS,
    A_DRAFT,
    A_EXEMPT,
    A_EXPERTS,
    A_EXPLANATION,
    A_HEARD,
    A_PERIOD,
    A_RESULT,
    A_REVIEW,
    COMMENT_CHANNEL_LABELS,
    OFFERED_BY,
    OUTCOME_LABELS,
    Argumentation,
    Assessment,
    Channel,
    CommentChannel,
    CommentWays,
    DraftVersion,
    Explanation,
    Opinion,
    Outcome,
    Publication,
    Window,
)
from aggregates.errors import InvalidInput, NotFound, Refused

if TYPE_CHECKING:
    from aggregates.decision.aggregate import Decision


def publication(
    stamp: Stamp,
    version: int,
    *,
    channels: tuple[Channel, ...],
    channel_detail: str | None,
    ways: CommentWays,
    days: int,
    closes_on: date | None,
    shortened_reason: str | None,
    contact: str,
    normal_days: int,
    minimum_days: int,
    policy_version: str,
    closes_stated: bool = False,
    adoption_days: int | None = None,
    contact_person: str | None = None,
    contact_phone: str | None = None,
    download_url: str | None = None,
) -> Publication:
    """The terms of a pre-disclosure (附件2 第五条, 第六条(二)), checked: channels, ways to
    comment, a contact, and a period no shorter than the minimum (shortened only with a reason)."""
    if not channels:
        raise InvalidInput("channels", "publish through at least one channel", A_CHANNELS)
    if Channel.OTHER in channels and not (channel_detail and channel_detail.strip()):
        raise InvalidInput("channel_detail", "say which other channel", A_CHANNELS)
    if not ways.given():
        raise InvalidInput(
            "email", "give at least one way to comment (e-mail, post, portal, phone, fax)", A_PERIOD
        )
    required("contact", contact, "name a contact office or person and a telephone number")
    person = contact_person.strip() if contact_person and contact_person.strip() else None
    phone = contact_phone.strip() if contact_phone and contact_phone.strip() else None
    if person and not phone:
        raise InvalidInput("contact_phone", "a named contact person comes with a telephone number")
    if phone and not person:
        raise InvalidInput("contact_person", "a contact telephone comes with the contact person's name")
    if days < minimum_days:
        raise InvalidInput(
            "days",
            f"a comment period of {days} days is below the minimum of {minimum_days} days",
            A_PERIOD,
        )
    reason = shortened_reason.strip() if shortened_reason and shortened_reason.strip() else None
    if days < normal_days and reason is None:
        raise InvalidInput(
            "shortened_reason",
            f"a period under {normal_days} days needs the special reason, stated when it is published",
            A_PERIOD,
        )
    if days >= normal_days and reason is not None:
        raise InvalidInput(
            "shortened_reason", f"the period is not shortened ({days} ≥ {normal_days} days)", A_PERIOD
        )
    if closes_on is not None and closes_on <= stamp.effective:
        raise InvalidInput("closes_on", f"the window cannot close on or before {stamp.effective}", A_PERIOD)
    extra: dict[str, Any] = {"closes_stated": True} if closes_stated else {}
    if adoption_days is not None:
        extra["adoption_days"] = adoption_days
    if person:
        extra.update(contact_person=person, contact_phone=phone)
    if download_url and download_url.strip():
        extra["download_url"] = download_url.strip()
    return Publication(
        on=stamp.effective,
        version=version,
        channels=tuple(dict.fromkeys(channels)),
        channel_detail=channel_detail.strip() if channel_detail else None,
        ways=ways,
        days=days,
        closes_on=closes_on,
        shortened_reason=reason,
        contact=contact.strip(),
        policy_version=policy_version,
        normal_days=normal_days,
        **extra,
    )


def moved_window(
    current: Window,
    stamp: Stamp,
    days: int,
    closes_on: date | None,
    reason: str,
    computed: date | None = None,
    *,
    reopen: bool = False,
) -> Window:
    """The open window lengthened by ``days`` (closing on ``closes_on``, None while its year
    has no calendar): it only grows, and a window already closed is reopened, not extended
    (附件2 第六条(二)); or, to ``reopen``, a new window of ``days`` days from the effective
    date, once the last one closed. ``computed`` is the open window's last day by the calendar now."""
    act, least = ("a reopening", "reopen for") if reopen else ("an extension", "extend by")
    required("reason", reason, f"{act} states its reason")
    if days < 1:
        raise InvalidInput("days", f"{least} at least one day", A_PERIOD)
    last = current.last_day(computed)
    closed = stamp.effective > (last or current.nominal_last)
    if reopen and not closed:
        raise Refused(
            "decision",
            f"the window is still open until {last or current.nominal_last} 24:00; extend it instead",
            A_PERIOD,
        )
    if closed and last is None:
        raise unknown_close(current, act)
    if closed and not reopen:
        raise Refused(
            "decision",
            f"the window closed on {last} 24:00; reopen it instead of extending",
            A_PERIOD,
        )
    if not reopen and closes_on is not None and last is not None and closes_on <= last:
        raise Refused(
            "days",
            f"{days} more days still end on {closes_on}; the window only grows (now open until {last})",
            A_PERIOD,
        )
    start, total = (stamp.effective, days) if reopen else (current.start, current.days + days)
    return Window(
        kind="reopened" if reopen else "extended",
        start=start,
        days=total,
        closes_on=closes_on,
        reason=reason.strip(),
        recorded_on=stamp.effective,
    )


def unknown_close(w: Window, what: str) -> Refused:
    """Whether a window is still open past its nominal last day depends on a calendar the
    ledger lacks: the one judgement that waits for it (the window's own record never does)."""
    return Refused(
        "calendar",
        f"the window's {w.days}th day is {w.nominal_last}; whether it was still open after that "
        f"depends on the working-day calendar for {w.nominal_last.year}, which the ledger does not "
        f"hold: load it with `ledger calendar load FILE` before recording {what}",
        A_PERIOD,
    )


def _unpublished(d: Decision, article: str) -> None:
    """Before publication: a decision is published once."""
    if d.publication is not None:
        raise Refused("decision", f"decision {d.number} was already published on {d.publication.on}", article)


def _not_yet_published(d: Decision, article: str) -> None:
    """Neither published nor waiting on a proposed exemption, which the leadership team decides first."""
    if d.exemption_proposal is not None:
        raise Refused(
            "decision",
            f"an exemption of decision {d.number} is proposed; "
            "the leadership team confirms or declines it first",
            A_EXEMPT,
        )
    _unpublished(d, article)


def may_clear_review(d: Decision) -> None:
    """The review (保密审查) comes before publication, once per draft version (附件2 第六条(一))."""
    _not_yet_published(d, A_REVIEW)
    if d.reviewed_version == d.version_no:
        raise Refused("decision", f"version {d.version_no} of the draft has already been cleared", A_REVIEW)


def may_discuss(d: Decision) -> None:
    """The collective discussion follows the review and comes before publication, once per version."""
    _unpublished(d, A_REVIEW)
    if not d.exempt and d.reviewed_version != d.version_no:
        raise Refused(
            "decision",
            f"version {d.version_no} of the draft has not passed the confidentiality review; "
            "the review comes before the collective discussion",
            A_REVIEW,
        )
    if d.approved_version == d.version_no:
        raise Refused(
            "decision", f"version {d.version_no} was already approved by the leadership team", A_REVIEW
        )


def may_publish(d: Decision) -> None:
    """Published once, the current version reviewed and approved first (附件2 第六条)."""
    _not_yet_published(d, A_PERIOD)
    if d.reviewed_version != d.version_no:
        raise Refused(
            "decision",
            f"version {d.version_no} of the draft has not passed the confidentiality review",
            A_REVIEW,
        )
    if d.approved_version != d.version_no:
        raise Refused(
            "decision",
            f"version {d.version_no} of the draft has not been approved in collective discussion",
            A_REVIEW,
        )


def comment_timing(d: Decision, pub: Publication, stamp: Stamp, late: bool, closes_on: date | None) -> None:
    """A comment inside a window is on time; one after it is recorded only as ``late`` (第六条(二))."""
    received = stamp.effective
    if received < pub.on:
        raise Refused(
            "effective", f"received {received}, before the draft was published on {pub.on}", A_PERIOD
        )
    on_time = d.in_window(received, closes_on)
    current = d.windows[-1]
    last_day = current.last_day(closes_on)
    if not on_time and not late and last_day is None:
        raise unknown_close(current, "a comment received after it")
    if not on_time and not late:
        raise Refused(
            "effective",
            f"received {received}, after the window closed ({last_day} 24:00); "
            "record it with --late to keep it apart",
            A_PERIOD,
        )
    if on_time and late:
        raise InvalidInput(
            "late", f"received {received}, inside the comment window: it is not late", A_PERIOD
        )


def submission(
    d: Decision, stamp: Stamp, channel: CommentChannel, late: bool, with_id: str | None
) -> str | None:
    """The first comment of the submission a comment came with (one 人次), checked: the same
    way, the same day, and on time or late alike; None for a submission of its own."""
    if with_id is None:
        return None
    first = d.comments.get(with_id)
    if first is None:
        raise NotFound("submitted_with", f"decision {d.number} has no comment {with_id}", value=with_id)
    first = d.comments.get(first.submitted_with or "", first)
    if (first.channel, first.received, first.late) != (channel, stamp.effective, late):
        raise InvalidInput(
            "submitted_with",
            f"comment {first.comment_id} came by {first.channel.value} on {first.received}"
            f"{' (late)' if first.late else ''}: a comment of the same submission "
            "came the same way, that day",
        )
    return first.comment_id


def comment_way(pub: Publication, channel: CommentChannel, unoffered: bool) -> None:
    """A comment comes by a way the notice offered (附件2 第六条(二)); one that came by
    another way is never silently accepted: it is refused, or recorded flagged."""
    offered = OFFERED_BY.get(channel) in pub.ways.given()
    label = COMMENT_CHANNEL_LABELS[channel]
    if not offered and not unoffered:
        raise Refused(
            "channel",
            f"the notice did not offer {label} as a way to comment; record it with --unoffered "
            "to keep it, flagged",
            A_PERIOD,
        )
    if offered and unoffered:
        raise InvalidInput("unoffered", f"the notice offered {label}: the comment is not flagged", A_PERIOD)


def may_confirm_exemption(d: Decision, stamp: Stamp) -> dict[str, Any]:
    """The proposal the leadership team confirms or declines, never its own proposer's."""
    proposal = d.exemption_proposal
    if d.exempt or proposal is None:
        raise Refused("decision", f"no exemption of decision {d.number} is proposed", A_EXEMPT)
    if proposal["by"] == stamp.actor:
        raise Refused(
            "actor",
            f"{stamp.actor} proposed the exemption; the leadership team confirms it (separation of duties)",
            A_EXEMPT,
        )
    if stamp.effective < proposal["on"]:
        raise Refused("effective", f"{stamp.effective} is before the proposal ({proposal['on']})", A_EXEMPT)
    return proposal


def argumentation(d: Decision, stamp: Stamp, experts: tuple[str, ...], conclusion: str) -> Argumentation:
    """专家论证 comes before the collective discussion of the version argued (附件2 第二条)."""
    if d.publication is not None or d.approved_version == d.version_no:
        raise Refused(
            "decision",
            f"version {d.version_no} was already discussed; experts argue a draft before the "
            "collective discussion",
            A_EXPERTS,
        )
    named = tuple(dict.fromkeys(e.strip() for e in experts if e.strip()))
    if not named:
        raise InvalidInput("experts", "name the experts who argued the draft", A_EXPERTS)
    return Argumentation(
        on=stamp.effective,
        version=d.version_no,
        experts=named,
        conclusion=required("conclusion", conclusion, "record the experts' conclusion", A_EXPERTS),
    )


def all_assessed(d: Decision) -> None:
    """Adoption is completed only once every comment is assessed (附件2 第六条(三))."""
    waiting = d.unassessed()
    if waiting:
        shown = ", ".join(waiting[:5]) + ("…" if len(waiting) > 5 else "")
        raise Refused("decision", f"{len(waiting)} comment(s) not yet assessed: {shown}", A_ADOPTION)


def may_report(d: Decision) -> date:
    """The adoption report follows the completed adoption (its day, returned), and is published once."""
    if d.adoption_completed_on is None:
        raise Refused(
            "decision",
            "the report follows the completed adoption of comments; complete it first",
            A_ADOPTION,
        )
    if d.report is not None:
        raise Refused("decision", f"the adoption report was already published on {d.report.on}", A_RESULT)
    return d.adoption_completed_on


def may_decide(d: Decision) -> None:
    """Decided only once approved (exempt) or after the comments were fully heard (附件2 第一条)."""
    if d.exempt:
        if d.approved_version is None:
            raise Refused(
                "decision", "the leadership team has not approved it in collective discussion", A_REVIEW
            )
    elif d.publication is None:
        raise Refused("decision", f"decision {d.number} has not been pre-disclosed for comment", A_REVIEW)
    elif d.adoption_completed_on is None:
        raise Refused(
            "decision",
            "the decision is made after the comments were fully heard: complete the adoption first",
            A_HEARD,
        )


def revision(
    d: Decision,
    current: DraftVersion,
    stamp: Stamp,
    text: str,
    explanation: Explanation | None,
    note: str,
    computed: date | None = None,
) -> DraftVersion:
    """The next draft version: not while comments are open (第六条(三)), and not the same draft again."""
    closes = d.last_day(computed)
    if d.publication is not None and closes is None:
        w = d.windows[-1]
        if stamp.effective > w.nominal_last:
            raise unknown_close(w, "a revision")
        closes = w.nominal_last
    if d.publication is not None and closes is not None and stamp.effective <= closes:
        raise Refused(
            "decision",
            f"comments are open until {closes} 24:00; the draft is revised after the period",
            A_ADOPTION,
        )
    new_explanation = explanation or current.explanation
    if text == current.text and new_explanation == current.explanation:
        raise Refused("draft", f"the draft is the same as version {current.version}")
    return DraftVersion(
        version=current.version + 1,
        text=text,
        explanation=new_explanation,
        note=note.strip(),
        on=stamp.effective,
    )


def opinion(d: Decision, key: str, summary: str, concentrated: bool, response: str | None) -> Opinion:
    """An opinion as given, unless it is already recorded exactly so."""
    opinion = Opinion(
        key=key.strip(),
        summary=summary.strip(),
        concentrated=concentrated,
        response=response.strip() if response and response.strip() else None,
    )
    if d.opinions.get(opinion.key) == opinion:
        raise Refused("opinion", f"opinion {opinion.key} is already recorded as given")
    return opinion


def assessment(
    d: Decision, comment_id: str, outcome: Outcome, reason: str | None, opinion: str | None, stamp: Stamp
) -> Assessment:
    """A comment's assessment: any outcome but adopted states why (附件2 第四条(三)); a named
    opinion exists; the same assessment is not recorded twice."""
    why = reason.strip() if reason and reason.strip() else None
    if outcome is not Outcome.ADOPTED and why is None:
        raise InvalidInput(
            "reason", f"a comment {OUTCOME_LABELS[outcome]} states the reason why not adopted", A_RESULT
        )
    if opinion is not None and opinion not in d.opinions:
        raise NotFound(
            "opinion", f"decision {d.number} has no opinion {opinion}; record it with `opinion record`"
        )
    assessment = Assessment(outcome=outcome, reason=why, opinion=opinion, on=stamp.effective)
    previous = d.assessments.get(comment_id)
    if previous is not None and previous.model_copy(update={"on": stamp.effective}) == assessment:
        raise Refused("comment", f"comment {comment_id} is already assessed as given")
    return assessment


def draft(title: str, text: str, explanation: Explanation) -> None:
    """A draft has a title, its text (决策草案) and a full drafting explanation (附件2 第四条(一)(二))."""
    required("title", title, "a decision has a title", A_DRAFT)
    required("draft", text, "the draft text (决策草案) is required", A_DRAFT)
    for field in ("background", "basis", "main_content"):
        required(
            field,
            getattr(explanation, field),
            "the drafting explanation states background, legal and policy basis, and main content",
            A_EXPLANATION,
        )


def may_exempt(d: Decision) -> None:
    """Exempted once, and never after it was pre-disclosed (附件2 第七条)."""
    if d.exempt:
        raise Refused("decision", f"decision {d.number} is already exempt", A_EXEMPT)
    if d.publication is not None:
        raise Refused(
            "decision",
            f"decision {d.number} was already pre-disclosed on {d.publication.on}",
            A_EXEMPT,
        )


def window_closed(d: Decision, stamp: Stamp, computed: date | None = None) -> date:
    """Comments are analysed after the period: adoption is completed once the last window
    closed (its last day, returned)."""
    closes = d.last_day(computed)
    if closes is None:
        w = d.windows[-1]
        if stamp.effective > w.nominal_last:
            raise unknown_close(w, "the completed adoption")
        closes = w.nominal_last
    if stamp.effective <= closes:
        raise Refused(
            "effective",
            f"comments are open until {closes} 24:00; they are analysed after the period",
            A_ADOPTION,
        )
    return closes

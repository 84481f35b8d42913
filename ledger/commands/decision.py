"""Decision commands (附件2): one command per act in a major decision's life.

The commands load the decision, authorise the actor, and hand the aggregate what
it cannot know itself: the policy numbers in force and the dates the working-day
calendar computes — None where the calendar of a year is missing, which never stops an
act that happened from being recorded (the day is derived where it is read). The rules
are the aggregate's.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, field_validator

from aggregates.authority import Act
from aggregates.decision import (
    Category,
    Channel,
    CommentChannel,
    CommentWays,
    Decision,
    ExemptionGround,
    Explanation,
    Outcome,
)
from aggregates.errors import NoCalendar, NotFound, Refused
from aggregates.org import Unit
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Email, Phone, Text, Title, Url, cites, number_field

NUMBER = number_field("the decision's number, e.g. YJJR-2026-01")
Reason = Annotated[str, Field(min_length=1)]

CHINESE_NUMERALS = {
    "1": "一",
    "2": "二",
    "3": "三",
    "4": "四",
    "5": "五",
    "6": "六",
    "7": "七",
    "9": "九",
    "10": "十",
}


ADOPTION_READING = "decision.adoption_working_days"


def period_close(uow: UnitOfWork, start: date, days: int) -> date | None:
    """The last day of ``days`` days from ``start`` by the calendar as recorded (None: year missing)."""
    return uow.period_due(start, days)


def window_result(closes_on: date | None, message: str) -> dict[str, Any]:
    """A window's result: its last day (None while the calendar of the year is missing) and the message."""
    return {"closes_on": closes_on.isoformat() if closes_on else None, "message": message}


def until(day: date | None) -> str:
    return (
        f"open until {day} 24:00 (Asia/Shanghai)" if day else "last day pending (no working-day calendar yet)"
    )


class DecisionCommand(Command):
    decision: str = NUMBER

    def touches(self) -> tuple[UUID, ...]:
        return (Decision.id_for(self.decision),)

    def load(self, uow: UnitOfWork, act: Act = Act.RECORD_FOR_UNIT) -> Decision:
        """The decision, once the actor may do ``act`` for its unit (unknown number first, then authority)."""
        d = uow.load(Decision, Decision.id_for(self.decision), "decision", f"decision {self.decision}")
        uow.authorise(act, d.unit)
        return d


class DraftDecision(DecisionCommand):
    """Record a draft decision (决策草案) with its drafting explanation (起草说明)."""

    name = "decision.draft"
    title: Title = Field(min_length=1, description="the decision's title, without 《》")
    category: Category = Field(
        description="附件2 第三条 item: 一 二 三 四 五 六 七 九 十 (no 八)",
        json_schema_extra=cites("附件2 第三条"),
    )
    unit: str = Field(description="the undertaking unit (承办股室/中心)")
    draft: Text = Field(min_length=1, description="the draft text (决策草案)")
    background: Text = Field(min_length=1, description="起草说明: background")
    basis: Text = Field(min_length=1, description="起草说明: legal and policy basis")
    main_content: Text = Field(min_length=1, description="起草说明: main content")

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().strip("()（）")
            text = CHINESE_NUMERALS.get(text, text)
            if text in ("8", "八"):
                raise ValueError("附件2 第三条 has no item (八): (七) is followed by (九)")
            return text
        return value

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        unit = uow.get(Unit, Unit.id_for(self.unit))
        if unit is None:
            raise NotFound("unit", f"no unit {self.unit} in the ledger; see `ledger org list`")
        uow.authorise(Act.RECORD_FOR_UNIT, self.unit)
        if uow.get(Decision, Decision.id_for(self.decision)) is not None:
            raise Refused("decision", f"decision {self.decision} already exists")
        decision = Decision.draft_new(
            uow.stamp(self.effective),
            self.decision,
            self.title,
            self.category,
            unit.code,
            unit.name,
            self.draft,
            Explanation(background=self.background, basis=self.basis, main_content=self.main_content),
        )
        uow.add(decision)
        return {"id": str(decision.id), "message": f"decision {self.decision} 《{self.title}》 drafted"}


class ClearReview(DecisionCommand):
    """Record that the confidentiality review (保密审查) cleared the current draft."""

    name = "decision.review.clear"
    note: str | None = None

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow, Act.CONFIDENTIALITY_REVIEW)
        d.clear_review(uow.stamp(self.effective), self.note)
        return {"message": f"decision {self.decision}: version {d.version_no} cleared for pre-disclosure"}


class ExemptDecision(DecisionCommand):
    """Propose, from the review, a 附件2 第七条 exemption: the leadership team confirms it."""

    name = "decision.review.exempt"
    ground: ExemptionGround = Field(
        description="state_secret, commercial_secret, personal_privacy or instability",
        json_schema_extra=cites("附件2 第七条"),
    )
    note: str | None = None

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow, Act.CONFIDENTIALITY_REVIEW)
        d.propose_exemption(uow.stamp(self.effective), self.ground, self.note)
        return {
            "message": f"decision {self.decision}: exemption proposed ({self.ground.value}); "
            "the leadership team confirms it with `decision exemption confirm`"
        }


class ConfirmExemption(DecisionCommand):
    """The leadership team confirms (or declines) the unit's proposed 第七条 exemption."""

    name = "decision.exemption.confirm"
    confirmed: bool = Field(
        default=True,
        description="confirmed (never pre-disclosed) or declined",
        json_schema_extra=cites("附件2 第七条"),
    )
    note: str | None = None

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow, Act.COLLECTIVE_DISCUSSION)
        d.confirm_exemption(uow.stamp(self.effective), self.confirmed, self.note)
        verdict = "exempt from pre-disclosure" if self.confirmed else "exemption declined"
        return {"message": f"decision {self.decision}: {verdict}"}


class ArgueDraft(DecisionCommand):
    """Record an expert argumentation (专家论证) of the draft, before the collective discussion."""

    name = "decision.experts.record"
    experts: tuple[str, ...] = Field(
        min_length=1, description="the experts (repeat the option)", json_schema_extra=cites("附件2 第二条")
    )
    conclusion: Text = Field(min_length=1, description="the experts' conclusion")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.argue(uow.stamp(self.effective), self.experts, self.conclusion)
        return {
            "message": f"decision {self.decision}: expert argumentation of version {d.version_no} recorded"
        }


class Discuss(DecisionCommand):
    """Record the leadership team's collective discussion (领导班子集体讨论): meeting, day, attendees."""

    name = "decision.discuss"
    approved: bool = Field(description="whether the leadership team approved the draft")
    meeting: str = Field(min_length=1, description="the meeting and its number, e.g. 局党组会2026年第5次会议")
    attendees: tuple[str, ...] = Field(
        min_length=1,
        description="who attended (repeat the option)",
        json_schema_extra=cites("附件2 第六条(一)"),
    )
    note: str | None = None

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow, Act.COLLECTIVE_DISCUSSION)
        d.discuss(uow.stamp(self.effective), self.approved, self.meeting, self.note, self.attendees)
        verdict = "approved" if self.approved else "not approved"
        return {"message": f"decision {self.decision}: version {d.version_no} {verdict} ({self.meeting})"}


class Publish(DecisionCommand):
    """Pre-disclose the draft (预公开) and open the comment window."""

    name = "decision.publish"
    channels: tuple[Channel, ...] = Field(description="附件2 第五条 channels (repeat the option)")
    channel_detail: str | None = Field(default=None, description="where exactly (column, newspaper, URL)")
    days: int | None = Field(default=None, ge=1, description="comment period in days (default: policy)")
    shortened_reason: str | None = Field(
        default=None, description="the special reason for a period shorter than decision.comment_days.normal"
    )
    email: Email | None = Field(default=None, description="e-mail address for comments")
    postal_address: str | None = Field(default=None, description="postal address for comments")
    portal: str | None = Field(default=None, description="portal comment form (URL or column)")
    phone: Phone | None = Field(default=None, description="telephone for comments")
    fax: Phone | None = Field(default=None, description="fax for comments")
    contact: str = Field(
        min_length=1,
        description="the contact office (联系单位), e.g. 区金融工作局金融股 (or office and telephone)",
    )
    contact_person: str | None = Field(
        default=None, description="the bureau's contact person the notices name (联系人; public, official)"
    )
    contact_phone: Phone | None = Field(default=None, description="the contact person's telephone (联系电话)")
    download_url: Url | None = Field(
        default=None,
        description="the portal address where the draft and its explanation can be downloaded",
        json_schema_extra=cites("附件2 第四条(一)"),
    )
    closes: date | None = Field(
        default=None,
        description="the closing day announced to the public, if stated (checked against the period)",
        json_schema_extra=cites("附件2 第六条(二)"),
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        stamp = uow.stamp(self.effective)
        policy = uow.policy(stamp.effective)
        normal = policy.number("decision.comment_days.normal")
        days = self.days if self.days is not None else normal
        computed = period_close(uow, stamp.effective, days)
        closes_on = self.closes or computed
        adoption = policy.number(ADOPTION_READING) if ADOPTION_READING in policy.rules else None
        d.publish(
            stamp,
            channels=self.channels,
            channel_detail=self.channel_detail,
            ways=CommentWays(
                email=self.email,
                postal_address=self.postal_address,
                portal=self.portal,
                phone=self.phone,
                fax=self.fax,
            ),
            days=days,
            closes_on=closes_on,
            shortened_reason=self.shortened_reason,
            contact=self.contact,
            normal_days=normal,
            minimum_days=policy.number("decision.comment_days.minimum"),
            policy_version=policy.version,
            closes_stated=self.closes is not None,
            adoption_days=adoption,
            contact_person=self.contact_person,
            contact_phone=self.contact_phone,
            download_url=self.download_url,
        )
        short = ""
        if self.closes is not None and computed is not None and self.closes < computed:
            short = f"; announced before the legal end {computed} 24:00 (flagged on the board)"
        published = f"decision {self.decision} published for comment: {days} days"
        if self.contact_person is None:
            short += (
                "; no contact person named (--contact-person, --contact-phone): the notices show the office"
            )
        return window_result(closes_on, f"{published}, {until(closes_on)}{short}")


def current_close(uow: UnitOfWork, d: Decision) -> date | None:
    """The current window's last day with the calendar as it stands now (None if unknown)."""
    if not d.windows:
        return None
    w = d.windows[-1]
    return period_close(uow, w.start, w.days)


class ReceiveComment(DecisionCommand):
    """Record a comment from the public, effective on the day it was received."""

    name = "decision.comment.receive"
    effective: date | None = Field(
        default=None, description="the day the comment was received (default: today, Asia/Shanghai)"
    )
    channel: CommentChannel
    text: Text = Field(min_length=1, description="the comment")
    commenter: str | None = Field(default=None, description="the commenter's name (sealed; never published)")
    contact: str | None = Field(
        default=None, description="the commenter's contact data (sealed; never published)"
    )
    late: bool = Field(default=False, description="received after the window closed: keep it apart")
    unoffered: bool = Field(
        default=False,
        description="came by a way the notice did not offer: keep it, flagged",
        json_schema_extra=cites("附件2 第六条(二)"),
    )
    submitted_with: str | None = Field(
        default=None,
        description="a comment of the same letter, e-mail or call (one person's submission: one 人次)",
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        stamp = uow.stamp(self.effective)
        cid = d.receive_comment(
            stamp,
            self.channel,
            self.text,
            self.commenter,
            self.contact,
            self.late,
            current_close(uow, d),
            vault=uow.vault,
            unoffered=self.unoffered,
            submitted_with=self.submitted_with,
        )
        late = " (late, kept apart)" if self.late else ""
        late += " (by a way the notice did not offer, flagged)" if self.unoffered else ""
        return {"comment": cid, "message": f"decision {self.decision}: comment {cid} recorded{late}"}


class ExtendPeriod(DecisionCommand):
    """Extend the open comment window by a number of days, with the reason."""

    name = "decision.period.extend"
    days: int = Field(ge=1, description="days added to the period")
    reason: Reason

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        stamp = uow.stamp(self.effective)
        w = d.current_window()
        closes_on = period_close(uow, w.start, w.days + self.days)
        d.extend_period(stamp, self.days, closes_on, self.reason, current_close(uow, d))
        return window_result(closes_on, f"decision {self.decision}: {until(closes_on)}")


class ReopenPeriod(DecisionCommand):
    """Reopen the closed comment window for a number of days from the effective date."""

    name = "decision.period.reopen"
    days: int = Field(ge=1, description="days of the new window, counted from the effective date")
    reason: Reason

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        stamp = uow.stamp(self.effective)
        closes_on = period_close(uow, stamp.effective, self.days)
        d.reopen_period(stamp, self.days, closes_on, self.reason, current_close(uow, d))
        return window_result(closes_on, f"decision {self.decision}: reopened, {until(closes_on)}")


class RecordOpinion(DecisionCommand):
    """Record an opinion that groups comments; mark it concentrated (较为集中意见) if so."""

    name = "decision.opinion.record"
    opinion: str = Field(pattern=r"^[A-Za-z0-9_-]{1,16}$", description="short key, e.g. O1")
    summary: str = Field(min_length=1, description="the opinion in one sentence (published in the report)")
    concentrated: bool = Field(default=False, description="a concentrated opinion (较为集中意见)")
    response: str | None = Field(default=None, description="what was done about it (published)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.record_opinion(
            uow.stamp(self.effective), self.opinion, self.summary, self.concentrated, self.response
        )
        return {"message": f"decision {self.decision}: opinion {self.opinion} recorded"}


class AssessComment(DecisionCommand):
    """Assess a comment: adopted, partly adopted, or not adopted (with the reason)."""

    name = "decision.comment.assess"
    comment: str = Field(description="the comment's id, e.g. C001")
    outcome: Outcome
    reason: str | None = Field(default=None, description="why not (or not fully) adopted")
    opinion: str | None = Field(default=None, description="the opinion it belongs to")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.assess(uow.stamp(self.effective), self.comment, self.outcome, self.reason, self.opinion)
        return {"message": f"decision {self.decision}: comment {self.comment} {self.outcome.value}"}


class ReviseDraft(DecisionCommand):
    """Record a revised draft: a new version (see `ledger decision diff`)."""

    name = "decision.revise"
    draft: Text = Field(min_length=1, description="the revised draft text")
    note: str = Field(min_length=1, description="what was revised and why")
    background: Text | None = Field(default=None, description="revised 起草说明: background")
    basis: Text | None = Field(default=None, description="revised 起草说明: basis")
    main_content: Text | None = Field(default=None, description="revised 起草说明: main content")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        explanation = None
        if self.background or self.basis or self.main_content:
            old = d.versions[-1].explanation
            explanation = Explanation(
                background=self.background or old.background,
                basis=self.basis or old.basis,
                main_content=self.main_content or old.main_content,
            )
        version = d.revise(
            uow.stamp(self.effective), self.draft, explanation, self.note, current_close(uow, d)
        )
        return {"version": version, "message": f"decision {self.decision}: draft version {version} recorded"}


class CompleteAdoption(DecisionCommand):
    """Record that the adoption of comments is completed (every comment assessed)."""

    name = "decision.adoption.complete"

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        stamp = uow.stamp(self.effective)
        policy = uow.policy(stamp.effective)
        days = policy.number("decision.report_working_days")
        d.complete_adoption(stamp, days, policy.version, current_close(uow, d))
        try:
            due = uow.calendar().working_days_after(stamp.effective, days).due.isoformat()
        except NoCalendar:
            due = "pending (no calendar)"
        return {
            "report_due": due,
            "message": f"decision {self.decision}: adoption completed; report due {due} "
            f"({days} working days, {policy.cite('decision.report_working_days')})",
        }


class PublishReport(DecisionCommand):
    """Publish the adoption report (意见收集和采纳情况)."""

    name = "decision.report.publish"
    channels: tuple[Channel, ...] = Field(description="附件2 第五条 channels (repeat the option)")
    note: str | None = Field(default=None, description="how the draft was revised, in a sentence or two")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.publish_report(uow.stamp(self.effective), self.channels, self.note)
        return {"message": f"decision {self.decision}: adoption report published"}


class ExplainPolicy(DecisionCommand):
    """Publish a policy explanation (政策解释) of questions the public cares about, as its own notice."""

    name = "decision.explain"
    title: str = Field(min_length=1, description="the explanation's title, e.g. 一问一答")
    text: Text = Field(min_length=1, description="the questions and their answers")
    channels: tuple[Channel, ...] = Field(
        description="附件2 第五条 channels (repeat the option)", json_schema_extra=cites("附件2 第六条(一)")
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.explain_policy(uow.stamp(self.effective), self.title, self.text, self.channels)
        return {"message": f"decision {self.decision}: policy explanation published"}


class Decide(DecisionCommand):
    """Record the decision made by the leadership team, with its document number."""

    name = "decision.decide"
    document_number: str = Field(min_length=1, description="文号, e.g. 雁金发〔2026〕12号")
    channels: tuple[Channel, ...] = Field(
        default=(),
        description="where the decision is published (a pre-disclosed one is; an exempt one never)",
        json_schema_extra=cites("附件2 第五条"),
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow, Act.COLLECTIVE_DISCUSSION)
        d.decide(uow.stamp(self.effective), self.document_number, self.channels)
        return {"message": f"decision {self.decision}: decided, {self.document_number}"}


class Withdraw(DecisionCommand):
    """Withdraw a decision before it is made, with the reason."""

    name = "decision.withdraw"
    reason: Reason

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        d = self.load(uow)
        d.withdraw(uow.stamp(self.effective), self.reason)
        return {"message": f"decision {self.decision}: withdrawn"}

"""Information-request commands (依申请公开, 国务院令第711号 第二十七–四十五条) and complaints.

The commands load the request, authorise the actor (the office's clerks; the head of the
disclosure office for an extension), and hand the aggregate what it cannot know itself:
the policy in force, the office, the vault that seals the requester's data, and the dates
the working-day calendar computes (None for a year with no calendar: an act that happened is
recorded all the same, and the board shows the deadline pending until the year is loaded).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from aggregates.authority import Act
from aggregates.errors import NotFound
from aggregates.org import Organisation, Unit
from aggregates.request import (
    OUTCOME_LABELS,
    SUPPLEMENT_DAYS,
    THIRD_PARTY_DAYS,
    CaseKind,
    CaseResult,
    Channel,
    Complaint,
    ConsultKind,
    InformationRequest,
    Outcome,
    RequesterKind,
    article_of,
)
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Text, after_day, cites, number_field, obligation_due

NUMBER = number_field("the request's number, e.g. YSQ-2026-001")


def answer_due(uow: UnitOfWork, r: InformationRequest) -> date | None:
    """The day the answer is due as the board computes it now (None: pending, or answered)."""
    return obligation_due(uow, next((o for o in r.obligations() if o.key.endswith(":answer")), None))


def load_request(uow: UnitOfWork, number: str) -> InformationRequest:
    return uow.load(InformationRequest, InformationRequest.id_for(number), "request", f"request {number}")


class RequestCommand(Command):
    request: str = NUMBER

    def load(self, uow: UnitOfWork, act: Act = Act.HANDLE_REQUEST) -> InformationRequest:
        """The request, once the actor may do ``act`` (unknown number first, then authority)."""
        r = load_request(uow, self.request)
        uow.authorise(act)
        uow.changed(r)
        return r


class ReceiveRequest(RequestCommand):
    """Register a request as received (第二十九条), on the day of receipt 第三十一条 sets for its
    channel; the requester's name and contact are sealed and never published."""

    name = "request.receive"
    requester_kind: RequesterKind = Field(
        description="natural_person, or a legal person/organisation: commercial, research, public_interest, "
        "legal_service, other (the columns of the annual report's table 三)",
        json_schema_extra=cites("国办公开办函〔2021〕30号"),
    )
    requester_name: str = Field(min_length=1, description="the requester's name (never published)")
    contact: str = Field(min_length=1, description="address, telephone or e-mail (never published)")
    channel: Channel = Field(
        description="in_person, registered_post, ordinary_letter, fax, email or online",
        json_schema_extra=cites("国务院令第711号 第二十九条、第三十一条"),
    )
    asked: Text = Field(
        min_length=1, description="the information asked for (名称、文号或便于查询的其他特征)"
    )
    submitted: date | None = Field(
        default=None, description="the day it was submitted or sent (default: effective)"
    )
    signed_for: date | None = Field(
        default=None, description="registered post: the day the bureau signed for it"
    )
    confirmed: date | None = Field(
        default=None,
        description="ordinary letter, fax, e-mail, online: the day receipt was confirmed with the requester",
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.HANDLE_REQUEST)
        stamp = uow.stamp(self.effective)
        org = uow.load(Organisation, Organisation.id_for(), "org", "organisation; run `ledger org init`")
        policy = uow.policy(stamp.effective)
        r = InformationRequest.receive(
            stamp,
            self.request,
            self.requester_kind,
            self.requester_name,
            self.contact,
            self.channel,
            self.asked,
            org.office_code,
            policy,
            uow.get(InformationRequest, InformationRequest.id_for(self.request)),
            uow.vault,
            self.submitted,
            self.signed_for,
            self.confirmed,
        )
        uow.add(r)
        due = after_day(uow, r.received_on, r.answer_days)
        return {
            "id": str(r.id),
            "received_on": r.received_on.isoformat(),
            "due": due.isoformat() if due else None,
            "message": f"request {self.request} received on {r.received_on}; answer due "
            f"{due or 'on a day pending the working-day calendar'} "
            f"({r.answer_days} working days, 第三十三条)",
        }


class AskSupplement(RequestCommand):
    """Send the request back once for supplement (补正, 第三十条): what is unclear, and by when."""

    name = "request.supplement.ask"
    unclear: Text = Field(min_length=1, description="what is unclear and must be supplemented")
    due: date = Field(description="the last day of the reasonable period given for the supplement")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        stamp = uow.stamp(self.effective)
        ask_by = after_day(uow, r.received_on, uow.policy(r.received_on).number(SUPPLEMENT_DAYS))
        r.ask_supplement(stamp, self.unclear, self.due, ask_by)
        return {"message": f"request {self.request}: supplement asked, due {self.due}"}


class ReceiveSupplement(RequestCommand):
    """Record the supplement received: the answer period runs from this day (第三十条)."""

    name = "request.supplement.receive"
    good_reason: str | None = Field(
        default=None, description="after its period: the requester's good reason (正当理由)"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        r.receive_supplement(uow.stamp(self.effective), self.good_reason)
        due = after_day(uow, r.start_on, r.answer_days)
        return {
            "message": f"request {self.request}: supplement received on {r.start_on}; "
            f"answer due {due or 'pending'}"
        }


class Consult(RequestCommand):
    """Consult a third party in writing (第三十二条) or another body: the time is not counted (第三十三条)."""

    name = "request.consultation.send"
    kind: ConsultKind = Field(
        description="third_party or other_body", json_schema_extra=cites("国务院令第711号 第三十二条")
    )
    matter: Text = Field(min_length=1, description="what they are asked (no names)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        stamp = uow.stamp(self.effective)
        n = uow.policy(r.received_on).number(THIRD_PARTY_DAYS)
        ends = after_day(uow, stamp.effective, n) if self.kind is ConsultKind.THIRD_PARTY else None
        cid = r.consult(stamp, self.kind, self.matter, ends)
        until = f"; the third party has until {ends}" if ends else ""
        return {
            "consultation": cid,
            "message": f"request {self.request}: {cid} sent{until}; the count is paused",
        }


class RecordReply(RequestCommand):
    """Record the opinion a consulted party gave: the count resumes the next day."""

    name = "request.consultation.reply"
    consultation: str = Field(pattern=r"^T\d{2,}$", description="the consultation's id, e.g. T01")
    opinion: Text = Field(min_length=1, description="the opinion received")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        r.record_reply(uow.stamp(self.effective), self.consultation, self.opinion)
        return {"message": f"request {self.request}: {self.consultation} answered"}


class ExtendRequest(RequestCommand):
    """Extend the answer period once, by at most the policy's working days: the head of the
    disclosure office approves it (the actor), and the requester is told (第三十三条)."""

    name = "request.extend"
    days: int = Field(ge=1, description="working days added (at most request.extension_working_days_max)")
    reason: str = Field(min_length=1, description="why the answer needs longer (told to the requester)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow, Act.APPROVE_EXTENSION)
        stamp = uow.stamp(self.effective)
        r.extend(stamp, self.days, self.reason, answer_due(uow, r))
        due = answer_due(uow, r) or "pending"
        return {"message": f"request {self.request}: extended by {self.days} working days; answer due {due}"}


class AnswerRequest(RequestCommand):
    """Answer the request: its outcome is one row of the annual report's table 三, citing its article."""

    name = "request.answer"
    outcome: Outcome = Field(
        description="disclosed, partial; withheld: state_secret, law_forbids, endangers, third_party, "
        "internal, "
        "process, enforcement, inquiry; unavailable: not_held, needs_making, still_unclear; not processed: "
        "petition, repeat, publication, excessive, confirm; other: abandoned, unpaid, other",
        json_schema_extra=cites("国办公开办函〔2021〕30号"),
    )
    note: str | None = Field(default=None, description="the answer's gist (with outcome other: what it was)")
    fee: str | None = Field(default=None, description="信息处理费 charged, in yuan (第四十二条; default 0)")
    on_the_spot: bool = Field(
        default=False, description="answered on the spot, the day of receipt (当场答复)"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        r.answer_request(uow.stamp(self.effective), self.outcome, self.note, self.fee, self.on_the_spot)
        return {
            "message": f"request {self.request} answered: {OUTCOME_LABELS[self.outcome]} "
            f"({article_of(self.outcome)})"
        }


class FileCase(RequestCommand):
    """Record a review (行政复议) or a suit (行政诉讼) about the request (第五十一条)."""

    name = "request.case.file"
    kind: CaseKind = Field(
        description="review or litigation", json_schema_extra=cites("国务院令第711号 第五十一条")
    )
    prior_review: bool = Field(default=False, description="a suit after a review (复议后起诉)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        cid = r.file_case(uow.stamp(self.effective), self.kind, self.prior_review)
        return {"case": cid, "message": f"request {self.request}: {cid} ({self.kind.label}) filed"}


class DecideCase(RequestCommand):
    """Record a review's or a suit's result: upheld, corrected or other."""

    name = "request.case.decide"
    case: str = Field(pattern=r"^A\d{2,}$", description="the case's id, e.g. A01")
    result: CaseResult = Field(description="upheld (维持), corrected (纠正) or other (其他)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        r = self.load(uow)
        r.decide_case(uow.stamp(self.effective), self.case, self.result)
        return {"message": f"request {self.request}: {self.case} {self.result.label}"}


class ReceiveComplaint(Command):
    """Record a complaint about disclosure work (投诉), against the unit it concerns (no
    complainant's data)."""

    name = "request.complaint.receive"
    complaint: str = number_field("its number, e.g. TS-2026-01")
    unit: str = Field(description="the unit it concerns, by code")
    summary: Text = Field(min_length=1, description="what it is about")
    about_request: str | None = Field(default=None, description="the request it concerns, if one")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.HANDLE_COMPLAINT)
        stamp = uow.stamp(self.effective)
        if uow.get(Unit, Unit.id_for(self.unit)) is None:
            raise NotFound(
                "unit", f"no unit {self.unit} in the ledger; see `ledger org list`", value=self.unit
            )
        if self.about_request is not None:
            load_request(uow, self.about_request)
        c = Complaint.receive(
            stamp,
            self.complaint,
            self.unit,
            self.summary,
            self.about_request,
            uow.get(Complaint, Complaint.id_for(self.complaint)),
        )
        uow.add(c)
        return {"id": str(c.id), "message": f"complaint {self.complaint} about {self.unit} received"}


class HandleComplaint(Command):
    """Record how a complaint was handled (处理结果)."""

    name = "request.complaint.handle"
    complaint: str = number_field("its number")
    result: Text = Field(min_length=1, description="how it was handled")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.HANDLE_COMPLAINT)
        c = uow.load(Complaint, Complaint.id_for(self.complaint), "complaint", f"complaint {self.complaint}")
        uow.changed(c)
        c.handle(uow.stamp(self.effective), self.result)
        return {"message": f"complaint {self.complaint} handled"}

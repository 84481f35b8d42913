"""An information request (政府信息公开申请, 条例 第二十七–四十五条), from receipt to answer.

An :class:`InformationRequest` — one per number (``YSQ-2026-001``) — is received by the
disclosure office (the 办公室, the bureau's 政府信息公开工作机构) on the day 第三十一条 sets
for its channel; may be sent back once for supplement (补正, 第三十条) within the policy's
working days, the answer period then running from the day the supplement is received;
third parties are consulted (第三十二条) and other bodies asked, their time not counted
(第三十三条); the answer is due within the policy's working days, extended once with the
approval of the head of the disclosure office by at most the policy's working days; the
answer's outcome is one row of the national format's table 三, citing its article.
Reviews (行政复议) and suits (行政诉讼) about it are recorded with their results (第五十一条).

The requester's name and contact are personal data: checked in clear, recorded sealed under
``request:NUMBER:requester`` and never part of any public output. Dates that need the
working-day calendar are computed by the command and passed in (None: a year with no
calendar, and the act is recorded all the same).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import ClassVar, TypeVar
from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, changed, required, stable_id
from aggregates.errors import InvalidInput, Malformed, NotFound, Refused
from aggregates.obligations import Obligation
from aggregates.policy import Policy
from aggregates.privacy import Sealed, Vault, sealed, subject_key
from aggregates.request.owed import owed
from aggregates.request.vocabulary import (
    ANSWER_DAYS,
    ART_ANSWER,
    ART_FEES,
    ART_RECEIPT,
    ART_REMEDY,
    ART_REQUEST,
    ART_SUPPLEMENT,
    ART_THIRD_PARTY,
    EXTENSION_DAYS,
    OUTCOME_LABELS,
    RECEIPT_RULES,
    REQUESTER_LABELS,
    SUPPLEMENT_DAYS,
    THIRD_PARTY_DAYS,
    Answer,
    Case,
    CaseKind,
    CaseResult,
    Channel,
    Consultation,
    ConsultKind,
    Extension,
    Outcome,
    RequesterKind,
    Stage,
    Supplement,
    article_of,
)

__all__ = ["InformationRequest", "fee_text"]

E = TypeVar("E", Consultation, Case)


def fee_text(value: str | None) -> str:
    """A fee in yuan as exact decimal text (two places at most, never negative)."""
    if value is None or not str(value).strip():
        return "0"
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput("fee", f"{value!r} is not an amount in yuan (e.g. 0 or 12.50)") from None
    if not amount.is_finite() or amount.adjusted() > 9:  # NaN, Infinity; no fee runs to 10⁹ yuan
        raise InvalidInput("fee", f"{value!r} is not an amount in yuan (e.g. 0 or 12.50)")
    if amount < 0:
        raise InvalidInput("fee", f"{value} is negative; a fee charged is 0 yuan or more", ART_FEES)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("fee", f"{value} is not an amount in yuan with at most two decimals", ART_FEES)
    return format(amount.normalize(), "f")


class InformationRequest(Aggregate):
    """A request for government information (依申请公开) under Decree 711."""

    kind = "request"

    number: str
    requester_kind: RequesterKind
    requester_name: str | Sealed
    requester_contact: str | Sealed
    channel: Channel
    asked: str
    submitted_on: date
    received_on: date
    start_on: date  # the day the answer period runs from (receipt, or the supplement's receipt)
    office: str
    answer_days: int
    extension_max: int
    supplement_days: int
    third_party_days: int
    policy_version: str
    stage: Stage
    last_act_on: date
    received_by: str
    supplement: Supplement | None
    consultations: dict[str, Consultation]
    extension: Extension | None
    answer: Answer | None
    cases: dict[str, Case]

    @staticmethod
    def id_for(number: str) -> UUID:
        return stable_id("request", number)

    def subject(self) -> str:
        """What the board calls it: the number only (the request's text may name people)."""
        return f"{self.number} 政府信息公开申请（{REQUESTER_LABELS[self.requester_kind]}）"

    def answered_on(self) -> date | None:
        return self.answer.on if self.answer else None

    # --- guards -------------------------------------------------------------------------

    def _open(self, field: str = "request") -> None:
        if self.answer is not None:
            raise Refused(field, f"request {self.number} was answered on {self.answer.on}", ART_ANSWER)

    def _one(self, entries: dict[str, E], field: str, key: str) -> E:
        """The consultation or case ``key``; unknown, NotFound naming the ones there are."""
        found = entries.get(key)
        if found is None:
            known = ", ".join(entries) or "none yet"
            raise NotFound(field, f"request {self.number} has no {field} {key} ({known})")
        return found

    def _awaiting(self, field: str = "request") -> None:
        s = self.supplement
        if s is not None and s.received_on is None:
            raise Refused(
                field,
                f"request {self.number} awaits its supplement (补正) asked on {s.asked_on}, due {s.due}; "
                "record it (`ledger request supplement receive`) or, past its period, answer "
                "--outcome abandoned",
                ART_SUPPLEMENT,
            )

    # --- the life of a request --------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        stamp: Stamp,
        number: str,
        requester_kind: RequesterKind,
        name: str,
        contact: str,
        channel: Channel,
        asked: str,
        office: str,
        policy: Policy,
        existing: InformationRequest | None,
        vault: Vault | None,
        submitted: date | None = None,
        signed_for: date | None = None,
        confirmed: date | None = None,
    ) -> InformationRequest:
        """Received: who (sealed), of which kind, by which channel, asking what. The day of
        receipt is the one 第三十一条 sets for the channel, never later than the recording."""
        if existing is not None:
            raise Refused("request", f"request {number} already exists; a request's number is never reused")
        name = required("requester_name", name, "the requester's name (never published)", ART_REQUEST)
        contact = required("contact", contact, "the requester's contact (never published)", ART_REQUEST)
        asked = required(
            "asked", asked, "what information is asked for (名称、文号或便于查询的其他特征)", ART_REQUEST
        )
        needs, rule = RECEIPT_RULES[channel]
        received_on = {
            "submitted": submitted or stamp.effective,
            "signed_for": signed_for,
            "confirmed": confirmed,
        }[needs]
        if received_on is None:
            raise Malformed(needs, f"a request by {channel.label} is received on the day {rule}", ART_RECEIPT)
        submitted_on = submitted or received_on  # not given: sent the day it came
        if received_on < submitted_on:
            raise Refused(
                needs, f"{received_on} is before the request was submitted ({submitted_on})", ART_RECEIPT
            )
        if received_on > stamp.effective:
            raise Refused(
                "effective", f"a request is recorded on or after its day of receipt ({received_on})"
            )
        subject = subject_key(cls.kind, number, "requester")
        return cls._create(
            cls.id_for(number),
            cls.Received,
            stamp,
            number=number,
            requester_kind=requester_kind,
            requester_name=sealed(vault, subject, name),
            requester_contact=sealed(vault, subject, contact),
            channel=channel,
            asked=asked,
            submitted_on=submitted_on,
            received_on=received_on,
            office=office,
            answer_days=policy.number(ANSWER_DAYS),
            extension_max=policy.number(EXTENSION_DAYS),
            supplement_days=policy.number(SUPPLEMENT_DAYS),
            third_party_days=policy.number(THIRD_PARTY_DAYS),
            policy_version=policy.version,
        )

    def ask_supplement(self, stamp: Stamp, unclear: str, due: date, ask_by: date | None) -> None:
        """SupplementAsked (补正, 第三十条): once, within the policy's working days of receipt
        (``ask_by``, computed by the command), naming what is unclear and a reasonable period."""
        self._open()
        if self.supplement is not None:
            raise Refused(
                "request",
                f"request {self.number} was sent back for supplement on {self.supplement.asked_on}; "
                "第三十条 asks for it once (一次性告知)", ART_SUPPLEMENT,
            )  # fmt: skip
        if self.consultations or self.extension:
            raise Refused(
                "request", "a supplement is asked before the request is processed further", ART_SUPPLEMENT
            )
        self._not_before(stamp, self.received_on, "the day of receipt")
        unclear = required("unclear", unclear, "name what is unclear and needs supplementing", ART_SUPPLEMENT)
        if ask_by is not None and stamp.effective > ask_by:
            raise Refused(
                "effective",
                f"a supplement is asked within {self.supplement_days} working days of receipt "
                f"({self.received_on}), "
                f"by {ask_by}; {stamp.effective} is too late",
                ART_SUPPLEMENT,
            )
        if due <= stamp.effective:
            raise Refused(
                "due",
                f"the supplement period ends after the day it is asked ({stamp.effective})",
                ART_SUPPLEMENT,
            )
        self._trigger(self.SupplementAsked, stamp, unclear=unclear, due=due)

    def receive_supplement(self, stamp: Stamp, good_reason: str | None = None) -> None:
        """SupplementReceived: the answer period runs from this day (第三十条). After the period,
        only with the good reason the requester gave (无正当理由逾期不补正: abandoned)."""
        self._open()
        s = self.supplement
        if s is None or s.received_on is not None:
            what = (
                "was never sent back for supplement"
                if s is None
                else f"got its supplement on {s.received_on}"
            )
            raise Refused("request", f"request {self.number} {what}", ART_SUPPLEMENT)
        self._not_before(stamp, s.asked_on, "the supplement was asked")
        reason = good_reason.strip() if good_reason and good_reason.strip() else None
        if stamp.effective > s.due and reason is None:
            raise Refused(
                "good_reason",
                f"the supplement period ended on {s.due}; a later supplement is taken only with "
                "a good reason "
                "(正当理由), otherwise the request is treated as abandoned (--outcome abandoned)",
                ART_SUPPLEMENT,
            )
        self._trigger(self.SupplementReceived, stamp, good_reason=reason)

    def consult(self, stamp: Stamp, kind: ConsultKind, matter: str, ends_on: date | None) -> str:
        """Consulted (第三十二条 a third party, in writing; or another body): the time it takes is
        not counted (第三十三条). A third party's period ends on ``ends_on`` (the command computes
        it); after that the bureau decides alone. Returns the id (T01, T02, …)."""
        self._open()
        self._awaiting()
        self._not_before(stamp, self.start_on, "the day the answer period started")
        matter = required("matter", matter, "what the consultation asks (no names)", ART_THIRD_PARTY)
        cid = self._next_id("T", self.Consulted, "consultation_id")
        self._trigger(
            self.Consulted,
            stamp,
            consultation_id=cid,
            consult_kind=kind,
            matter=matter,
            ends_on=ends_on if kind is ConsultKind.THIRD_PARTY else None,
        )
        return cid

    def record_reply(self, stamp: Stamp, consultation_id: str, opinion: str) -> None:
        """ReplyRecorded: the consulted party's opinion came in; the count resumes the next day."""
        self._open()
        found = self._one(self.consultations, "consultation", consultation_id)
        if found.replied_on is not None:
            raise Refused("consultation", f"{consultation_id} was answered on {found.replied_on}")
        self._not_before(stamp, found.sent_on, "the consultation was sent")
        opinion = required("opinion", opinion, "the opinion received", ART_THIRD_PARTY)
        self._trigger(self.ReplyRecorded, stamp, consultation_id=consultation_id, opinion=opinion)

    def extend(self, stamp: Stamp, days: int, reason: str, due_now: date | None) -> None:
        """Extended (第三十三条): once, by at most the policy's working days, with the approval of
        the head of the disclosure office (the actor), before the answer period ends (``due_now``,
        computed by the command; None while it cannot be known), the requester told."""
        self._open()
        self._awaiting()
        if self.extension is not None:
            raise Refused(
                "request", f"the answer period of {self.number} was extended on {self.extension.on}; "
                "第三十三条 allows one extension", ART_ANSWER,
            )  # fmt: skip
        if not 1 <= days <= self.extension_max:
            raise InvalidInput(
                "days",
                f"an extension is at most {self.extension_max} working days (延长的期限最长不得超过)",
                ART_ANSWER,
            )
        reason = required("reason", reason, "why the answer needs longer", ART_ANSWER)
        self._not_before(stamp, self.start_on, "the day the answer period started")
        if due_now is not None and stamp.effective > due_now:
            raise Refused(
                "effective",
                f"the answer period ended on {due_now}; an extension is approved and told before it ends",
                ART_ANSWER,
            )
        self._trigger(self.Extended, stamp, days=days, reason=reason)

    def answer_request(
        self, stamp: Stamp, outcome: Outcome, note: str | None, fee: str | None, on_the_spot: bool = False
    ) -> None:
        """Answered: the outcome, one row of table 三 citing its article (and any fee charged)."""
        self._open()
        self._not_before(stamp, self.received_on, "the day of receipt")
        s = self.supplement
        note = note.strip() if note and note.strip() else None
        if outcome is Outcome.ABANDONED:
            if s is None or s.received_on is not None:
                raise Refused(
                    "outcome",
                    "abandoned (逾期不补正) only when a supplement was asked and never came",
                    ART_SUPPLEMENT,
                )
            if stamp.effective <= s.due:
                raise Refused(
                    "outcome",
                    f"the supplement period runs until {s.due}; not abandoned before",
                    ART_SUPPLEMENT,
                )
        else:
            self._awaiting()
        if outcome is Outcome.STILL_UNCLEAR and (s is None or s.received_on is None):
            raise Refused(
                "outcome",
                "still unclear after supplement (补正后仍不明确) needs a supplement received",
                ART_SUPPLEMENT,
            )
        if outcome is Outcome.OTHER and note is None:
            raise InvalidInput(
                "note", "an outcome of the kind other (其他) says what it was", article_of(outcome)
            )
        if on_the_spot and stamp.effective != self.received_on:
            raise Refused(
                "on_the_spot",
                f"an answer on the spot (当场答复) is given on the day of receipt ({self.received_on})",
                ART_ANSWER,
            )
        self._trigger(
            self.Answered, stamp, outcome=outcome, note=note, fee=fee_text(fee), on_the_spot=on_the_spot
        )

    def file_case(self, stamp: Stamp, kind: CaseKind, prior_review: bool) -> str:
        """CaseFiled: a review (行政复议) or a suit (行政诉讼) about the request (第五十一条)."""
        self._not_before(stamp, self.received_on, "the day of receipt")
        if prior_review and kind is not CaseKind.LITIGATION:
            raise InvalidInput("prior_review", "only a suit follows a review (复议后起诉)", ART_REMEDY)
        if prior_review and not any(c.kind is CaseKind.REVIEW for c in self.cases.values()):
            raise Refused(
                "prior_review", f"request {self.number} has no review on record to follow", ART_REMEDY
            )
        cid = self._next_id("A", self.CaseFiled, "case_id")
        self._trigger(self.CaseFiled, stamp, case_id=cid, case_kind=kind, prior_review=prior_review)
        return cid

    def decide_case(self, stamp: Stamp, case_id: str, result: CaseResult) -> None:
        """CaseDecided: its result (维持, 纠正, 其他); 尚未审结 is the absence of one."""
        found = self._one(self.cases, "case", case_id)
        if result is CaseResult.PENDING:
            raise InvalidInput(
                "result", "a decided case is upheld, corrected or other (尚未审结 is no result)", ART_REMEDY
            )
        if found.decided_on is not None:
            raise Refused("case", f"{case_id} was decided on {found.decided_on}", ART_REMEDY)
        self._not_before(stamp, found.filed_on, "the case was filed")
        self._trigger(self.CaseDecided, stamp, case_id=case_id, result=result)

    # --- what it owes ------------------------------------------------------------------------

    def obligations(self) -> list[Obligation]:
        """Its obligations for the deadline board (the rules in :mod:`.owed`)."""
        return owed(self)

    # --- events -------------------------------------------------------------------------------

    class Received(Event):
        creates = True
        personal: ClassVar[tuple[str, ...]] = ("requester_name", "requester_contact")  # sealed
        number: str
        requester_kind: RequesterKind
        requester_name: str | Sealed
        requester_contact: str | Sealed
        channel: Channel
        asked: str
        submitted_on: date
        received_on: date
        office: str
        answer_days: int
        extension_max: int
        supplement_days: int
        third_party_days: int
        policy_version: str

        def subject(self, r: InformationRequest) -> str:
            return subject_key(r.kind, r.number, "requester")

        def apply(self, r: InformationRequest) -> None:
            self.assign(
                r, "number", "requester_kind", "requester_name", "requester_contact", "channel", "asked",
                "submitted_on", "received_on", "office", "answer_days", "extension_max", "supplement_days",
                "third_party_days", "policy_version",
            )  # fmt: skip
            r.start_on = self.received_on
            self.step(r, Stage.RECEIVED, by="received_by")
            r.supplement = r.extension = r.answer = None
            r.consultations, r.cases = {}, {}

        def summary(self) -> str:  # the log names no requester
            how = f"{self.requester_kind.label}, {self.channel.label}"
            return f"{self.number} received ({how}) on {self.received_on}"

    class SupplementAsked(Event):
        unclear: str
        due: date

        def apply(self, r: InformationRequest) -> None:
            r.supplement = Supplement(asked_on=self.effective, unclear=self.unclear, due=self.due)
            self.step(r, Stage.AWAITING_SUPPLEMENT)

        def summary(self) -> str:
            return f"supplement (补正) asked, due {self.due}"

    class SupplementReceived(Event):
        good_reason: str | None = None

        def apply(self, r: InformationRequest) -> None:
            if r.supplement is not None:
                r.supplement = r.supplement.model_copy(update={"received_on": self.effective})
            r.start_on = self.effective
            self.step(r, Stage.RECEIVED)

        def summary(self) -> str:
            return "supplement received; the answer period runs from today" + (
                f" (late, good reason: {self.good_reason})" if self.good_reason else ""
            )

    class Consulted(Event):
        consultation_id: str
        consult_kind: ConsultKind
        matter: str
        ends_on: date | None

        def apply(self, r: InformationRequest) -> None:
            found = Consultation(
                consultation_id=self.consultation_id,
                kind=self.consult_kind,
                matter=self.matter,
                sent_on=self.effective,
                ends_on=self.ends_on,
            )
            r.consultations = {**r.consultations, self.consultation_id: found}
            self.step(r)

        def summary(self) -> str:
            until = f", period ends {self.ends_on}" if self.ends_on else ""
            return f"{self.consultation_id}: {self.consult_kind.label} consulted{until}"

    class ReplyRecorded(Event):
        consultation_id: str
        opinion: str

        def apply(self, r: InformationRequest) -> None:
            r.consultations = changed(
                r.consultations, self.consultation_id, replied_on=self.effective, opinion=self.opinion
            )
            self.step(r)

        def summary(self) -> str:
            return f"{self.consultation_id}: opinion received"

    class Extended(Event):
        days: int
        reason: str

        def apply(self, r: InformationRequest) -> None:
            r.extension = Extension(
                days=self.days, reason=self.reason, approved_by=self.actor, on=self.effective
            )
            self.step(r)

        def summary(self) -> str:
            return (
                f"answer period extended by {self.days} working days, approved by {self.actor}: {self.reason}"
            )

    class Answered(Event):
        outcome: Outcome
        note: str | None
        fee: str
        on_the_spot: bool

        def apply(self, r: InformationRequest) -> None:
            r.answer = Answer(
                on=self.effective,
                outcome=self.outcome,
                note=self.note,
                on_the_spot=self.on_the_spot,
                fee=self.fee,
            )
            self.step(r, Stage.ANSWERED)

        def summary(self) -> str:
            spot = " on the spot" if self.on_the_spot else ""
            return f"answered{spot}: {OUTCOME_LABELS[self.outcome]} ({article_of(self.outcome)})"

    class CaseFiled(Event):
        case_id: str
        case_kind: CaseKind
        prior_review: bool

        def apply(self, r: InformationRequest) -> None:
            found = Case(
                case_id=self.case_id,
                kind=self.case_kind,
                prior_review=self.prior_review,
                filed_on=self.effective,
            )
            r.cases = {**r.cases, self.case_id: found}

        def summary(self) -> str:
            after = " after review" if self.prior_review else ""
            return f"{self.case_id}: {self.case_kind.label}{after} filed"

    class CaseDecided(Event):
        case_id: str
        result: CaseResult

        def apply(self, r: InformationRequest) -> None:
            r.cases = changed(r.cases, self.case_id, result=self.result, decided_on=self.effective)

        def summary(self) -> str:
            return f"{self.case_id}: {self.result.label}"

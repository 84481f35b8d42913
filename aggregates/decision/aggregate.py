"""Major-decision pre-disclosure (重大行政决策预公开, 附件2): one decision, its whole life.

Drafted → confidentiality review (cleared, or exempt under 第七条) → collective
discussion → published with a comment window → comments received, the window
extended or reopened → opinions and assessments → draft revised → adoption
completed → adoption report published → decided; withdrawn at any stage before the
decision. Every refusal names its article.

Numbers (the 30- and 7-day periods, the 10 working days) and computed dates (the
window's closing day under the Civil Code's period rules) come in as arguments:
this module imports nothing of the ledger's.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from aggregates.base import Aggregate, EntryCorrected, Event, Stamp, stable_id
from aggregates.decision import checks, corrections
from aggregates.decision.checks import required
from aggregates.decision.owed import owed
from aggregates.decision.vocabulary import (
    A_ADOPTION,
    A_CHANNELS,
    A_DRAFT,
    A_EXEMPT,
    A_EXPERTS,
    A_EXPLAIN,
    A_HEARD,
    A_PERIOD,
    A_RESULT,
    A_REVIEW,
    EXEMPTION_LABELS,
    Argumentation,
    Assessment,
    Category,
    Channel,
    Comment,
    CommentChannel,
    DraftVersion,
    ExemptionGround,
    Explained,
    Explanation,
    Opinion,
    Outcome,
    Publication,
    Report,
    Stage,
    Window,
    category_label,
)
from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.obligations import Obligation
from aggregates.privacy import Sealed, Vault, sealed, subject_key


class WindowAdded(Event):
    """A comment window after the first, extended or reopened (附件2 第六条(二)): the base
    of ``Decision.PeriodExtended`` and ``Decision.PeriodReopened``, never an entry itself."""

    window: Window

    def apply(self, d: Decision) -> None:
        d.windows = [*d.windows, self.window]

    def until(self) -> object:
        return self.window.closes_on or "a day pending the calendar"


class Decision(Aggregate):
    """A major administrative decision (重大行政决策) under 附件2."""

    kind = "decision"
    fixed_facts = corrections.FIXED_FACTS

    number: str
    title: str
    category: Category
    unit: str
    unit_name: str
    versions: list[DraftVersion]
    stage: Stage
    stage_on: date
    reviewed_version: int | None
    reviewer: str | None
    exemption: ExemptionGround | None
    exemption_proposal: dict[str, Any] | None
    argumentations: list[Argumentation]
    explanations: list[Explained]
    approved_version: int | None
    discussions: list[dict[str, Any]]
    publication: Publication | None
    windows: list[Window]
    comments: dict[str, Comment]
    assessments: dict[str, Assessment]
    opinions: dict[str, Opinion]
    adoption_completed_on: date | None
    report_days: int | None
    report_policy_version: str | None
    report: Report | None
    decided_on: date | None
    document_number: str | None
    decision_channels: tuple[Channel, ...]
    window_closed_on: date | None
    withdrawn_on: date | None
    withdrawn_reason: str | None

    @staticmethod
    def id_for(number: str) -> UUID:
        return stable_id("decision", number)

    # --- reading state ----------------------------------------------------------------

    @property
    def version_no(self) -> int:
        return self.versions[-1].version

    @property
    def exempt(self) -> bool:
        return self.exemption is not None

    @property
    def closes_on(self) -> date | None:
        """The current window's last day as announced (None: not announced, calendar missing)."""
        return self.windows[-1].closes_on if self.windows else None

    def last_day(self, computed: date | None = None) -> date | None:
        """The current window's last day as far as known: announced, or ``computed`` by the
        ledger's calendar now, whichever is later (None while neither is known)."""
        return self.windows[-1].last_day(computed) if self.windows else None

    def current_window(self) -> Window:
        """The latest comment window; refused when the draft was never published."""
        self._published()
        return self.windows[-1]

    def in_window(self, day: date, computed: date | None = None) -> bool:
        """Whether a comment received on ``day`` falls inside any window (``computed``: the
        current window's last day by the calendar now; an unknown one counts to its nominal day)."""
        last = len(self.windows) - 1
        return any(w.holds(day, computed if i == last else None) for i, w in enumerate(self.windows))

    def draft(self, version: int) -> DraftVersion:
        for v in self.versions:
            if v.version == version:
                return v
        raise NotFound("version", f"decision {self.number} has no draft version {version}")

    def unassessed(self) -> list[str]:
        return [cid for cid in self.comments if cid not in self.assessments]

    def opinion_outcome(self, key: str) -> Outcome | None:
        outcomes = {a.outcome for a in self.assessments.values() if a.opinion == key}
        if not outcomes:
            return None
        if outcomes == {Outcome.ADOPTED}:
            return Outcome.ADOPTED
        if outcomes == {Outcome.NOT_ADOPTED}:
            return Outcome.NOT_ADOPTED
        return Outcome.PARTLY_ADOPTED

    # --- guards -------------------------------------------------------------------------

    def _live(self, field: str = "decision") -> None:
        if self.stage is Stage.WITHDRAWN:
            raise Refused(field, f"decision {self.number} was withdrawn on {self.withdrawn_on}")
        if self.stage is Stage.DECIDED:
            raise Refused(field, f"decision {self.number} was decided on {self.decided_on}", A_HEARD)

    def _not_exempt(self, field: str = "decision") -> None:
        if self.exemption is not None:
            raise Refused(
                field,
                f"decision {self.number} is exempt ({EXEMPTION_LABELS[self.exemption]}) "
                "and is never pre-disclosed",
                A_EXEMPT,
            )

    def _published(self, field: str = "decision") -> Publication:
        self._not_exempt(field)
        if self.publication is None:
            raise Refused(field, f"decision {self.number} has not been published for comment", A_PERIOD)
        return self.publication

    def _before_adoption(self, field: str = "decision") -> None:
        if self.adoption_completed_on is not None:
            raise Refused(
                field,
                f"the adoption of comments was completed on {self.adoption_completed_on}",
                A_ADOPTION,
            )

    # --- the life of a decision ---------------------------------------------------------------

    @classmethod
    def draft_new(
        cls,
        stamp: Stamp,
        number: str,
        title: str,
        category: Category,
        unit: str,
        unit_name: str,
        text: str,
        explanation: Explanation,
    ) -> Decision:
        """Drafted: the undertaking unit's draft (决策草案) and its drafting explanation."""
        checks.draft(title, text, explanation)
        return cls._create(
            cls.id_for(number),
            cls.Drafted,
            stamp,
            number=number,
            title=title.strip(),
            category=category,
            unit=unit,
            unit_name=unit_name,
            text=text,
            explanation=explanation,
        )

    def clear_review(self, stamp: Stamp, note: str | None = None) -> None:
        """Confidentiality review (保密审查) cleared for the current draft version."""
        self._live()
        self._not_before(stamp, self.stage_on, "the previous step")
        self._not_exempt()
        checks.may_clear_review(self)
        self._trigger(self.ReviewCleared, stamp, version=self.version_no, note=note)

    def propose_exemption(self, stamp: Stamp, ground: ExemptionGround, note: str | None = None) -> None:
        """The unit's review finds a 第七条 ground and proposes the exemption: the
        leadership team confirms it (:meth:`confirm_exemption`); one clerk never decides it."""
        self._live()
        self._not_before(stamp, self.stage_on, "the previous step")
        checks.may_exempt(self)
        if self.exemption_proposal is not None:
            raise Refused(
                "decision",
                f"an exemption of decision {self.number} was already proposed on "
                f"{self.exemption_proposal['on']}; the leadership team confirms or declines it",
                A_EXEMPT,
            )
        self._trigger(self.ExemptionProposed, stamp, ground=ground, version=self.version_no, note=note)

    def confirm_exemption(self, stamp: Stamp, confirmed: bool, note: str | None = None) -> None:
        """The leadership team confirms (the decision is never pre-disclosed) or declines the
        unit's proposal, never the one who proposed it (separation of duties)."""
        self._live()
        proposal = checks.may_confirm_exemption(self, stamp)
        if not confirmed:
            self._trigger(self.ExemptionDeclined, stamp, note=note)
            return
        ground = ExemptionGround(proposal["ground"])
        self._trigger(self.Exempted, stamp, ground=ground, version=self.version_no, note=note)

    def argue(self, stamp: Stamp, experts: tuple[str, ...], conclusion: str) -> None:
        """专家论证 (附件2 第二条, optional): the experts, the day and their conclusion,
        recorded before the collective discussion of the version they argued."""
        self._live()
        self._not_before(stamp, self.versions[-1].on, f"version {self.version_no}")
        argumentation = checks.argumentation(self, stamp, experts, conclusion)
        self._trigger(self.ExpertsArgued, stamp, argumentation=argumentation)

    def discuss(
        self,
        stamp: Stamp,
        approved: bool,
        meeting: str,
        note: str | None = None,
        attendees: tuple[str, ...] = (),
    ) -> None:
        """Collective discussion by the leadership team (领导班子集体讨论): the meeting
        (its number, e.g. 局党组会2026年第5次会议), its day and who attended."""
        self._live()
        self._not_before(stamp, self.stage_on, "the previous step")
        required("meeting", meeting, "name the meeting that discussed it (its number)", A_REVIEW)
        present = tuple(dict.fromkeys(a.strip() for a in attendees if a.strip()))
        if not present:
            raise InvalidInput("attendees", "a collective discussion records who attended", A_REVIEW)
        checks.may_discuss(self)
        self._trigger(
            self.Discussed,
            stamp,
            approved=approved,
            meeting=meeting.strip(),
            version=self.version_no,
            note=note,
            attendees=present,
        )

    def publish(self, stamp: Stamp, **terms: Any) -> None:
        """Pre-disclose the draft and open the comment window, on the ``terms`` that
        :func:`.checks.publication` names and checks (channels, ways, days, contact, …).

        ``closes_on`` is the window's last day as announced: stated by the clerk
        (``closes_stated``) or as the ledger's calendar computes it (民法典 201–203), None
        when the calendar of its year is missing: the publication is recorded all the same
        and the day is derived where it is read. ``normal_days``/``minimum_days`` and the
        ``adoption_days`` reading come from policy data.
        """
        self._live()
        self._not_exempt()
        checks.may_publish(self)
        self._not_before(stamp, self.stage_on, "the collective discussion", A_REVIEW)
        publication = checks.publication(stamp, self.version_no, **terms)
        self._trigger(self.Published, stamp, publication=publication)

    def receive_comment(
        self,
        stamp: Stamp,
        channel: CommentChannel,
        text: str,
        commenter: str | None = None,
        contact: str | None = None,
        late: bool = False,
        closes_on: date | None = None,
        vault: Vault | None = None,
        unoffered: bool = False,
        submitted_with: str | None = None,
    ) -> str:
        """A comment, effective on the day it was received; after the window only if ``late``.

        ``closes_on`` is the current window's last day as recomputed with today's
        calendar; the window never closes earlier than announced. The commenter's name and
        contact are sealed through ``vault`` under the comment's own subject. A comment that
        came by a way the notice did not offer is refused unless recorded flagged (``unoffered``).
        ``submitted_with`` names a comment of the same letter, e-mail or call: one person's
        submission (one 人次, as the adoption report counts them) with several comments.
        """
        self._live()
        pub = self._published()
        self._before_adoption()
        required("text", text, "a comment has its text")
        checks.comment_timing(self, pub, stamp, late, closes_on)
        checks.comment_way(pub, channel, unoffered)
        first = checks.submission(self, stamp, channel, late, submitted_with)
        comment_id = self._next_id("C", Decision.CommentReceived, "comment_id", 3, self.comments)
        subject = subject_key(self.kind, self.number, "comment", comment_id)
        self._trigger(
            self.CommentReceived,
            stamp,
            comment_id=comment_id,
            channel=channel,
            text=text,
            commenter=sealed(vault, subject, commenter) if commenter else None,
            contact=sealed(vault, subject, contact) if contact else None,
            late=late,
            **({"unoffered": True} if unoffered else {}),
            **({"submitted_with": first} if first else {}),
        )
        return comment_id

    def extend_period(
        self, stamp: Stamp, days: int, closes_on: date | None, reason: str, current: date | None = None
    ) -> None:
        """Lengthen the open window by ``days``; ``closes_on`` is the new computed last day
        and ``current`` the open window's (each None while its year has no calendar)."""
        self._live()
        pub = self._published()
        self._before_adoption()
        self._not_before(stamp, pub.on, "the publication", A_PERIOD)
        window = checks.moved_window(self.windows[-1], stamp, days, closes_on, reason, current)
        self._trigger(self.PeriodExtended, stamp, window=window)

    def reopen_period(
        self, stamp: Stamp, days: int, closes_on: date | None, reason: str, current: date | None = None
    ) -> None:
        """Open a new window of ``days`` days from the effective date, after the last one closed."""
        self._live()
        self._published()
        self._before_adoption()
        window = checks.moved_window(self.windows[-1], stamp, days, closes_on, reason, current, reopen=True)
        self._trigger(self.PeriodReopened, stamp, window=window)

    def record_opinion(
        self, stamp: Stamp, key: str, summary: str, concentrated: bool, response: str | None = None
    ) -> None:
        """Group comments under an opinion; a concentrated one (较为集中意见) gets its own line."""
        self._live()
        pub = self._published()
        self._before_adoption()
        self._not_before(stamp, pub.on, "the publication of the draft", A_PERIOD)
        required("opinion", key, "an opinion has a short key, e.g. O1")
        required("summary", summary, "summarise the opinion", A_RESULT)
        opinion = checks.opinion(self, key, summary, concentrated, response)
        self._trigger(self.OpinionRecorded, stamp, opinion=opinion)

    def assess(
        self,
        stamp: Stamp,
        comment_id: str,
        outcome: Outcome,
        reason: str | None = None,
        opinion: str | None = None,
    ) -> None:
        """Assess one comment: adopted, partly adopted or not adopted (with the reason)."""
        self._live()
        self._published()
        self._before_adoption()
        comment = self.comments.get(comment_id)
        if comment is None:
            raise NotFound("comment", f"decision {self.number} has no comment {comment_id}")
        self._not_before(stamp, comment.received, f"comment {comment_id} was received")
        assessment = checks.assessment(self, comment_id, outcome, reason, opinion, stamp)
        self._trigger(self.CommentAssessed, stamp, comment_id=comment_id, assessment=assessment)

    def revise(
        self,
        stamp: Stamp,
        text: str,
        explanation: Explanation | None,
        note: str,
        computed: date | None = None,
    ) -> int:
        """A new version of the draft; the published one stays as published while comments are open."""
        self._live()
        required("draft", text, "the revised draft text is required", A_DRAFT)
        required("note", note, "say what was revised and why")
        current = self.versions[-1]
        self._not_before(stamp, current.on, f"version {current.version}")
        version = checks.revision(self, current, stamp, text, explanation, note, computed)
        self._trigger(self.DraftRevised, stamp, draft=version)
        return version.version

    def complete_adoption(
        self, stamp: Stamp, report_days: int, policy_version: str, computed: date | None = None
    ) -> None:
        """Adoption of comments completed: every comment assessed, the window closed.

        ``computed`` is the window's last day by the calendar now; when the window's day was
        never announced, the day the adoption relied on is recorded with it."""
        self._live()
        self._published()
        self._before_adoption()
        closed = checks.window_closed(self, stamp, computed)
        self._not_before(stamp, self.stage_on, "the previous step")
        checks.all_assessed(self)
        last = max((a.on for a in self.assessments.values()), default=None)
        if last is not None:
            self._not_before(stamp, last, "the last assessment")
        extra = {"window_closed_on": closed} if self.closes_on is None else {}
        self._trigger(
            self.AdoptionCompleted, stamp, report_days=report_days, policy_version=policy_version, **extra
        )

    def explain_policy(self, stamp: Stamp, title: str, text: str, channels: tuple[Channel, ...]) -> None:
        """政策解释 (附件2 第六条(一)): explain the questions the public commonly cares about,
        once the draft is published; each explanation is published as its own notice."""
        self._live()
        pub = self._published()
        self._not_before(stamp, pub.on, "the publication of the draft", A_EXPLAIN)
        explained = Explained(
            on=stamp.effective,
            title=required("title", title, "an explanation has a title", A_EXPLAIN),
            text=required("text", text, "the explanation's text is required", A_EXPLAIN),
            channels=tuple(dict.fromkeys(channels)),
        )
        if not explained.channels:
            raise InvalidInput("channels", "publish the explanation through at least one channel", A_CHANNELS)
        self._trigger(self.PolicyExplained, stamp, explained=explained)

    def publish_report(self, stamp: Stamp, channels: tuple[Channel, ...], note: str | None = None) -> None:
        """The adoption report (意见收集和采纳情况): how comments were collected and adopted.

        It may follow the decision itself: the duty to report does not end with it.
        """
        if self.stage is Stage.WITHDRAWN:
            raise Refused("decision", f"decision {self.number} was withdrawn on {self.withdrawn_on}")
        self._published()
        completed = checks.may_report(self)
        self._not_before(stamp, completed, "the completion of adoption", A_ADOPTION)
        if not channels:
            raise InvalidInput("channels", "publish the report through at least one channel", A_CHANNELS)
        report = Report(
            on=stamp.effective,
            channels=tuple(dict.fromkeys(channels)),
            note=note.strip() if note and note.strip() else None,
        )
        self._trigger(self.ReportPublished, stamp, report=report)

    def decide(self, stamp: Stamp, document_number: str, channels: tuple[Channel, ...] = ()) -> None:
        """Decided (正式决定), with its document number: only after the comments were fully
        heard. A pre-disclosed decision is published (``channels``) with a public notice; an
        exempt one never is (附件2 第七条)."""
        self._live()
        required("document_number", document_number, "a decision is recorded with its document number (文号)")
        checks.may_decide(self)
        self._not_before(stamp, self.stage_on, "the previous step")
        shown = tuple(dict.fromkeys(channels))
        if self.exempt and shown:
            raise Refused("channels", "an exempt decision is never published in a public notice", A_EXEMPT)
        if not self.exempt and not shown:
            raise InvalidInput("channels", "say where the decision is published", A_CHANNELS)
        extra = {"channels": shown} if shown else {}
        self._trigger(self.Decided, stamp, document_number=document_number.strip(), **extra)

    def withdraw(self, stamp: Stamp, reason: str) -> None:
        """Withdrawn, with a reason, at any stage before the decision."""
        self._live()
        required("reason", reason, "a withdrawal states its reason")
        self._not_before(stamp, self.versions[0].on, "the draft")
        self._trigger(self.Withdrawn, stamp, reason=reason.strip())

    # --- corrections --------------------------------------------------------------------------

    def correct_entry(
        self, stamp: Stamp, version: int, reason: str, replacement: dict[str, Any] | None
    ) -> EntryCorrected:
        """A correction, refused when it would leave what the acts themselves refuse.

        The number and the unit identify the decision (its id, who may act on it); a
        comment's id names it in its assessment. A comment not marked late lies inside a
        window and a late one outside (附件2 第六条(二)); an assessment has its comment.
        The correction is tried on a copy first, so a refused one leaves nothing behind.
        """
        before = set(corrections.comment_problems(self))
        trial = copy.deepcopy(self)
        super(Decision, trial).correct_entry(stamp, version, reason, replacement)
        after = [p for p in corrections.comment_problems(trial) if p not in before]
        if after:
            field = "replace" if replacement is not None else "version"
            raise Refused(field, f"the correction would leave {after[0]}", A_PERIOD)
        return super().correct_entry(stamp, version, reason, replacement)

    # --- what it owes (what it makes public: projections/decision/facts.py) ----------------

    def obligations(self) -> list[Obligation]:
        """Its obligations for the deadline board (the rules in :mod:`.owed`)."""
        return owed(self)

    def moved_to(self, stage: Stage, on: date) -> None:
        """The decision's stage and the day it reached it (for the event mutators: assigns only)."""
        self.stage, self.stage_on = stage, on

    # --- events ------------------------------------------------------------------------

    class Drafted(Event):
        creates = True
        number: str
        title: str
        category: Category
        unit: str
        unit_name: str
        text: str
        explanation: Explanation

        def apply(self, d: Decision) -> None:
            self.assign(d, "number", "title", "category", "unit", "unit_name")
            d.versions = [
                DraftVersion(
                    version=1, text=self.text, explanation=self.explanation, note="", on=self.effective
                )
            ]
            d.moved_to(Stage.DRAFTED, self.effective)
            d.reviewed_version = None
            d.reviewer = None
            d.exemption = None
            d.exemption_proposal = None
            d.argumentations = []
            d.explanations = []
            d.approved_version = None
            d.discussions = []
            d.publication = None
            d.windows = []
            d.comments = {}
            d.assessments = {}
            d.opinions = {}
            d.adoption_completed_on = None
            d.report_days = None
            d.report_policy_version = None
            d.report = None
            d.decided_on = None
            d.document_number = None
            d.decision_channels = ()
            d.window_closed_on = None
            d.withdrawn_on = None
            d.withdrawn_reason = None

        def summary(self) -> str:
            label = category_label(self.category)
            return f"{self.number} 《{self.title}》 drafted by {self.unit}, category {label}"

    class ReviewCleared(Event):
        version: int
        note: str | None = None

        def apply(self, d: Decision) -> None:
            d.reviewed_version = self.version
            d.reviewer = self.actor
            d.moved_to(Stage.CLEARED, self.effective)

        def summary(self) -> str:
            return f"confidentiality review cleared version {self.version}"

    class ExemptionProposed(Event):
        ground: ExemptionGround
        version: int
        note: str | None = None

        def apply(self, d: Decision) -> None:
            d.exemption_proposal = {
                "ground": self.ground.value,
                "version": self.version,
                "by": self.actor,
                "on": self.effective,
            }
            d.reviewer = self.actor
            d.stage_on = self.effective

        def summary(self) -> str:
            return f"exemption proposed: {EXEMPTION_LABELS[self.ground]} ({A_EXEMPT})"

    class ExemptionDeclined(Event):
        note: str | None = None

        def apply(self, d: Decision) -> None:
            d.exemption_proposal = None
            d.reviewer = None
            d.stage_on = self.effective

        def summary(self) -> str:
            return "exemption declined by the leadership team"

    class Exempted(Event):
        """Confirmed by the leadership team; entries recorded before the proposal step
        existed were the unit reviewer's own (their actor is then the reviewer)."""

        ground: ExemptionGround
        version: int
        note: str | None = None

        def apply(self, d: Decision) -> None:
            d.exemption = self.ground
            if getattr(d, "exemption_proposal", None) is None:
                d.reviewer = self.actor
            d.moved_to(Stage.EXEMPT, self.effective)

        def summary(self) -> str:
            return f"exempt from pre-disclosure: {EXEMPTION_LABELS[self.ground]} ({A_EXEMPT})"

    class ExpertsArgued(Event):
        argumentation: Argumentation

        def apply(self, d: Decision) -> None:
            d.argumentations = [*d.argumentations, self.argumentation]

        def summary(self) -> str:
            a = self.argumentation
            return f"expert argumentation of version {a.version} ({len(a.experts)} experts, {A_EXPERTS})"

    class PolicyExplained(Event):
        explained: Explained

        def apply(self, d: Decision) -> None:
            d.explanations = [*d.explanations, self.explained]

        def summary(self) -> str:
            return f"policy explanation published: {self.explained.title}"[:100]

    class Discussed(Event):
        approved: bool
        meeting: str
        version: int
        note: str | None = None
        attendees: tuple[str, ...] = ()

        def apply(self, d: Decision) -> None:
            held = {
                "on": self.effective,
                "meeting": self.meeting,
                "approved": self.approved,
                "version": self.version,
            }
            if self.attendees:
                held["attendees"] = list(self.attendees)
            d.discussions = [*d.discussions, held]
            if self.approved:
                d.approved_version = self.version
                if not d.exempt:
                    d.moved_to(Stage.APPROVED, self.effective)

        def summary(self) -> str:
            verdict = "approved" if self.approved else "not approved"
            return f"collective discussion ({self.meeting}): version {self.version} {verdict}"

    class Published(Event):
        publication: Publication

        def apply(self, d: Decision) -> None:
            p = self.publication
            d.publication = p
            d.windows = [
                Window(
                    kind="published",
                    start=p.on,
                    days=p.days,
                    closes_on=p.closes_on,
                    reason=p.shortened_reason,
                    recorded_on=p.on,
                    stated=p.closes_stated,
                )
            ]
            d.moved_to(Stage.PUBLISHED, self.effective)

        def summary(self) -> str:
            p = self.publication
            short = f", shortened: {p.shortened_reason}" if p.shortened_reason else ""
            until = f"until {p.closes_on} 24:00" if p.closes_on else "last day pending (no calendar yet)"
            return f"published version {p.version} for comment, {p.days} days, {until}{short}"

    class CommentReceived(Event):
        personal: ClassVar[tuple[str, ...]] = ("commenter", "contact")  # sealed (ledger privacy)
        comment_id: str
        channel: CommentChannel
        text: str
        commenter: str | Sealed | None = None  # plain only in ledgers recorded before sealing
        contact: str | Sealed | None = None
        late: bool = False
        unoffered: bool = False
        submitted_with: str | None = None

        def subject(self, d: Decision) -> str:
            return subject_key(d.kind, d.number, "comment", self.comment_id)

        def apply(self, d: Decision) -> None:
            d.comments = {
                **d.comments,
                self.comment_id: Comment(
                    comment_id=self.comment_id,
                    channel=self.channel,
                    received=self.effective,
                    text=self.text,
                    commenter=self.commenter,
                    contact=self.contact,
                    late=self.late,
                    unoffered=self.unoffered,
                    submitted_with=self.submitted_with,
                ),
            }

        def summary(self) -> str:
            late = " (late)" if self.late else ""
            flag = " (by a way the notice did not offer)" if self.unoffered else ""
            flag += f" (with {self.submitted_with})" if self.submitted_with else ""
            return f"comment {self.comment_id} by {self.channel.value}{late}{flag}"

    class PeriodExtended(WindowAdded):
        def summary(self) -> str:
            return f"window extended to {self.window.days} days, until {self.until()}: {self.window.reason}"

    class PeriodReopened(WindowAdded):
        def summary(self) -> str:
            w = self.window
            return f"window reopened {w.start}, {w.days} days, until {self.until()}: {w.reason}"

    class OpinionRecorded(Event):
        opinion: Opinion

        def apply(self, d: Decision) -> None:
            d.opinions = {**d.opinions, self.opinion.key: self.opinion}

        def summary(self) -> str:
            flag = " (concentrated)" if self.opinion.concentrated else ""
            return f"opinion {self.opinion.key}{flag}: {self.opinion.summary}"

    class CommentAssessed(Event):
        comment_id: str
        assessment: Assessment

        def apply(self, d: Decision) -> None:
            d.assessments = {**d.assessments, self.comment_id: self.assessment}

        def summary(self) -> str:
            a = self.assessment
            group = f" [{a.opinion}]" if a.opinion else ""
            return f"comment {self.comment_id}{group}: {a.outcome.value}"

    class DraftRevised(Event):
        draft: DraftVersion

        def apply(self, d: Decision) -> None:
            d.versions = [*d.versions, self.draft]
            d.stage_on = self.effective
            if d.publication is None and d.exemption is None:
                d.stage = Stage.DRAFTED  # the new version is reviewed and discussed again

        def summary(self) -> str:
            return f"draft version {self.draft.version}: {self.draft.note}"

    class AdoptionCompleted(Event):
        report_days: int
        policy_version: str
        window_closed_on: date | None = None

        def apply(self, d: Decision) -> None:
            d.window_closed_on = self.window_closed_on
            d.adoption_completed_on = self.effective
            d.report_days = self.report_days
            d.report_policy_version = self.policy_version
            d.moved_to(Stage.ADOPTION_COMPLETED, self.effective)

        def summary(self) -> str:
            return f"adoption of comments completed; report due within {self.report_days} working days"

    class ReportPublished(Event):
        report: Report

        def apply(self, d: Decision) -> None:
            d.report = self.report
            d.moved_to(Stage.REPORTED, self.effective)

        def summary(self) -> str:
            return f"adoption report published ({', '.join(c.value for c in self.report.channels)})"

    class Decided(Event):
        document_number: str
        channels: tuple[Channel, ...] = ()

        def apply(self, d: Decision) -> None:
            d.decided_on = self.effective
            d.document_number = self.document_number
            d.decision_channels = tuple(self.channels)
            d.moved_to(Stage.DECIDED, self.effective)

        def summary(self) -> str:
            return f"decided, {self.document_number}"

    class Withdrawn(Event):
        reason: str

        def apply(self, d: Decision) -> None:
            d.withdrawn_on = self.effective
            d.withdrawn_reason = self.reason
            d.moved_to(Stage.WITHDRAWN, self.effective)

        def summary(self) -> str:
            return f"withdrawn: {self.reason}"

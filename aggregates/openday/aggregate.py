"""Government open days (政务开放日, 附件4).

An :class:`OpenDay` — one per number (``KFR-2026-01``) — is organised by the bureau
(第一条): the deputy leader in charge of transparency leads it and the office carries
it out (第二条) with a host unit (举办股室/中心). It is planned with its date, form
(第七条: (一) site visit, (二) symposium), site (第四条), theme, and the number of
representatives with the quota per kind (第五条); recruitment is published no later
than the Nth working day before the day (policy data); representatives who meet
第三条 (age, full civil capacity, a tie to Yanjiang) are registered within their kind's
quota and publicised (公示) before the day; on the day it is held, opinions are heard,
answered and their rectification followed up (第六条); the office checks how it was
carried out (第八条).

Who checks an open day the office hosted itself: never the office (rules.md, 'Who may
do what'); the leadership group does, as it assesses the office on site (附件5).

Dates that need the working-day calendar (the recruitment and 公示 deadlines) are
computed by the command and passed in; the aggregate decides.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from aggregates.authority import Act
from aggregates.base import Aggregate, EntryCorrected, Event, Stamp, changed, stable_id
from aggregates.calendar import ordinal
from aggregates.errors import NotFound, Refused
from aggregates.obligations import Obligation
from aggregates.openday import checks, corrections
from aggregates.openday.checks import check_quotas, check_site, required
from aggregates.openday.owed import owed
from aggregates.openday.vocabulary import (
    ANSWER_DAYS,
    ART_CONTENT,
    ART_PARTICIPANTS,
    ART_RECRUIT,
    ART_SITES,
    ART_SUPERVISION,
    FORM_LABELS,
    KIND_LABELS,
    MINIMUM_AGE,
    RECRUIT_DAYS,
    SITE_LABELS,
    SUPERVISION_DAYS,
    Channel,
    Form,
    Objection,
    Opinion,
    Recruitment,
    Representative,
    RepresentativeKind,
    SiteKind,
    Stage,
    Tie,
    in_order,
)
from aggregates.org import Staff, Unit, UnitKind
from aggregates.policy import Policy
from aggregates.privacy import Sealed, Vault, sealed, subject_key


class OpenDay(Aggregate):
    """A government open day (政务开放日) under 附件4."""

    kind = "open_day"
    fixed_facts = corrections.FIXED_FACTS

    number: str
    day: date
    form: Form
    site_kind: SiteKind
    site: str
    theme: str
    host: str
    host_name: str
    host_kind: UnitKind
    office: str
    leader: str
    leader_name: str
    representatives: int
    quotas: dict[RepresentativeKind, int]
    other_kind: str | None
    other_site_kind: str | None
    recruit_days: int
    publicise_days: int
    publicity_days: int | None
    answer_days: int
    supervision_days: int
    minimum_age: int
    policy_version: str
    stage: Stage
    planned_on: date
    planned_by: str
    last_act_on: date
    recruitment: Recruitment | None
    registered: dict[str, Representative]
    publicised_on: date | None
    publicised_where: str | None
    publicity_ends: date | None
    objections: dict[str, Objection]
    held_on: date | None
    held_by: str | None
    attendance: int | None
    held_note: str | None
    presented: str | None
    leaders_present: tuple[str, ...]
    opinions: dict[str, Opinion]
    summary_on: date | None
    supervised_on: date | None
    supervised_by: str | None
    findings: str | None
    problems: tuple[str, ...]
    cancelled_on: date | None
    cancel_reason: str | None

    @staticmethod
    def id_for(number: str) -> UUID:
        return stable_id("open_day", number)

    @staticmethod
    def supervisor_act(host_kind: UnitKind) -> Act:
        """The office checks an open day (第八条), never one it hosted itself: the group does."""
        return Act.SUPERVISE_OFFICE_OPEN_DAY if host_kind == UnitKind.OFFICE else Act.SUPERVISE_OPEN_DAY

    # --- reading state ------------------------------------------------------------------

    def taken(self, kind: RepresentativeKind) -> int:
        """Participants of ``kind`` confirmed so far (within its quota)."""
        return sum(1 for r in self.registered.values() if r.kind == kind and r.confirmed)

    def participants(self) -> list[Representative]:
        """The confirmed participants (第五条: 确定参加活动代表), in the order registered."""
        return [r for r in self.registered.values() if r.confirmed]

    def kind_label(self, kind: RepresentativeKind) -> str:
        """The kind as the notices print it; "other" as the plan describes it (主要包括)."""
        if kind is RepresentativeKind.OTHER and self.other_kind:
            return self.other_kind
        return KIND_LABELS[kind]

    def site_label(self) -> str:
        if self.site_kind is SiteKind.OTHER and self.other_site_kind:
            return self.other_site_kind
        return SITE_LABELS[self.site_kind]

    def unanswered_objections(self) -> list[str]:
        return [o.objection_id for o in self.objections.values() if o.answered_on is None]

    def unanswered(self) -> list[str]:
        return [o.opinion_id for o in self.opinions.values() if o.answered_on is None]

    def subject(self) -> str:
        return f"{self.number} {self.day} 政务开放日（{FORM_LABELS[self.form]}）：{self.theme}"

    # --- guards -------------------------------------------------------------------------

    def _live(self, field: str = "open_day") -> None:
        if self.stage == Stage.CANCELLED:
            raise Refused(field, f"open day {self.number} was cancelled on {self.cancelled_on}")

    def _held(self, field: str = "open_day") -> None:
        self._live(field)
        if self.stage != Stage.HELD:
            raise Refused(
                field, f"open day {self.number} has not been held (planned for {self.day})", ART_CONTENT
            )

    def _opinion(self, opinion_id: str) -> Opinion:
        found = self.opinions.get(opinion_id)
        if found is None:
            known = ", ".join(self.opinions) or "none yet"
            raise NotFound(
                "opinion", f"open day {self.number} has no opinion {opinion_id} (opinions: {known})"
            )
        return found

    # --- the life of an open day --------------------------------------------------------

    @classmethod
    def plan(
        cls,
        stamp: Stamp,
        number: str,
        day: date,
        form: Form,
        site_kind: SiteKind,
        site: str,
        theme: str,
        host: Unit,
        leader: Staff,
        office: str,
        representatives: int,
        quotas: dict[RepresentativeKind, int],
        recruit_by: date | None,
        policy: Policy,
        existing: OpenDay | None,
        other_kind: str | None = None,
        other_site_kind: str | None = None,
    ) -> OpenDay:
        """Planned: date, form, site, theme, host, leading deputy, number and quota per kind.

        ``recruit_by`` is the Nth working day before ``day`` (the command computes it): the
        number and the quotas are set, and recruitment published, no later than that day.
        None when the calendar of that year is missing: the act is recorded all the same and
        the board shows the deadline pending until the year is loaded.
        """
        if existing is not None:
            raise Refused(
                "open_day", f"open day {number} already exists; an open day's number is never reused"
            )
        checks.host_and_leader(host, leader, office)
        check_site("site_kind", form, site_kind)
        site = required("site", site, "name the site (or the venue of the symposium)", ART_SITES)
        theme = required("theme", theme, "an open day has a theme", ART_CONTENT)
        ordered = check_quotas("quotas", representatives, quotas)
        other_kind = checks.other(
            "other_kind",
            other_kind,
            RepresentativeKind.OTHER in ordered,
            "a kind of representative",
            ART_PARTICIPANTS,
        )
        other_site_kind = checks.other(
            "other_site_kind", other_site_kind, site_kind is SiteKind.OTHER, "a kind of site", ART_SITES
        )
        publicity, publicise = checks.publicity_days(policy)
        n = policy.number(RECRUIT_DAYS)
        if recruit_by is not None and stamp.effective > recruit_by:
            raise Refused(
                "day",
                f"an open day on {day} has its number and quotas set and its recruitment published no later "
                f"than {recruit_by}, the {ordinal(n)} working day before it; {stamp.effective} is too late",
                policy.cite(RECRUIT_DAYS),
            )
        return cls._create(
            cls.id_for(number),
            cls.Planned,
            stamp,
            number=number,
            day=day,
            form=form,
            site_kind=site_kind,
            site=site,
            theme=theme,
            host=host.code,
            host_name=host.name,
            host_kind=host.unit_kind,
            office=office,
            leader=leader.staff_id,
            leader_name=leader.name,
            representatives=representatives,
            quotas=ordered,
            other_kind=other_kind,
            other_site_kind=other_site_kind,
            recruit_days=n,
            publicise_days=publicise,
            publicity_days=publicity,
            answer_days=policy.number(ANSWER_DAYS),
            supervision_days=policy.number(SUPERVISION_DAYS),
            minimum_age=policy.number(MINIMUM_AGE),
            policy_version=policy.version,
        )

    def publish_recruitment(
        self,
        stamp: Stamp,
        channels: list[Channel],
        how_to_apply: str | None,
        contact: str,
        closes_on: date,
        recruit_by: date | None,
    ) -> None:
        """RecruitmentPublished: publicly (portal, media, WeChat) or by organisational recommendation."""
        self._live()
        if self.recruitment is not None:
            raise Refused(
                "open_day", f"recruitment for {self.number} was already published on {self.recruitment.on}"
            )
        self._not_before(stamp, self.last_act_on, "the previous step of this open day")
        if recruit_by is not None and stamp.effective > recruit_by:
            raise Refused(
                "effective",
                f"recruitment for the open day of {self.day} is published no later than {recruit_by}, "
                f"the {ordinal(self.recruit_days)} working day before it",
                ART_RECRUIT,
            )
        unique, how, contact = checks.recruitment_terms(
            self, "", channels, how_to_apply, contact, closes_on, stamp.effective
        )
        self._trigger(
            self.RecruitmentPublished,
            stamp,
            channels=unique,
            how_to_apply=how,
            contact=contact,
            closes_on=closes_on,
        )

    def register(
        self,
        stamp: Stamp,
        name: str,
        kind: RepresentativeKind,
        birth_date: date,
        tie: Tie,
        place: str,
        full_capacity: bool,
        contact: str,
        recommended: bool = False,
        vault: Vault | None = None,
    ) -> str:
        """RepresentativeRegistered: an initial candidate (初步对象, 第五条) of a kind the
        quotas invite; participants are confirmed from them. Returns the id (R01, R02, …).
        The rules see the facts in clear; the record keeps name, birth date, place and contact
        sealed."""
        self._live()
        recruitment = checks.may_register(self, stamp)
        self._not_before(stamp, recruitment.on, "the recruitment's publication")
        name = required("name", name, "the representative's name", ART_PARTICIPANTS)
        place = required(
            "place", place, "where in Yanjiang the representative works, lives or studies", ART_PARTICIPANTS
        )
        contact = required("contact", contact, "the representative's contact (never published)", ART_RECRUIT)
        checks.person(self, birth_date, kind, full_capacity, stamp.effective, candidate=True)
        checks.newcomer(self, recruitment, name, birth_date, recommended, vault)
        rep_id = self._next_id("R", OpenDay.RepresentativeRegistered, "rep_id")
        subject = subject_key(self.kind, self.number, "representative", rep_id)
        self._trigger(
            self.RepresentativeRegistered,
            stamp,
            rep_id=rep_id,
            name=sealed(vault, subject, name),
            kind=kind,
            birth_date=sealed(vault, subject, birth_date.isoformat()),
            tie=tie,
            place=sealed(vault, subject, place),
            full_capacity=full_capacity,
            contact=sealed(vault, subject, contact),
            recommended=recommended,
            candidate=True,
        )
        return rep_id

    def confirm(self, stamp: Stamp, rep_ids: list[str]) -> None:
        """RepresentativesConfirmed (确定参加活动代表, 第五条): participants chosen from the
        candidates, each kind within its quota, before the 公示."""
        self._live()
        if self.publicised_on is not None:
            raise Refused(
                "open_day",
                f"the representatives of {self.number} were publicised (公示) on {self.publicised_on}; "
                "a participant confirmed later would not be on the 公示",
                ART_RECRUIT,
            )
        chosen = checks.confirmation(self, rep_ids)
        latest = max(self.registered[r].registered_on for r in chosen)
        self._not_before(stamp, latest, "the registration of the last candidate confirmed")
        self._trigger(self.RepresentativesConfirmed, stamp, rep_ids=chosen)

    def publicise(
        self, stamp: Stamp, where: str, publicise_by: date | None, period_ends: date | None = None
    ) -> None:
        """RepresentativesPublicised (公示): by the Nth working day before the day, for a period
        (``period_ends``, computed by the command) that ends before the day (policy readings);
        either is None while the year's working-day calendar is missing (the board shows it pending)."""
        self._live()
        if self.recruitment is None:
            raise Refused(
                "open_day",
                f"recruitment for {self.number} has not been published; it comes first",
                ART_RECRUIT,
            )
        if self.publicised_on is not None:
            raise Refused(
                "open_day", f"the representatives of {self.number} were publicised on {self.publicised_on}"
            )
        if not self.participants():
            raise Refused(
                "open_day",
                f"no participant of {self.number} is confirmed yet; confirm them from the candidates "
                "(`ledger openday representatives confirm`)",
                ART_RECRUIT,
            )
        self._not_before(stamp, self.last_act_on, "the previous step of this open day")
        if publicise_by is not None and stamp.effective > publicise_by:
            raise Refused(
                "effective",
                f"the representatives are publicised before the open day ({self.day}): no later than "
                f"{publicise_by}, the {ordinal(self.publicise_days)} working day before it",
                ART_RECRUIT,
            )
        where = required("where", where, "say where the 公示 is posted", ART_RECRUIT)
        self._trigger(
            self.RepresentativesPublicised,
            stamp,
            where=where,
            count=len(self.participants()),
            period_ends=period_ends,
        )

    def receive_objection(
        self, stamp: Stamp, text: str, representative: str | None, vault: Vault | None = None
    ) -> str:
        """ObjectionReceived: an objection to the 公示 within its period; returns B01, B02, …
        Its text (who objects, about whom) is personal: the record keeps it sealed under the
        objection's own subject, erasable like a comment."""
        self._live()
        checks.may_object(self, stamp, representative)
        text = required("text", text, "the objection's text", ART_RECRUIT)
        objection_id = self._next_id("B", OpenDay.ObjectionReceived, "objection_id")
        subject = subject_key(self.kind, self.number, "objection", objection_id)
        self._trigger(
            self.ObjectionReceived,
            stamp,
            objection_id=objection_id,
            text=sealed(vault, subject, text),
            representative=representative,
        )
        return objection_id

    def answer_objection(self, stamp: Stamp, objection_id: str, answer: str, upheld: bool) -> None:
        """ObjectionAnswered, before the day: upheld or not, with the answer. An upheld objection
        to a participant takes them off the list (their confirmation no longer stands)."""
        self._live()
        found = self.objections.get(objection_id)
        if found is None:
            known = ", ".join(self.objections) or "none"
            raise NotFound(
                "objection", f"{self.number} has no objection {objection_id} (objections: {known})"
            )
        if found.answered_on is not None:
            raise Refused("objection", f"{objection_id} of {self.number} was answered on {found.answered_on}")
        self._not_before(stamp, found.received_on, f"{objection_id} was received")
        answer = required("answer", answer, "the answer to the objection", ART_RECRUIT)
        self._trigger(self.ObjectionAnswered, stamp, objection_id=objection_id, answer=answer, upheld=upheld)

    def hold(
        self,
        stamp: Stamp,
        attendance: int,
        note: str | None = None,
        presented: str | None = None,
        leaders: list[Staff] | None = None,
    ) -> None:
        """Held on the planned day: who attended, what was presented (第六条), and — at a
        symposium, where representatives talk with the leaders face to face (第七条(二)) —
        which leaders attended."""
        self._live()
        checks.may_hold(self, stamp, attendance)
        presented = required(
            "presented", presented, "record what was presented (介绍和展现的内容)", ART_CONTENT
        )
        names = checks.leaders_present(self, leaders or [])
        self._trigger(
            self.Held,
            stamp,
            attendance=attendance,
            note=(note or "").strip() or None,
            presented=presented,
            leaders=names,
        )

    def hear(self, stamp: Stamp, text: str, representative: str | None = None) -> str:
        """OpinionHeard (第六条): from a registered representative, or anonymous; returns O1, O2, …"""
        self._held()
        assert self.held_on is not None
        self._not_before(stamp, self.held_on, "the open day")
        if self.summary_on is not None:
            raise Refused(
                "open_day",
                f"the summary of {self.number} was published on {self.summary_on} with every opinion "
                "answered; an opinion heard later would not be in it",
                ART_CONTENT,
            )
        text = required("text", text, "the opinion's text", ART_CONTENT)
        if representative is not None and representative not in self.registered:
            known = ", ".join(self.registered) or "none"
            raise NotFound(
                "representative",
                f"{self.number} has no representative {representative} (registered: {known}); "
                "leave it out for an anonymous opinion",
            )
        opinion_id = self._next_id("O", OpenDay.OpinionHeard, "opinion_id")
        self._trigger(
            self.OpinionHeard, stamp, opinion_id=opinion_id, text=text, representative=representative
        )
        return opinion_id

    def answer(self, stamp: Stamp, opinion_id: str, answer: str, rectification: str | None = None) -> None:
        """OpinionAnswered (答疑解惑); ``rectification`` states what will be rectified, if anything."""
        self._live()
        opinion = self._opinion(opinion_id)
        if opinion.answered_on is not None:
            raise Refused("opinion", f"{opinion_id} of {self.number} was answered on {opinion.answered_on}")
        self._not_before(stamp, opinion.heard_on, f"{opinion_id} was heard")
        answer = required("answer", answer, "the answer to the opinion", ART_CONTENT)
        self._trigger(
            self.OpinionAnswered,
            stamp,
            opinion_id=opinion_id,
            answer=answer,
            rectification=(rectification or "").strip() or None,
        )

    def follow_up(self, stamp: Stamp, opinion_id: str, done: str) -> None:
        """RectificationFollowedUp (整改落实): what was done about an answered opinion."""
        self._live()
        opinion = self._opinion(opinion_id)
        if opinion.answered_on is None:
            raise Refused(
                "opinion",
                f"{opinion_id} of {self.number} has not been answered; the answer comes first",
                ART_CONTENT,
            )
        if opinion.rectification is None:
            raise Refused(
                "opinion",
                f"the answer to {opinion_id} of {self.number} committed to no rectification",
                ART_CONTENT,
            )
        if opinion.followed_up_on is not None:
            raise Refused(
                "opinion", f"the rectification of {opinion_id} was followed up on {opinion.followed_up_on}"
            )
        self._not_before(stamp, opinion.answered_on, f"{opinion_id} was answered")
        done = required("done", done, "say what was done (整改落实情况)", ART_CONTENT)
        self._trigger(self.RectificationFollowedUp, stamp, opinion_id=opinion_id, done=done)

    def publish_summary(self, stamp: Stamp) -> None:
        """SummaryPublished: opinions heard and the answers, once every opinion is answered."""
        self._held()
        if self.summary_on is not None:
            raise Refused("open_day", f"the summary of {self.number} was published on {self.summary_on}")
        open_ = self.unanswered()
        if open_:
            raise Refused(
                "open_day",
                f"opinions {', '.join(open_)} of {self.number} are not answered yet; "
                "the summary gives every answer",
                ART_CONTENT,
            )
        latest = max([o.answered_on for o in self.opinions.values() if o.answered_on] + [self.last_act_on])
        self._not_before(stamp, latest, "the last answer or step of this open day")
        self._trigger(self.SummaryPublished, stamp)

    def supervise(self, stamp: Stamp, findings: str, problems: list[str]) -> None:
        """SupervisionRecorded (第八条): how it was carried out, after the day."""
        self._live()
        checks.may_supervise(self, stamp)
        findings = required("findings", findings, "record how the open day was carried out", ART_SUPERVISION)
        clean = tuple(p.strip() for p in problems if p.strip())
        self._trigger(self.SupervisionRecorded, stamp, findings=findings, problems=clean)

    def cancel(self, stamp: Stamp, reason: str) -> None:
        """Cancelled before the day, with the reason."""
        self._live()
        if self.stage == Stage.HELD:
            raise Refused("open_day", f"open day {self.number} was held on {self.held_on}")
        if stamp.effective >= self.day:
            raise Refused(
                "effective",
                f"an open day is cancelled before its day ({self.day}); one not held is recorded by the "
                "office's check (`ledger openday supervise`)",
            )
        self._not_before(stamp, self.last_act_on, "the previous step of this open day")
        reason = required("reason", reason, "a cancellation states its reason")
        self._trigger(self.Cancelled, stamp, reason=reason)

    # --- corrections --------------------------------------------------------------------------

    def correct_entry(
        self, stamp: Stamp, version: int, reason: str, replacement: dict[str, Any] | None
    ) -> EntryCorrected:
        """Only a representative not yet publicised, or an opinion not yet answered, is retracted."""
        original = self.recorded_entry(version)
        if replacement is None and original is not None and not original.creates:
            corrections.check_retraction(self, original)
        return super().correct_entry(stamp, version, reason, replacement)

    def complete_replacement(self, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
        """Corrected quotas still sum to the number and hold those registered; a corrected
        representative still meets 第三条 and their kind's quota."""
        return corrections.checked_replacement(self, original, replacement)

    # --- what it owes (what it makes public: projections/openday/facts.py) ----------------

    def obligations(self) -> list[Obligation]:
        """Its obligations for the deadline board (the rules in :mod:`.owed`)."""
        return owed(self)

    # --- events -------------------------------------------------------------------------------

    class Planned(Event):
        creates = True
        number: str
        day: date
        form: Form
        site_kind: SiteKind
        site: str
        theme: str
        host: str
        host_name: str
        host_kind: UnitKind
        office: str
        leader: str
        leader_name: str
        representatives: int
        quotas: dict[RepresentativeKind, int]
        recruit_days: int
        publicise_days: int
        answer_days: int
        supervision_days: int
        minimum_age: int
        policy_version: str
        # added with the open lists and the 公示 period; older plans have none
        other_kind: str | None = None
        other_site_kind: str | None = None
        publicity_days: int | None = None

        def apply(self, od: OpenDay) -> None:
            for key in (
                "number", "day", "form", "site_kind", "site", "theme", "host", "host_name", "host_kind",
                "office", "leader", "leader_name", "representatives", "recruit_days", "publicise_days",
                "answer_days", "supervision_days", "minimum_age", "policy_version", "other_kind",
                "other_site_kind", "publicity_days",
            ):  # fmt: skip
                setattr(od, key, getattr(self, key))
            od.quotas = in_order(self.quotas)
            self.step(od, Stage.PLANNED, by="planned_by")
            od.planned_on = self.effective
            od.recruitment = None
            od.registered = {}
            od.publicised_on = od.publicised_where = od.publicity_ends = None
            od.objections = {}
            od.held_on = od.held_by = od.attendance = od.held_note = od.presented = None
            od.leaders_present = ()
            od.opinions = {}
            od.summary_on = None
            od.supervised_on = od.supervised_by = od.findings = None
            od.problems = ()
            od.cancelled_on = od.cancel_reason = None

        def summary(self) -> str:
            return (
                f"{self.number} planned for {self.day}: {FORM_LABELS[self.form]} at {self.site}, "
                f"{self.representatives} representatives"
            )

    class RecruitmentPublished(Event):
        channels: tuple[Channel, ...]
        how_to_apply: str | None
        contact: str
        closes_on: date

        def apply(self, od: OpenDay) -> None:
            od.recruitment = Recruitment(
                on=self.effective,
                channels=self.channels,
                how_to_apply=self.how_to_apply,
                contact=self.contact,
                closes_on=self.closes_on,
            )
            self.step(od, Stage.RECRUITING)

        def summary(self) -> str:
            channels = ", ".join(c.value for c in self.channels)
            return f"recruitment published ({channels}), closes {self.closes_on}"

    class RepresentativeRegistered(Event):
        personal: ClassVar[tuple[str, ...]] = ("name", "birth_date", "place", "contact")  # sealed
        rep_id: str
        name: str | Sealed  # plain only in ledgers recorded before sealing
        kind: RepresentativeKind
        birth_date: date | Sealed
        tie: Tie
        place: str | Sealed
        full_capacity: bool
        contact: str | Sealed
        recommended: bool
        candidate: bool = False  # an initial candidate (初步对象); older entries registered participants

        def subject(self, od: OpenDay) -> str:
            return subject_key(od.kind, od.number, "representative", self.rep_id)

        def apply(self, od: OpenDay) -> None:
            rep = Representative(
                rep_id=self.rep_id,
                name=self.name,
                kind=self.kind,
                birth_date=self.birth_date,
                tie=self.tie,
                place=self.place,
                full_capacity=self.full_capacity,
                contact=self.contact,
                recommended=self.recommended,
                registered_on=self.effective,
                confirmed=not self.candidate,
            )
            od.registered = {**od.registered, self.rep_id: rep}

        def summary(self) -> str:  # the audit log shows no birth date or contact
            return f"{self.rep_id} registered ({KIND_LABELS[self.kind]})" + (
                " as a candidate" if self.candidate else ""
            )

    class RepresentativesConfirmed(Event):
        rep_ids: tuple[str, ...]

        def apply(self, od: OpenDay) -> None:
            od.registered = {
                k: r.model_copy(update={"confirmed": True}) if k in self.rep_ids else r
                for k, r in od.registered.items()
            }
            self.step(od)

        def summary(self) -> str:
            return f"participants confirmed: {', '.join(self.rep_ids)}"

    class RepresentativesPublicised(Event):
        where: str
        count: int
        period_ends: date | None = None  # the 公示 period's last day; older entries have none

        def apply(self, od: OpenDay) -> None:
            self.step(od, Stage.PUBLICISED)
            od.publicised_on, od.publicised_where, od.publicity_ends = (
                self.effective,
                self.where,
                self.period_ends,
            )

        def summary(self) -> str:
            until = f" until {self.period_ends}" if self.period_ends else ""
            return f"{self.count} representatives publicised (公示) at {self.where}{until}"

    class ObjectionReceived(Event):
        personal: ClassVar[tuple[str, ...]] = ("text",)  # sealed
        objection_id: str
        text: str | Sealed
        representative: str | None

        def subject(self, od: OpenDay) -> str:
            return subject_key(od.kind, od.number, "objection", self.objection_id)

        def apply(self, od: OpenDay) -> None:
            found = Objection(
                received_on=self.effective, **self.facts("objection_id", "text", "representative")
            )
            od.objections = {**od.objections, self.objection_id: found}

        def summary(self) -> str:
            return f"objection {self.objection_id} to the 公示 received"

    class ObjectionAnswered(Event):
        objection_id: str
        answer: str
        upheld: bool

        def apply(self, od: OpenDay) -> None:
            found = od.objections.get(self.objection_id)
            if found is None:
                return
            update = self.facts("answer", "upheld")
            od.objections = changed(od.objections, self.objection_id, answered_on=self.effective, **update)
            if self.upheld:
                od.registered = changed(od.registered, found.representative or "", confirmed=False)

        def summary(self) -> str:
            return f"objection {self.objection_id} answered ({'upheld' if self.upheld else 'not upheld'})"

    class Held(Event):
        attendance: int
        note: str | None
        presented: str | None = None  # what was presented (第六条); older entries have only the note
        leaders: tuple[str, ...] = ()  # the leaders who attended, by name (第七条(二))

        def apply(self, od: OpenDay) -> None:
            self.step(od, Stage.HELD, by="held_by")
            self.assign(od, "attendance", "presented")
            od.held_on, od.held_note, od.leaders_present = self.effective, self.note, self.leaders

        def summary(self) -> str:
            return f"held, {self.attendance} representatives attended"

    class OpinionHeard(Event):
        opinion_id: str
        text: str
        representative: str | None

        def apply(self, od: OpenDay) -> None:
            op = Opinion(heard_on=self.effective, **self.facts("opinion_id", "text", "representative"))
            od.opinions = {**od.opinions, self.opinion_id: op}

        def summary(self) -> str:
            return f"{self.opinion_id} heard"

    class OpinionAnswered(Event):
        opinion_id: str
        answer: str
        rectification: str | None

        def apply(self, od: OpenDay) -> None:
            update = self.facts("answer", "rectification")
            od.opinions = changed(  # unchanged when its opinion was retracted
                od.opinions, self.opinion_id, answered_on=self.effective, answered_by=self.actor, **update
            )

        def summary(self) -> str:
            return f"{self.opinion_id} answered" + (
                " (rectification committed)" if self.rectification else ""
            )

    class RectificationFollowedUp(Event):
        opinion_id: str
        done: str

        def apply(self, od: OpenDay) -> None:
            od.opinions = changed(
                od.opinions, self.opinion_id, follow_up=self.done, followed_up_on=self.effective
            )

        def summary(self) -> str:
            return f"{self.opinion_id} rectification followed up"

    class SummaryPublished(Event):
        def apply(self, od: OpenDay) -> None:
            od.summary_on = od.last_act_on = self.effective

        def summary(self) -> str:
            return "summary published"

    class SupervisionRecorded(Event):
        findings: str
        problems: tuple[str, ...]

        def apply(self, od: OpenDay) -> None:
            od.supervised_on, od.supervised_by = self.effective, self.actor
            self.assign(od, "findings", "problems")

        def summary(self) -> str:
            return f"checked (督促检查), {len(self.problems)} problems"

    class Cancelled(Event):
        reason: str

        def apply(self, od: OpenDay) -> None:
            self.step(od, Stage.CANCELLED)
            od.cancelled_on, od.cancel_reason = self.effective, self.reason

        def summary(self) -> str:
            return f"cancelled: {self.reason}"

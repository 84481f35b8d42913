"""Open-day commands (附件4): one command per act in a government open day's life.

The commands load the open day, authorise the actor, and hand the aggregate what it
cannot know itself: the policy in force, the organisation, and the deadlines the
working-day calendar computes (None for a year with no calendar: an act that happened is
recorded all the same, and the board shows the deadline pending until the year is loaded).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field, field_validator

from aggregates.authority import Act
from aggregates.errors import NotFound
from aggregates.openday import (
    FORM_LABELS,
    RECRUIT_DAYS,
    Channel,
    Form,
    OpenDay,
    RepresentativeKind,
    SiteKind,
    Tie,
)
from aggregates.org import Organisation, Staff, Unit
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Text, after_day, before_day, cites, number_field

NUMBER = number_field("the open day's number, e.g. KFR-2026-01")
OpinionId = Annotated[str, Field(pattern=r"^O\d{2,}$", description="the opinion's id, e.g. O01")]

FORM_NUMERALS = {
    "一": Form.SITE_VISIT,
    "1": Form.SITE_VISIT,
    "参观调研": Form.SITE_VISIT,
    "二": Form.SYMPOSIUM,
    "2": Form.SYMPOSIUM,
    "座谈交流": Form.SYMPOSIUM,
}


def load_open_day(uow: UnitOfWork, number: str) -> OpenDay:
    return uow.load(OpenDay, OpenDay.id_for(number), "open_day", f"open day {number}")


class OpenDayCommand(Command):
    open_day: str = NUMBER

    def load(self, uow: UnitOfWork, act: Act = Act.RECRUIT_FOR_OPEN_DAY) -> OpenDay:
        """The open day, once the actor may do ``act`` for its host (unknown number first, then authority)."""
        od = load_open_day(uow, self.open_day)
        uow.authorise(act, od.host)
        return od


class PlanOpenDay(OpenDayCommand):
    """Plan an open day: date, form, site, theme, host unit, leading deputy, number and quotas
    (the host unit's staff or the office, 附件4 第五条)."""

    name = "openday.plan"
    day: date = Field(description="the day of the open day")
    form: Form = Field(
        description="附件4 第七条: site_visit (一, 参观调研) or symposium (二, 座谈交流)",
        json_schema_extra=cites("附件4 第七条"),
    )
    site_kind: SiteKind = Field(
        description="附件4 第四条: financial_institution, infrastructure, key_project, "
        "rural_revitalisation, enterprise, other (described); or meeting_venue (a symposium only)",
        json_schema_extra=cites("附件4 第四条"),
    )
    other_site_kind: str | None = Field(
        default=None, description="with site_kind other: the kind of site (第四条 主要包括: an open list)"
    )
    site: str = Field(min_length=1, description="the site's name (or the symposium's venue)")
    theme: str = Field(min_length=1, description="the open day's theme")
    host: str = Field(description="the host unit (举办股室/中心) by code")
    leader: str = Field(description="the deputy leader in charge of transparency who leads it (staff id)")
    representatives: int = Field(description="how many representatives are invited")
    quotas: dict[RepresentativeKind, int] = Field(
        description="places per kind (附件4 第三条), summing to the number, "
        'e.g. {"citizen": 4, "npc_deputy": 2}; "other" with other_kind'
    )
    other_kind: str | None = Field(
        default=None, description='with an "other" quota: the kind of representative (第三条 主要包括)'
    )

    @field_validator("form", mode="before")
    @classmethod
    def _form(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip().strip("()（）")
            return FORM_NUMERALS.get(text, text)
        return value

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECRUIT_FOR_OPEN_DAY, self.host)
        stamp = uow.stamp(self.effective)
        host = uow.get(Unit, Unit.id_for(self.host))
        if host is None:
            raise NotFound("host", f"no unit {self.host} in the ledger; see `ledger org list`")
        leader = uow.get(Staff, Staff.id_for(self.leader))
        if leader is None:
            raise NotFound("leader", f"no staff member {self.leader} in the ledger; see `ledger org list`")
        org = uow.load(Organisation, Organisation.id_for(), "org", "organisation; run `ledger org init`")
        policy = uow.policy(stamp.effective)
        recruit_by = before_day(uow, self.day, policy.number(RECRUIT_DAYS))
        od = OpenDay.plan(
            stamp,
            self.open_day,
            self.day,
            self.form,
            self.site_kind,
            self.site,
            self.theme,
            host,
            leader,
            org.office_code,
            self.representatives,
            dict(self.quotas),
            recruit_by,
            policy,
            uow.get(OpenDay, OpenDay.id_for(self.open_day)),
            self.other_kind,
            self.other_site_kind,
        )
        uow.add(od)
        return {
            "id": str(od.id),
            "recruit_by": recruit_by.isoformat() if recruit_by else None,
            "message": f"open day {self.open_day} planned for {self.day} ({FORM_LABELS[self.form]}); "
            f"recruitment published by {recruit_by or 'a day pending the working-day calendar'} "
            f"({policy.cite(RECRUIT_DAYS)})",
        }


class PublishRecruitment(OpenDayCommand):
    """Publish the recruitment of representatives (公开征集, or by organisational recommendation)."""

    name = "openday.recruitment.publish"
    channels: list[Channel] = Field(description="portal, media, wechat and/or recommendation")
    how_to_apply: str | None = Field(
        default=None, description="how to apply and what to submit (public calls)"
    )
    contact: str = Field(min_length=1, description="contact office or person, and telephone")
    closes_on: date = Field(description="the last day applications are taken")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        stamp = uow.stamp(self.effective)
        recruit_by = before_day(uow, od.day, od.recruit_days)
        od.publish_recruitment(
            stamp, self.channels, self.how_to_apply, self.contact, self.closes_on, recruit_by
        )
        return {
            "message": f"open day {self.open_day}: recruitment published; applications close {self.closes_on}"
        }


class RegisterRepresentative(OpenDayCommand):
    """Register a candidate (初步对象): open_day.minimum_age on the day, full civil capacity, tied
    to Yanjiang, of a kind the quotas invite; participants are confirmed from the candidates."""

    name = "openday.representative.register"
    representative_name: str = Field(min_length=1, description="the representative's name (publicised)")
    kind: RepresentativeKind = Field(
        description="the kind of representative (附件4 第三条; publicised)",
        json_schema_extra=cites("附件4 第三条"),
    )
    birth_date: date = Field(description="date of birth (never published)")
    tie: Tie = Field(
        description="works, lives or studies in Yanjiang: work, live or study",
        json_schema_extra=cites("附件4 第三条"),
    )
    place: str = Field(min_length=1, description="where in Yanjiang (never published)")
    full_capacity: bool = Field(description="full civil capacity attested (具有完全民事行为能力)")
    contact: str = Field(min_length=1, description="telephone or address (never published)")
    recommended: bool = Field(default=False, description="recommended by an organisation, not applied")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        rep_id = od.register(
            uow.stamp(self.effective),
            self.representative_name,
            self.kind,
            self.birth_date,
            self.tie,
            self.place,
            self.full_capacity,
            self.contact,
            self.recommended,
            vault=uow.vault,
        )
        candidates = sum(1 for r in od.registered.values() if r.kind == self.kind)
        return {
            "representative": rep_id,
            "message": f"open day {self.open_day}: {rep_id} registered as a candidate "
            f"({od.kind_label(self.kind)}: {candidates} candidates for {od.quotas[self.kind]} places)",
        }


class ConfirmRepresentatives(OpenDayCommand):
    """Confirm participants from the candidates (确定参加活动代表), each kind within its quota."""

    name = "openday.representatives.confirm"
    representatives: list[str] = Field(
        min_length=1, description="the candidates confirmed, by id (R01 …), one per option"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        od.confirm(uow.stamp(self.effective), self.representatives)
        return {
            "message": f"open day {self.open_day}: {len(od.participants())} of {od.representatives} "
            "places confirmed"
        }


class PubliciseRepresentatives(OpenDayCommand):
    """Publicise (公示) the chosen representatives: names and kinds only."""

    name = "openday.representatives.publicise"
    where: str = Field(min_length=1, description="where the 公示 is posted (e.g. 区政府门户网站政务公开栏目)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        stamp = uow.stamp(self.effective)
        publicise_by = before_day(uow, od.day, od.publicise_days)
        ends = after_day(uow, stamp.effective, od.publicity_days) if od.publicity_days else None
        od.publicise(stamp, self.where, publicise_by, ends)
        until = f" until {ends}" if ends else ""
        return {
            "message": f"open day {self.open_day}: {len(od.participants())} representatives publicised "
            f"(公示){until}"
        }


class ReceiveObjection(OpenDayCommand):
    """Record an objection to the 公示 received within its period (no objector's data)."""

    name = "openday.objection.receive"
    text: Text = Field(min_length=1, description="the objection")
    representative: str | None = Field(default=None, description="the participant it concerns (R01), if one")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        found = od.receive_objection(uow.stamp(self.effective), self.text, self.representative, uow.vault)
        return {
            "objection": found,
            "message": f"open day {self.open_day}: objection {found} received; answered before {od.day}",
        }


class AnswerObjection(OpenDayCommand):
    """Answer an objection to the 公示 before the day: upheld (the participant is withdrawn) or not."""

    name = "openday.objection.answer"
    objection: str = Field(pattern=r"^B\d{2,}$", description="the objection's id, e.g. B01")
    answer: Text = Field(min_length=1, description="the answer (核实情况及处理结果)")
    upheld: bool = Field(default=False, description="the objection is upheld")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow)
        od.answer_objection(uow.stamp(self.effective), self.objection, self.answer, self.upheld)
        verdict = "upheld" if self.upheld else "not upheld"
        return {"message": f"open day {self.open_day}: objection {self.objection} answered ({verdict})"}


class HoldOpenDay(OpenDayCommand):
    """Record that the open day was held on its day, with the attendance."""

    name = "openday.hold"
    effective: date | None = Field(default=None, description="the day it was held (default: today)")
    attendance: int = Field(description="how many representatives attended")
    presented: Text = Field(
        min_length=1, description="what was presented (附件4 第六条: 主要范围、制度规范、服务举措…)"
    )
    leaders: list[str] = Field(
        default_factory=list,
        description="leaders who attended, by staff id, one per option (a symposium: 附件4 第七条(二))",
    )
    note: str | None = Field(default=None, description="any other remark")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RUN_OPEN_DAY)
        od = load_open_day(uow, self.open_day)
        leaders = []
        for staff_id in self.leaders:
            leader = uow.get(Staff, Staff.id_for(staff_id))
            if leader is None:
                raise NotFound("leaders", f"no staff member {staff_id} in the ledger; see `ledger org list`")
            leaders.append(leader)
        od.hold(uow.stamp(self.effective), self.attendance, self.note, self.presented, leaders)
        return {"message": f"open day {self.open_day} held on {od.held_on}: {self.attendance} attended"}


class HearOpinion(OpenDayCommand):
    """Record an opinion heard at the open day (from a representative, or anonymous)."""

    name = "openday.opinion.hear"
    text: Text = Field(min_length=1, description="the opinion or suggestion")
    representative: str | None = Field(
        default=None, description="the representative's id (R01); none: anonymous"
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RUN_OPEN_DAY)
        od = load_open_day(uow, self.open_day)
        opinion = od.hear(uow.stamp(self.effective), self.text, self.representative)
        return {
            "opinion": opinion,
            "message": f"open day {self.open_day}: opinion {opinion} heard; answer due in "
            f"{od.answer_days} working days",
        }


class AnswerOpinion(OpenDayCommand):
    """Answer an opinion (答疑解惑), stating any rectification it commits to."""

    name = "openday.opinion.answer"
    opinion: OpinionId
    answer: Text = Field(min_length=1, description="the answer")
    rectification: str | None = Field(default=None, description="what will be rectified, if anything")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow, Act.ANSWER_OPEN_DAY)
        od.answer(uow.stamp(self.effective), self.opinion, self.answer, self.rectification)
        return {"message": f"open day {self.open_day}: opinion {self.opinion} answered"}


class FollowUpRectification(OpenDayCommand):
    """Record what was done about the rectification an answer committed to (整改落实)."""

    name = "openday.opinion.follow-up"
    opinion: OpinionId
    done: Text = Field(min_length=1, description="what was done")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = self.load(uow, Act.ANSWER_OPEN_DAY)
        od.follow_up(uow.stamp(self.effective), self.opinion, self.done)
        return {"message": f"open day {self.open_day}: rectification of {self.opinion} followed up"}


class PublishSummary(OpenDayCommand):
    """Publish the summary: the opinions heard and their answers (no personal data)."""

    name = "openday.summary.publish"

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RUN_OPEN_DAY)
        od = load_open_day(uow, self.open_day)
        od.publish_summary(uow.stamp(self.effective))
        return {"message": f"open day {self.open_day}: summary published ({len(od.opinions)} opinions)"}


class SuperviseOpenDay(OpenDayCommand):
    """The office's check of how the open day was carried out (the group's, when the office hosted it)."""

    name = "openday.supervise"
    findings: Text = Field(min_length=1, description="how it was carried out (督促检查情况)")
    problems: list[str] = Field(default_factory=list, description="problems found, one per option")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        od = load_open_day(uow, self.open_day)
        uow.authorise(OpenDay.supervisor_act(od.host_kind), od.host)
        od.supervise(uow.stamp(self.effective), self.findings, self.problems)
        return {"message": f"open day {self.open_day}: check recorded ({len(od.problems)} problems)"}


class CancelOpenDay(OpenDayCommand):
    """Cancel an open day before its day, with the reason."""

    name = "openday.cancel"
    reason: str = Field(min_length=1, description="why it is cancelled")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RUN_OPEN_DAY)
        od = load_open_day(uow, self.open_day)
        od.cancel(uow.stamp(self.effective), self.reason)
        return {"message": f"open day {self.open_day} cancelled: {self.reason}"}

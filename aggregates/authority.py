"""Separation of duties (rules.md, 'Who may do what'): who may do each act.

The tables are data: :data:`TABLE` says who may do each act, :data:`ENTRY_ACTS` which
act each recorded entry is, so a correction of an entry is authorised like the act
itself. :func:`authorise` refuses with a message that says who may.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aggregates.errors import NotFound, Refused
from aggregates.org import Organisation, Role, Staff, UnitKind


class Act(StrEnum):
    MANAGE_ORGANISATION = "manage the organisation"
    RECORD_CALENDAR = "record the working-day calendar"
    RECORD_POLICY = "record policy data"
    RECORD_FOR_UNIT = "record a unit's drafts and comments"
    RECORD_CATALOGUE = "record a unit's catalogue items and their adjustments"
    RECORD_SELF_ASSESSMENT = "record a unit's self-assessment or rectification report"
    CONFIDENTIALITY_REVIEW = "confidentiality review"
    COLLECTIVE_DISCUSSION = "collective discussion"
    APPROVE_GRADE = "approve a unit's assessment grade"
    DECIDE_CONSEQUENCES = "decide whether a unit loses its award eligibility and who is held accountable"
    ACCEPT_FILING = "acceptance of a catalogue filing"
    ONSITE_ASSESSMENT = "record a unit's on-site assessment"
    SUPERVISE_OPEN_DAY = "open-day supervision"
    SUPERVISE_OFFICE_OPEN_DAY = "check an open day the office hosted itself"
    RECRUIT_FOR_OPEN_DAY = (
        "set an open day's number and quotas and recruit its representatives "
        "(plan, recruit, register candidates, confirm, publicise, handle objections)"
    )
    RUN_OPEN_DAY = "carry out an open day (hold, hear opinions, summarise, cancel)"
    ANSWER_OPEN_DAY = "answer an open-day opinion and follow up its rectification"
    SET_SCORING_STANDARD = "record the year's scoring standard"
    HALF_YEAR_MEETING = "record the half-year transparency meeting"
    QUARTERLY_INSPECTION = "record an inspection"
    ANNUAL_OUTCOME = "record a leader's annual outcome"
    OPEN_ASSESSMENT = "open a unit's annual assessment"
    ASSESS_OFFICE = "record the on-site assessment of the office itself"
    ANNOUNCE_GRADE = "announce assessment results (通报)"
    ASSIGN_RESPONSIBILITY = "record a leader's transparency responsibilities"
    GRANT_ROLE = "grant or end a role"
    RECORD_CHECKPOINT = "record an audit checkpoint"
    REGISTER_AUDIT_KEY = "register the bureau's checkpoint key"
    REESTABLISH_WITNESS = "re-establish a missing audit witness"
    ERASE_PERSONAL_DATA = "erase a data subject's personal data"
    HANDLE_REQUEST = "register and answer an information request (依申请公开)"
    APPROVE_EXTENSION = "approve extending the answer period of an information request"
    HANDLE_COMPLAINT = "record a complaint about disclosure work and its handling"
    RECORD_ANNUAL_REPORT = "write and publish the annual report on government information disclosure"


Check = Callable[[Staff, str | None], bool]


def _unit_staff(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.UNIT_STAFF, unit) or staff.holds(Role.OFFICE_STAFF, unit)


def _office(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.OFFICE_STAFF)


def _office_not_for_itself(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.OFFICE_STAFF) and staff.unit != unit


def _entry_unit_or_office(staff: Staff, unit: str | None) -> bool:
    """The staff of the unit whose member recorded the entry, or the office."""
    if staff.holds(Role.OFFICE_STAFF):
        return True
    return unit is not None and staff.holds(Role.UNIT_STAFF, unit)


def _office_or_group(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.OFFICE_STAFF) or staff.holds(Role.GROUP_MEMBER)


def _office_head(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.OFFICE_HEAD)


def _leadership_team(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER) or staff.holds(Role.DEPUTY_LEADER)


def _leadership_group(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.GROUP_MEMBER)


def _principal_or_group(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER) or staff.holds(Role.GROUP_MEMBER)


def _principal(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER)


def _deputy_in_charge(staff: Staff, area: str | None) -> bool:
    return area is not None and staff.in_charge_of(area)


def _principal_or_deputy_in_charge(staff: Staff, area: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER) or _deputy_in_charge(staff, area)


A_ROLES = "附件1 第三条, 本台账读作"

# Who may, as most rows say it: each check with its words, written once.
OFFICE: tuple[Check, str] = (_office, "the office (办公室) staff")
UNIT_STAFF: tuple[Check, str] = (_unit_staff, "that unit's staff")
GROUP: tuple[Check, str] = (
    _leadership_group,
    "a member of the transparency leadership group (政务公开领导小组)",
)
PRINCIPAL: tuple[Check, str] = (_principal, "the principal leader (主要负责人)")

# act -> (check, who may, where the rule comes from)
TABLE: dict[Act, tuple[Check, str, str]] = {
    Act.MANAGE_ORGANISATION: (*OFFICE, "附件3 第六条"),
    Act.RECORD_CALENDAR: (*OFFICE, "附件3 第六条"),
    Act.RECORD_POLICY: (*OFFICE, "附件3 第六条"),
    Act.SET_SCORING_STANDARD: (*OFFICE, "附件5 第五条"),
    Act.RECORD_FOR_UNIT: (*UNIT_STAFF, "附件2 第六条(一)"),
    Act.RECORD_CATALOGUE: (*UNIT_STAFF, "附件3 第五条"),
    Act.RECORD_SELF_ASSESSMENT: (*UNIT_STAFF, "附件5 第五条"),
    Act.CONFIDENTIALITY_REVIEW: (_unit_staff, "the undertaking unit's staff", "附件2 第六条(一)"),
    Act.COLLECTIVE_DISCUSSION: (
        _leadership_team,
        "the leadership team (领导班子: the principal or a deputy leader)",
        "附件2 第六条(一)",
    ),
    Act.APPROVE_GRADE: (*GROUP, "附件5 第五条"),
    # 第六条 视情节: losing the year's eligibility is weighed and decided, never automatic; the
    # group, which approves the grades, decides it.
    Act.DECIDE_CONSEQUENCES: (*GROUP, "附件5 第六条"),
    Act.ACCEPT_FILING: (*GROUP, "附件3 第五条"),
    Act.ONSITE_ASSESSMENT: (
        _office_not_for_itself,
        "the office (办公室) staff, never for the office itself",
        "附件5 第五条",
    ),
    Act.SUPERVISE_OPEN_DAY: (
        _office_not_for_itself,
        "the office (办公室) staff, never for an open day the office hosted",
        "附件4 第八条",
    ),
    # The office never checks itself: an open day it hosted is checked by the leadership
    # group, as the group assesses the office on site (附件5 第五条).
    Act.SUPERVISE_OFFICE_OPEN_DAY: (*GROUP, "附件4 第八条"),
    # 第五条: the host unit sets the number and quotas and recruits; the office, which carries
    # the day out (第二条), may record these steps too.
    Act.RECRUIT_FOR_OPEN_DAY: (
        _entry_unit_or_office,
        "the host unit's staff (举办股室/中心) or the office (办公室), which carries the day out",
        "附件4 第五条",
    ),
    Act.RUN_OPEN_DAY: (_office, "the office (办公室) staff, which carries out open days", "附件4 第二条"),
    Act.ANSWER_OPEN_DAY: (
        _entry_unit_or_office,
        "the host unit's staff or the office (办公室)",
        "附件4 第六条",
    ),
    Act.HALF_YEAR_MEETING: (*PRINCIPAL, "附件1 第四条(一)"),
    # 第四条: every responsible person checks their remit — the principal leader (overall
    # responsibility, 第三条) any unit, a deputy the areas in charge (quarterly, 第四条(二)).
    Act.QUARTERLY_INSPECTION: (
        _principal_or_deputy_in_charge,
        "the principal leader (主要负责人) or the deputy leader in charge of that area (分管负责人)",
        "附件1 第四条",
    ),
    Act.ANNUAL_OUTCOME: (*OFFICE, "附件1 第五条"),
    Act.OPEN_ASSESSMENT: (*OFFICE, "附件5 第三条"),
    # The office never assesses itself: its own on-site assessment (and the check of
    # its rectification) is done by the leadership group, which leads the assessment.
    Act.ASSESS_OFFICE: (*GROUP, "附件5 第三条、第五条"),
    Act.ANNOUNCE_GRADE: (*OFFICE, "附件5 第五条"),
    Act.ASSIGN_RESPONSIBILITY: (*OFFICE, "附件1 第二条"),
    # The seed names no one who grants roles. 本台账读作: the principal leader, who bears
    # overall leadership responsibility (附件1 第三条), or the leadership group, which leads
    # the transparency work; never the office, whose own acts the roles separate.
    Act.GRANT_ROLE: (
        _principal_or_group,
        "the principal leader (主要负责人) or a member of the leadership group (政务公开领导小组)",
        A_ROLES,
    ),
    Act.RECORD_CHECKPOINT: (
        _office_or_group,
        "the office (办公室) staff or a member of the leadership group (政务公开领导小组)",
        "附件3 第六条",
    ),
    # The office records and signs checkpoints; which key the ledger trusts for them, and
    # whether a lost witness is rebuilt, is the principal leader's call: the one who bears
    # overall responsibility, and not the one whose signatures the key checks.
    Act.REGISTER_AUDIT_KEY: (*PRINCIPAL, "附件1 第三条"),
    Act.REESTABLISH_WITNESS: (*PRINCIPAL, "附件1 第三条"),
    # The office keeps the ledger (附件3 第六条), so it answers for the personal data in it.
    Act.ERASE_PERSONAL_DATA: (*OFFICE, "个人信息保护法 第四十七条"),
    # Decree 711: the office is the bureau's 政府信息公开工作机构; its clerks register and answer
    # requests (第四条), and only its head approves an extension (第三十三条).
    Act.HANDLE_REQUEST: (
        _office,
        "the office (办公室, the disclosure office) staff",
        "国务院令第711号 第四条",
    ),
    Act.APPROVE_EXTENSION: (
        _office_head,
        "the head of the disclosure office (政府信息公开工作机构负责人, role office_head)",
        "国务院令第711号 第三十三条",
    ),
    Act.HANDLE_COMPLAINT: (*OFFICE, "国务院令第711号 第五十一条"),
    Act.RECORD_ANNUAL_REPORT: (*OFFICE, "国务院令第711号 第四十九条"),
}


# An act named by a noun, said as a verb in "S003 may not …" (the others are verbs already).
DOING = {
    Act.CONFIDENTIALITY_REVIEW: "record the confidentiality review",
    Act.COLLECTIVE_DISCUSSION: "record the collective discussion",
    Act.ACCEPT_FILING: "accept a catalogue filing",
    Act.SUPERVISE_OPEN_DAY: "supervise an open day",
}


def may(staff: Staff, act: Act, scope: str | None = None) -> bool:
    check, _, _ = TABLE[act]
    return check(staff, scope)


def authorise(
    staff: Staff | None, actor: str, act: Act, scope: str | None = None, doing: str | None = None
) -> None:
    """Refuse unless ``staff`` may do ``act`` (for ``scope``: a unit code or an area).

    ``doing`` names what is attempted when it is not the act itself (a correction of it)."""
    check, who, article = TABLE[act]
    what = doing or DOING.get(act, act.value)
    if staff is None:
        raise Refused("actor", f"{actor} is not on the staff list; only {who} may {what}", article)
    if not check(staff, scope):
        where = f" for {scope}" if scope else ""
        raise Refused(
            "actor",
            f"{actor} may not {what}{where}; only {who} may (separation of duties)",
            article,
        )


# --- roles ------------------------------------------------------------------------------


def authorise_role_change(
    staff: Staff | None,
    actor: str,
    org: Organisation,
    grantee: str,
    role: Role,
    granting: bool,
    principal_named: bool,
) -> None:
    """Who may grant or end a role (本台账读作, 附件1 第三条).

    The principal leader or a member of the leadership group, never for themselves. A new
    ledger has neither: until its first principal leader is named, the founder of the
    organisation (``org init``) may name one, and nothing else — the one grant the
    bootstrap needs, after which the founder is office staff like any other.
    """
    if granting and grantee == actor:
        raise Refused(
            "staff_id",
            f"{actor} may not grant a role to themselves; roles are granted by another: "
            f"{TABLE[Act.GRANT_ROLE][1]} (separation of duties)",
            A_ROLES,
        )
    bootstrap = not principal_named and actor == org.founder
    if granting and bootstrap and role == Role.PRINCIPAL_LEADER:
        return
    doing = f"{'grant' if granting else 'end'} the role {role.value}"
    if not principal_named:
        doing += f" (until a principal leader is named only the founder {org.founder} may, and only that)"
    authorise(staff, actor, Act.GRANT_ROLE, doing=doing)


# --- entries: which act each recorded entry is, and who may correct it ---------------------


class Correction(StrEnum):
    BY_ACT = "by whoever may do the act"
    BY_AUTHOR = "only by its author, who must still be allowed to do the act"
    NEVER = "never: a new act is recorded instead"


@dataclass(frozen=True)
class EntryAct:
    """The act an entry records, where its scope is read, and how it may be corrected.

    ``scope`` is an attribute of the aggregate (``unit``), or of the entry when it starts
    with ``entry.`` (``entry.inspection.area``). ``office_act`` replaces ``act`` when the
    aggregate concerns the office itself (its ``unit_kind``/``host_kind`` is the office):
    the office never checks itself. ``verdict`` marks an entry that records an outcome
    (a meeting's, a leader's): it is never retracted and the named facts never replaced —
    a new act records a new outcome.
    """

    act: Act | None
    scope: str | None = None
    correction: Correction = Correction.BY_ACT
    office_act: Act | None = None
    verdict: tuple[str, ...] | None = None
    why_not: str = ""
    article: str = "附件3 第六条"

    def act_for(self, aggregate: Any) -> Act:
        kind = getattr(aggregate, "unit_kind", None) or getattr(aggregate, "host_kind", None)
        if self.office_act is not None and kind == UnitKind.OFFICE:
            return self.office_act
        assert self.act is not None
        return self.act

    def scope_for(self, aggregate: Any, entry: Any) -> str | None:
        if self.scope is None:
            return None
        obj, path = (entry, self.scope[6:]) if self.scope.startswith("entry.") else (aggregate, self.scope)
        for part in path.split("."):
            obj = getattr(obj, part, None)
        return None if obj is None else str(obj)


def _never(why: str, article: str = "附件3 第六条") -> EntryAct:
    """Not correctable; the office's supervision of the record (附件3 第六条) unless named."""
    return EntryAct(None, correction=Correction.NEVER, why_not=why, article=article)


_BY_AUTHOR = Correction.BY_AUTHOR
_UNIT = "unit"
_ROLE_NEVER = _never(
    "a role grant or end is never corrected: an act is authorised by the roles as recorded; "
    "the principal leader or a member of the leadership group ends the role or grants it anew",
    A_ROLES,
)
_INDEX = _never("an index entry follows from the entries it indexes; that unit's staff correct those")


def _each(act: Act, scope: str | None, *names: str, **kw: Any) -> dict[str, EntryAct]:
    return {name: EntryAct(act, scope, **kw) for name in names}


# entry class (``Aggregate.Event``) -> the act it records; a test checks every entry class
# of every aggregate is here.
ENTRY_ACTS: dict[str, EntryAct] = {
    # org
    "Organisation.Founded": EntryAct(Act.MANAGE_ORGANISATION),
    "Organisation.PrincipalNamed": _ROLE_NEVER,
    "Unit.Established": EntryAct(Act.MANAGE_ORGANISATION),
    "Unit.Closed": EntryAct(Act.MANAGE_ORGANISATION),
    "Staff.Added": EntryAct(Act.MANAGE_ORGANISATION),
    "Staff.RoleAssigned": _ROLE_NEVER,
    "Staff.RoleEnded": _ROLE_NEVER,
    # calendar, policy, audit
    "CalendarYear.ScheduleRecorded": EntryAct(Act.RECORD_CALENDAR),
    "CalendarYear.ScheduleRevised": EntryAct(Act.RECORD_CALENDAR),
    "PolicyBook.VersionRecorded": _never(
        "a policy version is never rewritten; the office records a new version"
    ),
    "Checkpoint.Taken": _never(
        "a checkpoint is never rewritten; the office or the leadership group records a later "
        "signed one that supersedes it (`ledger audit checkpoint --supersedes`)"
    ),
    "AuditKeys.Registered": _never(
        "a registered key is never rewritten; the principal leader registers another", "附件1 第三条"
    ),
    "WitnessReestablished.Recorded": _never(
        "re-establishing the witness is a break in the chain that stays on the record", "附件1 第三条"
    ),
    "Erasure.Erased": _never(
        "an erasure is never corrected: the subject's key is destroyed and cannot come back",
        "个人信息保护法 第四十七条",
    ),
    # signed acts (ledger.signing): the key an act was signed with stays known for good
    **dict.fromkeys(
        ("Staff.KeyRegistered", "Staff.KeyRevoked"),
        _never("a key change is never corrected: the office registers a new key or revokes this one"),
    ),
    "SignedAct.Signed": _never("a signed act is what its actor signed; it is never rewritten"),
    # decision (附件2)
    **_each(
        Act.RECORD_FOR_UNIT,
        _UNIT,
        *(
            f"Decision.{e}"
            for e in (
                "Drafted",
                "Published",
                "CommentReceived",
                "PeriodExtended",
                "PeriodReopened",
                "OpinionRecorded",
                "CommentAssessed",
                "DraftRevised",
                "AdoptionCompleted",
                "ReportPublished",
                "Withdrawn",
            )
        ),
    ),
    # the review is recorded with the reviewer (rules.md): only they correct what they
    # noted, never which draft version it cleared (the discussion and publication rest on it)
    **_each(
        Act.CONFIDENTIALITY_REVIEW,
        _UNIT,
        "Decision.ReviewCleared",
        "Decision.ExemptionProposed",
        correction=_BY_AUTHOR,
        verdict=("version",),
    ),
    # the unit proposes an exemption, the leadership team confirms or declines it (附件2 第七条)
    **_each(
        Act.COLLECTIVE_DISCUSSION,
        _UNIT,
        "Decision.Exempted",
        "Decision.ExemptionDeclined",
        verdict=("ground", "version"),
    ),
    **_each(Act.RECORD_FOR_UNIT, _UNIT, "Decision.ExpertsArgued", "Decision.PolicyExplained"),
    "Decision.Discussed": EntryAct(Act.COLLECTIVE_DISCUSSION, _UNIT, verdict=("approved", "version")),
    "Decision.Decided": EntryAct(Act.COLLECTIVE_DISCUSSION, _UNIT, verdict=()),
    # catalogue (附件3)
    **_each(
        Act.RECORD_CATALOGUE,
        _UNIT,
        *(
            f"CatalogueItem.{e}"
            for e in (
                "Established",
                "Adjusted",
                "Published",
                "Filed",
                "InformationRecorded",
                "InformationUpdated",
            )
        ),
    ),
    "CatalogueItem.Accepted": EntryAct(Act.ACCEPT_FILING, verdict=()),
    "CatalogueIndex.Opened": _INDEX,
    "CatalogueIndex.CodeClaimed": _INDEX,
    # duties (附件1): a leader's own meeting and inspection are corrected by that leader
    "DutyYear.Assigned": EntryAct(Act.ASSIGN_RESPONSIBILITY),
    "DutyYear.HalfYearMeetingHeld": EntryAct(Act.HALF_YEAR_MEETING, correction=_BY_AUTHOR),
    "DutyYear.QuarterlyInspectionDone": EntryAct(
        Act.QUARTERLY_INSPECTION, "entry.inspection.area", correction=_BY_AUTHOR
    ),
    "DutyYear.AnnualOutcomeRecorded": EntryAct(Act.ANNUAL_OUTCOME),
    # assessment (附件5)
    "ScoringStandard.Recorded": EntryAct(Act.SET_SCORING_STANDARD),
    "Assessment.Opened": EntryAct(Act.OPEN_ASSESSMENT),
    **_each(Act.RECORD_SELF_ASSESSMENT, _UNIT, "Assessment.SelfAssessed", "Assessment.RectificationReported"),
    "Assessment.OnSiteAssessed": EntryAct(Act.ONSITE_ASSESSMENT, _UNIT, office_act=Act.ASSESS_OFFICE),
    **_each(
        Act.ONSITE_ASSESSMENT,
        _UNIT,
        "Assessment.RectificationPassed",
        "Assessment.RectificationFailed",
        office_act=Act.ASSESS_OFFICE,
        verdict=(),
    ),
    "Assessment.GradeApproved": EntryAct(Act.APPROVE_GRADE, verdict=("grade",)),
    "Assessment.ConsequencesDecided": EntryAct(Act.DECIDE_CONSEQUENCES, verdict=("remove_eligibility",)),
    "UnscheduledChecks.CheckRecorded": EntryAct(Act.ONSITE_ASSESSMENT, _UNIT, office_act=Act.ASSESS_OFFICE),
    **_each(
        Act.ANNOUNCE_GRADE,
        None,
        *(f"Assessment.{e}" for e in ("Announced", "Commended", "Criticised", "RectificationOrdered")),
    ),
    # open days (附件4)
    **_each(
        Act.RECRUIT_FOR_OPEN_DAY,
        "host",
        *(
            f"OpenDay.{e}"
            for e in (
                "Planned",
                "RecruitmentPublished",
                "RepresentativeRegistered",
                "RepresentativesConfirmed",
                "RepresentativesPublicised",
                "ObjectionReceived",
                "ObjectionAnswered",
            )
        ),
    ),
    **_each(
        Act.RUN_OPEN_DAY,
        None,
        *(
            f"OpenDay.{e}"
            for e in (
                "Held",
                "OpinionHeard",
                "SummaryPublished",
                "Cancelled",
            )
        ),
    ),
    **_each(Act.ANSWER_OPEN_DAY, "host", "OpenDay.OpinionAnswered", "OpenDay.RectificationFollowedUp"),
    # information requests (Decree 711)
    **_each(
        Act.HANDLE_REQUEST,
        None,
        *(
            f"InformationRequest.{e}"
            for e in (
                "Received",
                "SupplementAsked",
                "SupplementReceived",
                "Consulted",
                "ReplyRecorded",
                "Answered",
                "CaseFiled",
                "CaseDecided",
            )
        ),
    ),
    "InformationRequest.Extended": EntryAct(Act.APPROVE_EXTENSION, correction=_BY_AUTHOR, verdict=("days",)),
    **_each(Act.HANDLE_COMPLAINT, None, "Complaint.Received", "Complaint.Handled"),
    **_each(Act.RECORD_ANNUAL_REPORT, None, "AnnualReport.Opened", "AnnualReport.TextRecorded"),
    "AnnualReport.Published": _never(
        "a published annual report is never rewritten; the office publishes a corrected text as a new act",
        "国务院令第711号 第四十九条",
    ),
    "OpenDay.SupervisionRecorded": EntryAct(
        Act.SUPERVISE_OPEN_DAY, "host", office_act=Act.SUPERVISE_OFFICE_OPEN_DAY
    ),
}


def entry_name(entry: Any) -> str:
    """``Aggregate.Event``: the entry's class as the log names it."""
    return str(type(entry).__qualname__)


def entry_act(entry: Any) -> EntryAct:
    rule = ENTRY_ACTS.get(entry_name(entry))
    if rule is None:
        raise NotFound(
            "version", f"no act is declared for {entry_name(entry)} entries; they cannot be corrected"
        )
    return rule


def authorise_correction(
    staff: Staff | None, actor: str, aggregate: Any, entry: Any, replacement: dict[str, Any] | None
) -> None:
    """Refuse a correction (``replacement``, None to retract) of ``entry`` unless ``actor``
    may make the act it records — or, for facts only its author knows, is that author."""
    name, rule = entry_name(entry), entry_act(entry)
    if rule.correction == Correction.NEVER:
        raise Refused("version", f"{name}: {rule.why_not}", rule.article)
    act = rule.act_for(aggregate)
    _, who, article = TABLE[act]
    if rule.correction == Correction.BY_AUTHOR and actor != entry.actor:
        raise Refused(
            "actor",
            f"{actor} may not correct {name}: only its author {entry.actor} may, "
            f"being one of {who} (separation of duties)",
            article,
        )
    authorise_corrected(staff, actor, aggregate, entry)
    if rule.verdict is None:
        return
    if replacement is None:
        raise Refused(
            "version",
            f"{name} records an outcome ({act.value}); it is never retracted, only followed by "
            f"a new act of {who}",
            article,
        )
    for key in rule.verdict:
        if key in replacement:
            raise Refused(
                f"replace.{key}",
                f"{name}.{key} is the outcome of the {act.value}; it is never corrected, only "
                f"followed by a new act of {who}",
                article,
            )


def authorise_corrected(staff: Staff | None, actor: str, aggregate: Any, entry: Any) -> None:
    """Refuse unless ``actor`` may make the act ``entry`` records, for its scope in
    ``aggregate``. Checked before a correction and again on the corrected state, so a
    correction cannot move an act into the corrector's reach (another host, unit or area)."""
    rule = entry_act(entry)
    if rule.correction == Correction.NEVER:
        return
    act = rule.act_for(aggregate)
    doing = f"correct {entry_name(entry)} ({act.value})"
    authorise(staff, actor, act, rule.scope_for(aggregate, entry), doing=doing)

"""Separation of duties (rules.md, 'Who may do what'): who may do each act.

The table is data; :func:`authorise` refuses with a message that says who may.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from aggregates.errors import Refused
from aggregates.org import Role, Staff


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
    ACCEPT_FILING = "acceptance of a catalogue filing"
    ONSITE_ASSESSMENT = "record a unit's on-site assessment"
    SUPERVISE_OPEN_DAY = "open-day supervision"
    SUPERVISE_OFFICE_OPEN_DAY = "check an open day the office hosted itself"
    RUN_OPEN_DAY = "carry out an open day (plan, recruit, register, publicise, hold, hear, summarise, cancel)"
    ANSWER_OPEN_DAY = "answer an open-day opinion and follow up its rectification"
    SET_SCORING_STANDARD = "record the year's scoring standard"
    HALF_YEAR_MEETING = "record the half-year transparency meeting"
    QUARTERLY_INSPECTION = "record a quarterly inspection"
    ANNUAL_OUTCOME = "record a leader's annual outcome"
    OPEN_ASSESSMENT = "open a unit's annual assessment"
    ASSESS_OFFICE = "record the on-site assessment of the office itself"
    ANNOUNCE_GRADE = "announce assessment results (通报)"
    ASSIGN_RESPONSIBILITY = "record a leader's transparency responsibilities"
    CORRECT_ENTRY = "correct an entry"
    RECORD_CHECKPOINT = "record an audit checkpoint"


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


def _leadership_team(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER) or staff.holds(Role.DEPUTY_LEADER)


def _leadership_group(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.GROUP_MEMBER)


def _principal(staff: Staff, unit: str | None) -> bool:
    return staff.holds(Role.PRINCIPAL_LEADER)


def _deputy_in_charge(staff: Staff, area: str | None) -> bool:
    return area is not None and staff.in_charge_of(area)


# act -> (check, who may, where the rule comes from)
TABLE: dict[Act, tuple[Check, str, str]] = {
    Act.MANAGE_ORGANISATION: (_office, "the office (办公室) staff", "附件3 第六条"),
    Act.RECORD_CALENDAR: (_office, "the office (办公室) staff", "附件3 第六条"),
    Act.RECORD_POLICY: (_office, "the office (办公室) staff", "附件3 第六条"),
    Act.SET_SCORING_STANDARD: (_office, "the office (办公室) staff", "附件5 第五条"),
    Act.RECORD_FOR_UNIT: (_unit_staff, "that unit's staff", "附件2 第六条(一)"),
    Act.RECORD_CATALOGUE: (_unit_staff, "that unit's staff", "附件3 第五条"),
    Act.RECORD_SELF_ASSESSMENT: (_unit_staff, "that unit's staff", "附件5 第五条"),
    Act.CONFIDENTIALITY_REVIEW: (_unit_staff, "the undertaking unit's staff", "附件2 第六条(一)"),
    Act.COLLECTIVE_DISCUSSION: (
        _leadership_team,
        "the leadership team (领导班子: the principal or a deputy leader)",
        "附件2 第六条(一)",
    ),
    Act.APPROVE_GRADE: (
        _leadership_group,
        "a member of the transparency leadership group (政务公开领导小组)",
        "附件5 第五条",
    ),
    Act.ACCEPT_FILING: (
        _leadership_group,
        "a member of the transparency leadership group (政务公开领导小组)",
        "附件3 第五条",
    ),
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
    Act.SUPERVISE_OFFICE_OPEN_DAY: (
        _leadership_group,
        "a member of the transparency leadership group (政务公开领导小组)",
        "附件4 第八条",
    ),
    Act.RUN_OPEN_DAY: (_office, "the office (办公室) staff, which carries out open days", "附件4 第二条"),
    Act.ANSWER_OPEN_DAY: (
        _entry_unit_or_office,
        "the host unit's staff or the office (办公室)",
        "附件4 第六条",
    ),
    Act.HALF_YEAR_MEETING: (_principal, "the principal leader (主要负责人)", "附件1 第四条(一)"),
    Act.QUARTERLY_INSPECTION: (
        _deputy_in_charge,
        "the deputy leader in charge of that area (分管负责人)",
        "附件1 第四条(二)",
    ),
    Act.ANNUAL_OUTCOME: (_office, "the office (办公室) staff", "附件1 第五条"),
    Act.OPEN_ASSESSMENT: (_office, "the office (办公室) staff", "附件5 第三条"),
    # The office never assesses itself: its own on-site assessment (and the check of
    # its rectification) is done by the leadership group, which leads the assessment.
    Act.ASSESS_OFFICE: (
        _leadership_group,
        "a member of the transparency leadership group (政务公开领导小组)",
        "附件5 第三条、第五条",
    ),
    Act.ANNOUNCE_GRADE: (_office, "the office (办公室) staff", "附件5 第五条"),
    Act.ASSIGN_RESPONSIBILITY: (_office, "the office (办公室) staff", "附件1 第二条"),
    Act.CORRECT_ENTRY: (
        _entry_unit_or_office,
        "the staff of the unit whose member recorded the entry, or the office (办公室)",
        "附件3 第六条",
    ),
    Act.RECORD_CHECKPOINT: (
        _office_or_group,
        "the office (办公室) staff or a member of the leadership group (政务公开领导小组)",
        "附件3 第六条",
    ),
}


def may(staff: Staff, act: Act, scope: str | None = None) -> bool:
    check, _, _ = TABLE[act]
    return check(staff, scope)


def authorise(staff: Staff | None, actor: str, act: Act, scope: str | None = None) -> None:
    """Refuse unless ``staff`` may do ``act`` (for ``scope``: a unit code or an area)."""
    check, who, article = TABLE[act]
    if staff is None:
        raise Refused("actor", f"{actor} is not on the staff list; only {who} may {act.value}")
    if not check(staff, scope):
        where = f" for {scope}" if scope else ""
        raise Refused(
            "actor",
            f"{actor} may not {act.value}{where}; only {who} may (separation of duties)",
            article,
        )

"""Duties commands (附件1, 一岗双责): responsibilities, meetings, inspections, annual outcome."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from aggregates.assessment import Assessment, Grade
from aggregates.authority import Act
from aggregates.duties import OUTCOME_LABELS, DutyYear, Outcome
from aggregates.errors import NotFound
from aggregates.org import Staff, Unit
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Text, Year, year_field

CODE = r"^[A-Za-z0-9_-]{1,32}$"
YEAR = year_field("the year of the duties")


def own_duty_year(uow: UnitOfWork, year: int) -> DutyYear:
    return uow.load(
        DutyYear,
        DutyYear.id_for(uow.actor, year),
        "actor",
        f"{year} responsibilities of {uow.actor}; the office records them with `ledger duties assign`",
    )


class AssignDuties(Command):
    """Record a leader's responsibilities for a year, from the organisation (principal / deputy areas)."""

    name = "duties.assign"
    staff_id: str = Field(pattern=CODE, description="the principal or deputy leader")
    year: Year = YEAR

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.ASSIGN_RESPONSIBILITY)
        stamp = uow.stamp(self.effective)
        staff = uow.load(Staff, Staff.id_for(self.staff_id), "staff_id", f"staff {self.staff_id}")
        existing = uow.get(DutyYear, DutyYear.id_for(self.staff_id, self.year))
        duty = DutyYear.assign(stamp, staff, self.year, uow.policy(stamp.effective), existing)
        uow.add(duty)
        what = ["principal leader"] if duty.principal else []
        what += [f"deputy for {','.join(duty.areas)}"] if duty.areas else []
        return {"id": str(duty.id), "message": f"{self.staff_id} {self.year}: {' and '.join(what)}"}


class RecordMeeting(Command):
    """The principal leader's transparency meeting (政务公开专题会议), at least once each half year."""

    name = "duties.meeting.record"
    topics: tuple[str, ...] = Field(min_length=1, description="what the meeting took up")
    report: Text = Field(min_length=1, description="the report on transparency work it heard")
    problems_resolved: tuple[str, ...] = Field(default=(), description="difficulties it resolved")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.HALF_YEAR_MEETING)
        stamp = uow.stamp(self.effective)
        duty = own_duty_year(uow, stamp.effective.year)
        duty.hold_meeting(stamp, self.topics, self.report, self.problems_resolved)
        return {"message": f"{duty.meetings[-1].period} meeting of {duty.year} recorded"}


class RecordInspection(Command):
    """An inspection: a deputy's quarterly one of an area in charge, or the principal leader's own."""

    name = "duties.inspection.record"
    area: str = Field(
        pattern=CODE, description="the unit inspected (a deputy: an area in charge; the principal: any)"
    )
    findings: Text = Field(min_length=1, description="how the systems are applied and targets met")
    problems_found: tuple[str, ...] = Field(default=(), description="problems found")
    problems_fixed: tuple[str, ...] = Field(default=(), description="problems fixed (found now or before)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.QUARTERLY_INSPECTION, self.area)
        if uow.get(Unit, Unit.id_for(self.area)) is None:
            raise NotFound("area", f"no unit {self.area} in the ledger; see `ledger org list`")
        stamp = uow.stamp(self.effective)
        duty = own_duty_year(uow, stamp.effective.year)
        duty.inspect(stamp, self.area, self.findings, self.problems_found, self.problems_fixed)
        last = duty.inspections[-1]
        return {"message": f"{last.period} inspection of {self.area} in {duty.year} recorded"}


class RecordOutcome(Command):
    """A leader's annual outcome: commended (no problem all year) or penalised, with reasons."""

    name = "duties.outcome.record"
    staff_id: str = Field(pattern=CODE, description="the responsible person")
    year: Year = YEAR
    outcome: Outcome
    reasons: tuple[str, ...] = Field(default=(), description="why (the ledger adds the shortfalls it holds)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.ANNUAL_OUTCOME)
        duty = uow.load(
            DutyYear,
            DutyYear.id_for(self.staff_id, self.year),
            "staff_id",
            f"{self.year} responsibilities of {self.staff_id}",
        )
        grades: dict[str, Grade] = {}
        for area in duty.areas:
            assessment = uow.get(Assessment, Assessment.id_for(area, self.year))
            if assessment is not None and assessment.grade is not None:
                grades[area] = assessment.grade
        duty.record_outcome(uow.stamp(self.effective), self.outcome, self.reasons, grades)
        return {"message": f"{self.staff_id} {self.year}: {OUTCOME_LABELS[self.outcome]}"}

"""Assessment commands (附件5): the scoring standard, and each step of a unit's assessment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field

from aggregates.assessment import (
    GRADE_LABELS,
    Assessment,
    Criterion,
    Grade,
    ScoringStandard,
    UnscheduledChecks,
    show,
)
from aggregates.authority import Act
from aggregates.org import Organisation, Unit
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Text, Year, year_field

CODE = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="the assessed unit's code")
YEAR = year_field("the year whose work is assessed")
NUMBER = Field(default=None, description="the 通报's document number (文号), e.g. 雁金融〔2026〕5号")
SCORES = Field(description='score per criterion, e.g. {"organisation": 14.5, "scope": 12, …}')


class AssessmentCommand(Command):
    """A command on one unit's assessment of one year."""

    unit: str = CODE
    year: Year = YEAR

    def load(self, uow: UnitOfWork) -> Assessment:
        return uow.load(
            Assessment,
            Assessment.id_for(self.unit, self.year),
            "year",
            f"{self.year} assessment of {self.unit}; the office opens it with `ledger assessment open`",
        )

    def load_as_assessor(self, uow: UnitOfWork) -> Assessment:
        """The assessment, once the actor is its assessor (the office; the group for the office itself)."""
        assessment = self.load(uow)
        uow.authorise(Assessment.assessor_act(assessment.unit_kind), self.unit)
        return assessment


class RecordScoringStandard(Command):
    """Record the year's scoring standard: points per criterion of 附件5 第四条, summing to the scale."""

    name = "assessment.standard.record"
    year: Year = YEAR
    points: dict[Criterion, Decimal] = Field(
        description='points per criterion (all eight), e.g. {"organisation": 15, "scope": 15, …}'
    )

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.SET_SCORING_STANDARD)
        stamp = uow.stamp(self.effective)
        existing = uow.get(ScoringStandard, ScoringStandard.id_for(self.year))
        standard = ScoringStandard.record(
            stamp, self.year, dict(self.points), uow.policy(stamp.effective), existing
        )
        uow.add(standard)
        return {"id": str(standard.id), "message": f"scoring standard of {self.year} recorded"}


class OpenAssessment(AssessmentCommand):
    """Open a unit's annual assessment (one per unit and year), with the year's standard."""

    name = "assessment.open"

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.OPEN_ASSESSMENT)
        stamp = uow.stamp(self.effective)
        unit = uow.load(Unit, Unit.id_for(self.unit), "unit", f"unit {self.unit}")
        org = uow.load(Organisation, Organisation.id_for(), "org", "organisation; run `ledger org init`")
        assessment = Assessment.open(
            stamp,
            unit,
            self.year,
            uow.get(ScoringStandard, ScoringStandard.id_for(self.year)),
            org.office_code,
            uow.policy(stamp.effective),
            uow.get(Assessment, Assessment.id_for(self.unit, self.year)),
        )
        uow.add(assessment)
        return {
            "id": str(assessment.id),
            "message": f"{self.year} assessment of {self.unit} opened; due {assessment.due}",
        }


class RecordSelfAssessment(AssessmentCommand):
    """The unit's self-assessment: a score per criterion and its written report."""

    name = "assessment.self.record"
    scores: dict[Criterion, Decimal] = SCORES
    report: Text = Field(min_length=1, description="the written self-assessment report (书面材料)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_SELF_ASSESSMENT, self.unit)
        assessment = self.load(uow)
        assessment.self_assess(uow.stamp(self.effective), dict(self.scores), self.report)
        total = assessment.self_total
        assert total is not None
        return {"message": f"{self.unit} self-assessed {show(total)} points for {self.year}"}


class RecordOnSiteAssessment(AssessmentCommand):
    """The on-site assessment (实地考核), the overall evaluation (综合评议) and the assessment
    opinion (the office; the leadership group for the office itself)."""

    name = "assessment.onsite.record"
    scores: dict[Criterion, Decimal] = SCORES
    evaluation: Text = Field(
        min_length=1, description="the overall evaluation (综合评议) that follows the on-site assessment"
    )
    opinion: Text = Field(min_length=1, description="the assessment opinion (考核意见)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        assessment = self.load_as_assessor(uow)
        stamp = uow.stamp(self.effective)
        assessment.assess_on_site(
            stamp, dict(self.scores), self.opinion, uow.policy(stamp.effective), self.evaluation
        )
        assert assessment.onsite_total is not None and assessment.computed_grade is not None
        return {
            "message": f"{self.unit} {self.year}: {show(assessment.onsite_total)} points, "
            f"computed grade {GRADE_LABELS[assessment.computed_grade]}"
        }


class ApproveGrade(AssessmentCommand):
    """The leadership group approves the grade (another grade than computed needs a reason)."""

    name = "assessment.grade.approve"
    grade: Grade | None = Field(default=None, description="default: the grade computed from the total")
    reason: str | None = Field(default=None, description="why a grade other than the computed one")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.APPROVE_GRADE)
        assessment = self.load(uow)
        assessment.approve(uow.stamp(self.effective), self.grade, self.reason)
        assert assessment.grade is not None
        return {"message": f"{self.unit} {self.year}: grade {GRADE_LABELS[assessment.grade]} approved"}


class AnnounceResult(AssessmentCommand):
    """Announce (通报) the approved grade: 优秀 commended; 不合格 criticised and ordered to rectify."""

    name = "assessment.announce"
    rectify_by: date | None = Field(default=None, description="a 不合格 unit's rectification deadline")
    requirements: Text | None = Field(default=None, description="what a 不合格 unit must rectify")
    document_number: str | None = NUMBER

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.ANNOUNCE_GRADE)
        assessment = self.load(uow)
        assessment.announce(
            uow.stamp(self.effective), self.rectify_by, self.requirements, self.document_number
        )
        assert assessment.grade is not None
        extra = f"; rectify by {assessment.rectify_by}" if assessment.rectify_by else ""
        return {"message": f"{self.unit} {self.year}: {GRADE_LABELS[assessment.grade]} announced{extra}"}


class ReportRectification(AssessmentCommand):
    """The unit reports its rectification."""

    name = "assessment.rectification.report"
    report: Text = Field(min_length=1, description="what was rectified")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_SELF_ASSESSMENT, self.unit)
        assessment = self.load(uow)
        assessment.report_rectification(uow.stamp(self.effective), self.report)
        return {"message": f"{self.unit} {self.year}: rectification reported"}


class VerifyRectification(AssessmentCommand):
    """Verify a rectification, optionally by re-assessing the unit (scores): passed, or failed
    (the leadership group then decides the consequences, 附件5 第六条 视情节)."""

    name = "assessment.rectification.verify"
    passed: bool = Field(description="whether the unit now reaches 合格 (a re-assessment must agree)")
    opinion: Text = Field(min_length=1, description="the verification opinion")
    scores: dict[Criterion, Decimal] | None = Field(
        default=None, description="the re-assessment after rectification: score per criterion"
    )
    document_number: str | None = NUMBER

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        assessment = self.load_as_assessor(uow)
        stamp = uow.stamp(self.effective)
        assessment.verify_rectification(
            stamp,
            self.passed,
            self.opinion,
            uow.policy(stamp.effective),
            dict(self.scores) if self.scores is not None else None,
            self.document_number,
        )
        again = (
            f" (re-assessed {show(assessment.reassessed_total)})"
            if assessment.reassessed_total is not None
            else ""
        )
        verdict = (
            "passed" if self.passed else "failed; the leadership group decides the consequences (视情节)"
        )
        return {"message": f"{self.unit} {self.year}: rectification {verdict}{again}"}


class DecideConsequences(AssessmentCommand):
    """The leadership group's decision, with reasons, on a unit whose rectification failed:
    whether it loses the year's award eligibility, and who is held accountable (附件5 第六条, 视情节)."""

    name = "assessment.consequences.decide"
    remove_eligibility: bool = Field(description="whether the unit loses the year's award eligibility")
    reasons: Text = Field(min_length=1, description="the circumstances weighed (视情节)")
    accountability: Text | None = Field(
        default=None, description="who is held accountable and how, if anyone"
    )
    document_number: str | None = NUMBER

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.DECIDE_CONSEQUENCES, self.unit)
        assessment = self.load(uow)
        assessment.decide_consequences(
            uow.stamp(self.effective),
            self.remove_eligibility,
            self.reasons,
            self.accountability,
            self.document_number,
        )
        what = "loses" if self.remove_eligibility else "keeps"
        return {"message": f"{self.unit} {self.year}: {what} its award eligibility (decided by the group)"}


class RecordUnscheduledCheck(Command):
    """An unscheduled check (不定期检查) of a unit, at any time, with its findings (附件5 第二条)."""

    name = "assessment.check.record"
    unit: str = CODE
    findings: Text = Field(min_length=1, description="what the check found")
    problems: list[str] = Field(default_factory=list, description="problems found, one per option")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        unit = uow.load(Unit, Unit.id_for(self.unit), "unit", f"unit {self.unit}")
        uow.authorise(Assessment.assessor_act(unit.unit_kind), self.unit)
        stamp = uow.stamp(self.effective)
        existing = uow.get(UnscheduledChecks, UnscheduledChecks.id_for(self.unit, stamp.effective.year))
        checks = UnscheduledChecks.record(stamp, unit, self.findings, self.problems, existing)
        if existing is None:
            uow.add(checks)
        else:
            uow.changed(checks)
        number = max(checks.checks)
        return {"message": f"{self.unit}: unscheduled check #{number} of {stamp.effective.year} recorded"}

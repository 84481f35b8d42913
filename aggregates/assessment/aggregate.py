"""Supervision and annual assessment of each unit's transparency work (附件5).

A :class:`ScoringStandard` fixes, per year, the points of each of the eight criteria of
附件5 第四条 (summing to the policy's scale). An :class:`Assessment` — one per unit and
year — follows the procedure of 第五条: opened by the office, the unit's self-assessment
(scores and a written report), the on-site assessment (scores and an opinion; by the
office, or by the leadership group when the office itself is assessed), the grade
computed from the on-site total with the policy's thresholds, approved by the leadership
group, announced (通报); then the consequences of 第六条: a 不合格 unit rectifies and is
re-assessed; one that does not rectify, or still fails, **may** lose the year's award
eligibility, 视情节 — a decision of the leadership group with its reasons, never automatic.

Scores are :class:`~decimal.Decimal` so that half points (59.5) compare exactly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from aggregates.assessment.scoring import (
    check_amounts,
    due_date,
    grade_for,
)
from aggregates.assessment.standard import ScoringStandard
from aggregates.assessment.vocabulary import (
    ART_CONSEQUENCES,
    ART_CRITERIA,
    ART_PROCEDURE,
    ART_SCALE,
    ART_SCOPE,
    ART_TIMING,
    CRITERION_ITEMS,
    GRADE_LABELS,
    Criterion,
    Grade,
    Rectification,
    Stage,
    in_order,
    show,
    total_of,
)
from aggregates.authority import Act
from aggregates.base import Aggregate, EntryCorrected, Event, Stamp, replaced, required, stable_id
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count, Obligation, Owed
from aggregates.org import UNIT_KIND_LABELS, WORKING_UNITS, Unit, UnitKind
from aggregates.policy import Policy

# Facts a correction never replaces: identity, what was copied at opening, what follows.
FIXED_FACTS: dict[str, dict[str, str]] = {
    "Opened": {
        key: f"{key} identifies the assessment or was copied from the year's standard and policy "
        "when it was opened; it is not corrected by hand"
        for key in (
            "unit",
            "unit_name",
            "unit_kind",
            "year",
            "organiser",
            "points",
            "due",
            "policy_version",
        )
    },
    "SelfAssessed": {"total": "the total follows from the scores; correct the scores"},
    "OnSiteAssessed": {
        key: "the grade was computed from the on-site scores under the policy in force; a different "
        "grade is approved by the leadership group with its reason (`assessment grade approve "
        "--grade … --reason …`)"
        for key in ("scores", "total", "computed_grade", "policy_version")
    },
    "GradeApproved": {
        "computed_grade": "the computed grade follows from the on-site scores",
        "grade": "the approved grade is the leadership group's act; it is not rewritten afterwards",
    },
    "Announced": {"grade": "the announced grade is the approved one"},
    **{
        event: {
            key: "the re-assessment's total and grade follow from its scores under the policy in force"
            for key in ("scores", "total", "computed_grade", "policy_version", "removes_eligibility")
        }
        for event in ("RectificationPassed", "RectificationFailed")
    },
}


class Assessment(Aggregate):
    """One unit's annual transparency assessment (附件5 第五条–第六条)."""

    kind = "assessment"
    fixed_facts = FIXED_FACTS

    unit: str
    unit_name: str
    unit_kind: UnitKind
    year: int
    organiser: str  # the office's code: it runs the assessment and owes its completion
    points: dict[Criterion, Decimal]
    due: date
    policy_version: str
    stage: Stage
    opened_on: date
    last_act_on: date

    self_scores: dict[Criterion, Decimal] | None
    self_total: Decimal | None
    report: str | None
    self_by: str | None

    onsite_scores: dict[Criterion, Decimal] | None
    onsite_total: Decimal | None
    opinion: str | None
    evaluation: str | None
    onsite_by: str | None
    computed_grade: Grade | None
    grade_policy: str | None

    grade: Grade | None
    grade_reason: str | None
    approved_by: str | None
    approved_on: date | None

    announced_on: date | None
    document_number: str | None  # the 通报's 文号
    rectification_number: str | None  # the 文号 of the 通报 on the rectification
    commended: bool
    criticised: bool
    rectification: Rectification
    rectify_by: date | None
    requirements: str | None
    rectification_report: str | None
    reported_on: date | None
    verified_on: date | None
    verification_opinion: str | None
    accountability: str | None
    award_eligible: bool
    reassessed_total: Decimal | None
    reassessed_grade: Grade | None
    consequences_on: date | None
    consequences_by: str | None
    consequences_reasons: str | None

    @staticmethod
    def id_for(unit: str, year: int) -> UUID:
        return stable_id("assessment", f"{unit}:{year}")

    @staticmethod
    def assessor_act(unit_kind: UnitKind) -> Act:
        """Who assesses on site: the office, never for itself; the office by the leadership group."""
        return Act.ASSESS_OFFICE if unit_kind == UnitKind.OFFICE else Act.ONSITE_ASSESSMENT

    # --- deciding -------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        stamp: Stamp,
        unit: Unit,
        year: int,
        standard: ScoringStandard | None,
        organiser: str,
        policy: Policy,
        existing: Assessment | None,
    ) -> Assessment:
        if existing is not None:
            raise Refused(
                "year",
                f"the {year} assessment of {unit.code} is already open (one per unit and year)",
                ART_TIMING,
            )
        if unit.unit_kind not in WORKING_UNITS:
            raise Refused(
                "unit",
                f"{unit.code} is the {UNIT_KIND_LABELS[unit.unit_kind]}; "
                "only 股室/中心 and the office are assessed",
                ART_SCOPE,
            )
        unit.ensure_open()
        if year > stamp.effective.year:
            raise Refused(
                "year", f"the assessment of {year} cannot be opened before {year} has begun", ART_TIMING
            )
        if standard is None:
            raise Refused(
                "year",
                f"no scoring standard for {year}; the office records it first "
                "(`ledger assessment standard record`)",
                ART_SCALE,
            )
        return cls._create(
            cls.id_for(unit.code, year),
            cls.Opened,
            stamp,
            **unit.named(),
            year=year,
            organiser=organiser,
            points=standard.points,
            due=due_date(year, policy),
            policy_version=policy.version,
        )

    def correct_entry(
        self, stamp: Stamp, version: int, reason: str, replacement: dict[str, Any] | None
    ) -> EntryCorrected:
        """Steps are corrected, never retracted: the later steps rest on them (第五条)."""
        if replacement is None and self.recorded_entry(version) is not None:
            raise Refused(
                "version",
                "a step of the assessment is corrected, never retracted: the later steps rest on it",
                ART_PROCEDURE,
            )
        return super().correct_entry(stamp, version, reason, replacement)

    def complete_replacement(self, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
        """Corrected self-assessment scores stay within each criterion's points (第四条) and
        carry their new total."""
        if not isinstance(original, Assessment.SelfAssessed) or "scores" not in replacement:
            return replacement
        fixed = replaced(original, {"scores": replacement["scores"]}, ART_CRITERIA)
        assert isinstance(fixed, Assessment.SelfAssessed)
        scores = fixed.scores
        if set(scores) != set(Criterion):
            raise InvalidInput("replace.scores", "a score for each of the eight criteria", ART_CRITERIA)
        self._check_scores(scores, "replace.scores")
        return {**replacement, "total": str(total_of({c: scores[c] for c in Criterion}))}

    def _not_before_last(self, stamp: Stamp) -> None:
        self._not_before(stamp, self.last_act_on, "the previous step of this assessment", ART_PROCEDURE)

    def _check_scores(self, scores: dict[Criterion, Decimal], field: str = "scores") -> None:
        check_amounts(field, scores, ART_CRITERIA)
        for criterion, value in scores.items():
            if value > self.points[criterion]:
                raise InvalidInput(
                    field,
                    f"{criterion.value} {CRITERION_ITEMS[criterion]} scores {show(value)}, more than "
                    f"its {show(self.points[criterion])} points in the {self.year} standard",
                    ART_CRITERIA,
                )

    def self_assess(self, stamp: Stamp, scores: dict[Criterion, Decimal], report: str) -> None:
        if self.stage != Stage.OPENED:
            raise Refused(
                "unit", f"{self.unit} already submitted its {self.year} self-assessment", ART_PROCEDURE
            )
        self._not_before_last(stamp)
        self._check_scores(scores)
        required("report", report, "the self-assessment comes with a written report", ART_PROCEDURE)
        ordered = {c: scores[c] for c in Criterion}
        self._trigger(self.SelfAssessed, stamp, scores=ordered, total=total_of(ordered), report=report)

    def assess_on_site(
        self,
        stamp: Stamp,
        scores: dict[Criterion, Decimal],
        opinion: str,
        policy: Policy,
        evaluation: str | None = None,
    ) -> None:
        """The office's 实地考核 (scores), its 综合评议 (overall evaluation), then the
        assessment opinion (考核意见), in that order (第五条)."""
        if self.stage == Stage.OPENED:
            raise Refused(
                "unit",
                f"{self.unit} has not submitted its {self.year} self-assessment; it comes first",
                ART_PROCEDURE,
            )
        if self.stage != Stage.SELF_ASSESSED:
            raise Refused("unit", f"the {self.year} on-site assessment of {self.unit} is already recorded")
        self._not_before_last(stamp)
        self._check_scores(scores)
        if not (evaluation or "").strip():
            raise InvalidInput(
                "evaluation",
                "the on-site assessment (实地考核) is followed by an overall evaluation (综合评议): "
                "record it",
                ART_PROCEDURE,
            )
        required("opinion", opinion, "the on-site assessment gives an assessment opinion", ART_PROCEDURE)
        ordered = {c: scores[c] for c in Criterion}
        total = total_of(ordered)
        self._trigger(
            self.OnSiteAssessed,
            stamp,
            scores=ordered,
            total=total,
            opinion=opinion,
            computed_grade=grade_for(total, policy),
            policy_version=policy.version,
            evaluation=(evaluation or "").strip(),
        )

    def approve(self, stamp: Stamp, grade: Grade | None, reason: str | None) -> None:
        if self.stage in (Stage.OPENED, Stage.SELF_ASSESSED):
            raise Refused(
                "unit",
                f"the {self.year} grade of {self.unit} is approved after the on-site assessment",
                ART_PROCEDURE,
            )
        if self.stage != Stage.ONSITE_ASSESSED:
            raise Refused("unit", f"the {self.year} grade of {self.unit} is already approved", ART_PROCEDURE)
        if stamp.actor == self.onsite_by:
            raise Refused(
                "actor",
                f"{stamp.actor} assessed {self.unit} on site and may not also approve its grade "
                "(separation of duties)",
                ART_PROCEDURE,
            )
        self._not_before_last(stamp)
        assert self.computed_grade is not None
        chosen = grade or self.computed_grade
        reason = (reason or "").strip() or None
        if chosen != self.computed_grade and reason is None:
            raise InvalidInput(
                "reason",
                f"approving {GRADE_LABELS[chosen]} instead of the computed "
                f"{GRADE_LABELS[self.computed_grade]} ({show(self.onsite_total or Decimal(0))}) "
                "needs a recorded reason",
                ART_PROCEDURE,
            )
        self._trigger(
            self.GradeApproved, stamp, grade=chosen, computed_grade=self.computed_grade, reason=reason
        )

    def announce(
        self,
        stamp: Stamp,
        rectify_by: date | None,
        requirements: str | None,
        document_number: str | None = None,
    ) -> None:
        """Announced (通报, with its 文号): 优秀 commended; 不合格 criticised and ordered to rectify."""
        if self.stage in (Stage.OPENED, Stage.SELF_ASSESSED, Stage.ONSITE_ASSESSED):
            raise Refused(
                "unit",
                f"the {self.year} grade of {self.unit} is announced once the leadership group approved it",
                ART_PROCEDURE,
            )
        if self.stage == Stage.ANNOUNCED:
            raise Refused("unit", f"the {self.year} result of {self.unit} is already announced")
        self._not_before_last(stamp)
        assert self.grade is not None
        if self.grade == Grade.FAIL:
            if rectify_by is None:
                raise InvalidInput(
                    "rectify_by",
                    f"{self.unit} is graded 不合格 and ordered to rectify within a time limit; give the date",
                    ART_CONSEQUENCES,
                )
            if rectify_by <= stamp.effective:
                raise InvalidInput(
                    "rectify_by",
                    f"the rectification deadline {rectify_by} must fall after the announcement "
                    f"({stamp.effective})",
                    ART_CONSEQUENCES,
                )
        elif rectify_by is not None or requirements:
            raise InvalidInput(
                "rectify_by",
                f"only a 不合格 unit is ordered to rectify; {self.unit} is {GRADE_LABELS[self.grade]}",
                ART_CONSEQUENCES,
            )
        number = (document_number or "").strip() or None
        self._trigger(self.Announced, stamp, grade=self.grade, document_number=number)
        if self.grade == Grade.EXCELLENT:
            self._trigger(self.Commended, stamp)
        if self.grade == Grade.FAIL:
            assert rectify_by is not None
            self._trigger(self.Criticised, stamp)
            self._trigger(
                self.RectificationOrdered,
                stamp,
                rectify_by=rectify_by,
                requirements=(requirements or "").strip() or None,
            )

    def report_rectification(self, stamp: Stamp, report: str) -> None:
        if self.rectification == Rectification.NONE:
            raise Refused("unit", f"{self.unit} was not ordered to rectify for {self.year}", ART_CONSEQUENCES)
        if self.rectification != Rectification.ORDERED:
            raise Refused("unit", f"{self.unit}'s {self.year} rectification is already {self.rectification}")
        self._not_before_last(stamp)
        required("report", report, "the rectification report says what was rectified", ART_CONSEQUENCES)
        self._trigger(self.RectificationReported, stamp, report=report)

    def verify_rectification(
        self,
        stamp: Stamp,
        passed: bool | None,
        opinion: str,
        policy: Policy,
        scores: dict[Criterion, Decimal] | None = None,
        document_number: str | None = None,
    ) -> None:
        """The check of a rectification: passed or failed, or decided by a re-assessment
        (``scores``: the grade they give, 合格 or better, is whether it passed). Failing takes
        nothing away by itself: the leadership group decides the consequences (第六条, 视情节)."""
        if self.rectification == Rectification.NONE:
            raise Refused("unit", f"{self.unit} was not ordered to rectify for {self.year}", ART_CONSEQUENCES)
        if self.rectification in (Rectification.PASSED, Rectification.FAILED):
            raise Refused("unit", f"{self.unit}'s {self.year} rectification is already verified")
        self._not_before_last(stamp)
        assert self.rectify_by is not None
        facts: dict[str, Any] = {}
        if scores is not None:
            if self.rectification == Rectification.ORDERED:
                raise Refused(
                    "scores",
                    f"{self.unit} has not reported its rectification; there is nothing to re-assess",
                    ART_CONSEQUENCES,
                )
            if set(scores) != set(Criterion):
                raise InvalidInput("scores", "a score for each of the eight criteria", ART_CRITERIA)
            self._check_scores(scores)
            ordered = {c: scores[c] for c in Criterion}
            total = total_of(ordered)
            grade = grade_for(total, policy)
            if passed is not None and passed != (grade != Grade.FAIL):
                raise InvalidInput(
                    "passed",
                    f"the re-assessment gives {show(total)} points ({GRADE_LABELS[grade]}); "
                    f"it {'did not pass' if grade == Grade.FAIL else 'passed'}",
                    ART_CONSEQUENCES,
                )
            passed = grade != Grade.FAIL
            facts = {
                "scores": ordered,
                "total": total,
                "computed_grade": grade,
                "policy_version": policy.version,
            }
        facts["document_number"] = (document_number or "").strip() or None
        if passed is None:
            raise InvalidInput(
                "passed",
                "say whether the rectification passed, or give the re-assessment's scores",
                ART_CONSEQUENCES,
            )
        if self.rectification == Rectification.ORDERED:
            if passed:
                raise Refused(
                    "passed",
                    f"{self.unit} has not reported its rectification; it cannot be verified as passed",
                    ART_CONSEQUENCES,
                )
            if stamp.effective <= self.rectify_by:
                raise Refused(
                    "effective",
                    f"{self.unit} has until {self.rectify_by} to report its rectification",
                    ART_CONSEQUENCES,
                )
        required("opinion", opinion, "the verification gives an opinion", ART_CONSEQUENCES)
        if passed:
            self._trigger(self.RectificationPassed, stamp, opinion=opinion, **facts)
            return
        self._trigger(self.RectificationFailed, stamp, opinion=opinion, removes_eligibility=False, **facts)

    def decide_consequences(
        self,
        stamp: Stamp,
        remove_eligibility: bool,
        reasons: str,
        accountability: str | None,
        document_number: str | None = None,
    ) -> None:
        """ConsequencesDecided (第六条, 视情节): the leadership group decides, with its reasons,
        whether a unit that did not rectify, or still fails, loses the year's award
        eligibility, and whom it holds accountable — or records that it does neither."""
        if self.rectification != Rectification.FAILED:
            raise Refused(
                "unit",
                f"{self.unit}'s {self.year} rectification is {self.rectification.value}; the consequences "
                "of 第六条 follow a rectification verified as failed",
                ART_CONSEQUENCES,
            )
        if self.consequences_on is not None:
            raise Refused(
                "unit",
                f"the leadership group decided the consequences for {self.unit} ({self.year}) on "
                f"{self.consequences_on}",
                ART_CONSEQUENCES,
            )
        self._not_before_last(stamp)
        if not reasons.strip():
            raise InvalidInput(
                "reasons",
                "the decision states its reasons (视情节: the circumstances weighed)",
                ART_CONSEQUENCES,
            )
        self._trigger(
            self.ConsequencesDecided,
            stamp,
            remove_eligibility=remove_eligibility,
            reasons=reasons.strip(),
            accountability=(accountability or "").strip() or None,
            document_number=(document_number or "").strip() or None,
        )

    # --- what it owes (what it makes public: projections/assessment/facts.py) ----------

    def subject(self) -> str:
        return f"{self.unit_name}（{self.unit}）{self.year}年度政务公开考核"

    def obligations(self) -> list[Obligation]:
        found = Owed(f"assessment:{self.unit}:{self.year}", subject=self.subject(), count=Count.FIXED_DATE)
        found.add(
            "",
            unit=self.organiser,
            what="annual assessment completed: grade approved and announced (通报)",
            citation=f"{ART_TIMING}; {ART_PROCEDURE}",
            policy_version=self.policy_version,
            start=self.due,
            met_on=self.announced_on,
        )
        if self.rectify_by is not None:
            found.add(
                "rectification",
                unit=self.unit,
                what="rectification within the time limit reported (限期整改)",
                citation=ART_CONSEQUENCES,
                start=self.rectify_by,
                met_on=self.reported_on,
            )
        return found

    def state(self) -> dict[str, Any]:
        out = super().state()
        for key in ("self_total", "onsite_total"):
            if out.get(key) is not None:
                out[key] = show(out[key])
        return out

    def verified(self, outcome: Rectification, e: RectificationPassed | RectificationFailed) -> None:
        """What a verification of the rectification records, passed or failed (applied only)."""
        self.rectification = outcome
        self.rectification_number = e.document_number
        self.verified_on = self.last_act_on = e.effective
        self.verification_opinion = e.opinion
        self.reassessed_total = e.total
        self.reassessed_grade = e.computed_grade

    # --- events ----------------------------------------------------------------------

    class Opened(Event):
        creates = True
        unit: str
        unit_name: str
        unit_kind: UnitKind
        year: int
        organiser: str
        points: dict[Criterion, Decimal]
        due: date
        policy_version: str

        def apply(self, a: Assessment) -> None:
            self.assign(a, "unit", "unit_name", "unit_kind", "year", "organiser")
            a.points = in_order(self.points)
            self.assign(a, "due", "policy_version")
            self.step(a, Stage.OPENED)
            a.opened_on = self.effective
            a.self_scores = a.self_total = a.report = a.self_by = None
            a.onsite_scores = a.onsite_total = a.opinion = a.onsite_by = None
            a.computed_grade = a.grade_policy = None
            a.grade = a.grade_reason = a.approved_by = a.approved_on = None
            a.announced_on = None
            a.document_number = a.rectification_number = None
            a.commended = a.criticised = False
            a.rectification = Rectification.NONE
            a.rectify_by = a.requirements = a.rectification_report = None
            a.reported_on = a.verified_on = a.verification_opinion = a.accountability = None
            a.award_eligible = True
            a.evaluation = None
            a.reassessed_total = a.reassessed_grade = None
            a.consequences_on = a.consequences_by = a.consequences_reasons = None

        def summary(self) -> str:
            return f"{self.unit} {self.year} assessment opened, due {self.due}"

    class SelfAssessed(Event):
        scores: dict[Criterion, Decimal]
        total: Decimal
        report: str

        def apply(self, a: Assessment) -> None:
            self.step(a, Stage.SELF_ASSESSED, by="self_by")
            self.assign(a, "report")
            a.self_scores, a.self_total = in_order(self.scores), self.total

        def summary(self) -> str:
            return f"self-assessed {show(self.total)} points"

    class OnSiteAssessed(Event):
        scores: dict[Criterion, Decimal]
        total: Decimal
        opinion: str
        computed_grade: Grade
        policy_version: str
        evaluation: str | None = None  # 综合评议; older entries recorded only the opinion

        def apply(self, a: Assessment) -> None:
            self.step(a, Stage.ONSITE_ASSESSED, by="onsite_by")
            self.assign(a, "opinion", "evaluation", "computed_grade")
            a.onsite_scores, a.onsite_total = in_order(self.scores), self.total
            a.grade_policy = self.policy_version

        def summary(self) -> str:
            return f"on-site {show(self.total)} points → {GRADE_LABELS[self.computed_grade]}"

    class GradeApproved(Event):
        grade: Grade
        computed_grade: Grade
        reason: str | None

        def apply(self, a: Assessment) -> None:
            self.step(a, Stage.APPROVED, by="approved_by")
            self.assign(a, "grade")
            a.grade_reason, a.approved_on = self.reason, self.effective

        def summary(self) -> str:
            changed = f" (computed {GRADE_LABELS[self.computed_grade]}: {self.reason})" if self.reason else ""
            return f"grade {GRADE_LABELS[self.grade]} approved{changed}"

    class Announced(Event):
        grade: Grade
        document_number: str | None = None  # 文号; older entries have none

        def apply(self, a: Assessment) -> None:
            self.step(a, Stage.ANNOUNCED)
            self.assign(a, "document_number")
            a.announced_on = self.effective

        def summary(self) -> str:
            return f"announced (通报): {GRADE_LABELS[self.grade]}"

    class Commended(Event):
        def apply(self, a: Assessment) -> None:
            a.commended = True

        def summary(self) -> str:
            return "commended (通报表彰)"

    class Criticised(Event):
        def apply(self, a: Assessment) -> None:
            a.criticised = True

        def summary(self) -> str:
            return "criticised (通报批评)"

    class RectificationOrdered(Event):
        rectify_by: date
        requirements: str | None

        def apply(self, a: Assessment) -> None:
            a.rectification = Rectification.ORDERED
            self.assign(a, "rectify_by", "requirements")

        def summary(self) -> str:
            return f"ordered to rectify by {self.rectify_by}"

    class RectificationReported(Event):
        report: str

        def apply(self, a: Assessment) -> None:
            self.step(a)
            a.rectification = Rectification.REPORTED
            a.rectification_report, a.reported_on = self.report, self.effective

    class RectificationPassed(Event):
        opinion: str
        # the re-assessment after rectification, when one was made
        scores: dict[Criterion, Decimal] | None = None
        total: Decimal | None = None
        computed_grade: Grade | None = None
        policy_version: str | None = None
        document_number: str | None = None

        def apply(self, a: Assessment) -> None:
            a.verified(Rectification.PASSED, self)

        def summary(self) -> str:
            again = f" (re-assessed {show(self.total)})" if self.total is not None else ""
            return f"rectification verified: passed{again}"

    class RectificationFailed(Event):
        opinion: str
        accountability: str | None = None
        # Entries recorded before 视情节 was read removed the eligibility with the failure;
        # since, the leadership group decides it (ConsequencesDecided).
        removes_eligibility: bool = True
        scores: dict[Criterion, Decimal] | None = None
        total: Decimal | None = None
        computed_grade: Grade | None = None
        policy_version: str | None = None
        document_number: str | None = None

        def apply(self, a: Assessment) -> None:
            a.verified(Rectification.FAILED, self)
            a.accountability = self.accountability
            if self.removes_eligibility:
                a.award_eligible = False

        def summary(self) -> str:
            if self.removes_eligibility:
                return "rectification failed: award eligibility for the year removed; accountability recorded"
            return "rectification failed; the leadership group decides the consequences (视情节)"

    class ConsequencesDecided(Event):
        remove_eligibility: bool
        reasons: str
        accountability: str | None
        document_number: str | None = None  # the 文号 of the 通报 that announces it

        def apply(self, a: Assessment) -> None:
            a.rectification_number = self.document_number or a.rectification_number
            a.award_eligible = not self.remove_eligibility
            self.assign(a, "accountability")
            self.step(a, by="consequences_by")
            a.consequences_on, a.consequences_reasons = self.effective, self.reasons

        def summary(self) -> str:
            what = "award eligibility removed" if self.remove_eligibility else "award eligibility kept"
            held = "; accountability recorded" if self.accountability else ""
            return f"consequences decided (视情节): {what}{held}"

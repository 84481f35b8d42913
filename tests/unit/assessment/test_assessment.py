"""The assessment aggregates (附件5) without storage: standard, grade boundaries, procedure, consequences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from aggregates.assessment import (
    Assessment,
    Criterion,
    Grade,
    Rectification,
    ScoringStandard,
    UnscheduledChecks,
    grade_for,
)
from aggregates.authority import Act
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count
from aggregates.org import Unit, UnitKind
from aggregates.policy import Policy, Rule
from ledger.commands.policy import packaged_policies
from projections.assessment.facts import public_facts
from tests.support.clock import stamp

POLICY = packaged_policies()[-1]
POINTS = dict(zip(Criterion, map(Decimal, (15, 15, 15, 10, 10, 15, 10, 10)), strict=True))


def policy_with(**values: Any) -> Policy:
    rules = dict(POLICY.rules)
    for key, value in values.items():
        key = key.replace("__", ".")
        rules[key] = Rule(**{**rules[key].model_dump(), "value": value})
    return POLICY.model_copy(update={"rules": rules, "version": "test"})


def scores(total: str) -> dict[Criterion, Decimal]:
    """Scores within POINTS that add up to ``total``: full marks, then deductions from the last criteria."""
    out = dict(POINTS)
    missing = Decimal(100) - Decimal(total)
    for c in reversed(list(Criterion)):
        cut = min(missing, out[c])
        out[c] -= cut
        missing -= cut
    return out


def standard(year: int = 2025) -> ScoringStandard:
    return ScoringStandard.record(stamp("2026-01-08"), year, dict(POINTS), POLICY, None)


def unit(code: str = "FIN", kind: UnitKind = UnitKind.SECTION) -> Unit:
    return Unit.establish(stamp("2026-01-05"), code, "金融股", kind)


def opened(code: str = "FIN", kind: UnitKind = UnitKind.SECTION) -> Assessment:
    return Assessment.open(stamp("2026-01-09"), unit(code, kind), 2025, standard(), "OFFICE", POLICY, None)


def on_site(total: str) -> Assessment:
    a = opened()
    a.self_assess(stamp("2026-01-20", "S002"), scores("95"), "自查报告")
    a.assess_on_site(stamp("2026-02-10", "S001"), scores(total), "考核意见", POLICY, "综合评议")
    return a


def approved(total: str) -> Assessment:
    a = on_site(total)
    a.approve(stamp("2026-03-05", "P01"), None, None)
    return a


def failed_and_ordered() -> Assessment:
    a = approved("58")
    a.announce(stamp("2026-03-10"), date(2026, 5, 8), "补齐栏目")
    return a


# --- grades -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.5", Grade.GOOD),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.5", Grade.PASS),
        ("60", Grade.PASS),
        ("59.5", Grade.FAIL),
        ("0", Grade.FAIL),
    ],
)
def test_grade_boundaries_include_the_number_itself(total: str, grade: Grade) -> None:
    assert grade_for(Decimal(total), POLICY) is grade


def test_grade_thresholds_come_from_the_policy() -> None:
    stricter = policy_with(assessment__grade__excellent=95)
    assert grade_for(Decimal("92"), stricter) is Grade.GOOD
    assert grade_for(Decimal("92"), POLICY) is Grade.EXCELLENT


def test_on_site_total_of_half_points_gives_the_grade_exactly() -> None:
    a = on_site("59.5")
    assert a.onsite_total == Decimal("59.5")
    assert a.computed_grade is Grade.FAIL
    assert on_site("90").computed_grade is Grade.EXCELLENT


# --- scoring standard ---------------------------------------------------------------


def test_standard_summing_to_100_with_half_points_is_recorded() -> None:
    points = {**POINTS, Criterion.ORGANISATION: Decimal("14.5"), Criterion.SCOPE: Decimal("15.5")}
    std = ScoringStandard.record(stamp(), 2025, points, POLICY, None)
    assert std.points[Criterion.SCOPE] == Decimal("15.5")


@pytest.mark.parametrize("change", ["-0.5", "0.5"])
def test_standard_not_summing_to_exactly_the_scale_is_refused(change: str) -> None:
    points = {**POINTS, Criterion.KEY_TASKS: POINTS[Criterion.KEY_TASKS] + Decimal(change)}
    with pytest.raises(InvalidInput, match="not exactly 100") as err:
        ScoringStandard.record(stamp(), 2025, points, POLICY, None)
    assert err.value.field == "points" and err.value.article == "附件5 第三条"


def test_standard_scale_is_policy_data() -> None:
    points = {c: Decimal(15) for c in Criterion}  # 120
    assert ScoringStandard.record(stamp(), 2025, points, policy_with(assessment__scale=120), None)


def test_standard_missing_a_criterion_is_refused() -> None:
    points = {c: v for c, v in POINTS.items() if c is not Criterion.KEY_TASKS}
    with pytest.raises(InvalidInput, match=r"key_tasks \(八\)"):
        ScoringStandard.record(stamp(), 2025, points, POLICY, None)


def test_standard_criterion_with_no_points_is_refused() -> None:
    points = {**POINTS, Criterion.ORGANISATION: Decimal(0), Criterion.SCOPE: Decimal(30)}
    with pytest.raises(InvalidInput, match="more than 0"):
        ScoringStandard.record(stamp(), 2025, points, POLICY, None)


def test_second_standard_for_the_same_year_is_refused() -> None:
    with pytest.raises(Refused, match="already recorded"):
        ScoringStandard.record(stamp(), 2025, dict(POINTS), POLICY, standard())


# --- opening ------------------------------------------------------------------------


def test_assessment_of_a_year_is_due_on_the_policy_date_of_the_next_year() -> None:
    assert opened().due == date(2026, 3, 31)
    a = Assessment.open(
        stamp("2026-01-09"),
        unit(),
        2025,
        standard(),
        "OFFICE",
        policy_with(assessment__due_month_day="01-31"),
        None,
    )
    assert a.due == date(2026, 1, 31)


def test_second_assessment_of_a_unit_and_year_is_refused() -> None:
    with pytest.raises(Refused, match="already open") as err:
        Assessment.open(stamp("2026-01-09"), unit(), 2025, standard(), "OFFICE", POLICY, opened())
    assert err.value.article == "附件5 第二条"


def test_assessment_ids_are_one_per_unit_and_year() -> None:
    assert Assessment.id_for("FIN", 2025) == Assessment.id_for("FIN", 2025)
    assert Assessment.id_for("FIN", 2025) != Assessment.id_for("FIN", 2026)
    assert Assessment.id_for("FIN", 2025) != Assessment.id_for("FUND", 2025)


@pytest.mark.parametrize("kind", [UnitKind.LEADERSHIP_GROUP, UnitKind.LEADERSHIP_TEAM])
def test_only_sections_and_the_office_are_assessed(kind: UnitKind) -> None:
    with pytest.raises(Refused, match="附件5 第一条"):
        Assessment.open(stamp("2026-01-09"), unit("GROUP", kind), 2025, standard(), "OFFICE", POLICY, None)


def test_opening_without_the_years_standard_is_refused() -> None:
    with pytest.raises(Refused, match="no scoring standard for 2025"):
        Assessment.open(stamp("2026-01-09"), unit(), 2025, None, "OFFICE", POLICY, None)


def test_a_year_that_has_not_begun_cannot_be_assessed() -> None:
    with pytest.raises(Refused, match="before 2027 has begun"):
        Assessment.open(stamp("2026-01-09"), unit(), 2027, standard(2027), "OFFICE", POLICY, None)


def test_the_office_is_assessed_on_site_by_the_leadership_group() -> None:
    assert Assessment.assessor_act(UnitKind.OFFICE) is Act.ASSESS_OFFICE
    assert Assessment.assessor_act(UnitKind.SECTION) is Act.ONSITE_ASSESSMENT


# --- self-assessment and on-site ------------------------------------------------------


def test_self_assessment_score_above_the_criterion_points_is_refused() -> None:
    a = opened()
    too_much = {**POINTS, Criterion.FORMS: Decimal("10.5")}
    with pytest.raises(InvalidInput, match="more than its 10 points") as err:
        a.self_assess(stamp("2026-01-20"), too_much, "报告")
    assert err.value.field == "scores" and err.value.article == "附件5 第四条"


@pytest.mark.parametrize("bad", ["-0.5", "1.125"])
def test_negative_or_overly_precise_scores_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput):
        opened().self_assess(stamp("2026-01-20"), {**POINTS, Criterion.FORMS: Decimal(bad)}, "报告")


def test_self_assessment_needs_every_criterion_and_a_report() -> None:
    a = opened()
    with pytest.raises(InvalidInput, match="missing"):
        a.self_assess(stamp("2026-01-20"), {Criterion.FORMS: Decimal(1)}, "报告")
    with pytest.raises(InvalidInput, match="written report"):
        a.self_assess(stamp("2026-01-20"), dict(POINTS), "  ")


def test_self_assessment_is_recorded_once() -> None:
    a = opened()
    a.self_assess(stamp("2026-01-20"), scores("95"), "报告")
    assert a.self_total == Decimal(95)
    with pytest.raises(Refused, match="already submitted"):
        a.self_assess(stamp("2026-01-21"), scores("95"), "报告")


def test_on_site_assessment_before_the_self_assessment_is_refused() -> None:
    with pytest.raises(Refused, match="self-assessment; it comes first") as err:
        opened().assess_on_site(stamp("2026-02-10"), scores("90"), "意见", POLICY, "综合评议")
    assert err.value.article == "附件5 第五条"


def test_a_step_dated_before_the_previous_one_is_refused() -> None:
    a = opened()
    a.self_assess(stamp("2026-01-20"), scores("95"), "报告")
    with pytest.raises(Refused, match="before the previous step"):
        a.assess_on_site(stamp("2026-01-19"), scores("90"), "意见", POLICY, "综合评议")


# --- approval --------------------------------------------------------------------------


def test_grade_is_approved_as_computed_by_default() -> None:
    a = approved("84")
    assert a.grade is Grade.GOOD and a.grade_reason is None and a.approved_by == "P01"


def test_approval_before_the_on_site_assessment_is_refused() -> None:
    with pytest.raises(Refused, match="after the on-site assessment"):
        opened().approve(stamp("2026-03-05", "P01"), None, None)


def test_a_different_grade_needs_a_recorded_reason() -> None:
    a = on_site("88")
    with pytest.raises(InvalidInput, match="needs a recorded reason") as err:
        a.approve(stamp("2026-03-05", "P01"), Grade.EXCELLENT, None)
    assert err.value.field == "reason"
    a.approve(stamp("2026-03-05", "P01"), Grade.EXCELLENT, "年度重点任务超额完成，经领导小组集体审定")
    assert a.grade is Grade.EXCELLENT and a.computed_grade is Grade.GOOD
    assert a.grade_reason is not None


def test_the_on_site_assessor_may_not_approve_the_grade() -> None:
    with pytest.raises(Refused, match="separation of duties"):
        on_site("84").approve(stamp("2026-03-05", "S001"), None, None)


def test_grade_is_approved_once() -> None:
    with pytest.raises(Refused, match="already approved"):
        approved("84").approve(stamp("2026-03-06", "G01"), None, None)


# --- announcement and consequences ------------------------------------------------------


def test_announcement_before_approval_is_refused() -> None:
    with pytest.raises(Refused, match="once the leadership group approved"):
        on_site("84").announce(stamp("2026-03-10"), None, None)


def test_excellent_unit_is_commended_when_announced() -> None:
    a = approved("92.5")
    a.announce(stamp("2026-03-10"), None, None)
    assert a.commended and not a.criticised and a.rectification is Rectification.NONE


def test_failing_unit_is_criticised_and_ordered_to_rectify() -> None:
    a = failed_and_ordered()
    assert a.criticised and not a.commended
    assert a.rectification is Rectification.ORDERED and a.rectify_by == date(2026, 5, 8)


def test_failing_unit_without_a_rectification_deadline_is_refused() -> None:
    with pytest.raises(InvalidInput, match="time limit") as err:
        approved("59.5").announce(stamp("2026-03-10"), None, None)
    assert err.value.field == "rectify_by" and err.value.article == "附件5 第六条"


def test_rectification_deadline_on_or_before_the_announcement_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after the announcement"):
        approved("50").announce(stamp("2026-03-10"), date(2026, 3, 10), None)


def test_only_a_failing_unit_is_ordered_to_rectify() -> None:
    with pytest.raises(InvalidInput, match="only a 不合格 unit"):
        approved("60").announce(stamp("2026-03-10"), date(2026, 5, 8), None)


def test_a_good_unit_is_neither_commended_nor_criticised() -> None:
    a = approved("80")
    a.announce(stamp("2026-03-10"), None, None)
    assert not a.commended and not a.criticised


def test_rectification_report_without_an_order_is_refused() -> None:
    a = approved("80")
    a.announce(stamp("2026-03-10"), None, None)
    with pytest.raises(Refused, match="not ordered to rectify"):
        a.report_rectification(stamp("2026-04-01"), "整改报告")


def test_reported_rectification_verified_as_passed_keeps_award_eligibility() -> None:
    a = failed_and_ordered()
    a.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    a.verify_rectification(stamp("2026-05-15"), True, "整改到位", POLICY)
    assert a.rectification is Rectification.PASSED and a.award_eligible


def test_rectification_cannot_pass_without_a_report() -> None:
    with pytest.raises(Refused, match="has not reported"):
        failed_and_ordered().verify_rectification(stamp("2026-05-15"), True, "意见", POLICY)


def test_a_failed_rectification_takes_nothing_away_by_itself() -> None:
    """附件5 第六条: a unit that still fails *may* lose its eligibility, 视情节 — not automatically."""
    a = failed_and_ordered()
    a.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    a.verify_rectification(stamp("2026-05-15"), False, "仍不合格", POLICY)
    assert a.rectification is Rectification.FAILED
    assert a.award_eligible and a.accountability is None and a.consequences_on is None


def test_the_group_removes_eligibility_with_its_reasons_and_holds_someone_accountable() -> None:
    a = failed_and_ordered()
    a.verify_rectification(stamp("2026-05-09"), False, "未按期整改", POLICY)
    a.decide_consequences(stamp("2026-05-20", "G01"), True, "逾期未整改，情节较重", "对股室负责人诫勉谈话")
    assert not a.award_eligible and a.accountability == "对股室负责人诫勉谈话"
    assert (a.consequences_on, a.consequences_by) == (date(2026, 5, 20), "G01")


def test_the_group_may_decide_to_keep_eligibility_and_that_decision_is_on_the_record() -> None:
    a = failed_and_ordered()
    a.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    a.verify_rectification(stamp("2026-05-15"), False, "仍差1.5分", POLICY)
    a.decide_consequences(stamp("2026-05-20", "G01"), False, "整改认真，差距在周期", None)
    assert a.award_eligible and a.consequences_reasons == "整改认真，差距在周期"
    with pytest.raises(Refused, match="decided the consequences"):
        a.decide_consequences(stamp("2026-05-21", "G01"), True, "改变主意", None)


def test_consequences_follow_only_a_failed_rectification_and_state_reasons() -> None:
    a = failed_and_ordered()
    with pytest.raises(Refused, match="follow a rectification verified as failed"):
        a.decide_consequences(stamp("2026-05-20", "G01"), True, "未整改", None)
    a.verify_rectification(stamp("2026-05-09"), False, "未按期整改", POLICY)
    with pytest.raises(InvalidInput, match="reasons") as err:
        a.decide_consequences(stamp("2026-05-20", "G01"), True, "  ", None)
    assert err.value.field == "reasons"


def test_a_re_assessment_after_rectification_decides_whether_it_passed() -> None:
    passed = failed_and_ordered()
    passed.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    passed.verify_rectification(stamp("2026-05-15"), True, "复查合格", POLICY, scores("60"))
    assert passed.rectification is Rectification.PASSED
    assert (passed.reassessed_total, passed.reassessed_grade) == (Decimal(60), Grade.PASS)
    failed = failed_and_ordered()
    failed.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    with pytest.raises(InvalidInput, match=r"59\.5 points") as err:
        failed.verify_rectification(stamp("2026-05-15"), True, "复查", POLICY, scores("59.5"))
    assert err.value.field == "passed"


def test_there_is_no_re_assessment_before_the_rectification_is_reported() -> None:
    with pytest.raises(Refused, match="nothing to re-assess"):
        failed_and_ordered().verify_rectification(stamp("2026-05-09"), False, "x", POLICY, scores("50"))


def test_an_entry_recorded_before_the_discretion_still_loads_as_recorded() -> None:
    """Old RectificationFailed entries removed the eligibility with the failure; replay keeps that."""
    a = failed_and_ordered()
    a.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    a._trigger(Assessment.RectificationFailed, stamp("2026-05-15"), opinion="仍不合格", accountability="追责")
    assert not a.award_eligible and a.accountability == "追责"


def test_the_on_site_assessment_records_its_overall_evaluation_before_the_opinion() -> None:
    a = opened()
    a.self_assess(stamp("2026-01-20", "S002"), scores("95"), "自查报告")
    with pytest.raises(InvalidInput, match="综合评议") as err:
        a.assess_on_site(stamp("2026-02-10", "S001"), scores("90"), "考核意见", POLICY, " ")
    assert err.value.field == "evaluation"
    a.assess_on_site(stamp("2026-02-10", "S001"), scores("90"), "考核意见", POLICY, "综合评议：制度落实到位")
    assert a.evaluation == "综合评议：制度落实到位"


def test_unreported_rectification_fails_only_after_the_deadline() -> None:
    a = failed_and_ordered()
    with pytest.raises(Refused, match="has until 2026-05-08"):
        a.verify_rectification(stamp("2026-05-08"), False, "未整改", POLICY)
    a.verify_rectification(stamp("2026-05-09"), False, "未按期整改", POLICY)
    assert a.rectification is Rectification.FAILED


def test_rectification_is_verified_once() -> None:
    a = failed_and_ordered()
    a.report_rectification(stamp("2026-04-30", "S002"), "已整改")
    a.verify_rectification(stamp("2026-05-15"), True, "整改到位", POLICY)
    with pytest.raises(Refused, match="already verified"):
        a.verify_rectification(stamp("2026-05-16"), False, "x", POLICY)


def test_unscheduled_checks_of_a_unit_are_numbered_within_its_year() -> None:
    """附件5 第二条: 定期与不定期相结合 — checks at any time, each on the record."""
    fin = unit()
    first = UnscheduledChecks.record(stamp("2026-07-10"), fin, "栏目更新及时", [], None)
    UnscheduledChecks.record(stamp("2026-09-15"), fin, "抽查", ["台账缺审核人", " "], first)
    assert [(c.number, c.problems) for c in first.checks.values()] == [(1, ()), (2, ("台账缺审核人",))]
    assert first.id == UnscheduledChecks.id_for("FIN", 2026)
    with pytest.raises(InvalidInput, match="what it found"):
        UnscheduledChecks.record(stamp("2026-09-16"), fin, " ", [], first)
    lead = unit("LEAD", UnitKind.LEADERSHIP_TEAM)
    with pytest.raises(Refused, match="only 股室/中心 and the office"):
        UnscheduledChecks.record(stamp("2026-09-16"), lead, "x", [], None)


# --- obligations, public facts, replay ----------------------------------------------------


def test_assessment_is_owed_by_the_office_by_the_due_date_and_met_when_announced() -> None:
    a = approved("92")
    (owed,) = a.obligations()
    assert owed.unit == "OFFICE" and owed.start == date(2026, 3, 31) and owed.met_on is None
    assert owed.count is Count.FIXED_DATE  # by a fixed date: a rest day moves it (民法典 第二百零三条)
    a.announce(stamp("2026-03-10"), None, None)
    assert a.obligations()[0].met_on == date(2026, 3, 10)


def test_rectification_is_owed_by_the_unit_by_its_deadline() -> None:
    a = failed_and_ordered()
    rect = next(o for o in a.obligations() if o.key.endswith(":rectification"))
    assert rect.unit == "FIN" and rect.start == date(2026, 5, 8) and rect.met_on is None
    a.report_rectification(stamp("2026-05-09", "S002"), "已整改")
    rect = next(o for o in a.obligations() if o.key.endswith(":rectification"))
    assert rect.met_on == date(2026, 5, 9)


def test_nothing_is_public_before_the_announcement() -> None:
    assert public_facts(approved("92")) == []


def test_announcement_makes_grade_and_rectification_deadline_public() -> None:
    a = failed_and_ordered()
    (fact,) = public_facts(a)
    assert fact.kind == "assessment.result" and fact.dated == date(2026, 3, 10)
    assert fact.data["grade_label"] == "不合格" and fact.data["rectify_by"] == "2026-05-08"
    assert "opinion" not in fact.data and "report" not in fact.data


def test_replaying_the_events_rebuilds_the_same_assessment() -> None:
    a = failed_and_ordered()
    replayed: Any = None
    for event in a.collect_events():
        replayed = event.mutate(replayed)
    assert replayed.state() == a.state()

"""The assessment (附件5) through the application: separation of duties, board, notices, import."""

from __future__ import annotations

import json

from aggregates.assessment import Assessment, Grade
from aggregates.errors import InvalidInput, NotFound, Refused
from ledger.application import LedgerApp
from ledger.demo import assessment as demo_assessment
from ledger.interface import Ledger
from ledger.views import Views
from ledger.when import When
from projections.board import DeadlineBoard
from projections.notices import PublicFacts
from tests.support.ledger import play, refused_without_writing, run

STANDARD = demo_assessment.STANDARD
FULL = dict(STANDARD)


def scores(total: float) -> dict[str, float]:
    """Full marks, minus what is missing taken from key_tasks then accountability."""
    out: dict[str, float] = dict(STANDARD)
    missing = 100 - total
    for key in ("key_tasks", "accountability", "supervision", "forms", "effect"):
        cut = min(missing, out[key])
        out[key] -= cut
        missing -= cut
    return out


def open_fin(app: LedgerApp, unit: str = "FIN") -> None:
    run(app, "S001", "assessment.standard.record", year=2025, points=STANDARD, effective="2026-01-08")
    run(app, "S001", "assessment.open", unit=unit, year=2025, effective="2026-01-09")


def through_on_site(app: LedgerApp, total: float, unit: str = "FIN", clerk: str = "S002") -> None:
    open_fin(app, unit)
    run(
        app,
        clerk,
        "assessment.self.record",
        unit=unit,
        year=2025,
        scores=FULL,
        report="自查",
        effective="2026-01-20",
    )
    assessor = "G01" if unit == "OFFICE" else "S001"
    run(
        app,
        assessor,
        "assessment.onsite.record",
        unit=unit,
        year=2025,
        scores=scores(total),
        evaluation="综合评议",
        opinion="意见",
        effective="2026-02-10",
    )


def assessment(app: LedgerApp, unit: str = "FIN") -> Assessment:
    found = app.get(Assessment, Assessment.id_for(unit, 2025))
    assert found is not None
    return found


def test_full_procedure_grades_a_failing_unit_and_tracks_its_rectification(bureau: LedgerApp) -> None:
    through_on_site(bureau, 59.5)
    assert assessment(bureau).computed_grade is Grade.FAIL
    run(bureau, "P01", "assessment.grade.approve", unit="FIN", year=2025, effective="2026-03-05")
    run(
        bureau,
        "S001",
        "assessment.announce",
        unit="FIN",
        year=2025,
        rectify_by="2026-05-08",
        requirements="补齐栏目",
        effective="2026-03-10",
    )
    run(
        bureau,
        "S002",
        "assessment.rectification.report",
        unit="FIN",
        year=2025,
        report="已整改",
        effective="2026-05-11",
    )
    run(
        bureau,
        "S001",
        "assessment.rectification.verify",
        unit="FIN",
        year=2025,
        passed=True,
        opinion="整改到位",
        effective="2026-05-15",
    )
    board = {r["key"]: r for r in Ledger(":memory:", app=bureau).deadlines()}
    assert board["assessment:FIN:2025"]["status"] == "met"
    assert board["assessment:FIN:2025"]["unit"] == "OFFICE"
    assert board["assessment:FIN:2025:rectification"]["status"] == "met late"


def test_assessment_not_announced_by_the_policy_date_is_overdue(bureau: LedgerApp) -> None:
    open_fin(bureau)
    ledger = Ledger(":memory:", app=bureau)
    before = {r["key"]: r for r in ledger.deadlines(When.parse(as_of="2026-03-31"))}["assessment:FIN:2025"]
    after = {r["key"]: r for r in ledger.deadlines(When.parse(as_of="2026-04-01"))}["assessment:FIN:2025"]
    assert (before["due"], before["status"]) == ("2026-03-31", "due")
    assert after["status"] == "overdue"


def test_second_assessment_of_the_same_unit_and_year_is_refused(bureau: LedgerApp) -> None:
    open_fin(bureau)
    message = refused_without_writing(bureau, Refused, "S001", "assessment.open", unit="FIN", year=2025)
    assert "already open" in message


def test_a_unit_clerk_may_not_self_assess_another_unit(bureau: LedgerApp) -> None:
    open_fin(bureau)
    message = refused_without_writing(
        bureau, Refused, "S003", "assessment.self.record", unit="FIN", year=2025, scores=FULL, report="x"
    )
    assert "separation of duties" in message


def test_the_office_may_not_assess_itself_on_site(bureau: LedgerApp) -> None:
    open_fin(bureau, "OFFICE")
    run(bureau, "S005", "assessment.self.record", unit="OFFICE", year=2025, scores=FULL, report="自查")
    message = refused_without_writing(
        bureau,
        Refused,
        "S001",
        "assessment.onsite.record",
        unit="OFFICE",
        year=2025,
        scores=FULL,
        evaluation="综合评议",
        opinion="x",
    )
    assert "leadership group" in message
    run(
        bureau,
        "G01",
        "assessment.onsite.record",
        unit="OFFICE",
        year=2025,
        scores=FULL,
        evaluation="综合评议",
        opinion="意见",
    )
    assert assessment(bureau, "OFFICE").onsite_by == "G01"


def test_the_office_assesses_sections_on_site_and_the_group_does_not(bureau: LedgerApp) -> None:
    open_fin(bureau)
    run(bureau, "S002", "assessment.self.record", unit="FIN", year=2025, scores=FULL, report="自查")
    for actor in ("G01", "S002"):  # the leadership group; the section itself
        refused_without_writing(
            bureau,
            Refused,
            actor,
            "assessment.onsite.record",
            unit="FIN",
            year=2025,
            scores=FULL,
            evaluation="综合评议",
            opinion="x",
        )


def test_only_the_leadership_group_approves_grades(bureau: LedgerApp) -> None:
    through_on_site(bureau, 84)
    message = refused_without_writing(
        bureau, Refused, "S005", "assessment.grade.approve", unit="FIN", year=2025
    )
    assert "附件5 第五条" in message and "leadership group" in message
    run(bureau, "G01", "assessment.grade.approve", unit="FIN", year=2025)
    assert assessment(bureau).grade is Grade.GOOD


def test_only_office_staff_record_the_standard_and_open_assessments(bureau: LedgerApp) -> None:
    refused_without_writing(bureau, Refused, "S002", "assessment.standard.record", year=2025, points=STANDARD)
    run(bureau, "S001", "assessment.standard.record", year=2025, points=STANDARD)
    refused_without_writing(bureau, Refused, "S002", "assessment.open", unit="FIN", year=2025)


def test_standard_not_summing_to_100_is_invalid_and_writes_nothing(bureau: LedgerApp) -> None:
    message = refused_without_writing(
        bureau,
        InvalidInput,
        "S001",
        "assessment.standard.record",
        year=2025,
        points={**STANDARD, "key_tasks": 9.5},
    )
    assert message.startswith("points:") and "附件5 第三条" in message


def test_step_on_an_assessment_never_opened_is_not_found(bureau: LedgerApp) -> None:
    refused_without_writing(
        bureau, NotFound, "S002", "assessment.self.record", unit="FIN", year=2024, scores=FULL, report="x"
    )


def test_announcement_is_public_with_grades_commendation_and_rectification_deadline(
    bureau: LedgerApp,
) -> None:
    play(bureau, demo_assessment.steps())
    notices = Ledger(":memory:", app=bureau).notices()
    (announcement,) = [n for n in notices if n.slug == "assessment-2025-result-2026-03-10"]
    text = announcement.markdown()
    assert "| 金融股 | 优秀 |" in text and "| 资金股 | 不合格 |" in text
    assert "对考核等次为优秀的金融股给予通报表彰" in text
    assert "责令于2026年5月8日前完成整改" in text
    assert "见评分表" not in text and "主动公开信息86条" not in text  # opinions and reports stay internal
    assert any(n.slug == "assessment-2025-FUND-rectification" for n in notices)


def test_rebuilding_the_board_and_notices_from_zero_equals_the_live_copy(bureau: LedgerApp) -> None:
    play(bureau, demo_assessment.steps())
    views = Views(bureau)
    history = views.history((DeadlineBoard, PublicFacts))
    assert views.live(DeadlineBoard).digest() == history.get(DeadlineBoard).digest()
    assert views.live(PublicFacts).digest() == history.get(PublicFacts).digest()


def test_outcome_of_a_deputy_whose_area_failed_the_assessment_is_not_commended(bureau: LedgerApp) -> None:
    play(bureau, demo_assessment.steps())
    run(bureau, "S001", "duties.assign", staff_id="D01", year=2025)
    message = refused_without_writing(
        bureau, Refused, "S001", "duties.outcome.record", staff_id="D01", year=2025, outcome="commended"
    )
    assert "FUND graded 不合格" in message


def test_import_runs_the_assessment_commands_with_scores_as_json(bureau: LedgerApp) -> None:
    ledger = Ledger(":memory:", app=bureau)
    lines = [
        json.dumps({"command": "assessment.standard.record", "year": 2025, "points": STANDARD}),
        json.dumps({"command": "assessment.open", "unit": "FUND", "year": 2025}),
        json.dumps(
            {
                "command": "assessment.self.record",
                "unit": "FUND",
                "year": 2025,
                "scores": scores(90),
                "report": "r",
            }
        ),
    ]
    count, problems = ledger.import_lines(lines, "S001")
    assert [(p.line, p.field) for p in problems] == [(3, "actor")]  # S001 may not self-assess FUND
    assert count == 0 and bureau.get(Assessment, Assessment.id_for("FUND", 2025)) is None
    count, problems = ledger.import_lines(lines[:2], "S001")
    assert (count, problems) == (2, [])
    count, problems = ledger.import_lines(lines[2:], "S003")
    assert (count, problems) == (1, [])
    assert assessment(bureau, "FUND").self_total is not None

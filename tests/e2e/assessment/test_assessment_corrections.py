"""`ledger correct` on assessments and duty years: a correction obeys the rules the acts obey."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.demo import assessment as demo_assessment
from ledger.demo import duties as demo_duties
from tests.support.cli import CliRun, correction, refused
from tests.support.ledger import play_into, stored_events


@pytest.fixture
def year_cli(bureau_cli: CliRun, db_file: Path) -> CliRun:
    """The bureau's file with the demo's 2026 duties and 2025 assessment."""
    play_into(db_file, demo_duties.steps(), demo_assessment.steps())
    return bureau_cli


def test_corrected_self_assessment_scores_carry_their_new_total(year_cli: CliRun) -> None:
    scores = {**demo_assessment.STANDARD, "key_tasks": 5}
    replace = json.dumps({"scores": scores})
    result = year_cli(
        *correction("assessment:FIN:2025", 2, "--replace", replace, reason="漏扣分"), actor="S002"
    )
    assert result.exit_code == 0, result.output
    state = json.loads(year_cli("show", "assessment:FIN:2025", "--format", "json").output)["state"]
    assert state["self_scores"]["key_tasks"] == "5"
    assert float(state["self_total"]) == sum(scores.values())


def test_a_corrected_score_above_its_criterions_points_is_refused(year_cli: CliRun, db_file: Path) -> None:
    scores = {**demo_assessment.STANDARD, "organisation": 99}
    result = year_cli(
        *correction("assessment:FIN:2025", 2, "--replace", json.dumps({"scores": scores})), actor="S002"
    )
    assert result.exit_code == 1
    assert "replace.scores" in result.output and "附件5 第四条" in result.output


def test_the_year_and_the_on_site_scores_are_not_corrected_by_hand(year_cli: CliRun, db_file: Path) -> None:
    out = refused(year_cli, db_file, *correction("assessment:FIN:2025", 1, "--replace", '{"year": 2031}'))
    assert "replace.year" in out
    out = refused(year_cli, db_file, *correction("assessment:FIN:2025", 3, "--replace", '{"total": "70"}'))
    assert "grade approve" in out  # the route for a different grade


def test_an_assessment_step_is_never_retracted(year_cli: CliRun, db_file: Path) -> None:
    out = refused(year_cli, db_file, *correction("assessment:FIN:2025", 2, "--retract"), actor="S002")
    assert "never retracted" in out and "附件5 第五条" in out


def test_an_inspection_moved_to_an_area_outside_the_deputys_charge_is_refused(
    year_cli: CliRun, db_file: Path
) -> None:
    moved = correction("duty_year:D01:2026", 2, "--replace", '{"inspection": {"area": "SERV"}}')
    out = refused(year_cli, db_file, *moved, actor="D01")
    assert "replace.inspection.area" in out and "附件1 第四条(二)" in out


def test_an_inspections_findings_are_corrected_alone(year_cli: CliRun) -> None:
    findings = '{"inspection": {"findings": "制度执行到位"}}'
    result = year_cli(*correction("duty_year:D01:2026", 2, "--replace", findings, reason="笔误"), actor="D01")
    assert result.exit_code == 0, result.output
    state = json.loads(year_cli("show", "duty_year:D01:2026", "--format", "json").output)["state"]
    first = state["inspections"][0]
    assert (first["area"], first["findings"]) == ("FIN", "制度执行到位")


def test_an_inspections_date_follows_from_its_entry(year_cli: CliRun, db_file: Path) -> None:
    moved = correction("duty_year:D01:2026", 2, "--replace", '{"inspection": {"period": "Q4"}}')
    out = refused(year_cli, db_file, *moved, actor="D01")
    assert "replace.inspection.period" in out


def test_an_invalid_corrected_fact_names_the_replaced_field(year_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    bad = correction("duty_year:D01:2026", 2, "--replace", '{"inspection": {"problems_found": 5}}')
    result = year_cli(*bad, actor="D01")
    assert result.exit_code == 2
    assert result.output.startswith("Error: replace.inspection.problems_found:")
    assert stored_events(db_file) == before

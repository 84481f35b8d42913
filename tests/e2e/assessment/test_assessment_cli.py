"""The assessment and duties commands as a user runs them: exit codes, one-line errors, reads."""

from __future__ import annotations

import json
from pathlib import Path

from ledger.demo import assessment as demo_assessment
from tests.support.cli import CliRun
from tests.support.ledger import stored_events

POINTS = json.dumps(demo_assessment.STANDARD)


def record_standard(cli: CliRun) -> None:
    result = cli(
        "assessment", "standard", "record", "--year", "2025", "--points", POINTS, "--effective", "2026-01-08"
    )
    assert result.exit_code == 0, result.output


def test_standard_not_summing_to_100_exits_1_naming_field_and_article(
    bureau_cli: CliRun, db_file: Path
) -> None:
    before = stored_events(db_file)
    bad = json.dumps({**demo_assessment.STANDARD, "key_tasks": 9.5})
    result = bureau_cli("assessment", "standard", "record", "--year", "2025", "--points", bad)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: points:") and "(附件5 第三条)" in line
    assert stored_events(db_file) == before


def test_scores_that_are_not_json_exit_2(bureau_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    result = bureau_cli("assessment", "standard", "record", "--year", "2025", "--points", "{15,15")
    assert result.exit_code == 2 and "not JSON" in result.output
    assert stored_events(db_file) == before


def test_self_assessment_by_another_units_clerk_exits_1(bureau_cli: CliRun, db_file: Path) -> None:
    record_standard(bureau_cli)
    assert bureau_cli("assessment", "open", "--unit", "FIN", "--year", "2025").exit_code == 0
    before = stored_events(db_file)
    args = ["--unit", "FIN", "--year", "2025", "--scores", POINTS, "--report", "r"]
    result = bureau_cli("assessment", "self", "record", *args, actor="S003")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line == (
        "Error: actor: S003 may not record a unit's self-assessment or rectification report for FIN; "
        "only that unit's staff may (separation of duties) (附件5 第五条)"
    )
    assert stored_events(db_file) == before


def test_refusals_of_assessment_and_duties_acts_read_as_sentences(bureau_cli: CliRun) -> None:
    refused = {
        ("S001", "assessment", "grade", "approve", "--unit", "FIN", "--year", "2025"): (
            "S001 may not approve a unit's assessment grade; only a member of the transparency "
            "leadership group"
        ),
        ("S002", "assessment", "onsite", "record", "--unit", "FIN", "--year", "2025"): (
            "S002 may not record a unit's on-site assessment for FIN; only the office"
        ),
        ("S001", "assessment", "onsite", "record", "--unit", "OFFICE", "--year", "2025"): (
            "S001 may not record the on-site assessment of the office itself for OFFICE"
        ),
        ("D01", "duties", "meeting", "record", "--topics", "t", "--report", "r"): (
            "D01 may not record the half-year transparency meeting; only the principal leader"
        ),
        ("D01", "duties", "inspection", "record", "--area", "SERV", "--findings", "f"): (
            "D01 may not record an inspection for SERV; "
            "only the principal leader (主要负责人) or the deputy leader in charge"
        ),
    }
    record_standard(bureau_cli)
    for unit in ("FIN", "OFFICE"):
        assert bureau_cli("assessment", "open", "--unit", unit, "--year", "2025").exit_code == 0
        args = ["--unit", unit, "--year", "2025", "--scores", POINTS, "--report", "r"]
        clerk = "S002" if unit == "FIN" else "S005"
        assert bureau_cli("assessment", "self", "record", *args, actor=clerk).exit_code == 0
    for (actor, *args), expected in refused.items():
        if args[1] == "onsite":
            args += ["--scores", POINTS, "--evaluation", "e", "--opinion", "o"]
        result = bureau_cli(*args, actor=actor)
        assert result.exit_code == 1 and expected in result.output, result.output


def test_second_assessment_of_a_unit_and_year_exits_1(bureau_cli: CliRun, db_file: Path) -> None:
    record_standard(bureau_cli)
    assert bureau_cli("assessment", "open", "--unit", "FIN", "--year", "2025").exit_code == 0
    before = stored_events(db_file)
    result = bureau_cli("assessment", "open", "--unit", "FIN", "--year", "2025")
    assert result.exit_code == 1 and "already open" in result.output and "附件5 第二条" in result.output
    assert stored_events(db_file) == before


def test_failing_grade_announced_without_deadline_exits_1(bureau_cli: CliRun, db_file: Path) -> None:
    record_standard(bureau_cli)
    low = json.dumps({k: v / 2 for k, v in demo_assessment.STANDARD.items()})  # 50
    fund = ["--unit", "FUND", "--year", "2025"]
    steps = [
        ("S001", ["assessment", "open", *fund]),
        ("S003", ["assessment", "self", "record", *fund, "--scores", low, "--report", "r"]),
        (
            "S001",
            ["assessment", "onsite", "record", *fund, "--scores", low, "--evaluation", "e", "--opinion", "o"],
        ),
        ("G01", ["assessment", "grade", "approve", *fund]),
    ]
    for actor, args in steps:
        assert bureau_cli(*args, actor=actor).exit_code == 0
    before = stored_events(db_file)
    result = bureau_cli("assessment", "announce", "--unit", "FUND", "--year", "2025")
    assert result.exit_code == 1
    assert result.output.startswith("Error: rectify_by:") and "(附件5 第六条)" in result.output
    assert stored_events(db_file) == before
    ok = bureau_cli(
        "assessment", "announce", "--unit", "FUND", "--year", "2025", "--rectify-by", "2026-12-31"
    )
    assert ok.exit_code == 0 and "不合格 announced; rectify by 2026-12-31" in ok.output


def test_verifying_a_unit_never_ordered_to_rectify_exits_1(bureau_cli: CliRun) -> None:
    record_standard(bureau_cli)
    bureau_cli("assessment", "open", "--unit", "SERV", "--year", "2025")
    result = bureau_cli(
        "assessment",
        "rectification",
        "verify",
        "--unit",
        "SERV",
        "--year",
        "2025",
        "--no-passed",
        "--opinion",
        "o",
    )
    assert result.exit_code == 1 and "not ordered to rectify" in result.output


def test_evidence_and_results_read_as_json(bureau_cli: CliRun, db_file: Path) -> None:
    from ledger.demo import duties as demo_duties
    from tests.support.ledger import play_into

    play_into(db_file, demo_duties.steps(), demo_assessment.steps())
    evidence = bureau_cli("assessment", "evidence", "OFFICE", "2026", "--format", "json", actor=None)
    assert evidence.exit_code == 0
    data = json.loads(evidence.output)
    assert {f["standing"] for f in data["facts"] if f["system"] == "duties"} == {"met", "overdue", "open"}
    results = json.loads(bureau_cli("assessment", "results", "2025", "--format", "json", actor=None).output)
    grades = {r["unit"]: r["grade"] for r in results["assessments"]}
    assert grades == {"FIN": "优秀", "FUND": "不合格", "SERV": "良好", "OFFICE": "合格"}
    status = bureau_cli("duties", "status", "2026", actor=None)
    assert status.exit_code == 0 and "overdue" in status.output
    table = bureau_cli("assessment", "evidence", "FIN", "2026", actor=None)
    assert table.exit_code == 0 and "一岗双责" in table.output


def test_evidence_for_an_unknown_unit_exits_2(bureau_cli: CliRun) -> None:
    result = bureau_cli("assessment", "evidence", "NOPE", "2026", actor=None)
    assert result.exit_code == 2 and result.output.startswith("Error: unit: no unit NOPE")


def test_outcome_before_the_year_ends_exits_1(bureau_cli: CliRun, db_file: Path) -> None:
    assert bureau_cli("duties", "assign", "--staff-id", "D01", "--year", "2026").exit_code == 0
    before = stored_events(db_file)
    result = bureau_cli(
        "duties", "outcome", "record", "--staff-id", "D01", "--year", "2026", "--outcome", "penalised"
    )
    assert result.exit_code == 1 and "附件1 第五条" in result.output
    assert stored_events(db_file) == before


def test_inspection_records_problems_as_repeated_options(bureau_cli: CliRun) -> None:
    assert bureau_cli("duties", "assign", "--staff-id", "D01", "--year", "2026").exit_code == 0
    result = bureau_cli(
        "duties", "inspection", "record", "--area", "FIN", "--findings", "检查",
        "--problems-found", "栏目滞后", "--problems-found", "解读缺失", "--effective", "2026-04-10",
        actor="D01",
    )  # fmt: skip
    assert result.exit_code == 0 and "Q2 inspection of FIN in 2026 recorded" in result.output
    status = json.loads(bureau_cli("duties", "status", "2026", "--format", "json", actor=None).output)
    d01 = next(p for p in status["people"] if p["staff_id"] == "D01")
    assert d01["open problems"] == "FIN: 栏目滞后; FIN: 解读缺失"

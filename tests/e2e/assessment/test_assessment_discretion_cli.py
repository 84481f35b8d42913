"""附件5 as the bureau wrote it, through the CLI: 视情节 (the leadership group decides, with
reasons, whether a unit that still fails loses its award eligibility), the re-assessment after
rectification, 综合评议 before the opinion, unscheduled checks (不定期), and the 通报's form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.demo import assessment as demo_assessment
from tests.support.cli import CliRun, error_line, ok
from tests.support.ledger import stored_events

FUND = ("--unit", "FUND", "--year", "2025")
LOW = json.dumps({k: v / 2 for k, v in demo_assessment.STANDARD.items()})  # 50: 不合格
PASS = json.dumps({k: v * 0.6 for k, v in demo_assessment.STANDARD.items()})  # 60: 合格


def on(month_day: str) -> tuple[str, str]:
    return ("--effective", f"2026-{month_day}")


@pytest.fixture
def ordered(bureau_cli: CliRun) -> CliRun:
    """FUND graded 不合格 for 2025, announced with its 文号, ordered to rectify, and reporting."""
    points = json.dumps(demo_assessment.STANDARD)
    ok(bureau_cli, "assessment", "standard", "record", "--year", "2025", "--points", points, *on("01-08"))
    ok(bureau_cli, "assessment", "open", *FUND, *on("01-09"))
    self_record = ("assessment", "self", "record", *FUND, "--scores", LOW, "--report", "r", *on("01-20"))
    ok(bureau_cli, *self_record, actor="S003")
    onsite = ("assessment", "onsite", "record", *FUND, "--scores", LOW, *on("02-10"))
    ok(bureau_cli, *onsite, "--evaluation", "综合评议：栏目更新滞后", "--opinion", "不合格")
    ok(bureau_cli, "assessment", "grade", "approve", *FUND, *on("03-05"), actor="G01")
    announce = ("assessment", "announce", *FUND, "--rectify-by", "2026-05-08", "--effective", "2026-03-10")
    ok(bureau_cli, *announce, "--document-number", "雁金融〔2026〕5号")
    report = ("assessment", "rectification", "report", *FUND, "--report", "已整改", *on("04-30"))
    ok(bureau_cli, *report, actor="S003")
    return bureau_cli


def fund_row(cli: CliRun) -> dict[str, object]:
    rows = json.loads(cli("assessment", "results", "2025", "--format", "json", actor=None).output)[
        "assessments"
    ]
    (row,) = [r for r in rows if r["unit"] == "FUND"]
    return row  # type: ignore[no-any-return]


def test_on_site_without_the_overall_evaluation_exits_2(bureau_cli: CliRun, db_file: Path) -> None:
    """附件5 第五条: 实地考核、综合评议 … 提出考核意见 — the evaluation is recorded."""
    before = stored_events(db_file)
    result = bureau_cli("assessment", "onsite", "record", *FUND, "--scores", LOW, "--opinion", "o")
    assert result.exit_code == 2 and error_line(result.output) == "Error: evaluation: required"
    assert stored_events(db_file) == before


def test_a_failed_re_assessment_leaves_eligibility_until_the_group_decides_with_reasons(
    ordered: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """附件5 第六条: 对…整改后仍不能达到合格的股室（中心），视情节取消其本年度评先评优资格."""
    verify = ("assessment", "rectification", "verify", *FUND, "--opinion", "复查仍不合格", *on("05-15"))
    disagree = ordered(*verify, "--passed", "--scores", LOW)
    assert (
        disagree.exit_code == 1
        and "the re-assessment gives 50 points (不合格); it did not pass" in disagree.output
    )
    out = ok(ordered, *verify, "--no-passed", "--scores", LOW)
    assert "failed; the leadership group decides the consequences (视情节) (re-assessed 50)" in out
    row = fund_row(ordered)
    assert row["award_eligible"] is True and row["reassessed_grade"] == "不合格"
    assert row["eligibility"] == "rectification failed; the leadership group decides (视情节)"
    decide = (
        "assessment",
        "consequences",
        "decide",
        *FUND,
        "--reasons",
        "整改认真，差距在周期",
        *on("05-20"),
    )
    before = stored_events(db_file)
    office = ordered(*decide, "--remove-eligibility")
    assert office.exit_code == 1 and error_line(office.output).endswith("(附件5 第六条)")
    assert "only a member of the transparency leadership group" in office.output
    assert stored_events(db_file) == before
    no_reason = ordered("assessment", "consequences", "decide", *FUND, "--no-remove-eligibility", actor="G01")
    assert no_reason.exit_code == 2 and error_line(no_reason.output).startswith("Error: reasons:")
    kept = ok(
        ordered, *decide, "--no-remove-eligibility", "--document-number", "雁金融〔2026〕12号", actor="G01"
    )
    assert "keeps its award eligibility (decided by the group)" in kept
    row = fund_row(ordered)
    assert row["award_eligible"] is True
    assert str(row["eligibility"]).startswith("kept by the leadership group on") and "整改认真" in str(
        row["eligibility"]
    )
    assert ordered("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / "assessment-2025-FUND-rectification.md").read_text(encoding="utf-8")
    assert "雁金融〔2026〕12号" in text and "局机关各股室（中心）：" in text
    assert "经复查重新考核，考核等次仍为不合格。经局政务公开领导小组研究" in text
    assert "视情节决定不取消其2025年度评先评优资格" in text


def test_the_group_may_remove_eligibility_and_hold_someone_accountable(ordered: CliRun) -> None:
    verify = ("assessment", "rectification", "verify", *FUND, "--no-passed", "--opinion", "仍不合格")
    ok(ordered, *verify, *on("05-15"))
    decide = ("assessment", "consequences", "decide", *FUND, "--remove-eligibility", "--reasons", "敷衍整改")
    decide = (*decide, *on("05-20"))
    ok(ordered, *decide, "--accountability", "对股室负责人诫勉谈话", actor="G01")
    assert fund_row(ordered)["award_eligible"] is False
    again = ordered(*decide, actor="G01")
    assert again.exit_code == 1 and "decided the consequences for FUND (2025)" in again.output


def test_a_re_assessment_that_reaches_合格_passes_the_rectification(ordered: CliRun) -> None:
    verify = (
        "assessment",
        "rectification",
        "verify",
        *FUND,
        "--opinion",
        "复查合格",
        "--passed",
        *on("05-15"),
    )
    ok(ordered, *verify, "--scores", PASS)
    row = fund_row(ordered)
    assert (row["rectification"], row["reassessed_total"], row["reassessed_grade"]) == (
        "passed",
        "60",
        "合格",
    )


def test_the_result_通报_has_its_文号_addressees_and_the_system_by_its_full_name(
    ordered: CliRun, tmp_path: Path
) -> None:
    assert ordered("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / "assessment-2025-result-2026-03-10.md").read_text(encoding="utf-8")
    assert text.startswith(
        "# 关于2025年度政务公开工作考核结果的通报\n\n雁金融〔2026〕5号\n\n局机关各股室（中心）：\n"
    )
    assert "根据《雁江区金融工作局政务公开监督考核制度》第五条" in text
    assert "将视情节取消其本年度评先评优资格" in text and "《政务公开监督考核制度》" not in text


def test_unscheduled_checks_are_recorded_at_any_time_and_appear_in_the_evidence(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """附件5 第二条: 定期与不定期相结合 — the office checks a unit at any time; never itself."""
    check = ("assessment", "check", "record", "--findings", "栏目按期更新", "--effective", "2026-07-10")
    ok(bureau_cli, *check, "--unit", "FIN", "--problems", "台账缺审核人")
    before = stored_events(db_file)
    itself = bureau_cli(*check, "--unit", "OFFICE")
    assert itself.exit_code == 1 and "the office itself" in itself.output
    assert stored_events(db_file) == before
    ok(bureau_cli, *check, "--unit", "OFFICE", actor="G01")
    evidence = json.loads(
        bureau_cli("assessment", "evidence", "FIN", "2026", "--format", "json", actor=None).output
    )
    [found] = evidence["unscheduled_checks"]
    assert (found["on"], found["by"], found["problems"], found["citation"]) == (
        "2026-07-10",
        "S001",
        ["台账缺审核人"],
        "附件5 第二条",
    )
    other_year = bureau_cli("assessment", "evidence", "FIN", "2025", "--format", "json", actor=None).output
    assert json.loads(other_year)["unscheduled_checks"] == []

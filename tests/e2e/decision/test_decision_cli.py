"""`ledger decision …` as a clerk runs it: exit codes, one-line errors, nothing written on refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import CliRun, correction, discussion, refused, write_jsonl
from tests.support.ledger import stored_events

N = "YJJR-2026-01"
DRAFT = (
    "decision",
    "draft",
    "--decision",
    N,
    "--title",
    "普惠金融服务站建设管理办法",
    "--category",
    "二",
    "--unit",
    "FIN",
    "--draft",
    "第一条 为规范……\n第二条 服务站……",
    "--background",
    "网点不足",
    "--basis",
    "《四川省普惠金融发展规划》",
    "--main-content",
    "补助标准",
    "--effective",
    "2026-08-03",
)
PUBLISH = (
    "decision",
    "publish",
    "--decision",
    N,
    "--channels",
    "portal",
    "--channels",
    "newspaper",
    "--email",
    "zqyj@example.gov.cn",
    "--postal-address",
    "娇子大道1号",
    "--contact",
    "金融股 028-26650101",
    "--effective",
    "2026-09-01",
)


@pytest.fixture
def approved_cli(bureau_cli: CliRun) -> CliRun:
    assert bureau_cli(*DRAFT, actor="S002").exit_code == 0
    ok = bureau_cli("decision", "review", "clear", "--decision", N, "--effective", "2026-08-10", actor="S002")
    assert ok.exit_code == 0
    ok = bureau_cli(*discussion(N), "--effective", "2026-08-20", actor="D01")
    assert ok.exit_code == 0, ok.output
    return bureau_cli


def test_publishing_before_the_review_exits_1_naming_field_and_article(
    bureau_cli: CliRun, db_file: Path
) -> None:
    assert bureau_cli(*DRAFT, actor="S002").exit_code == 0
    line = refused(bureau_cli, db_file, *PUBLISH, actor="S002")
    assert line.startswith(
        "Error: decision: version 1 of the draft has not passed the confidentiality review"
    )
    assert line.endswith("(附件2 第六条(一))")


def test_period_below_the_minimum_exits_1_naming_days_and_article(
    approved_cli: CliRun, db_file: Path
) -> None:
    short = (*PUBLISH, "--days", "6", "--shortened-reason", "紧急")
    line = refused(approved_cli, db_file, *short, actor="S002", exit_code=1)
    assert line == "Error: days: a comment period of 6 days is below the minimum of 7 days (附件2 第六条(二))"


def test_shortened_period_without_reason_exits_1(approved_cli: CliRun, db_file: Path) -> None:
    line = refused(approved_cli, db_file, *PUBLISH, "--days", "15", actor="S002", exit_code=1)
    assert line.startswith("Error: shortened_reason: ") and "附件2 第六条(二)" in line


def test_late_comment_without_the_flag_exits_1_then_is_kept_with_it(
    approved_cli: CliRun, db_file: Path
) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    comment = (
        "decision",
        "comment",
        "receive",
        "--decision",
        N,
        "--channel",
        "post",
        "--text",
        "意见",
        "--contact",
        "13800000000",
        "--effective",
        "2026-10-09",
    )
    line = refused(approved_cli, db_file, *comment, actor="S002")
    assert line.startswith("Error: effective: received 2026-10-09, after the window closed")
    result = approved_cli(*comment, "--late", actor="S002")
    assert result.exit_code == 0 and "C001 recorded (late, kept apart)" in result.output


def test_invalid_channel_exits_2_naming_the_field(approved_cli: CliRun, db_file: Path) -> None:
    line = refused(
        approved_cli,
        db_file,
        "decision",
        "publish",
        "--decision",
        N,
        "--channels",
        "wechat",
        "--email",
        "a@b.cn",
        "--contact",
        "x",
        actor="S002",
        exit_code=2,
    )
    assert line.startswith("Error: channels.0: ")


def test_exempt_decision_cannot_be_published_exits_1(bureau_cli: CliRun, db_file: Path) -> None:
    assert bureau_cli(*DRAFT, actor="S002").exit_code == 0
    exempt = ("decision", "review", "exempt", "--decision", N, "--ground", "personal_privacy")
    assert bureau_cli(*exempt, "--effective", "2026-08-10", actor="S002").exit_code == 0
    confirm = ("decision", "exemption", "confirm", "--decision", N, "--effective", "2026-08-11")
    assert bureau_cli(*confirm, actor="P01").exit_code == 0
    line = refused(bureau_cli, db_file, *PUBLISH, actor="S002")
    assert line.endswith("(附件2 第七条)") and "涉及个人隐私" in line


def test_wrong_actor_exits_1_and_says_who_may(approved_cli: CliRun, db_file: Path) -> None:
    line = refused(approved_cli, db_file, *PUBLISH, actor="S003")
    assert "S003 may not" in line and "only that unit's staff may" in line


def test_show_list_and_diff_read_the_decision(approved_cli: CliRun) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    revise = approved_cli(
        "decision",
        "revise",
        "--decision",
        N,
        "--draft",
        "第一条 为规范……\n第二条 服务站（改）",
        "--note",
        "采纳意见",
        "--effective",
        "2026-10-12",
        actor="S002",
    )
    assert revise.exit_code == 0 and "version 2" in revise.output
    shown = json.loads(approved_cli("decision", "show", N, "--format", "json").output)
    assert (shown["stage"], shown["closes_on"], shown["version"]) == ("published", "2026-10-08", 2)
    listed = json.loads(approved_cli("decision", "list", "--as-of", "2026-08-15", "--format", "json").output)
    assert [(r["number"], r["stage"]) for r in listed] == [(N, "cleared")]
    diff = approved_cli("decision", "diff", N, "1", "2")
    assert diff.exit_code == 0 and "+第二条 服务站（改）" in diff.output and "-第二条 服务站……" in diff.output
    missing = approved_cli("decision", "diff", N, "1", "5")
    assert missing.exit_code == 2 and missing.output.startswith("Error: v2: ")
    unknown = approved_cli("decision", "show", "NOPE-9")
    assert unknown.exit_code == 2 and "no decision NOPE-9" in unknown.output


def test_import_runs_decision_commands_in_one_transaction(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    lines = [
        {"command": "decision.draft", "decision": N, "title": "办法", "category": "(七)", "unit": "FIN",
         "draft": "第一条", "background": "b", "basis": "c", "main_content": "d", "effective": "2026-08-03"},
        {"command": "decision.review.clear", "decision": N, "effective": "2026-08-04"},
        {"command": "decision.publish", "decision": N, "channels": ["portal"], "email": "a@b.cn",
         "contact": "金融股", "effective": "2026-08-05"},
    ]  # fmt: skip
    path = write_jsonl(tmp_path / "cmds.jsonl", *lines)
    before = stored_events(db_file)
    result = bureau_cli("import", str(path), actor="S002")
    # a line refused by a rule: exit 1 where the importer reports refusals as such (main), 2 before
    assert result.exit_code in (1, 2)
    assert "line 3: decision: version 1 of the draft has not been approved" in result.output
    assert stored_events(db_file) == before


def test_notices_in_every_format_carry_no_commenter_data(approved_cli: CliRun, tmp_path: Path) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    receive(approved_cli, "好", "2026-09-02", "--commenter", "孙悟空", "--contact", "swk@example.com")
    for fmt in ("md", "html", "json"):
        out = tmp_path / fmt
        assert approved_cli("notices", "--format", fmt, "--out", str(out)).exit_code == 0
        (file,) = out.iterdir()
        text = file.read_text(encoding="utf-8")
        assert "2026年10月8日24时" in text and "孙悟空" not in text and "swk@example.com" not in text


def test_deadlines_explain_shows_the_national_day_deferral(approved_cli: CliRun) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    out = json.loads(
        approved_cli("deadlines", "explain", f"decision:{N}:comments", "--format", "json").output
    )
    assert out["due"] == "2026-10-08" and out["citation"] == "附件2 第六条(二)"
    assert [s["kind"] for s in out["steps"]][-1] == "moved"


def receive(cli: CliRun, text: str, day: str, *more: str) -> str:
    """An e-mailed comment recorded by FIN's clerk (``more``: further options, e.g. the commenter)."""
    args = ("decision", "comment", "receive", "--decision", N, "--channel", "email", "--text", text)
    result = cli(*args, "--effective", day, *more, actor="S002")
    assert result.exit_code == 0, result.output
    return str(result.output)


def comments(cli: CliRun) -> list[tuple[str, str]]:
    shown = json.loads(cli("decision", "show", N, "--format", "json").output)
    return [(c["comment_id"], c["text"]) for c in shown["comments"]]


def test_a_comment_recorded_after_a_retraction_never_takes_a_kept_comments_id(approved_cli: CliRun) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    receive(approved_cli, "第一条意见", "2026-09-10")
    receive(approved_cli, "重复录入", "2026-09-11")  # v6
    receive(approved_cli, "第三条意见", "2026-09-12")
    retract = ("correct", "--aggregate", f"decision:{N}", "--version", "6", "--retract")
    assert approved_cli(*retract, "--reason", "重复录入", actor="S002").exit_code == 0
    assert "C004 recorded" in receive(approved_cli, "第四条意见", "2026-09-13")
    assert comments(approved_cli) == [("C001", "第一条意见"), ("C003", "第三条意见"), ("C004", "第四条意见")]


@pytest.fixture
def commented_cli(approved_cli: CliRun) -> CliRun:
    """Published 2026-09-01 (window until 2026-10-08 24:00): C001 (v5) on time, C002 (v6) late."""
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    receive(approved_cli, "期限内意见", "2026-09-10")
    args = ("decision", "comment", "receive", "--decision", N, "--channel", "post", "--text", "逾期意见")
    assert approved_cli(*args, "--late", "--effective", "2026-10-10", actor="S002").exit_code == 0
    return approved_cli


def correct(cli: CliRun, db_file: Path, version: int, replace: str) -> str:
    fix = correction(f"decision:{N}", version, "--replace", replace, reason="录错")
    return refused(cli, db_file, *fix, actor="S002")


@pytest.mark.parametrize(
    ("version", "replace", "line"),
    [
        (6, '{"late": false}', "comment C002 (received 2026-10-10) outside the comment window and not late"),
        (5, '{"late": true}', "comment C001 (received 2026-09-10) marked late inside the comment window"),
    ],
)
def test_a_correction_that_puts_a_comment_on_the_wrong_side_of_the_window_is_refused(
    commented_cli: CliRun, db_file: Path, version: int, replace: str, line: str
) -> None:
    out = correct(commented_cli, db_file, version, replace)
    assert out == f"Error: replace: the correction would leave {line} (附件2 第六条(二))"


@pytest.mark.parametrize(
    ("version", "replace", "field"),
    [(6, '{"comment_id": "C001"}', "comment_id"), (1, '{"number": "YJJR-2026-99"}', "number")],
)
def test_a_correction_may_not_renumber_a_comment_or_the_decision(
    commented_cli: CliRun, db_file: Path, version: int, replace: str, field: str
) -> None:
    out = correct(commented_cli, db_file, version, replace)
    assert out.startswith(f"Error: replace.{field}: ")


def test_a_corrected_comment_text_shows_in_the_register(commented_cli: CliRun) -> None:
    fix = correction(f"decision:{N}", 5, "--replace", '{"text": "更正后的意见"}', reason="录错")
    assert commented_cli(*fix, actor="S002").exit_code == 0
    assert comments(commented_cli) == [("C001", "更正后的意见"), ("C002", "逾期意见")]


def test_an_opinion_dated_before_the_publication_exits_1(approved_cli: CliRun, db_file: Path) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    args = ("decision", "opinion", "record", "--decision", N, "--opinion", "O1", "--summary", "建议")
    line = refused(approved_cli, db_file, *args, "--effective", "2026-08-31", actor="S002")
    assert line == (
        "Error: effective: 2026-08-31 is before the publication of the draft (2026-09-01) (附件2 第六条(二))"
    )


def test_an_unknown_unit_is_named_as_such(bureau_cli: CliRun, db_file: Path) -> None:
    draft = tuple("NOPE" if a == "FIN" else a for a in DRAFT)
    line = refused(bureau_cli, db_file, *draft, actor="S002", exit_code=2)
    assert line == "Error: unit: no unit NOPE in the ledger; see `ledger org list`"
    result = bureau_cli("decision", "list", "--unit", "NOPE")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: unit: no unit NOPE in the ledger; see `ledger org list`"


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (PUBLISH, "Error: decision: decision YJJR-2026-01 was already published on 2026-09-01"),
        (
            ("decision", "period", "reopen", "--decision", N, "--days", "5", "--reason", "补充征求"),
            "Error: decision: the window is still open until 2026-10-08 24:00; extend it instead",
        ),
        (
            ("decision", "period", "extend", "--decision", N, "--days", "5", "--reason", "延长"),
            "Error: effective: 2026-08-31 is before the publication (2026-09-01)",
        ),
    ],
)
def test_refusals_in_the_comment_period_cite_the_article(
    approved_cli: CliRun, db_file: Path, args: tuple[str, ...], start: str
) -> None:
    assert approved_cli(*PUBLISH, actor="S002").exit_code == 0
    act = args[:-2] if "--effective" in args else args
    day = "2026-08-31" if "extend" in args else "2026-09-20"
    line = refused(approved_cli, db_file, *act, "--effective", day, actor="S002")
    assert line.startswith(start) and line.endswith("(附件2 第六条(二))")


def test_the_register_lists_as_csv_for_a_spreadsheet(approved_cli: CliRun) -> None:
    lines = (
        approved_cli("decision", "list", "--format", "csv").output.removeprefix("\ufeff").strip().splitlines()
    )
    assert lines[0].startswith("number,unit,title,category,stage")
    assert len(lines) == 1 + len(json.loads(approved_cli("decision", "list", "--format", "json").output))

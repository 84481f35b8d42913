"""`ledger privacy subjects` and `ledger privacy erase` as the office and a clerk run them."""

from __future__ import annotations

from pathlib import Path

from tests.integration.privacy.test_erasure import COMMENT, COMMENTER, DECISION
from tests.support.cli import CliRun
from tests.support.ledger import stored_events


def comment(cli: CliRun) -> None:
    draft = [
        "decision", "draft", "--decision", DECISION, "--title", "办法", "--category", "二", "--unit", "FIN",
        "--draft", "草案", "--background", "背景", "--basis", "依据", "--main-content", "内容",
        "--effective", "2026-01-05",
    ]  # fmt: skip
    steps = [
        (draft, "S002"),
        (["decision", "review", "clear", "--decision", DECISION, "--effective", "2026-01-06"], "S002"),
        (["decision", "discuss", "--decision", DECISION, "--approved", "--meeting", "会",
          "--attendees", "张局长", "--effective", "2026-01-06"], "D01"),
        (["decision", "publish", "--decision", DECISION, "--channels", "portal", "--email", "a@b.cn",
          "--contact", "金融股 028-1", "--effective", "2026-01-07"], "S002"),
        (["decision", "comment", "receive", "--decision", DECISION, "--channel", "email", "--text", "意见",
          "--commenter", COMMENTER[0], "--contact", COMMENTER[1], "--effective", "2026-01-20"], "S002"),
    ]  # fmt: skip
    for args, actor in steps:
        result = cli(*args, actor=actor)
        assert result.exit_code == 0, result.output


def test_the_office_finds_a_subject_by_id_and_erases_it_and_a_clerk_cannot(
    bureau_cli: CliRun, db_file: Path
) -> None:
    comment(bureau_cli)
    listed = bureau_cli("privacy", "subjects", "--format", "csv")
    assert listed.exit_code == 0 and COMMENT in listed.output and COMMENTER[0] not in listed.output
    before = stored_events(db_file)
    refused = bureau_cli("privacy", "erase", "--subject", COMMENT, "--reason", "本人申请", actor="S002")
    assert refused.exit_code == 1 and "only the office" in refused.output
    assert stored_events(db_file) == before
    done = bureau_cli("privacy", "erase", "--subject", COMMENT, "--reason", "本人申请")
    assert done.exit_code == 0, done.output
    shown = bureau_cli("decision", "show", DECISION, "--format", "json")
    assert "已删除" in shown.output and COMMENTER[0] not in shown.output and COMMENTER[1] not in shown.output
    again = bureau_cli("privacy", "erase", "--subject", COMMENT, "--reason", "再次")
    assert again.exit_code == 1 and "already erased" in again.output
    assert "erased" in bureau_cli("privacy", "subjects").output

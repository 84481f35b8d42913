"""An insider types text meant to forge a notice or a terminal: every door refuses it.

Control characters (NUL, escapes, C1), bidi overrides and line breaks in one-line fields
are refused with exit 2 naming the field, nothing written; text that is only Markdown or
HTML syntax is kept as typed and printed as text, never as structure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.cli import CliRun
from tests.support.ledger import stored_events

N = "YJJR-2026-01"


def draft(
    title: str = "普惠金融服务站建设管理办法", text: str = "第一条 为规范……\n第二条 服务站……"
) -> tuple[str, ...]:
    return (
        "decision", "draft", "--decision", N, "--title", title, "--category", "二", "--unit", "FIN",
        "--draft", text, "--background", "网点不足", "--basis", "《四川省普惠金融发展规划》",
        "--main-content", "补助标准", "--effective", "2026-08-03",
    )  # fmt: skip


def refused(cli: CliRun, db_file: Path, *args: str, actor: str = "S002") -> str:
    """Exit 2, one line, and not one event more."""
    before = stored_events(db_file)
    result = cli(*args, actor=actor)
    assert stored_events(db_file) == before
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    return line


@pytest.mark.parametrize(
    ("title", "what"),
    [
        pytest.param("办法\n# 伪造标题", "a line break (U+000A)", id="newline"),
        pytest.param("办法\r\n# 伪造标题", "a line break (U+000D)", id="crlf"),
        pytest.param("办法\u2028# 伪造标题", "a line break (U+2028)", id="line-separator"),
        pytest.param("办法\x00", "a control character (U+0000)", id="nul"),
        pytest.param("办法\x1b[2J\x1b[31m已撤回", "a control character (U+001B)", id="ansi-escape"),
        pytest.param("办法\x85", "a control character (U+0085)", id="c1-next-line"),
        pytest.param("办法\t附件", "a control character (U+0009)", id="tab"),
        pytest.param("办法\u202e档归", "a bidi control (U+202E)", id="right-to-left-override"),
        pytest.param("办法\u2066档归\u2069", "a bidi control (U+2066)", id="left-to-right-isolate"),
    ],
)
def test_a_title_with_a_line_break_or_control_is_refused_naming_the_field(
    bureau_cli: CliRun, db_file: Path, title: str, what: str
) -> None:
    line = refused(bureau_cli, db_file, *draft(title=title))
    assert line.startswith(f"Error: title: {what} is not allowed"), line


def test_a_multi_line_draft_keeps_its_lines_but_not_an_escape(bureau_cli: CliRun, db_file: Path) -> None:
    line = refused(bureau_cli, db_file, *draft(text="第一条\x1b[8m 隐藏"))
    assert line.startswith("Error: draft: a control character (U+001B) is not allowed"), line
    assert bureau_cli(*draft(text="第一条\t为规范……\n第二条 服务站……"), actor="S002").exit_code == 0


def test_every_door_refuses_it_the_import_and_a_correction(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    lines = tmp_path / "forged.jsonl"
    line = {"command": "org.unit.add", "code": "NEW", "unit_name": "新股\u0000\u001b[31m"}
    lines.write_text(json.dumps(line), encoding="utf-8")
    before = stored_events(db_file)
    result = bureau_cli("import", str(lines))
    assert result.exit_code == 2 and "unit_name: a control character (U+0000)" in result.output, result.output
    assert stored_events(db_file) == before

    replace = json.dumps({"name": "李明\u001b]0;owned\u0007"})
    line_out = refused(bureau_cli, db_file, "correct", "--aggregate", "staff:S002", "--version", "1",
                       "--reason", "名字录错", "--replace", replace, actor="S001")  # fmt: skip
    assert line_out.startswith("Error: replace: a control character (U+001B)"), line_out


def test_the_log_never_echoes_what_was_refused(bureau_cli: CliRun, db_file: Path) -> None:
    refused(
        bureau_cli, db_file, "org", "unit", "add", "--code", "NEW", "--unit-name", "新股\x1b[2J", actor="S001"
    )
    log = bureau_cli("log").output
    assert "\x1b" not in log and "新股" not in log


def test_markdown_and_html_in_a_title_are_printed_as_text(bureau_cli: CliRun, tmp_path: Path) -> None:
    title = "# 伪造标题 <script>alert(1)</script>"
    steps = [
        (draft(title=title), "S002"),
        (("decision", "review", "clear", "--decision", N, "--effective", "2026-08-10"), "S002"),
        (("decision", "discuss", "--decision", N, "--approved", "--meeting", "局党组会",
          "--attendees", "张局长",
          "--effective", "2026-08-20"), "D01"),
        (("decision", "publish", "--decision", N, "--channels", "portal", "--email", "zqyj@example.gov.cn",
          "--contact", "金融股 028-26650101", "--effective", "2026-09-01"), "S002"),
    ]  # fmt: skip
    for args, actor in steps:
        result = bureau_cli(*args, actor=actor)
        assert result.exit_code == 0, result.output
    for fmt in ("md", "html"):
        out = tmp_path / fmt
        assert bureau_cli("notices", "--format", fmt, "--out", str(out)).exit_code == 0
        (notice,) = out.iterdir()
        text = notice.read_text(encoding="utf-8")
        assert "伪造标题" in text
        if fmt == "html":
            assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        else:
            assert re.search(r"(?<!\\)<", text) is None  # every < escaped: no HTML
            headings = [line for line in text.splitlines() if line.startswith("#")]
            assert (
                headings[0]
                == "# 关于公开征求《# 伪造标题 \\<script>alert(1)\\</script>（征求意见稿）》意见的公告"
            )
            assert all(line.startswith("## ") for line in headings[1:])

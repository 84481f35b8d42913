"""`ledger annual-report …` as the office runs it: the clerk's text, the report in Markdown,
HTML and JSON (to standard output or a file), and a publication refused before the year ends."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import CliRun, error_line, ok, read_json


def test_the_report_prints_in_every_format_with_the_clerks_text(bureau_cli: CliRun, tmp_path: Path) -> None:
    ok(bureau_cli, "request", "receive", "--request", "YSQ-2026-301", "--requester-kind", "natural_person",
       "--requester-name", "某乙", "--contact", "13900000301", "--channel", "in_person", "--asked", "信息",
       "--effective", "2026-03-02")  # fmt: skip
    ok(bureau_cli, "annual-report", "text", "2026", "--part", "overview", "--text", "本年度依法办理申请。")
    assert "recorded" in ok(
        bureau_cli, "annual-report", "text", "2026", "--part", "problems", "--text", "个别答复逾期。"
    )
    md = ok(bureau_cli, "annual-report", "show", "2026", actor=None)
    assert md.startswith("# 雁江区金融工作局2026年政府信息公开工作年度报告") and "本年度依法办理申请。" in md
    assert "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in md
    assert "某乙" not in md and "13900000301" not in md
    data = read_json(bureau_cli, "annual-report", "show", "2026")
    assert data["part3_requests"]["check"] == "一 1 + 二 0 = 三（七）0 + 四 1"
    out = tmp_path / "report.html"
    assert "written to" in ok(
        bureau_cli, "annual-report", "show", "2026", "--format", "html", "--out", str(out)
    )
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "<table>" in page and "某乙" not in page
    assert json.loads(json.dumps(data))["year"] == 2026


def test_a_report_is_published_only_after_its_year(bureau_cli: CliRun) -> None:
    ok(bureau_cli, "annual-report", "text", "2026", "--part", "overview", "--text", "总体情况。")
    result = bureau_cli("annual-report", "publish", "2026", "--effective", "2026-11-20")
    assert result.exit_code == 1 and "第四十九条" in error_line(result.output)
    [row] = [r for r in read_json(bureau_cli, "deadlines") if r["key"] == "annual_report:2026"]
    assert row["unit"] == "OFFICE" and row["citation"].startswith("国务院令第711号 第四十九条")

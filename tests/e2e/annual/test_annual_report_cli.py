"""`ledger annual-report …` as the office runs it: the clerk's text, the report in Markdown,
HTML and JSON (to standard output or a file), and a publication refused before the year ends."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import (
    CliRun,
    correction,
    error_line,
    ok,
    read_json,
    refused,
    refused_import,
    write_jsonl,
)


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


def test_a_register_that_does_not_add_up_is_refused_by_show_naming_the_request(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """The 2025 report, published in January 2026, carried YSQ-2025-901 into 2026; its day of
    receipt is then corrected into 2026: it would be new in 2026 and carried over from 2025
    at once, so the 2026 report is refused (exit 1), naming it and the format's check."""
    ok(bureau_cli, "request", "receive", "--request", "YSQ-2025-901", "--requester-kind", "natural_person",
       "--requester-name", "某丙", "--contact", "13900000901", "--channel", "in_person", "--asked", "信息",
       "--effective", "2025-12-29")  # fmt: skip
    ok(bureau_cli, "annual-report", "text", "2025", "--part", "overview", "--text", "2025年总体情况。",
       "--effective", "2026-01-10")  # fmt: skip
    assert not [n for n in read_json(bureau_cli, "notices") if n["slug"] == "annual-report-2025"]
    published = ok(bureau_cli, "annual-report", "publish", "2025", "--effective", "2026-01-15")
    assert "table 三: 一 1 + 二 0 = 三（七）0 + 四 1" in published
    [notice] = [n for n in read_json(bureau_cli, "notices") if n["slug"] == "annual-report-2025"]
    assert notice["title"] == "雁江区金融工作局2025年政府信息公开工作年度报告"
    public = json.dumps(notice, ensure_ascii=False)
    assert "某丙" not in public and "13900000901" not in public and "YSQ-2025-901" not in public
    ok(bureau_cli, "site", "build", str(tmp_path / "site"), actor=None)
    assert (tmp_path / "site" / "notices" / "annual" / "annual-report-2025.html").exists()

    moved = '{"received_on": "2026-01-04", "submitted_on": "2026-01-04"}'
    ok(bureau_cli, *correction("request:YSQ-2025-901", 1, "--replace", moved, reason="收到日期录错"))
    line = refused(bureau_cli, db_file, "annual-report", "show", "2026", actor=None)
    assert "YSQ-2025-901" in line and "counted both as new in 2026 and as carried over from 2025" in line
    assert "一 + 二 ≠ 三（七）+ 四" in line and "国办公开办函〔2021〕30号" in line
    assert (
        refused(bureau_cli, db_file, "annual-report", "show", "2026", "--format", "json", actor=None) == line
    )


def test_an_import_line_naming_a_carried_forward_list_is_refused(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """What the report carries into the next year is derived when it is published; a line that
    supplies one (a forged list) is malformed (exit 2) and nothing is written."""
    ok(bureau_cli, "annual-report", "text", "2025", "--part", "overview", "--text", "总体情况。",
       "--effective", "2026-01-10")  # fmt: skip
    line = {"command": "annual-report.publish", "year": 2025, "carried_forward": ["YSQ-2025-999"],
            "effective": "2026-01-15"}  # fmt: skip
    said = refused_import(bureau_cli, db_file, write_jsonl(tmp_path / "forged.jsonl", line), 2)
    assert "carried_forward" in said and "no such field" in said


def test_a_year_out_of_range_is_named_alike_by_show_publish_and_an_assessment(bureau_cli: CliRun) -> None:
    for args in (
        ("annual-report", "show", "1999"),
        ("annual-report", "publish", "1999"),
        ("annual-report", "text", "2101", "--part", "overview", "--text", "总体情况。"),
        ("assessment", "open", "--unit", "FIN", "--year", "1999"),
    ):
        result = bureau_cli(*args)
        year = args[2] if args[0] == "annual-report" else args[-1]
        assert result.exit_code == 2, result.output
        assert error_line(result.output) == f"Error: year: {year} is not a year between 2000 and 2100"

"""What a clerk types goes into a public notice: an insider (or a hurried paste) tries to
publish a bogus e-mail address, a title in 《《》》, a README placeholder or a 10,000-character
title. Each is refused at the door with exit 2, the field named and what to type instead,
nothing written; what a Chinese keyboard types (full-width ids, 2026年9月1日) is taken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import CliRun, discussion, read_json, refused

N = "YJJR-2026-01"


def draft(**change: str) -> tuple[str, ...]:
    fields = {
        "decision": N, "title": "普惠金融服务站建设管理办法", "category": "二", "unit": "FIN",
        "draft": "第一条 为规范……\n第二条 服务站……", "background": "网点不足",
        "basis": "《四川省普惠金融发展规划》", "main-content": "补助标准", "effective": "2026-08-03",
    }  # fmt: skip
    fields.update(change)
    return ("decision", "draft", *(x for k, v in fields.items() for x in (f"--{k}", v)))


def publish(**change: str) -> tuple[str, ...]:
    fields = {
        "decision": N, "channels": "portal", "email": "zqyj@example.gov.cn",
        "phone": "028-26650101", "postal-address": "娇子大道1号", "contact": "金融股 028-26650101",
        "effective": "2026-09-01",
    }  # fmt: skip
    fields.update(change)
    return ("decision", "publish", *(x for k, v in fields.items() for x in (f"--{k}", v)))


@pytest.fixture
def approved(bureau_cli: CliRun) -> CliRun:
    """A decision drafted, cleared and approved: the next act publishes it."""
    assert bureau_cli(*draft(), actor="S002").exit_code == 0
    clear = ("decision", "review", "clear", "--decision", N, "--effective", "2026-08-10")
    assert bureau_cli(*clear, actor="S002").exit_code == 0
    discuss = discussion(N)
    assert bureau_cli(*discuss, "--effective", "2026-08-20", actor="D01").exit_code == 0
    return bureau_cli


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("email", "不是邮箱", "email: '不是邮箱' is not an e-mail address; e.g. zqyj@example.gov.cn"),
        ("email", "zqyj@", "email: 'zqyj@' is not an e-mail address"),
        ("phone", "找王科长", "phone: '找王科长' is not a telephone number"),
        ("fax", "12", "fax: '12' is not a telephone number"),
        ("contact", "…", "contact: '…' is a placeholder: type the text itself"),
        ("contact", "金融股 028-…", "contact: '…' marks text left out"),
        ("channels", "portal|newspaper", "channels.0: 'portal|newspaper' is not one of"),
        ("effective", "9月1日", "effective: '9月1日' is not a date; use YYYY-MM-DD, e.g. 2026-09-01"),
        ("effective", "2026-02-30", "effective: '2026-02-30' is not a date (no such day); use YYYY-MM-DD"),
    ],
)
def test_a_printed_field_that_is_not_what_it_claims_is_refused_naming_it(
    approved: CliRun, db_file: Path, field: str, typed: str, said: str
) -> None:
    line = refused(approved, db_file, *publish(**{field: typed}), actor="S002", exit_code=2)
    assert line.startswith(f"Error: {said}"), line


def test_a_full_width_address_and_telephone_are_kept_in_their_ascii_form(approved: CliRun) -> None:
    wide = publish(email="ｚｑｙｊ＠ｅｘａｍｐｌｅ．ｇｏｖ．ｃｎ", phone="０２８－２６６５０１０１")
    ok = approved(*wide, actor="S002")
    assert ok.exit_code == 0, ok.output
    notice = approved("notices", "--format", "md", actor=None).output
    assert "zqyj@example.gov.cn" in notice and "028-26650101" in notice and "ｚｑｙｊ" not in notice


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("《办法》之《细则》", "title: write the title without 《》 (the notice adds them)"),
        ("《《办法》》", "title: write the title without 《》"),
        ("办" * 10_000, "title: 10000 characters; a title holds at most 100 (text.title_max_chars"),
        ("关于…的办法", "title: '…' marks text left out"),
        ("办法...", "title: '...' marks text left out"),
        ("办法A|办法B", "title: 'a|b' offers a choice"),
        ("<title>", "title: '<title>' is a placeholder"),
    ],
)
def test_a_title_that_would_print_wrongly_is_refused(
    bureau_cli: CliRun, db_file: Path, title: str, said: str
) -> None:
    line = refused(bureau_cli, db_file, *draft(title=title), actor="S002", exit_code=2)
    assert line.startswith(f"Error: {said}"), line


def test_a_title_typed_in_its_own_brackets_is_printed_in_one_pair(approved: CliRun, db_file: Path) -> None:
    assert approved(*draft(decision="YJJR-2026-02", title="《资金分配方案》"), actor="S002").exit_code == 0
    shown = read_json(approved, "decision", "show", "YJJR-2026-02")
    assert shown["title"] == "资金分配方案"


def test_a_placeholder_in_a_draft_is_refused_but_the_chinese_ellipsis_is_prose(
    bureau_cli: CliRun, db_file: Path
) -> None:
    line = refused(bureau_cli, db_file, *draft(draft="自查报告…"), actor="S002", exit_code=2)
    assert line.startswith("Error: draft: '…' marks text left out"), line
    assert bureau_cli(*draft(draft="第一条 为规范……"), actor="S002").exit_code == 0


@pytest.mark.parametrize("typed", ["2026-08-03", "2026/08/03", "2026年8月3日", "２０２６年８月３日"])
def test_a_date_is_taken_as_a_chinese_clerk_types_it(bureau_cli: CliRun, typed: str) -> None:
    assert bureau_cli(*draft(effective=typed), actor="S002").exit_code == 0
    log = read_json(bureau_cli, "log", "--aggregate", f"decision:{N}")
    assert log[-1]["effective"] == "2026-08-03"


def test_a_read_takes_the_same_dates_and_says_how_to_type_one(bureau_cli: CliRun) -> None:
    assert bureau_cli(*draft(), actor="S002").exit_code == 0
    assert read_json(bureau_cli, "decision", "list", "--as-of", "2026年8月3日")[0]["number"] == N
    bad = bureau_cli("decision", "list", "--as-of", "next monday", actor=None)
    assert bad.exit_code == 2
    assert bad.output == "Error: as_of: 'next monday' is not a date; use YYYY-MM-DD, e.g. 2026-09-01\n"


def test_a_full_width_number_or_unit_finds_what_it_names(bureau_cli: CliRun) -> None:
    typed = draft(decision="ＹＪＪＲ－２０２６－０１", unit="ＦＩＮ")
    assert bureau_cli(*typed, actor="S002").exit_code == 0
    assert read_json(bureau_cli, "decision", "show", "ＹＪＪＲ－２０２６－０１")["number"] == N
    assert read_json(bureau_cli, "show", "decision:ＹＪＪＲ－２０２６－０１")["kind"] == "decision"
    assert {r["unit"] for r in read_json(bureau_cli, "deadlines", "--unit", "ＦＩＮ")} <= {"FIN"}


def test_a_malformed_code_is_told_in_plain_words_not_a_regex(bureau_cli: CliRun, db_file: Path) -> None:
    line = refused(bureau_cli, db_file, *draft(decision="YJJR 2026 01"), actor="S002", exit_code=2)
    assert line.startswith("Error: decision: 'YJJR 2026 01' is not allowed here: letters, digits, -")
    assert "pattern" not in line and "^" not in line


def test_the_import_refuses_the_same_text_on_its_line(bureau_cli: CliRun, tmp_path: Path) -> None:
    line = {"command": "org.unit.add", "code": "NEW", "unit_name": "…", "effective": "2026年1月5日"}
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    result = bureau_cli("import", str(path))
    assert result.exit_code == 2
    assert "line 1: unit_name: '…' is a placeholder" in result.output

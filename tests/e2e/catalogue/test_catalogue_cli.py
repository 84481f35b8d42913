"""`ledger catalogue …` as a clerk runs it: exit codes, one-line errors, nothing written on refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.catalogue import TEN_ELEMENTS
from tests.support.cli import CliRun, correction, error_line, refused, refused_import, write_jsonl
from tests.support.ledger import stored_events

ESTABLISH = (
    "catalogue",
    "item",
    "establish",
    "--unit",
    "FIN",
    "--code",
    "FIN-02",
    "--title",
    "地方金融组织名单",
    "--content",
    "小额贷款公司、融资担保公司名单",
    "--channels",
    "区政府门户网站",
    "--channels",
    "“雁江金融”微信公众号",
    "--column",
    "政府信息公开/行政执法",
    "--legal-basis",
    "《政府信息公开条例》第二十条",
    "--audience",
    "社会公众",
    "--effective",
    "2026-01-08",
)


@pytest.fixture
def catalogue_cli(bureau_cli: CliRun) -> CliRun:
    """FIN-02 established and published through the CLI."""
    assert bureau_cli(*ESTABLISH, actor="S002").exit_code == 0
    result = bureau_cli("catalogue", "publish", "--unit", "FIN", "--effective", "2026-01-12", actor="S002")
    assert result.exit_code == 0, result.output
    return bureau_cli


def test_show_prints_the_ten_elements(catalogue_cli: CliRun) -> None:
    result = catalogue_cli("catalogue", "show", "--unit", "FIN")
    assert result.exit_code == 0
    for label in ("公开事项", "信息更新时间", "公开渠道", "公开方式", "地方金融组织名单", "主动公开"):
        assert label in result.output


def test_show_as_json_has_the_elements_as_recorded(catalogue_cli: CliRun) -> None:
    result = catalogue_cli("catalogue", "show", "--format", "json")
    [row] = json.loads(result.output)
    assert row["channels"] == "区政府门户网站、“雁江金融”微信公众号"
    assert row["update_limit"] == "信息形成或者变更之日起20个工作日内"


def test_a_duplicate_code_is_refused_with_exit_1_and_nothing_written(
    catalogue_cli: CliRun, db_file: Path
) -> None:
    line = refused(catalogue_cli, db_file, *ESTABLISH, actor="S002")
    assert line.startswith("Error: code: FIN/FIN-02 is already an item") and line.endswith("(附件3 第三条)")


def test_another_units_clerk_is_refused_citing_the_catalogue_rules(
    catalogue_cli: CliRun, db_file: Path
) -> None:
    args = (*ESTABLISH[:6], "FIN-07", *ESTABLISH[7:])
    line = refused(catalogue_cli, db_file, *args, actor="S003")  # FUND's clerk, for FIN
    assert "only that unit's staff may" in line and line.endswith("(附件3 第五条)")


def test_a_law_trigger_without_its_date_is_refused_with_exit_1(catalogue_cli: CliRun, db_file: Path) -> None:
    args = (*ESTABLISH[:6], "FIN-05", *ESTABLISH[7:], "--trigger", "law", "--grounds", "《民营经济促进法》")
    line = refused(catalogue_cli, db_file, *args, actor="S002", exit_code=1)
    assert line.startswith("Error: triggered_on:") and line.endswith("(附件3 第四条(一))")


def test_an_update_limit_beyond_decree_711_is_refused(catalogue_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    args = (*ESTABLISH[:6], "FIN-06", *ESTABLISH[7:], "--update-working-days", "30")
    result = catalogue_cli(*args, actor="S002")
    assert result.exit_code == 1
    assert error_line(result.stderr).startswith("Error: update_working_days:")
    assert "(国务院令第711号 第二十六条)" in result.stderr
    assert stored_events(db_file) == before


def test_an_unknown_trigger_is_invalid(catalogue_cli: CliRun) -> None:
    result = catalogue_cli(
        "catalogue", "item", "change", "--unit", "FIN", "--code", "FIN-02", "--trigger", "whim", actor="S002"
    )
    assert result.exit_code == 2
    assert error_line(result.stderr).startswith("Error: trigger:")


def test_accepting_a_filing_is_refused_to_unit_staff(catalogue_cli: CliRun, db_file: Path) -> None:
    fin_02 = ("--unit", "FIN", "--code", "FIN-02")
    change = ("catalogue", "item", "change", *fin_02, "--column", "金融监管")
    reason = ("--trigger", "elements", "--grounds", "栏目调整", "--effective", "2026-03-02")
    assert catalogue_cli(*change, *reason, actor="S002").exit_code == 0
    publish = ("catalogue", "publish", "--unit", "FIN", "--effective", "2026-03-03")
    assert catalogue_cli(*publish, actor="S002").exit_code == 0
    file_it = ("catalogue", "filing", "submit", *fin_02, "--effective", "2026-03-04")
    assert catalogue_cli(*file_it, actor="S002").exit_code == 0
    accept = ("catalogue", "filing", "accept", *fin_02, "--effective", "2026-03-05")
    line = refused(catalogue_cli, db_file, *accept, actor="S002")
    assert line.startswith("Error: actor: S002 may not accept a catalogue filing")
    assert line.endswith("(附件3 第五条)")
    assert catalogue_cli(*accept, actor="G01").exit_code == 0


def test_diff_and_history_across_a_removal(catalogue_cli: CliRun) -> None:
    remove = ("catalogue", "item", "remove", "--unit", "FIN", "--code", "FIN-02", "--trigger", "other")
    result = catalogue_cli(*remove, "--grounds", "并入其他事项", "--effective", "2026-05-06", actor="S002")
    assert result.exit_code == 0, result.output
    diff = catalogue_cli("catalogue", "diff", "2026-05-01", "2026-05-31", "--format", "json")
    assert [(r["change"], r["code"]) for r in json.loads(diff.output)] == [("removed", "FIN-02")]
    history = json.loads(catalogue_cli("catalogue", "history", "FIN", "FIN-02", "--format", "json").output)
    assert history["state"]["removed_on"] == "2026-05-06"
    assert len(history["history"]) == 3
    assert (
        catalogue_cli("catalogue", "show", "--as-of", "2026-05-05", "--format", "json").output.count("FIN-02")
        == 1
    )


def test_diff_with_dates_reversed_is_invalid(catalogue_cli: CliRun) -> None:
    result = catalogue_cli("catalogue", "diff", "2026-05-31", "2026-05-01")
    assert result.exit_code == 2
    assert error_line(result.stderr).startswith("Error: date2:")


def test_stats_reports_each_unit(catalogue_cli: CliRun) -> None:
    result = catalogue_cli("catalogue", "stats", "2026", "--format", "json")
    assert result.exit_code == 0
    [fin] = json.loads(result.output)
    assert (fin["unit"], fin["items"], fin["adjustments"]) == ("FIN", 1, 0)
    assert fin["published_on_time_share"] is None


def test_import_runs_catalogue_commands_all_or_nothing(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    item = {
        "command": "catalogue.item.establish",
        "unit": "FUND",
        "code": "FUND-01",
        "title": "专项资金分配结果",
        "content": "分配对象、金额",
        "channels": ["区政府门户网站"],
        "column": "财政资金",
        "legal_basis": ["《政府信息公开条例》第二十条"],
        "audience": "社会公众",
        "effective": "2026-01-08",
    }
    publish = {"command": "catalogue.publish", "unit": "FUND", "effective": "2026-01-12"}
    bad = {**item, "code": "FUND-02", "trigger": "elements", "grounds": "x"}  # (二) never adds an item
    path = write_jsonl(tmp_path / "catalogue.jsonl", item, publish, bad)
    assert "line 3: trigger:" in refused_import(bureau_cli, db_file, path, exit_code=1, actor="S003")
    write_jsonl(path, item, publish)
    assert bureau_cli("import", str(path), actor="S003").exit_code == 0
    shown = json.loads(bureau_cli("catalogue", "show", "--unit", "FUND", "--format", "json").output)
    assert [(r["code"], r["status"]) for r in shown] == [("FUND-01", "published")]


def test_an_unpublished_change_of_title_reaches_no_notice(catalogue_cli: CliRun, tmp_path: Path) -> None:
    """A published adjustment's notice keeps the title it was published under (附件3 第三条)."""
    change = ("catalogue", "item", "change", "--unit", "FIN", "--code", "FIN-02", "--trigger", "elements")
    first = (*change, "--column", "金融监管", "--grounds", "栏目调整", "--effective", "2026-03-02")
    assert catalogue_cli(*first, actor="S002").exit_code == 0
    publish = ("catalogue", "publish", "--unit", "FIN", "--effective", "2026-03-03")
    assert catalogue_cli(*publish, actor="S002").exit_code == 0
    second = (*change, "--title", "尚未公布的新名称", "--grounds", "更名", "--effective", "2026-04-01")
    assert catalogue_cli(*second, actor="S002").exit_code == 0
    for fmt in ("md", "html", "json"):
        out = tmp_path / fmt
        result = catalogue_cli("notices", "--format", fmt, "--out", str(out))
        assert result.exit_code == 0, result.output
        written = "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
        assert "地方金融组织名单" in written
        assert "尚未公布的新名称" not in written


def test_information_recorded_after_a_retraction_never_takes_a_kept_entrys_number(
    catalogue_cli: CliRun,
) -> None:
    record = ("catalogue", "info", "record", "--unit", "FIN", "--code", "FIN-02", "--subject")
    for subject, day in (("第一批名单", "2026-02-02"), ("误录", "2026-02-03"), ("第二批名单", "2026-02-04")):
        assert catalogue_cli(*record, subject, "--effective", day, actor="S002").exit_code == 0
    history = json.loads(catalogue_cli("catalogue", "history", "FIN", "FIN-02", "--format", "json").output)
    [wrong] = [h["version"] for h in history["history"] if "误录" in h["summary"]]
    retract = correction(history["id"], wrong, "--retract", reason="误录")
    assert catalogue_cli(*retract, actor="S002").exit_code == 0
    assert catalogue_cli(*record, "第三批名单", "--effective", "2026-02-05", actor="S002").exit_code == 0
    history = json.loads(catalogue_cli("catalogue", "history", "FIN", "FIN-02", "--format", "json").output)
    kept = {n: i["subject"] for n, i in history["state"]["information"].items()}
    assert kept == {"1": "第一批名单", "3": "第二批名单", "4": "第三批名单"}


def item_id(cli: CliRun) -> str:
    return str(json.loads(cli("catalogue", "history", "FIN", "FIN-02", "--format", "json").output)["id"])


def test_correcting_one_element_shows_in_the_catalogue_and_its_notice(
    catalogue_cli: CliRun, tmp_path: Path
) -> None:
    column = '{"elements": {"column": "政府信息公开/金融监管"}}'
    result = catalogue_cli(
        *correction(item_id(catalogue_cli), 1, "--replace", column, reason="栏目录错"), actor="S002"
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(catalogue_cli("catalogue", "show", "--format", "json").output)
    assert (row["column"], row["title"]) == ("政府信息公开/金融监管", "地方金融组织名单")
    assert catalogue_cli("notices", "--out", str(tmp_path)).exit_code == 0
    assert "政府信息公开/金融监管" in (tmp_path / "catalogue.md").read_text(encoding="utf-8")


def test_a_correction_may_not_change_an_items_code(catalogue_cli: CliRun, db_file: Path) -> None:
    fix = correction(item_id(catalogue_cli), 1, "--replace", '{"code": "FIN-03"}', reason="编号录错")
    line = refused(catalogue_cli, db_file, *fix, actor="S002")
    assert line.startswith("Error: replace.code: code links this entry")


def test_a_new_item_in_a_published_catalogue_without_a_trigger_exits_1(
    catalogue_cli: CliRun, db_file: Path
) -> None:
    args = (*ESTABLISH[:6], "FIN-05", *ESTABLISH[7:-1], "2026-02-02")
    line = refused(catalogue_cli, db_file, *args, actor="S002", exit_code=1)
    assert line.startswith("Error: trigger: FIN's catalogue was published on 2026-01-12")
    assert line.endswith("(附件3 第四条)")
    assert catalogue_cli(*args, "--trigger", "other", "--grounds", "新增事项", actor="S002").exit_code == 0


def test_information_formed_before_the_item_was_established_exits_1(
    catalogue_cli: CliRun, db_file: Path
) -> None:
    record = ("catalogue", "info", "record", "--unit", "FIN", "--code", "FIN-02", "--subject", "名单")
    line = refused(catalogue_cli, db_file, *record, "--effective", "2025-12-01", actor="S002")
    assert line.startswith("Error: effective: FIN/FIN-02 was established on 2026-01-08")


def test_the_catalogue_as_csv_has_the_ten_elements_as_chinese_columns(catalogue_cli: CliRun) -> None:
    header = catalogue_cli("catalogue", "show", "--format", "csv").output.splitlines()[0].split(",")
    assert set(TEN_ELEMENTS) <= set(header)

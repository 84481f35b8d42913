"""附件3 as the bureau wrote it, through the CLI: an item's update limit may be a fixed date each
year or its own legal limit (条例 第二十六条 另有规定的，从其规定; 第四十九条 for the annual
report, due 31 January); the adjustment period is a reading of 及时; filing has no acceptance
deadline; the notices cite the system as printed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import CliRun
from tests.support.ledger import stored_events

BASIS = "《中华人民共和国政府信息公开条例》第四十九条"
REPORT = (
    "catalogue", "item", "establish", "--unit", "OFFICE", "--code", "OFFICE-02",
    "--title", "政府信息公开工作年度报告", "--content", "上年度政府信息公开工作情况",
    "--channels", "区政府门户网站", "--column", "政府信息公开/年度报告",
    "--legal-basis", "《中华人民共和国政府信息公开条例》第四十九条、第五十条", "--audience", "社会公众",
    "--update-cycle", "annual_date", "--effective", "2026-01-08",
)  # fmt: skip


def line_of(text: str) -> str:
    (line,) = text.strip().splitlines()
    return line


def refresh_row(cli: CliRun, as_of: str) -> dict[str, str]:
    result = cli("deadlines", "--unit", "OFFICE", "--as-of", as_of, "--format", "json", actor=None)
    rows = {r["key"]: r for r in json.loads(result.output)}
    return rows["catalogue:OFFICE/OFFICE-02:refresh"]


def test_the_annual_report_is_due_on_31_january_each_year(bureau_cli: CliRun, db_file: Path) -> None:
    """条例 第四十九条: the annual report is published by 31 January — a fixed date, not a cycle."""
    before = stored_events(db_file)
    no_date = bureau_cli(*REPORT, "--update-basis", BASIS)
    assert no_date.exit_code == 2 and line_of(no_date.output).startswith("Error: update_date:")
    no_basis = bureau_cli(*REPORT, "--update-date", "01-31")
    assert no_basis.exit_code == 1 and line_of(no_basis.output).startswith("Error: update_basis:")
    assert "(国务院令第711号 第二十六条)" in no_basis.output
    not_a_date = bureau_cli(*REPORT, "--update-date", "02-30", "--update-basis", BASIS)
    assert not_a_date.exit_code == 2 and "02-30 is not a date in every year" in not_a_date.output
    assert stored_events(db_file) == before
    assert bureau_cli(*REPORT, "--update-date", "01-31", "--update-basis", BASIS).exit_code == 0
    assert bureau_cli("catalogue", "publish", "--unit", "OFFICE", "--effective", "2026-01-12").exit_code == 0
    row = refresh_row(bureau_cli, "2026-01-20")
    assert (row["due"], row["status"]) == ("2026-02-02", "open")  # 31 January 2026 is a Saturday
    assert BASIS in row["citation"]
    assert refresh_row(bureau_cli, "2026-02-03")["status"] == "overdue"
    update = (
        "catalogue",
        "info",
        "update",
        "--unit",
        "OFFICE",
        "--code",
        "OFFICE-02",
        "--subject",
        "2025年年报",
    )
    assert bureau_cli(*update, "--effective", "2026-01-20").exit_code == 0
    row = refresh_row(bureau_cli, "2026-02-02")  # next year's, not 11 months late: 2027 has no calendar yet
    assert (row["due"], row["status"]) == (None, "pending")
    assert "no working-day calendar for 2027" in row["note"]
    shown = json.loads(bureau_cli("catalogue", "show", "--unit", "OFFICE", "--format", "json").output)
    assert shown[0]["update_limit"] == f"每年1月31日前（{BASIS}）"


def test_an_item_states_its_own_legal_limit_in_place_of_20_working_days(bureau_cli: CliRun) -> None:
    """条例 第二十六条: 20 working days, 法律、法规对政府信息公开的期限另有规定的，从其规定."""
    args = [a for a in REPORT if a not in ("--update-cycle", "annual_date")]
    args[args.index("OFFICE-02")] = "OFFICE-05"
    longer = (*args, "--update-working-days", "30")
    refused = bureau_cli(*longer)
    assert refused.exit_code == 1 and "unless a law says otherwise" in refused.output
    assert bureau_cli(*longer, "--update-basis", "《某条例》第十条").exit_code == 0
    shown = json.loads(bureau_cli("catalogue", "show", "--unit", "OFFICE", "--format", "json").output)
    assert shown[0]["update_limit"] == "信息形成或者变更之日起30个工作日内（《某条例》第十条）"


def test_the_adjustment_period_is_a_reading_and_acceptance_is_no_deadline_of_the_unit(
    bureau_cli: CliRun, tmp_path: Path
) -> None:
    """附件3 第四条 says 及时 (the 20 working days are 本台账读作); 第五条 has no acceptance step."""
    shown = json.loads(bureau_cli("policy", "show", "--format", "json", actor=None).output)
    policy = [r for r in shown if r["version"] == "yanjiang-2022.3"]  # the version in force
    [rule] = [r for r in policy if r["key"] == "catalogue.adjustment_working_days"]
    assert rule["citation"] == "附件3 第四条, 本台账读作"
    assert not [r for r in policy if r["key"] == "catalogue.acceptance_working_days"]
    item = [*REPORT[:-4], "--effective", "2026-01-08"]
    item[item.index("OFFICE-02")] = "OFFICE-01"
    assert bureau_cli(*item).exit_code == 0
    assert bureau_cli("catalogue", "publish", "--unit", "OFFICE", "--effective", "2026-01-12").exit_code == 0
    change = (
        "catalogue", "item", "change", "--unit", "OFFICE", "--code", "OFFICE-01", "--column", "年度报告专栏",
        "--trigger", "elements", "--grounds", "门户网站栏目调整", "--effective", "2026-03-02",
    )  # fmt: skip
    assert bureau_cli(*change).exit_code == 0
    assert bureau_cli("catalogue", "publish", "--unit", "OFFICE", "--effective", "2026-03-03").exit_code == 0
    submit = ("catalogue", "filing", "submit", "--unit", "OFFICE", "--code", "OFFICE-01")
    assert bureau_cli(*submit, "--effective", "2026-03-04").exit_code == 0
    board = bureau_cli("deadlines", "--unit", "OFFICE", "--format", "json", actor=None).output
    keys = {r["key"]: r for r in json.loads(board)}
    assert keys["catalogue:OFFICE/OFFICE-01:adj1:publish"]["citation"] == "附件3 第四条（及时）, 本台账读作"
    assert keys["catalogue:OFFICE/OFFICE-01:adj1:file"]["status"] == "met"
    assert not [k for k in keys if k.endswith(":accept")]
    assert bureau_cli("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / "catalogue-adjustment-OFFICE-OFFICE-01-1.md").read_text(encoding="utf-8")
    assert "根据《雁江区金融工作局政务公开事项清单动态管理制度》第四条第（二）项" in text
    assert "附件3" not in text and "触发日期" not in text
    assert "变更事项“政府信息公开工作年度报告”" in text


def test_a_fixed_date_on_a_rest_day_moves_to_the_next_working_day_and_explain_says_why(
    bureau_cli: CliRun,
) -> None:
    """民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日.
    The annual report is due by 31 January (条例 第四十九条); in 2026 that is a Saturday, so it is
    due Monday 2 February, and `deadlines explain` shows each rest day skipped and the move."""
    assert bureau_cli(*REPORT, "--update-date", "01-31", "--update-basis", BASIS).exit_code == 0
    assert bureau_cli("catalogue", "publish", "--unit", "OFFICE", "--effective", "2026-01-12").exit_code == 0
    key = "catalogue:OFFICE/OFFICE-02:refresh"
    explained = bureau_cli(
        "deadlines", "explain", key, "--as-of", "2026-02-02", "--format", "json", actor=None
    )
    assert explained.exit_code == 0, explained.output
    shown = json.loads(explained.output)
    assert (shown["due"], shown["status"], shown["note"]) == ("2026-02-02", "due", "due today")
    assert shown["rule"] == (
        "by 2026-01-31 (a rest day: the first working day after it, 民法典 第二百零三条); "
        "ends 2026-02-02 24:00 Asia/Shanghai"
    )
    assert [(s["day"], s["kind"], s["note"]) for s in shown["steps"]] == [
        ("2026-01-31", "last", "fixed date"),
        ("2026-01-31", "skipped", "rest day: weekend"),
        ("2026-02-01", "skipped", "rest day: weekend"),
        ("2026-02-02", "moved", "first working day after a rest day (民法典 第二百零三条)"),
    ]
    assert refresh_row(bureau_cli, "2026-02-03")["status"] == "overdue"


def test_a_fixed_date_in_a_year_without_calendar_is_pending_until_calendar_load(
    bureau_cli: CliRun, tmp_path: Path
) -> None:
    """A year the ledger has no calendar for leaves the fixed date pending (never guessed as
    31 January); `calendar load` computes it (民法典 第二百零三条 with the year's rest days)."""
    assert bureau_cli(*REPORT, "--update-date", "01-31", "--update-basis", BASIS).exit_code == 0
    assert bureau_cli("catalogue", "publish", "--unit", "OFFICE", "--effective", "2026-01-12").exit_code == 0
    update = ("catalogue", "info", "update", "--unit", "OFFICE", "--code", "OFFICE-02", "--subject", "年报")
    assert bureau_cli(*update, "--effective", "2026-02-02").exit_code == 0
    assert refresh_row(bureau_cli, "2026-06-30")["status"] == "pending"
    year = {
        "year": 2027,
        "source": "测试用日历（非官方）",
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
        "workdays": [],
    }
    calendar = tmp_path / "calendar-2027.json"
    calendar.write_text(json.dumps(year, ensure_ascii=False), encoding="utf-8")
    assert bureau_cli("calendar", "load", str(calendar)).exit_code == 0
    row = refresh_row(bureau_cli, "2026-06-30")  # 31 January 2027 is a Sunday
    assert (row["due"], row["status"]) == ("2027-02-01", "open")

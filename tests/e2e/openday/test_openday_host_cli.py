"""附件4 as the bureau wrote it, through the CLI: the host unit sets the quotas and recruits
(第五条), a pool of candidates from which participants are confirmed, the 公示 and its period
(a reading), objections answered before the day, "主要包括" lists that are open, and what a
symposium records (第七条(二))."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import CliRun, error_line, ok
from tests.support.ledger import stored_events

N = "KFR-2026-07"
OD = ("--open-day", N)
PLAN = (
    "openday", "plan", *OD, "--day", "2026-10-12", "--form", "symposium", "--site-kind", "meeting_venue",
    "--site", "区金融工作局三楼会议室", "--theme", "优化金融服务", "--host", "SERV", "--leader", "D02",
    "--representatives", "2", "--quotas", json.dumps({"citizen": 1, "netizen": 1}),
    "--effective", "2026-09-14",
)  # fmt: skip
RECRUIT = (
    "openday", "recruitment", "publish", *OD, "--channels", "portal", "--how-to-apply", "门户网站在线报名",
    "--contact", "孙丽，028-26650103", "--closes-on", "2026-09-25", "--effective", "2026-09-16",
)  # fmt: skip


def register(cli: CliRun, name: str, kind: str, actor: str = "S004") -> str:
    return ok(
        cli, "openday", "representative", "register", *OD, "--representative-name", name, "--kind", kind,
        "--birth-date", "1980-01-01", "--tie", "live", "--place", "雁江区莲花山街道", "--full-capacity",
        "--contact", "13900000009", "--effective", "2026-09-25", actor=actor,
    )  # fmt: skip


@pytest.fixture
def recruiting(bureau_cli: CliRun) -> CliRun:
    """SERV's clerk (S004) plans its open day and publishes the recruitment."""
    for args in (PLAN, RECRUIT):
        ok(bureau_cli, *args, actor="S004")
    return bureau_cli


@pytest.fixture
def publicised(recruiting: CliRun) -> CliRun:
    register(recruiting, "黄丽", "citizen")
    register(recruiting, "冯磊", "netizen")
    confirm = ("openday", "representatives", "confirm", *OD, "--representatives", "R01")
    assert (
        recruiting(*confirm, "--representatives", "R02", "--effective", "2026-09-25", actor="S004").exit_code
        == 0
    )
    result = recruiting(
        "openday", "representatives", "publicise", *OD, "--where", "区政府门户网站",
        "--effective", "2026-09-28", actor="S004",
    )  # fmt: skip
    assert result.exit_code == 0 and "until 2026-10-10" in result.output, result.output
    return recruiting


def board(cli: CliRun, as_of: str) -> dict[str, dict[str, str]]:
    result = cli("deadlines", "--unit", "SERV", "--as-of", as_of, "--format", "json", actor=None)
    return {r["key"]: r for r in json.loads(result.output)}


def test_the_host_units_clerk_plans_and_recruits_and_the_board_charges_it_to_the_host(
    recruiting: CliRun, db_file: Path
) -> None:
    """附件4 第五条: 由举办股室（中心）拟定邀请代表人数及分配名额 … 公开征集代表."""
    rows = board(recruiting, "2026-09-17")
    assert rows[f"open_day:{N}:recruitment"]["status"] == "met"
    assert rows[f"open_day:{N}:recruitment"]["unit"] == rows[f"open_day:{N}:publicity"]["unit"] == "SERV"
    before = stored_events(db_file)
    other = recruiting(
        "openday", "representative", "register", *OD, "--representative-name", "x", "--kind", "citizen",
        "--birth-date", "1980-01-01", "--tie", "live", "--place", "p", "--full-capacity", "--contact", "1",
        "--effective", "2026-09-25", actor="S002",
    )  # fmt: skip
    assert other.exit_code == 1 and error_line(other.output).endswith("(附件4 第五条)")
    assert "only the host unit's staff (举办股室/中心) or the office" in other.output
    assert stored_events(db_file) == before


def test_the_office_not_the_host_carries_out_the_day(publicised: CliRun, db_file: Path) -> None:
    """附件4 第二条: 办公室具体负责实施 — the host unit's clerk does not record the holding."""
    hold = ("openday", "hold", *OD, "--attendance", "2", "--presented", "介绍", "--leaders", "D02")
    result = publicised(*hold, "--effective", "2026-10-12", actor="S004")
    assert result.exit_code == 1 and error_line(result.output).endswith("(附件4 第二条)")


def test_candidates_outnumber_the_places_and_confirmation_keeps_each_quota(
    recruiting: CliRun, db_file: Path
) -> None:
    """附件4 第五条: 产生初步对象，确定参加活动代表 — a pool, then the participants."""
    for name in ("甲", "乙", "丙"):
        register(recruiting, name, "citizen")
    before = stored_events(db_file)
    confirm = ("openday", "representatives", "confirm", *OD, "--effective", "2026-09-25")
    over = recruiting(*confirm, "--representatives", "R01", "--representatives", "R02", actor="S004")
    assert over.exit_code == 1
    assert "the quota of 普通群众 for KFR-2026-07 is 1; 2 would be confirmed (附件4 第五条)" in over.output
    assert stored_events(db_file) == before
    ok = recruiting(*confirm, "--representatives", "R02", actor="S004")
    assert ok.exit_code == 0 and "1 of 2 places confirmed" in ok.output
    shown = json.loads(recruiting("openday", "show", N, "--format", "json", actor=None).output)
    assert [(r["rep_id"], r["confirmed"]) for r in shown["representative_list"]] == [
        ("R01", False),
        ("R02", True),
        ("R03", False),
    ]


def test_the_publicity_gives_its_period_and_where_to_object(publicised: CliRun, tmp_path: Path) -> None:
    """附件4 第五条 通过一定方式进行公示; the period is a reading (本台账读作, 5 working days)."""
    assert publicised("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / f"open-day-{N}-publicity.md").read_text(encoding="utf-8")
    assert "公示时间：2026年9月28日至2026年10月10日（公示期自公示次日起5个工作日）。" in text
    assert "请以书面或电话方式向我局反映（联系人及电话：孙丽，028-26650103）" in text
    policy = json.loads(publicised("policy", "show", "--format", "json", actor=None).output)
    text_of = json.dumps(policy, ensure_ascii=False)
    assert "open_day.publicity_working_days" in text_of and "本台账读作" in text_of


def test_an_objection_in_the_period_is_recorded_and_owed_an_answer_before_the_day(
    publicised: CliRun, db_file: Path
) -> None:
    receive = (
        "openday",
        "objection",
        "receive",
        *OD,
        "--text",
        "对代表资格有异议",
        "--representative",
        "R02",
    )
    late = publicised(*receive, "--effective", "2026-10-11", actor="S004")
    assert late.exit_code == 1
    assert (
        "ran from 2026-09-28 to 2026-10-10; 2026-10-11 is after it (本台账读作) (附件4 第五条)" in late.output
    )
    assert publicised(*receive, "--effective", "2026-09-30", actor="S004").exit_code == 0
    rows = board(publicised, "2026-10-12")
    assert (rows[f"open_day:{N}:objection:B01"]["due"], rows[f"open_day:{N}:objection:B01"]["status"]) == (
        "2026-10-10",
        "overdue",
    )
    answer = ("openday", "objection", "answer", *OD, "--objection", "B01", "--answer", "经核实，异议不成立")
    assert publicised(*answer, "--no-upheld", "--effective", "2026-10-09", actor="S004").exit_code == 0
    assert board(publicised, "2026-10-12")[f"open_day:{N}:objection:B01"]["status"] == "met"
    before = stored_events(db_file)
    again = publicised(*answer, "--effective", "2026-10-09", actor="S004")
    assert again.exit_code == 1 and "B01 of KFR-2026-07 was answered on 2026-10-09" in again.output
    assert stored_events(db_file) == before
    # who objects and about whom is personal: sealed under the objection's own subject, and erasable
    assert "对代表资格有异议" not in db_file.read_bytes().decode("utf-8", "replace")
    erase = ("privacy", "erase", "--subject", f"open_day:{N}:objection:B01", "--reason", "保存期限届满")
    assert publicised(*erase).exit_code == 0
    shown = json.loads(publicised("openday", "show", N, "--format", "json", actor=None).output)
    [objection] = shown["objections"]
    assert (objection["text"], objection["answer"]) == ("已删除", "经核实，异议不成立")


def test_an_other_kind_of_representative_and_of_site_is_described(bureau_cli: CliRun, tmp_path: Path) -> None:
    """附件4 第三条、第四条 "主要包括": open lists — an "other" kind is accepted with its description."""
    quotas = ("--quotas", json.dumps({"citizen": 1, "other": 1}))
    args = list(PLAN[: PLAN.index("--quotas")]) + list(quotas) + ["--effective", "2026-09-14"]
    args[args.index("--site-kind") + 1] = "other"
    args[args.index("--form") + 1] = "site_visit"
    bare = bureau_cli(*args, actor="S004")
    assert bare.exit_code == 2 and error_line(bare.output).startswith("Error: other_kind: describe the other")
    assert "(附件4 第三条)" in bare.output
    no_site = bureau_cli(*args, "--other-kind", "退役军人代表", actor="S004")
    assert no_site.exit_code == 2 and "(附件4 第四条)" in no_site.output
    ok = bureau_cli(
        *args, "--other-kind", "退役军人代表", "--other-site-kind", "金融科技产业园", actor="S004"
    )
    assert ok.exit_code == 0, ok.output
    assert bureau_cli(*RECRUIT, actor="S004").exit_code == 0
    assert bureau_cli("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / f"open-day-{N}-recruitment.md").read_text(encoding="utf-8")
    assert "| 退役军人代表 | 1名 |" in text and "（金融科技产业园）" in text


def test_a_symposium_records_what_was_presented_and_the_leaders_who_attended(
    publicised: CliRun, tmp_path: Path
) -> None:
    """附件4 第六条 (what is presented) and 第七条(二) (representatives meet the leaders face to face)."""
    hold = ("openday", "hold", *OD, "--attendance", "2", "--effective", "2026-10-12")
    no_leader = publicised(*hold, "--presented", "介绍政务公开工作")
    assert no_leader.exit_code == 1 and error_line(no_leader.output).endswith("(附件4 第七条(二))")
    not_a_leader = publicised(*hold, "--presented", "介绍", "--leaders", "S005")
    assert not_a_leader.exit_code == 1 and "S005 is not a leader" in not_a_leader.output
    ok = publicised(*hold, "--presented", "介绍政务公开工作和小微企业融资政策", "--leaders", "D02")
    assert ok.exit_code == 0, ok.output
    for args in (
        ("openday", "opinion", "hear", *OD, "--text", "建议公开信贷产品清单", "--effective", "2026-10-12"),
        (
            "openday",
            "opinion",
            "answer",
            *OD,
            "--opinion",
            "O01",
            "--answer",
            "采纳",
            "--effective",
            "2026-10-13",
        ),
        ("openday", "summary", "publish", *OD, "--effective", "2026-10-14"),
    ):
        actor = "S004" if "answer" in args else "S001"
        assert publicised(*args, actor=actor).exit_code == 0
    assert publicised("notices", "--out", str(tmp_path), actor=None).exit_code == 0
    text = (tmp_path / f"open-day-{N}-summary.md").read_text(encoding="utf-8")
    assert "刘副局长出席活动并与代表面对面交流" in text
    assert "活动主要内容：介绍政务公开工作和小微企业融资政策。" in text

"""Open days (附件4) as a user runs them: exit codes, one-line errors naming field and article,
nothing written on an error, the reads, and notices that never carry personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.demo import openday as demo_openday
from tests.support.cli import CliRun, error_line, refused
from tests.support.ledger import play_into, stored_events

N = "KFR-2026-09"
PLAN = (
    "openday", "plan", "--open-day", N, "--day", "2026-10-12", "--form", "二", "--site-kind", "meeting_venue",
    "--site", "区金融工作局三楼会议室", "--theme", "优化金融服务", "--host", "SERV", "--leader", "D02",
    "--effective", "2026-09-14",
)  # fmt: skip
RECRUIT = (
    "openday", "recruitment", "publish", "--open-day", N, "--channels", "portal", "--channels", "wechat",
    "--how-to-apply", "门户网站在线报名", "--contact", "金融服务中心 028-26650103",
    "--closes-on", "2026-09-30",
)  # fmt: skip


def register_args(born: str, kind: str = "netizen") -> tuple[str, ...]:
    return (
        "openday", "representative", "register", "--open-day", N, "--representative-name", "冯磊",
        "--kind", kind, "--birth-date", born, "--tie", "live", "--place", "雁江区莲花山街道",
        "--full-capacity", "--contact", "13900000009", "--effective", "2026-09-29",
    )  # fmt: skip


@pytest.fixture
def planned_cli(bureau_cli: CliRun) -> CliRun:
    quotas = json.dumps({"citizen": 1, "netizen": 1})
    result = bureau_cli(*PLAN, "--representatives", "2", "--quotas", quotas)
    assert result.exit_code == 0, result.output
    return bureau_cli


def test_quotas_not_summing_to_the_number_exit_1_and_write_nothing(bureau_cli: CliRun, db_file: Path) -> None:
    quotas = json.dumps({"citizen": 1, "netizen": 1})
    line = refused(bureau_cli, db_file, *PLAN, "--representatives", "3", "--quotas", quotas, exit_code=1)
    assert line.startswith("Error: quotas: the quotas sum to 2, not the 3") and line.endswith(
        "(附件4 第五条)"
    )


def test_quotas_that_are_not_json_and_an_unknown_kind_exit_2(bureau_cli: CliRun, db_file: Path) -> None:
    before = stored_events(db_file)
    assert bureau_cli(*PLAN, "--representatives", "2", "--quotas", "{citizen").exit_code == 2
    result = bureau_cli(*PLAN, "--representatives", "2", "--quotas", json.dumps({"pirate": 2}))
    assert result.exit_code == 2 and error_line(result.output).startswith("Error: quotas.pirate")
    assert stored_events(db_file) == before


def test_planning_by_another_units_clerk_exits_1_with_who_may(bureau_cli: CliRun, db_file: Path) -> None:
    """附件4 第五条: the host unit (SERV) or the office sets the quotas — not FIN's clerk."""
    line = refused(
        bureau_cli, db_file, *PLAN, "--representatives", "1", "--quotas", '{"citizen": 1}', actor="S002"
    )
    assert line.startswith("Error: actor: S002 may not set an open day's number and quotas")
    assert line.endswith("(附件4 第五条)")


def test_recruitment_after_the_7th_working_day_before_exits_1(planned_cli: CliRun, db_file: Path) -> None:
    line = refused(planned_cli, db_file, *RECRUIT, "--effective", "2026-09-25")
    assert line.startswith(
        "Error: effective: recruitment for the open day of 2026-10-12 is published no later"
    )
    assert "2026-09-24" in line and line.endswith("(附件4 第五条)")
    assert planned_cli(*RECRUIT, "--effective", "2026-09-24").exit_code == 0


def test_a_representative_under_18_on_the_day_exits_1_and_one_who_turns_18_that_day_is_registered(
    planned_cli: CliRun, db_file: Path
) -> None:
    assert planned_cli(*RECRUIT, "--effective", "2026-09-16").exit_code == 0
    line = refused(planned_cli, db_file, *register_args("2008-10-13"))
    assert line.startswith("Error: birth_date: the representative is 17 on the open day (2026-10-12)")
    assert line.endswith("(附件4 第三条; 民法典 第二百零二条)")
    ok = planned_cli(*register_args("2008-10-12"))
    assert ok.exit_code == 0
    assert "R01 registered as a candidate (网民代表: 1 candidates for 1 places)" in ok.output


def test_an_unknown_open_day_exits_2(bureau_cli: CliRun) -> None:
    result = bureau_cli(*RECRUIT)
    assert result.exit_code == 2
    assert error_line(result.output) == f"Error: open_day: no open day {N} in the ledger"


@pytest.fixture
def demo_cli(bureau_cli: CliRun, db_file: Path) -> CliRun:
    play_into(db_file, demo_openday.steps())
    return bureau_cli


def test_list_and_show_read_the_open_days(demo_cli: CliRun) -> None:
    rows = json.loads(demo_cli("openday", "list", "--format", "json").output)
    assert [(r["number"], r["form"], r["stage"]) for r in rows] == [
        ("KFR-2026-01", "参观调研", "held"),
        ("KFR-2026-02", "座谈交流", "held"),
    ]
    csv = demo_cli("openday", "list", "--format", "csv").output.removeprefix("\ufeff").splitlines()
    assert csv[0].startswith("number,day,form,site") and len(csv) == 3
    then = json.loads(demo_cli("openday", "list", "--as-of", "2026-09-20", "--format", "json").output)
    assert [(r["number"], r["stage"]) for r in then] == [
        ("KFR-2026-01", "held"),
        ("KFR-2026-02", "recruiting"),
    ]
    shown = json.loads(demo_cli("openday", "show", "KFR-2026-02", "--format", "json").output)
    assert shown["recruited_on"] == "2026-09-16" and shown["opinions_answered"] == 3
    table = demo_cli("openday", "show", "KFR-2026-01")
    assert table.exit_code == 0 and "number: KFR-2026-01" in table.output
    missing = demo_cli("openday", "show", "KFR-2031-01")
    assert missing.exit_code == 2 and "no open day KFR-2031-01" in missing.output


def test_no_birth_date_contact_or_place_of_a_representative_reaches_any_notice(
    demo_cli: CliRun, tmp_path: Path
) -> None:
    private: set[str] = set()
    names = set()
    for _, name, fields in demo_openday.steps():
        if name == "openday.representative.register":
            born = fields["birth_date"]
            y, m, d = (int(p) for p in born.split("-"))
            private |= {born, f"{y}年{m}月{d}日", fields["contact"], fields["place"]}
            names.add(fields["representative_name"])
    for fmt in ("md", "html", "json"):
        out = tmp_path / fmt
        assert demo_cli("notices", "--format", fmt, "--out", str(out)).exit_code == 0
        texts = {
            f.name: f.read_text(encoding="utf-8") for f in out.iterdir() if f.name.startswith("open-day-")
        }
        assert len(texts) == 6
        everything = "\n".join(texts.values())
        leaked = sorted(p for p in private if p in everything)
        assert not leaked, f"{fmt}: {leaked}"
        publicity = texts[f"open-day-KFR-2026-02-publicity.{fmt}"]
        assert "冯磊" in publicity and "网民代表" in publicity  # the 公示 carries names and kinds
        for slug in ("recruitment", "summary"):
            assert not [n for n in names if n in texts[f"open-day-KFR-2026-02-{slug}.{fmt}"]]


def test_an_opinion_heard_after_the_summary_exits_1_and_the_summary_notice_stays_as_published(
    demo_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    args = ("openday", "opinion", "hear", "--open-day", "KFR-2026-01", "--text", "迟到的意见")
    line = refused(demo_cli, db_file, *args, "--effective", "2026-07-21")
    assert line.startswith("Error: open_day: the summary of KFR-2026-01 was published on 2026-07-20")
    assert line.endswith("(附件4 第六条)")
    assert demo_cli("notices", "--out", str(tmp_path)).exit_code == 0
    summary = (tmp_path / "open-day-KFR-2026-01-summary.md").read_text(encoding="utf-8")
    assert "迟到的意见" not in summary and "共听取意见建议2条，均已答复" in summary


def test_a_correction_that_breaks_a_rule_of_the_step_exits_and_writes_nothing(
    demo_cli: CliRun, db_file: Path
) -> None:
    before = stored_events(db_file)
    fix = ("correct", "--aggregate", "open_day:KFR-2026-02", "--reason", "录错")
    late = demo_cli(*fix, "--version", "2", "--replace", '{"closes_on": "2026-10-13"}')
    assert late.exit_code == 1
    assert error_line(late.output).startswith("Error: replace.closes_on: applications close")
    leader = demo_cli(*fix, "--version", "1", "--replace", '{"leader": "D01"}')
    assert leader.exit_code == 1 and "(附件4 第二条)" in error_line(leader.output)
    assert stored_events(db_file) == before

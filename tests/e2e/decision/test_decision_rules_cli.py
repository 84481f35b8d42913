"""附件2 as the bureau wrote it, through `ledger` against a real file: a real act is never
refused for a missing calendar; expert argumentation, policy explanation, the meeting's
record, the exemption proposed and confirmed, the ways a notice offered, the adoption
reading and the final decision's notice. Each test cites its article or reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import CliRun
from tests.support.ledger import stored_events

N = "YJJR-2026-31"


def draft(cli: CliRun, category: str = "二") -> None:
    ok = cli(
        "decision", "draft", "--decision", N, "--title", "测试办法", "--category", category,
        "--unit", "FIN", "--draft", "第一条 测试。", "--background", "背景", "--basis", "依据",
        "--main-content", "内容", "--effective", "2026-08-03", actor="S002",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output


def clear(cli: CliRun) -> None:
    ok = cli("decision", "review", "clear", "--decision", N, "--effective", "2026-08-10", actor="S002")
    assert ok.exit_code == 0, ok.output


def discuss(cli: CliRun, on: str = "2026-08-20", *extra: str) -> Any:
    return cli(
        "decision", "discuss", "--decision", N, "--approved", "--meeting", "局党组会2026年第9次会议",
        *extra, "--effective", on, actor="D01",
    )  # fmt: skip


def publish(cli: CliRun, on: str, *extra: str) -> Any:
    return cli(
        "decision", "publish", "--decision", N, "--channels", "portal", "--email", "zqyj@example.gov.cn",
        "--contact", "金融股 028-26650101", *extra, "--effective", on, actor="S002",
    )  # fmt: skip


@pytest.fixture
def approved(bureau_cli: CliRun) -> CliRun:
    draft(bureau_cli)
    clear(bureau_cli)
    ok = discuss(bureau_cli, "2026-08-20", "--attendees", "张局长", "--attendees", "陈副局长")
    assert ok.exit_code == 0, ok.output
    return bureau_cli


def board(cli: CliRun) -> dict[str, dict[str, Any]]:
    result = cli("deadlines", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["key"]: r for r in json.loads(result.output)}


def notices(cli: CliRun) -> dict[str, str]:
    result = cli("notices", "--format", "json")
    assert result.exit_code == 0, result.output
    return {n["slug"]: json.dumps(n, ensure_ascii=False) for n in json.loads(result.output)}


def load_2027(cli: CliRun, tmp_path: Path) -> None:
    """A 2027 schedule for the test (not the State Council's: New Year's Day break only)."""
    f = tmp_path / "2027.json"
    f.write_text(
        json.dumps(
            {
                "year": 2027,
                "source": "测试用日历",
                "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
                "workdays": [],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    ok = cli("calendar", "load", str(f))
    assert ok.exit_code == 0, ok.output


# --- a real act is never refused because a calendar is missing (附件2 第六条(二)) ------------


def test_a_publication_ending_in_a_year_without_calendar_is_recorded_pending_then_computed(
    approved: CliRun, tmp_path: Path
) -> None:
    """附件2 第六条(二): 39 days from 2026-11-25 end in 2027, whose calendar is not recorded."""
    out = publish(approved, "2026-11-25", "--days", "39")
    assert out.exit_code == 0, out.output
    assert "pending" in out.output
    row = board(approved)[f"decision:{N}:comments"]
    assert (row["due"], row["status"]) == (None, "pending") and "2027" in row["note"]
    assert f"decision-{N}-call" not in notices(approved)  # the closing day is not known yet
    load_2027(approved, tmp_path)
    row = board(approved)[f"decision:{N}:comments"]
    assert row["due"] == "2027-01-04" and row["status"] == "open"  # day 39 is 01-03, a holiday
    explained = json.loads(
        approved("deadlines", "explain", f"decision:{N}:comments", "--format", "json").output
    )
    assert [s["day"] for s in explained["steps"] if s["kind"] == "skipped"] == ["2027-01-03"]
    assert "2027年1月4日24时" in notices(approved)[f"decision-{N}-call"]


def test_a_stated_closing_day_shorter_than_the_law_is_flagged_once_the_calendar_arrives(
    approved: CliRun, tmp_path: Path
) -> None:
    """附件2 第六条(二): the clerk states the day announced; the ledger checks it against the period."""
    out = publish(approved, "2026-11-25", "--days", "39", "--closes", "2027-01-03")
    assert out.exit_code == 0, out.output
    row = board(approved)[f"decision:{N}:comments"]
    assert row["status"] == "pending" and "announced: 2027-01-03" in row["note"]
    assert "2027年1月3日24时" in notices(approved)[f"decision-{N}-call"]  # as announced
    load_2027(approved, tmp_path)
    row = board(approved)[f"decision:{N}:comments"]
    assert row["status"] == "announced short" and "legal end 2027-01-04" in row["note"]


def test_a_comment_inside_the_period_is_taken_while_the_calendar_is_missing(approved: CliRun) -> None:
    """附件2 第六条(二): inside the 39 days a comment is on time whatever the calendar says (one
    after the 39th day waits for the calendar: tests/unit/decision/test_decision_rules.py)."""
    assert publish(approved, "2026-11-25", "--days", "39").exit_code == 0
    comment = ("decision", "comment", "receive", "--decision", N, "--channel", "email", "--text", "意见")
    assert approved(*comment, "--effective", "2026-11-30", actor="S002").exit_code == 0


# --- the ways a notice offered (附件2 第六条(二)) --------------------------------------------


def test_a_comment_by_a_way_the_notice_did_not_offer_is_refused_or_kept_flagged(
    approved: CliRun, db_file: Path
) -> None:
    """附件2 第六条(二): the notice offered e-mail only; a phone call is never silently accepted."""
    assert publish(approved, "2026-09-01").exit_code == 0
    phone = ("decision", "comment", "receive", "--decision", N, "--channel", "phone", "--text", "电话意见",
             "--effective", "2026-09-10")  # fmt: skip
    before = stored_events(db_file)
    refused = approved(*phone, actor="S002")
    assert refused.exit_code == 1 and "did not offer 电话" in refused.output
    assert refused.output.rstrip().endswith("(附件2 第六条(二))")
    assert stored_events(db_file) == before
    kept = approved(*phone, "--unoffered", actor="S002")
    assert kept.exit_code == 0 and "flagged" in kept.output
    shown = json.loads(approved("decision", "show", N, "--format", "json").output)
    assert json.dumps(shown).count('"unoffered": true') == 1


# --- expert argumentation (附件2 第二条), the meeting (第六条(一)) ---------------------------------


def test_expert_argumentation_is_recorded_before_the_discussion_and_refused_after(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """附件2 第二条: 公众参与、专家论证和政府决定相结合 — the experts argue the draft first."""
    draft(bureau_cli)
    clear(bureau_cli)
    argue = ("decision", "experts", "record", "--decision", N, "--experts", "王教授", "--experts", "李研究员",
             "--conclusion", "总体可行")  # fmt: skip
    ok = bureau_cli(*argue, "--effective", "2026-08-15", actor="S002")
    assert ok.exit_code == 0, ok.output
    assert discuss(bureau_cli, "2026-08-20", "--attendees", "张局长").exit_code == 0
    before = stored_events(db_file)
    late = bureau_cli(*argue, "--effective", "2026-08-21", actor="S002")
    assert late.exit_code == 1 and late.output.rstrip().endswith("(附件2 第二条)")
    assert stored_events(db_file) == before


def test_a_discussion_records_who_attended(bureau_cli: CliRun, db_file: Path) -> None:
    """附件2 第六条(一): the collective discussion is a meeting: its number, day and attendees."""
    draft(bureau_cli)
    clear(bureau_cli)
    before = stored_events(db_file)
    missing = discuss(bureau_cli)
    assert missing.exit_code == 2 and "attendees" in missing.output
    assert stored_events(db_file) == before
    assert (
        discuss(bureau_cli, "2026-08-20", "--attendees", "张局长", "--attendees", "陈副局长").exit_code == 0
    )
    shown = json.loads(bureau_cli("decision", "show", N, "--format", "json").output)
    assert "陈副局长" in json.dumps(shown, ensure_ascii=False)


# --- policy explanation (附件2 第六条(一)) and the final decision (第一条) -------------------------


def test_a_policy_explanation_follows_the_publication_as_its_own_notice(
    approved: CliRun, db_file: Path
) -> None:
    """附件2 第六条(一): 对社会公众普遍关心的问题做好政策解释 — once the draft is published."""
    explain = ("decision", "explain", "--decision", N, "--title", "一问一答",
               "--text", "问：为何？\n答：因为。", "--channels", "portal")  # fmt: skip
    before = stored_events(db_file)
    early = approved(*explain, "--effective", "2026-08-25", actor="S002")
    assert early.exit_code == 1 and "not been published" in early.output
    assert stored_events(db_file) == before
    assert publish(approved, "2026-09-01").exit_code == 0
    assert approved(*explain, "--effective", "2026-09-03", actor="S002").exit_code == 0
    text = notices(approved)[f"decision-{N}-explanation-1"]
    assert "政策解读：一问一答" in text and "答：因为。" in text


def test_the_final_decision_gets_a_notice_with_its_document_number(approved: CliRun) -> None:
    """附件2 第一条: the decision is made after the comments were heard, and published."""
    assert publish(approved, "2026-09-01").exit_code == 0
    assert approved("decision", "adoption", "complete", "--decision", N, "--effective", "2026-10-09",
                    actor="S002").exit_code == 0  # fmt: skip
    decide = ("decision", "decide", "--decision", N, "--document-number", "雁金发〔2026〕30号",
              "--effective", "2026-10-20")  # fmt: skip
    unsaid = approved(*decide, actor="P01")
    assert unsaid.exit_code == 1 and "channels" in unsaid.output and "(附件2 第五条)" in unsaid.output
    assert approved(*decide, "--channels", "portal", actor="P01").exit_code == 0
    assert "雁金发〔2026〕30号" in notices(approved)[f"decision-{N}-decided"]


# --- the exemption: proposed by the unit, confirmed by the leadership team (附件2 第七条) -------


def test_an_exemption_is_proposed_by_the_unit_and_confirmed_only_by_the_leadership_team(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """附件2 第七条 with the separation of duties: one clerk never takes a decision out of sight."""
    draft(bureau_cli)
    propose = ("decision", "review", "exempt", "--decision", N, "--ground", "personal_privacy",
               "--effective", "2026-08-10")  # fmt: skip
    assert bureau_cli(*propose, actor="S002").exit_code == 0
    shown = json.loads(bureau_cli("decision", "show", N, "--format", "json").output)
    assert shown["exemption"] is None  # proposed, not yet exempt
    confirm = ("decision", "exemption", "confirm", "--decision", N, "--effective", "2026-08-12")
    before = stored_events(db_file)
    clerk = bureau_cli(*confirm, actor="S002")  # the insider confirms their own proposal
    assert clerk.exit_code == 1 and "separation of duties" in clerk.output
    assert stored_events(db_file) == before
    assert bureau_cli(*confirm, actor="P01").exit_code == 0
    shown = json.loads(bureau_cli("decision", "show", N, "--format", "json").output)
    assert shown["exemption"] == "personal_privacy"
    decide = ("decision", "decide", "--decision", N, "--document-number", "雁金发〔2026〕31号",
              "--channels", "portal", "--effective", "2026-08-20")  # fmt: skip
    assert discuss(bureau_cli, "2026-08-19", "--attendees", "张局长").exit_code == 0
    shown_anyway = bureau_cli(*decide, actor="P01")
    assert shown_anyway.exit_code == 1 and shown_anyway.output.rstrip().endswith("(附件2 第七条)")
    assert not any(N in slug for slug in notices(bureau_cli))


# --- adoption not completed: a reading (附件2 第六条(三), 本台账读作) --------------------------------


def test_an_adoption_not_completed_20_working_days_after_the_window_is_overdue(approved: CliRun) -> None:
    """附件2 第六条(三) says 及时; the ledger reads it as 20 working days after the window closes."""
    assert publish(approved, "2026-09-01").exit_code == 0  # open until 2026-10-08 (National Day)
    row = board(approved)[f"decision:{N}:adoption"]
    assert row["due"] == "2026-11-04" and row["status"] == "overdue"  # 10-10 is a working Saturday
    assert row["citation"] == "附件2 第六条(三), 本台账读作" and "本台账读作" in row["obligation"]
    policy = json.loads(approved("policy", "show", "--format", "json").output)
    reading = next(r for r in policy if r["key"] == "decision.adoption_working_days")
    assert (reading["value"], reading["citation"]) == (20, "附件2 第六条(三), 本台账读作")
    packaged = Path(__file__).resolve().parents[3] / "ledger" / "policy_data" / "yanjiang-2022.2.json"
    rules = json.loads(packaged.read_text("utf-8"))["rules"]
    assert "本台账读作" in rules["decision.adoption_working_days"]["text"]  # a reading, never the seed's
    assert approved("decision", "adoption", "complete", "--decision", N, "--effective", "2026-11-10",
                    actor="S002").exit_code == 0  # fmt: skip
    assert board(approved)[f"decision:{N}:adoption"]["status"] == "met late"


def test_category_nine_reads_as_the_seed_says(bureau_cli: CliRun) -> None:
    """附件2 第三条(九): 公务员招录、选拔任用、评先评优的条件、程序和结果."""
    draft(bureau_cli, category="九")
    shown = json.loads(bureau_cli("decision", "show", N, "--format", "json").output)
    assert shown["category_label"] == "（九）公务员招录、选拔任用、评先评优的条件、程序和结果"

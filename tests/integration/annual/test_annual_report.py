"""The annual report of the demo's 2026, cell by cell against a hand count of the demo's
requests; table 三 refused when it does not add up; a published year shown as published."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregates.errors import Refused
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.annual import annual_report, markdown
from ledger.signing import KeyFolder
from tests.support.clock import FakeClock
from tests.support.ledger import record_demo, run, setup_bureau

COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other", "total")

# The demo's requests (ledger/demo/data/request.jsonl), counted by hand:
#   YSQ-2025-031 自然人, received 2025-12-29, 予以公开 2026-01-20        -> 二, 三(一)
#   YSQ-2026-001 自然人, 当场 予以公开                                   -> 一, 三(一)
#   YSQ-2026-002 商业企业, 补正 then 部分公开                           -> 一, 三(二)
#   YSQ-2026-003 自然人, 逾期不补正                                     -> 一, 三(六)1
#   YSQ-2026-004 科研机构, 本机关不掌握                                 -> 一, 三(四)1
#   YSQ-2026-005 自然人, 信访举报投诉类                                 -> 一, 三(五)1
#   YSQ-2026-006 法律服务机构, 属于国家秘密 (a review, a suit)          -> 一, 三(三)1
#   YSQ-2026-007 社会公益组织, extended, 予以公开                       -> 一, 三(一)
#   YSQ-2026-008 其他, 重复申请 (answered late)                         -> 一, 三(五)2
#   YSQ-2026-009 商业企业, third party consulted, 保护第三方合法权益   -> 一, 三(三)4
#   YSQ-2026-010 自然人, 予以公开 (fee 120)                             -> 一, 三(一)
#   YSQ-2026-011 自然人, received 2026-11-19, not answered              -> 一, 四
HAND_COUNT = {
    "一、本年新收政府信息公开申请数量": (5, 2, 1, 1, 1, 1, 11),
    "二、上年结转政府信息公开申请数量": (1, 0, 0, 0, 0, 0, 1),
    "（一）予以公开": (3, 0, 0, 1, 0, 0, 4),
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (0, 1, 0, 0, 0, 0, 1),
    "1．属于国家秘密": (0, 0, 0, 0, 1, 0, 1),
    "4．保护第三方合法权益": (0, 1, 0, 0, 0, 0, 1),
    "1．本机关不掌握相关政府信息": (0, 0, 1, 0, 0, 0, 1),
    "1．信访举报投诉类申请": (1, 0, 0, 0, 0, 0, 1),
    "2．重复申请": (0, 0, 0, 0, 0, 1, 1),
    "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (1, 0, 0, 0, 0, 0, 1),
    "（七）总计": (5, 2, 1, 1, 1, 1, 11),
    "四、结转下年度继续办理": (1, 0, 0, 0, 0, 0, 1),
}
HEADINGS = {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Ledger:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    app = LedgerApp(
        str(db), clock=FakeClock(datetime(2026, 11, 20, 2, tzinfo=UTC)), keys=KeyFolder(key_folder)
    )
    record_demo(app)
    return Ledger(str(db), app=app)


def test_every_cell_of_table_three_is_the_hand_count_of_the_demo(demo: Ledger) -> None:
    rows = annual_report(demo, 2026)["part3_requests"]["rows"]
    assert len(rows) == 2 + 1 + 2 + 1 + 8 + 1 + 3 + 1 + 5 + 1 + 3 + 1 + 1  # every row of the format
    for row in rows:
        cells = tuple(row.get(c) for c in COLUMNS)
        if row["row"] in HEADINGS:
            assert cells == (None,) * 7, row
        else:
            assert cells == HAND_COUNT.get(row["row"], (0,) * 7), row["row"]
    assert annual_report(demo, 2026)["part3_requests"]["check"] == "一 11 + 二 1 = 三（七）11 + 四 1"


def test_table_four_and_part_six_come_from_the_registers(demo: Ledger) -> None:
    data = annual_report(demo, 2026)
    four = data["part4_review_litigation"]
    assert four["行政复议"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert (
        four["行政诉讼（复议后起诉）"]["pending"] == 1 and four["行政诉讼（未经复议直接起诉）"]["total"] == 0
    )
    six = data["part6_other"]
    assert six["fees_charged_yuan"] == "120" and six["open_days_held"] == 2
    assert (six["complaints_received"], six["complaints_handled"]) == (1, 1)
    assert {g["unit"]: g["grade"] for g in six["assessment_grades"]}["FIN"] == "优秀"
    late = [r["key"] for r in data["part5_problems"]["from_the_ledger"]]
    assert "request:YSQ-2026-008:answer" in late
    [rectified] = data["part5_problems"]["rectifications"]  # the 2025 assessment's 不合格, rectified in 2026
    assert [rectified[k] for k in ("unit", "rectify_by", "state")] == ["FUND", "2026-05-08", "failed"]
    text = markdown(data)
    for part in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert f"## {part}" in text


def test_the_reports_publication_is_an_obligation_of_the_office_due_31_january(demo: Ledger) -> None:
    [row] = [r for r in demo.deadlines() if r["key"] == "annual_report:2026"]
    assert (row["unit"], row["status"]) == ("OFFICE", "pending")  # 2027's calendar is not loaded yet
    assert "2027" in row["note"]


def test_a_register_that_does_not_add_up_is_refused_naming_the_request(keys: KeyFolder) -> None:
    """Published with YSQ-2026-201 carried into 2027; its day of receipt corrected afterwards to
    2027: then it would be both carried over and new in 2027, and the 2027 report refuses to print."""
    clock = FakeClock(datetime(2027, 1, 20, 2, tzinfo=UTC))
    app = LedgerApp(":memory:", clock=clock, keys=keys)
    setup_bureau(app)
    ledger = Ledger(":memory:", app=app)
    run(
        app,
        "S001",
        "request.receive",
        request="YSQ-2026-201",
        requester_kind="natural_person",
        requester_name="某甲",
        contact="13900000201",
        channel="in_person",
        asked="信息",
        effective="2026-12-28",
    )
    run(
        app,
        "S001",
        "annual-report.text",
        year=2026,
        part="overview",
        text="总体情况。",
        effective="2027-01-10",
    )
    run(app, "S001", "annual-report.publish", year=2026, effective="2027-01-15")
    assert annual_report(ledger, 2026)["published_on"] == "2027-01-15"
    clock.advance(hours=1)
    run(
        app,
        "S001",
        "correct",
        aggregate="request:YSQ-2026-201",
        version=1,
        reason="收到日期录错",
        replace={"received_on": "2027-01-04", "submitted_on": "2027-01-04"},
    )
    with pytest.raises(Refused) as e:
        annual_report(ledger, 2027)
    assert "YSQ-2026-201" in str(e.value) and "一 + 二 ≠ 三（七）+ 四" in str(e.value)
    assert "2026年度报告结转" in str(e.value)
    shown = annual_report(ledger, 2026)  # as published: it still counts the request in 2026
    assert shown["part3_requests"]["carried_forward"] == ["YSQ-2026-201"]
    app.close()

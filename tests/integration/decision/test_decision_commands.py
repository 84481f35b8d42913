"""Decisions through the application: roles, the calendar's dates, the board, notices, reads."""

from __future__ import annotations

from typing import Any

import pytest

from aggregates.decision import Decision
from aggregates.errors import InvalidInput, NotFound, Refused
from ledger.application import LedgerApp
from ledger.demo import decision as demo_decisions
from ledger.interface import Ledger
from ledger.interface.decision import decision_diff, decision_list, decision_show
from ledger.when import When
from tests.support.clock import FakeClock
from tests.support.ledger import play, rebuilt_equals_live, run

N = "YJJR-2026-01"


def draft(app: LedgerApp, number: str = N, actor: str = "S002", unit: str = "FIN", **kw: Any) -> None:
    fields = {
        "decision": number,
        "title": "普惠金融服务站建设管理办法",
        "category": "二",
        "unit": unit,
        "draft": "第一条 为规范……\n第二条 服务站……",
        "background": "农村金融服务网点不足",
        "basis": "《四川省普惠金融发展规划》",
        "main_content": "设置条件、服务内容、补助标准",
        "effective": "2026-01-05",
        **kw,
    }
    run(app, actor, "decision.draft", **fields)


def approve(app: LedgerApp, number: str = N, on: str = "2026-01-06") -> None:
    run(app, "S002", "decision.review.clear", decision=number, effective=on)
    run(
        app,
        "D01",
        "decision.discuss",
        decision=number,
        approved=True,
        meeting="局党组会",
        attendees=["张局长"],
        effective=on,
    )


def publish(app: LedgerApp, on: str, number: str = N, **kw: Any) -> dict[str, Any]:
    fields = {
        "channels": ["portal"],
        "email": "zqyj@example.gov.cn",
        "postal_address": "娇子大道1号",
        "portal": "区政府门户网站留言",
        "phone": "028-26650101",
        "contact": "金融股 028-26650101",
        **kw,
    }
    return run(app, "S002", "decision.publish", decision=number, effective=on, **fields)


def discuss(app: LedgerApp, actor: str, on: str, meeting: str = "局党组会") -> None:
    run(
        app,
        actor,
        "decision.discuss",
        decision=N,
        approved=True,
        meeting=meeting,
        attendees=["张局长"],
        effective=on,
    )


def comment(app: LedgerApp, on: str, channel: str = "email", text: str = "x", **kw: Any) -> None:
    run(app, "S002", "decision.comment.receive", decision=N, channel=channel, text=text, effective=on, **kw)


def period(app: LedgerApp, change: str, on: str, days: int, reason: str) -> dict[str, Any]:
    """``change`` the comment period: ``extend`` or ``reopen``."""
    return run(app, "S002", f"decision.period.{change}", decision=N, days=days, reason=reason, effective=on)


def board(app: LedgerApp, as_of: str | None = None) -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in Ledger(":memory:", app=app).deadlines(When.parse(as_of))}


# --- separation of duties ----------------------------------------------------------------------


def test_only_the_undertaking_units_staff_draft_for_it(bureau: LedgerApp) -> None:
    before = bureau.max_position()
    with pytest.raises(Refused) as e:
        draft(bureau, actor="S003")
    assert e.value.field == "actor" and "FIN" in e.value.rule
    assert bureau.max_position() == before


def test_confidentiality_review_is_the_undertaking_units(bureau: LedgerApp) -> None:
    draft(bureau)
    with pytest.raises(Refused, match="may not record the confidentiality review for FIN"):
        run(bureau, "S004", "decision.review.clear", decision=N, effective="2026-01-06")


def test_collective_discussion_is_the_leadership_teams(bureau: LedgerApp) -> None:
    draft(bureau)
    run(bureau, "S002", "decision.review.clear", decision=N, effective="2026-01-06")
    with pytest.raises(Refused) as e:
        discuss(bureau, "S002", "2026-01-06", meeting="股室会")
    assert e.value.article == "附件2 第六条(一)"
    discuss(bureau, "P01", "2026-01-07")


def test_the_decision_is_recorded_by_the_leadership_team(bureau: LedgerApp) -> None:
    draft(bureau)
    run(bureau, "S002", "decision.review.exempt", decision=N, ground="state_secret", effective="2026-01-06")
    run(bureau, "P01", "decision.exemption.confirm", decision=N, effective="2026-01-06")
    discuss(bureau, "D01", "2026-01-07")
    with pytest.raises(Refused, match="leadership team"):
        run(
            bureau,
            "S002",
            "decision.decide",
            decision=N,
            document_number="雁金发〔2026〕1号",
            effective="2026-01-08",
        )


def test_a_decision_number_is_drafted_once(bureau: LedgerApp) -> None:
    draft(bureau)
    with pytest.raises(Refused, match="already exists"):
        draft(bureau)


def test_unknown_decision_is_not_found(bureau: LedgerApp) -> None:
    with pytest.raises(NotFound) as e:
        run(bureau, "S002", "decision.review.clear", decision="NOPE-1", effective="2026-01-06")
    assert e.value.field == "decision"


@pytest.mark.parametrize("given", ["三", "(三)", "（三）", "3"])
def test_category_is_accepted_in_the_sources_forms(bureau: LedgerApp, given: str) -> None:
    draft(bureau, category=given)
    d = bureau.get(Decision, Decision.id_for(N))
    assert d is not None and d.category.value == "三"


@pytest.mark.parametrize("given", ["八", "(八)", "8"])
def test_category_eight_does_not_exist(bureau: LedgerApp, given: str) -> None:
    with pytest.raises(InvalidInput) as e:
        draft(bureau, category=given)
    assert e.value.field == "category" and "no item (八)" in e.value.rule


def test_comment_recorded_in_the_future_is_refused(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-11-10")
    with pytest.raises(Refused, match="future"):
        comment(bureau, "2026-11-21")


# --- the window at holiday edges (民法典 201–203 with the 2026 schedule) --------------------------------


@pytest.mark.parametrize(
    ("published", "days", "closes"),
    [
        ("2026-01-16", 30, "2026-02-24"),  # day 30 = 2026-02-15, first day of the Spring Festival break
        ("2026-01-24", 30, "2026-02-24"),  # day 30 = 2026-02-23, last day of the break
        ("2026-01-15", 30, "2026-02-14"),  # day 30 = Saturday 2026-02-14, an adjusted working day
        ("2026-09-01", 30, "2026-10-08"),  # day 30 = 2026-10-01, first day of National Day
        ("2026-09-07", 30, "2026-10-08"),  # day 30 = 2026-10-07, last day of National Day
        ("2026-08-21", 30, "2026-09-20"),  # day 30 = Sunday 2026-09-20, an adjusted working day
        ("2026-09-10", 30, "2026-10-10"),  # day 30 = Saturday 2026-10-10, an adjusted working day
        ("2026-03-02", 10, "2026-03-12"),  # shortened, an ordinary Thursday
    ],
)
def test_comment_window_closes_per_the_civil_code_at_holiday_edges(
    bureau: LedgerApp, published: str, days: int, closes: str
) -> None:
    draft(bureau)
    approve(bureau)
    reason = {"shortened_reason": "资金须在季度末前下达"} if days < 30 else {}
    result = publish(bureau, published, days=days, **reason)
    assert result["closes_on"] == closes
    row = board(bureau, as_of=closes)[f"decision:{N}:comments"]
    assert (row["due"], row["status"]) == (closes, "open")


def test_comments_on_the_deferred_closing_day_are_on_time_and_the_next_day_late(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-09-01")
    comment(bureau, "2026-10-08", text="a")
    before = bureau.max_position()
    with pytest.raises(Refused) as e:
        comment(bureau, "2026-10-09", channel="post", text="b")
    assert e.value.article == "附件2 第六条(二)" and bureau.max_position() == before
    comment(bureau, "2026-10-09", channel="post", text="b", late=True)


def test_default_period_comes_from_policy_data(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-09-07")
    d = bureau.get(Decision, Decision.id_for(N))
    assert d is not None and d.publication is not None
    assert (d.publication.days, d.publication.policy_version) == (30, "yanjiang-2022.3")


def test_extension_recomputes_the_closing_day_with_the_calendar(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-05-11")  # closes 2026-06-10
    result = period(bureau, "extend", "2026-06-05", days=10, reason="应请求")
    assert result["closes_on"] == "2026-06-22"  # day 40 = 2026-06-20, in the Dragon Boat break
    with pytest.raises(Refused, match="only grows"):
        period(bureau, "extend", "2026-06-08", days=1, reason="再延")


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        ("2026-02-13", "2026-03-05"),  # 02-14 counts (adjusted), the Spring Festival break is skipped
        ("2026-09-30", "2026-10-20"),  # National Day skipped, Saturday 10-10 counts
        ("2026-02-11", "2026-03-03"),
    ],
)
def test_report_due_ten_working_days_after_adoption_at_holiday_edges(
    bureau: LedgerApp, completed: str, due: str
) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-01-06", days=7, shortened_reason="试点")
    result = run(bureau, "S002", "decision.adoption.complete", decision=N, effective=completed)
    assert result["report_due"] == due
    assert board(bureau, as_of=completed)[f"decision:{N}:report"]["due"] == due


def test_deadline_explain_shows_the_skipped_holidays(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-09-01")
    explained = Ledger(":memory:", app=bureau).explain(f"decision:{N}:comments")
    skipped = [s for s in explained["steps"] if s["kind"] == "skipped"]
    assert skipped[0]["day"] == "2026-10-01" and len(skipped) == 7
    assert "国庆节" in skipped[0]["note"] and explained["steps"][-1]["day"] == "2026-10-08"


# --- the board: statuses of the adoption report ------------------------------------------------------


def through_adoption(app: LedgerApp, completed: str = "2026-03-16") -> None:
    draft(app)
    approve(app)
    publish(app, "2026-03-02", days=10, shortened_reason="资金须在季度末前下达")
    comment(app, "2026-03-05", channel="portal")
    run(
        app,
        "S002",
        "decision.comment.assess",
        decision=N,
        comment="C001",
        outcome="adopted",
        effective="2026-03-13",
    )
    run(app, "S002", "decision.adoption.complete", decision=N, effective=completed)


def test_report_on_time_is_met(bureau: LedgerApp) -> None:
    through_adoption(bureau)
    run(bureau, "S002", "decision.report.publish", decision=N, channels=["portal"], effective="2026-03-30")
    row = board(bureau)[f"decision:{N}:report"]
    assert (row["due"], row["status"], row["met_on"]) == ("2026-03-30", "met", "2026-03-30")


def test_report_after_its_due_day_is_met_late(bureau: LedgerApp) -> None:
    through_adoption(bureau)
    run(bureau, "S002", "decision.report.publish", decision=N, channels=["portal"], effective="2026-03-31")
    assert board(bureau)[f"decision:{N}:report"]["status"] == "met late"


def test_report_not_published_is_overdue_then_open_as_of_an_earlier_day(bureau: LedgerApp) -> None:
    through_adoption(bureau)
    row = board(bureau)[f"decision:{N}:report"]
    assert row["status"] == "overdue" and row["note"].endswith("working days late")
    assert board(bureau, as_of="2026-03-27")[f"decision:{N}:report"]["note"] == "due in 1 working day"


def test_report_due_in_a_year_without_calendar_is_pending_until_the_year_is_loaded(
    bureau: LedgerApp, clock: FakeClock
) -> None:
    clock.set("2027-01-05 10:00")
    draft(bureau)
    approve(bureau, on="2026-11-19")
    publish(bureau, "2026-11-20")  # closes 2026-12-21 (day 30 is Sunday 12-20)
    run(bureau, "S002", "decision.adoption.complete", decision=N, effective="2026-12-28")
    row = board(bureau, as_of="2026-12-29")[f"decision:{N}:report"]
    assert row["status"] == "pending" and "2027" in row["note"]
    run(
        bureau,
        "S001",
        "calendar.record",
        year=2027,
        source="国务院办公厅关于2027年部分节假日安排的通知（测试）",
        holidays=[{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
    )
    row = board(bureau, as_of="2026-12-29")[f"decision:{N}:report"]
    assert (row["due"], row["status"]) == ("2027-01-12", "open")


def test_a_publication_whose_window_ends_in_a_year_without_calendar_is_recorded_pending(
    bureau: LedgerApp, clock: FakeClock
) -> None:
    """附件2 第六条(二): the publication happened; the ledger records it and leaves its last day pending."""
    clock.set("2027-01-05 10:00")
    draft(bureau)
    approve(bureau)
    out = publish(bureau, "2026-12-15")
    assert out["closes_on"] is None and "pending" in out["message"]
    row = board(bureau)[f"decision:{N}:comments"]
    assert (row["due"], row["status"]) == (None, "pending") and "2027" in row["note"]


# --- notices through the application -------------------------------------------------------------------


def test_notices_hold_the_public_decision_but_not_the_exempt_one_nor_commenters(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-09-01")
    comment(bureau, "2026-09-03", text="建议", commenter="钱多多", contact="qdd@example.com")
    draft(bureau, number="YJJR-2026-02", title="某职工困难救助", actor="S004", unit="SERV")
    run(
        bureau,
        "S004",
        "decision.review.exempt",
        decision="YJJR-2026-02",
        ground="personal_privacy",
        effective="2026-01-06",
    )
    ledger = Ledger(":memory:", app=bureau)
    texts = [t for n in ledger.notices() for t in (n.markdown(), n.html(), n.model_dump_json())]
    assert len(texts) == 3 and "2026年10月8日24时" in texts[0]
    assert not any(
        x in t for t in texts for x in ("某职工困难救助", "YJJR-2026-02", "钱多多", "qdd@example.com")
    )
    assert ledger.notices(When.parse(as_of="2026-08-31")) == []


def test_audit_log_shows_every_decision_event_with_actor_and_effective_date(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    rows = Ledger(":memory:", app=bureau).log(aggregate=f"decision:{N}")
    assert [(r["event"], r["actor"], r["effective"]) for r in rows] == [
        ("Decision.Drafted", "S002", "2026-01-05"),
        ("Decision.ReviewCleared", "S002", "2026-01-06"),
        ("Decision.Discussed", "D01", "2026-01-06"),
    ]


# --- reads -------------------------------------------------------------------------------------------


def test_list_show_and_diff_read_the_register(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-01-16")
    run(bureau, "S002", "decision.revise", decision=N, draft="第一条 为规范……\n第二条 服务站（修改）……",
        note="采纳意见", effective="2026-02-25")  # fmt: skip
    ledger = Ledger(":memory:", app=bureau)
    (row,) = decision_list(ledger)
    assert (row["number"], row["stage"], row["closes_on"]) == (N, "published", "2026-02-24")
    shown = decision_show(ledger, f"decision:{N}")
    assert shown["version"] == 2 and shown["published_version"] == 1
    assert decision_show(ledger, N, When.parse(as_of="2026-01-10"))["stage"] == "approved"
    diff = decision_diff(ledger, N, 1, 2)
    assert (
        diff["changed"] and "-第二条 服务站……" in diff["diff"] and "+第二条 服务站（修改）……" in diff["diff"]
    )
    with pytest.raises(InvalidInput) as e:
        decision_diff(ledger, N, 1, 3)
    assert e.value.field == "v2"


def test_register_rebuilt_from_zero_equals_the_live_copy(bureau: LedgerApp) -> None:
    """The live copy folds the demo's second half onto the first; the rebuild folds it all at once."""
    from projections.decision.register import DecisionRegister

    live = rebuilt_equals_live(bureau, demo_decisions.steps(), DecisionRegister)
    assert len(live.rows) == 7


# --- the demo year ---------------------------------------------------------------------------------


def test_demo_year_shows_every_kind_of_deadline_and_notice(bureau: LedgerApp) -> None:
    play(bureau, demo_decisions.steps())
    rows = board(bureau, as_of="2026-11-25")
    assert rows["decision:YJJR-2026-01:comments"]["due"] == "2026-02-24"
    assert rows["decision:YJJR-2026-02:report"]["status"] == "met late"
    assert rows["decision:YJJR-2026-04:comments"]["due"] == "2026-06-22"
    assert rows["decision:YJJR-2026-05:comments"]["due"] == "2026-10-08"
    assert rows["decision:YJJR-2026-05:report"]["status"] == "due"
    assert rows["decision:YJJR-2026-06:comments"]["status"] == "open"
    assert not [k for k in rows if "YJJR-2026-03" in k or "YJJR-2026-07" in k]
    slugs = {n.slug for n in Ledger(":memory:", app=bureau).notices()}
    assert "decision-YJJR-2026-02-call" in slugs and "decision-YJJR-2026-04-window-1" in slugs
    assert not [s for s in slugs if "YJJR-2026-03" in s]


def test_reopened_window_counts_from_the_reopening_and_moves_off_a_weekend(bureau: LedgerApp) -> None:
    draft(bureau)
    approve(bureau)
    publish(bureau, "2026-09-01")
    with pytest.raises(Refused, match="extend it instead"):
        period(bureau, "reopen", "2026-10-08", days=10, reason="草案大改")
    result = period(bureau, "reopen", "2026-10-15", days=10, reason="草案大改")
    assert result["closes_on"] == "2026-10-26"  # day 10 = Sunday 2026-10-25
    comment(bureau, "2026-10-26")
    row = board(bureau, as_of="2026-10-20")[f"decision:{N}:comments"]
    assert (row["due"], row["status"]) == ("2026-10-26", "open")
    kinds = [n.title for n in Ledger(":memory:", app=bureau).notices()]
    assert kinds[-1].startswith("关于重新公开征求《")

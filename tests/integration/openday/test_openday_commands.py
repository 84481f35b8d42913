"""Open days (附件4) through the application: the calendar, separation of duties, the board,
the register (live and as of a date), notices, and the demo's two open days."""

from __future__ import annotations

from typing import Any

import pytest

from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.openday import OpenDay
from ledger.application import LedgerApp
from ledger.demo import openday as demo_openday
from ledger.interface import Ledger
from ledger.interface.openday import open_day_list, open_day_show
from ledger.when import When
from projections.openday.register import OpenDayRegister
from tests.support.ledger import play, rebuilt_equals_live, run

N = "KFR-2026-09"


def plan(app: LedgerApp, actor: str = "S001", **over: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "open_day": N,
        "day": "2026-10-12",
        "form": "二",
        "site_kind": "meeting_venue",
        "site": "区金融工作局三楼会议室",
        "theme": "优化金融服务",
        "host": "SERV",
        "leader": "D02",
        "representatives": 2,
        "quotas": {"citizen": 1, "netizen": 1},
        "effective": "2026-09-14",
    }
    fields.update(over)
    return run(app, actor, "openday.plan", **fields)


def recruit(app: LedgerApp, effective: str = "2026-09-16") -> dict[str, Any]:
    return run(
        app,
        "S001",
        "openday.recruitment.publish",
        open_day=N,
        channels=["portal"],
        how_to_apply="门户网站在线报名",
        contact="金融服务中心 028-26650103",
        closes_on="2026-09-30",
        effective=effective,
    )


def register(
    app: LedgerApp, name: str, kind: str, born: str, effective: str = "2026-09-25"
) -> dict[str, Any]:
    return run(
        app,
        "S001",
        "openday.representative.register",
        open_day=N,
        representative_name=name,
        kind=kind,
        birth_date=born,
        tie="live",
        place="雁江区三贤祠街道",
        full_capacity=True,
        contact="13900000009",
        effective=effective,
    )


def through_the_day(app: LedgerApp) -> None:
    plan(app)
    recruit(app)
    register(app, "黄丽", "citizen", "1979-05-30")
    register(app, "冯磊", "netizen", "2008-10-12")
    confirm = {"open_day": N, "representatives": ["R01", "R02"], "effective": "2026-09-25"}
    run(app, "S001", "openday.representatives.confirm", **confirm)
    run(
        app, "S001", "openday.representatives.publicise", open_day=N, where="门户网站", effective="2026-09-28"
    )
    held = {"attendance": 2, "presented": "介绍政务公开工作", "leaders": ["D02"], "effective": "2026-10-12"}
    run(app, "S001", "openday.hold", open_day=N, **held)
    run(
        app,
        "S001",
        "openday.opinion.hear",
        open_day=N,
        text="建议公开信贷产品清单",
        representative="R01",
        effective="2026-10-12",
    )


def board(app: LedgerApp, **kw: Any) -> dict[str, dict[str, Any]]:
    rows = Ledger(":memory:", app=app).deadlines(When.parse(**kw))
    return {r["key"]: r for r in rows if r["key"].startswith("open_day:")}


def test_planning_computes_the_recruitment_deadline_with_the_calendar(bureau: LedgerApp) -> None:
    result = plan(bureau)
    assert result["recruit_by"] == "2026-09-24"
    assert "附件4 第五条" in result["message"]


def test_a_day_in_a_year_without_calendar_is_planned_with_its_recruitment_deadline_pending(
    bureau: LedgerApp,
) -> None:
    """附件4 第五条: the plan happened; its deadline waits for 2027's calendar, never a guess."""
    result = plan(bureau, day="2027-01-15", effective="2026-11-20")
    assert result["recruit_by"] is None and "pending" in result["message"]
    row = board(bureau)[f"open_day:{N}:recruitment"]
    assert (row["due"], row["status"]) == (None, "pending") and "2027" in row["note"]


def test_recruitment_after_the_7th_working_day_before_is_refused(bureau: LedgerApp) -> None:
    plan(bureau)
    before = bureau.max_position()
    with pytest.raises(Refused) as e:
        recruit(bureau, "2026-09-25")
    assert (e.value.field, e.value.article) == ("effective", "附件4 第五条")
    assert bureau.max_position() == before
    recruit(bureau, "2026-09-24")


def test_the_host_units_clerk_plans_and_recruits_and_another_units_clerk_may_not(bureau: LedgerApp) -> None:
    """附件4 第五条: the host unit (举办股室/中心) sets the number and quotas and recruits."""
    with pytest.raises(Refused) as e:
        plan(bureau, actor="S002")  # FIN's clerk, for an open day SERV hosts
    assert e.value.field == "actor" and e.value.article == "附件4 第五条"
    assert "the host unit's staff" in e.value.rule
    plan(bureau, actor="S004")  # SERV's clerk
    assert bureau.get(OpenDay, OpenDay.id_for(N)).planned_by == "S004"  # type: ignore[union-attr]


def test_the_office_carries_out_the_day_itself(bureau: LedgerApp) -> None:
    """附件4 第二条: the office carries the day out — the host unit's clerk does not hold it."""
    plan(bureau, actor="S004")
    with pytest.raises(Refused) as e:
        run(bureau, "S004", "openday.cancel", open_day=N, reason="r", effective="2026-09-20")
    assert e.value.field == "actor" and e.value.article == "附件4 第二条"


def test_the_host_units_clerk_answers_but_another_units_does_not(bureau: LedgerApp) -> None:
    through_the_day(bureau)
    with pytest.raises(Refused) as e:
        run(bureau, "S002", "openday.opinion.answer", open_day=N, opinion="O01", answer="答复")
    assert e.value.field == "actor" and e.value.article == "附件4 第六条"
    run(
        bureau,
        "S004",
        "openday.opinion.answer",
        open_day=N,
        opinion="O01",
        answer="采纳",
        effective="2026-10-14",
    )


def test_the_office_checks_a_sections_open_day_and_the_group_checks_the_offices(bureau: LedgerApp) -> None:
    through_the_day(bureau)
    run(bureau, "S005", "openday.supervise", open_day=N, findings="按期举办", effective="2026-10-14")
    plan(bureau, open_day="KFR-2026-10", host="OFFICE", effective="2026-09-15")
    with pytest.raises(Refused) as e:
        run(bureau, "S005", "openday.supervise", open_day="KFR-2026-10", findings="f", effective="2026-10-13")
    assert e.value.field == "actor" and e.value.article == "附件4 第八条"
    assert "only a member of the transparency leadership group" in e.value.rule
    run(bureau, "G01", "openday.supervise", open_day="KFR-2026-10", findings="未举办", effective="2026-10-13")


def test_the_board_tracks_recruitment_publicity_answers_and_the_check(bureau: LedgerApp) -> None:
    through_the_day(bureau)
    rows = board(bureau, as_of="2026-10-13")
    assert rows[f"open_day:{N}:recruitment"]["due"] == "2026-09-24"
    assert rows[f"open_day:{N}:recruitment"]["status"] == "met"
    assert rows[f"open_day:{N}:publicity"]["due"] == "2026-09-28"
    assert rows[f"open_day:{N}:publicity"]["unit"] == rows[f"open_day:{N}:recruitment"]["unit"] == "SERV"
    opinion = rows[f"open_day:{N}:opinion:O01"]
    assert (opinion["due"], opinion["status"]) == ("2026-10-26", "open")
    assert rows[f"open_day:{N}:supervision"]["unit"] == "OFFICE"
    assert board(bureau, as_of="2026-10-27")[f"open_day:{N}:opinion:O01"]["status"] == "overdue"


def test_a_cancelled_open_day_leaves_the_board_and_posts_a_cancellation(bureau: LedgerApp) -> None:
    plan(bureau)
    recruit(bureau)
    run(bureau, "S001", "openday.cancel", open_day=N, reason="场地维修", effective="2026-09-20")
    assert board(bureau) == {}
    titles = [n.title for n in Ledger(":memory:", app=bureau).notices()]
    assert "关于取消2026年10月12日政务开放日活动的公告" in titles


def test_unknown_open_day_and_invalid_form_are_reported(bureau: LedgerApp) -> None:
    with pytest.raises(NotFound):
        recruit(bureau)
    with pytest.raises(InvalidInput) as e:
        plan(bureau, form="三")
    assert e.value.field == "form"


def test_the_list_as_of_a_date_shows_the_world_then(bureau: LedgerApp) -> None:
    play(bureau, demo_openday.steps())
    ledger = Ledger(":memory:", app=bureau)
    now = {r["number"]: r for r in open_day_list(ledger)}
    assert now["KFR-2026-01"]["stage"] == "held" and now["KFR-2026-02"]["opinions"] == "3/3 answered"
    then = open_day_list(ledger, When.parse(as_of="2026-06-01"))
    assert [(r["number"], r["stage"], r["representatives"]) for r in then] == [
        ("KFR-2026-01", "recruiting", "0/6")
    ]
    shown = open_day_show(ledger, "KFR-2026-02")
    assert shown["number"] == "KFR-2026-02" and len(shown["representative_list"]) == 6
    with pytest.raises(NotFound):
        open_day_show(ledger, "KFR-2099-01")


def test_register_rebuilt_from_zero_equals_the_live_copy(bureau: LedgerApp) -> None:
    live = rebuilt_equals_live(bureau, demo_openday.steps(), OpenDayRegister)
    assert len(live.rows) == 2


def test_the_demo_meets_every_open_day_obligation_and_writes_three_notices_each(bureau: LedgerApp) -> None:
    play(bureau, demo_openday.steps())
    rows = board(bureau, as_of="2026-11-25")
    assert rows and {r["status"] for r in rows.values()} == {"met"}
    slugs = {n.slug for n in Ledger(":memory:", app=bureau).notices() if n.slug.startswith("open-day-")}
    assert slugs == {
        f"open-day-KFR-2026-0{i}-{kind}" for i in (1, 2) for kind in ("recruitment", "publicity", "summary")
    }

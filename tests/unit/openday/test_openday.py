"""The open-day aggregate (附件4) without storage: planning, recruitment, 第三条, 公示,
holding, opinions, the office's check, cancellation, corrections, what is owed and public."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aggregates.authority import Act, may
from aggregates.errors import DomainError, InvalidInput, NotFound, Refused
from aggregates.obligations import Count
from aggregates.openday import (
    MINIMUM_AGE,
    PUBLICISE_DAYS,
    RECRUIT_DAYS,
    Channel,
    Form,
    OpenDay,
    RepresentativeKind,
    SiteKind,
    Stage,
    Tie,
    age_on,
    anniversary,
)
from aggregates.org import Grant, Role, Staff, Unit, UnitKind
from aggregates.privacy import Sealed
from ledger.commands.policy import packaged_policies
from projections.openday.facts import public_facts
from tests.support.calendar import CAL
from tests.support.clock import stamp
from tests.support.vault import memory_vault

VAULT = memory_vault()

POLICY = packaged_policies()[-1]
DAY = date(2026, 10, 12)  # a Monday, right after the National Day break
RECRUIT_BY = CAL.working_day_before(DAY, POLICY.number(RECRUIT_DAYS)).due
# the 公示 runs its 5 working days before the day (本台账读作): published by the 6th working day before
PUBLICISE_BY = CAL.working_day_before(DAY, POLICY.number(PUBLICISE_DAYS)).due
PUBLICITY_ENDS = date(2026, 10, 10)  # a Saturday declared a working day (调休上班)
K = RepresentativeKind
QUOTAS = {K.NETIZEN: 1, K.CITIZEN: 2, K.NPC_DEPUTY: 1}


def unit(code: str = "SERV", kind: UnitKind = UnitKind.SECTION) -> Unit:
    return Unit.establish(stamp("2026-01-05"), code, "金融服务中心", kind)


def deputy(areas: tuple[str, ...] = ("SERV", "OFFICE"), staff_id: str = "D02") -> Staff:
    lead = Unit.establish(stamp("2026-01-05"), "LEAD", "局领导班子", UnitKind.LEADERSHIP_TEAM)
    person = Staff.add(stamp("2026-01-05"), staff_id, "刘副局长", lead)
    person.assign(stamp("2026-01-05"), Grant(role=Role.DEPUTY_LEADER, areas=areas))
    return person


def plan(**over: Any) -> OpenDay:
    args: dict[str, Any] = {
        "stamp": stamp("2026-09-14"),
        "number": "KFR-2026-02",
        "day": DAY,
        "form": Form.SYMPOSIUM,
        "site_kind": SiteKind.MEETING_VENUE,
        "site": "区金融工作局三楼会议室",
        "theme": "优化金融服务",
        "host": unit(),
        "leader": deputy(),
        "office": "OFFICE",
        "representatives": 4,
        "quotas": dict(QUOTAS),
        "recruit_by": RECRUIT_BY,
        "policy": POLICY,
        "existing": None,
    }
    args.update(over)
    return OpenDay.plan(**args)


def recruit(od: OpenDay, on: str = "2026-09-16", **over: Any) -> OpenDay:
    args: dict[str, Any] = {
        "channels": [Channel.PORTAL, Channel.RECOMMENDATION],
        "how_to_apply": "门户网站在线报名",
        "contact": "金融服务中心 028-26650103",
        "closes_on": date(2026, 9, 30),
        "recruit_by": RECRUIT_BY,
    }
    args.update(over)
    od.publish_recruitment(stamp(on), **args)
    return od


def recruiting(**over: Any) -> OpenDay:
    return recruit(plan(**over))


def register(od: OpenDay, name: str = "黄丽", on: str = "2026-09-25", **over: Any) -> str:
    args: dict[str, Any] = {
        "name": name,
        "kind": K.CITIZEN,
        "birth_date": date(1979, 5, 30),
        "tie": Tie.LIVE,
        "place": "雁江区三贤祠街道",
        "full_capacity": True,
        "contact": "13800000001",
        "recommended": False,
    }
    args.update(over)
    return od.register(stamp(on), **args, vault=VAULT)


def publicised() -> OpenDay:
    od = recruiting()
    register(od, "黄丽")
    register(od, "李红梅", kind=K.NPC_DEPUTY, birth_date=date(1970, 8, 8), recommended=True)
    od.confirm(stamp("2026-09-25"), ["R01", "R02"])
    od.publicise(stamp("2026-09-28"), "区政府门户网站", PUBLICISE_BY, PUBLICITY_ENDS)
    return od


def held() -> OpenDay:
    od = publicised()
    od.hold(stamp("2026-10-12"), 2, presented="介绍政务公开工作", leaders=[deputy()])
    return od


def refusal(error: type[DomainError], fn: Any, /, *args: Any, **kw: Any) -> DomainError:
    with pytest.raises(error) as info:
        fn(*args, **kw)
    return info.value


# --- planning (第二条, 第四条, 第五条, 第七条) ---------------------------------------------------


def test_planning_records_the_quotas_in_the_order_of_article_3_and_the_policy_in_force() -> None:
    od = plan()
    assert od.stage == Stage.PLANNED
    assert list(od.quotas) == [K.NPC_DEPUTY, K.CITIZEN, K.NETIZEN]
    assert od.recruit_days == POLICY.number(RECRUIT_DAYS)
    assert od.minimum_age == POLICY.number(MINIMUM_AGE)
    assert od.leader == "D02" and od.planned_by == "S001"


def test_quotas_that_do_not_sum_to_the_number_are_invalid() -> None:
    e = refusal(InvalidInput, plan, representatives=5)
    assert e.field == "quotas" and e.article == "附件4 第五条" and "sum to 4, not the 5" in e.rule


def test_a_kind_given_zero_places_is_invalid() -> None:
    e = refusal(InvalidInput, plan, representatives=4, quotas={**QUOTAS, K.TALENT: 0})
    assert e.field == "quotas" and "talent" in e.rule


def test_an_open_day_invites_at_least_one_representative() -> None:
    e = refusal(InvalidInput, plan, representatives=0, quotas={})
    assert e.field == "representatives"


def test_a_site_visit_goes_to_a_site_of_article_4_not_a_meeting_room() -> None:
    e = refusal(InvalidInput, plan, form=Form.SITE_VISIT)
    assert e.field == "site_kind" and e.article is not None and "第七条" in e.article
    assert plan(form=Form.SITE_VISIT, site_kind=SiteKind.KEY_PROJECT).site_kind == SiteKind.KEY_PROJECT


def test_only_the_deputy_in_charge_of_the_office_leads_an_open_day() -> None:
    e = refusal(Refused, plan, leader=deputy(areas=("FIN", "FUND"), staff_id="D01"))
    assert e.field == "leader" and e.article == "附件4 第二条" and "D01" in e.rule


def test_a_leadership_group_cannot_host_an_open_day() -> None:
    e = refusal(Refused, plan, host=unit("GROUP", UnitKind.LEADERSHIP_GROUP))
    assert e.field == "host" and e.article == "附件4 第五条"


def test_a_number_is_never_planned_twice() -> None:
    e = refusal(Refused, plan, existing=plan())
    assert e.field == "open_day" and "already exists" in e.rule


def test_the_7th_working_day_before_monday_12_october_2026_is_24_september() -> None:
    # 10 Oct (Sat, 调休上班) 1, 9 Oct 2, 8 Oct 3, National Day 1–7 Oct skipped, 30 Sep 4,
    # 29 Sep 5, 28 Sep 6, Mid-autumn 25–27 Sep skipped, 24 Sep 7.
    comp = CAL.working_day_before(DAY, POLICY.number(RECRUIT_DAYS))
    assert comp.due == date(2026, 9, 24)
    notes = " ".join(step.note for step in comp.steps)
    assert "国庆节" in notes and "中秋节" in notes and "调休上班" in notes


def test_planning_is_allowed_on_the_deadline_and_refused_the_day_after() -> None:
    assert plan(stamp=stamp("2026-09-24")).planned_on == RECRUIT_BY
    e = refusal(Refused, plan, stamp=stamp("2026-09-25"))
    assert e.field == "day" and e.article == "附件4 第五条, 本台账读作" and "2026-09-24" in e.rule


# --- recruitment (第五条) ----------------------------------------------------------------------


def test_recruitment_is_published_by_the_7th_working_day_before_and_not_after() -> None:
    assert recruit(plan(), on="2026-09-24").recruitment is not None
    e = refusal(Refused, recruit, plan(), on="2026-09-25")
    assert e.field == "effective" and e.article == "附件4 第五条" and "7th working day" in e.rule


def test_a_public_call_says_how_to_apply_but_a_recommendation_need_not() -> None:
    e = refusal(InvalidInput, recruit, plan(), how_to_apply=" ")
    assert e.field == "how_to_apply"
    od = recruit(plan(), channels=[Channel.RECOMMENDATION], how_to_apply=None)
    assert od.recruitment is not None and od.recruitment.channels == (Channel.RECOMMENDATION,)


def test_applications_close_before_the_day() -> None:
    e = refusal(InvalidInput, recruit, plan(), closes_on=DAY)
    assert e.field == "closes_on"


def test_recruitment_is_published_once() -> None:
    e = refusal(Refused, recruit, recruiting())
    assert "already published" in e.rule


# --- representatives (第三条, 第五条) --------------------------------------------------------------


def test_registration_waits_for_the_recruitment() -> None:
    e = refusal(Refused, register, plan())
    assert e.article == "附件4 第五条" and "recruitment" in e.rule


def test_a_representative_who_turns_18_on_the_open_day_is_accepted() -> None:
    od = recruiting()
    register(od, "冯磊", kind=K.NETIZEN, birth_date=date(2008, 10, 12))
    assert [VAULT.open(r.name) for r in od.registered.values() if isinstance(r.name, Sealed)] == ["冯磊"]


def test_a_representative_who_turns_18_the_day_after_is_refused_with_the_article() -> None:
    e = refusal(Refused, register, recruiting(), kind=K.NETIZEN, birth_date=date(2008, 10, 13))
    assert e.field == "birth_date" and e.article is not None and e.article.startswith("附件4 第三条")
    assert "is 17 on the open day" in e.rule and "turns 18 on 2026-10-13" in e.rule


def test_age_counts_on_the_open_day_not_on_the_registration_day() -> None:
    od = recruiting()
    register(od, on="2026-09-29", kind=K.NETIZEN, birth_date=date(2008, 10, 1))  # 17 when registered
    assert len(od.registered) == 1


def test_age_on_a_29_february_birthday_is_reached_on_28_february() -> None:
    born = date(2008, 2, 29)
    assert anniversary(born, 18) == date(2026, 2, 28)
    assert age_on(born, date(2026, 2, 28)) == 18
    assert age_on(born, date(2026, 2, 27)) == 17
    assert age_on(date(2008, 10, 12), date(2026, 10, 11)) == 17


def test_full_civil_capacity_must_be_attested() -> None:
    e = refusal(Refused, register, recruiting(), full_capacity=False)
    assert e.field == "full_capacity" and e.article == "附件4 第三条"


def test_candidates_may_outnumber_the_places_and_participants_are_confirmed_within_the_quota() -> None:
    """附件4 第五条: recruitment yields initial candidates (初步对象); participants are confirmed."""
    od = recruiting()
    for name in ("甲", "乙", "丙"):
        register(od, name)
    assert od.taken(K.CITIZEN) == 0 and len(od.registered) == 3
    e = refusal(Refused, od.confirm, stamp("2026-09-25"), ["R01", "R02", "R03"])
    assert e.field == "representatives" and e.article == "附件4 第五条"
    assert "quota of 普通群众 for KFR-2026-02 is 2; 3 would be confirmed" in e.rule
    od.confirm(stamp("2026-09-25"), ["R03", "R01"])
    assert [r.rep_id for r in od.participants()] == ["R01", "R03"]
    assert refusal(Refused, od.confirm, stamp("2026-09-25"), ["R01"]).field == "representatives"
    assert "no candidate R09" in refusal(NotFound, od.confirm, stamp("2026-09-25"), ["R09"]).rule


def test_only_confirmed_participants_are_publicised_and_attend() -> None:
    od = recruiting()
    register(od, "甲")
    register(od, "乙")
    od.confirm(stamp("2026-09-25"), ["R02"])
    od.publicise(stamp("2026-09-28"), "门户网站", PUBLICISE_BY, PUBLICITY_ENDS)
    facts = {f.kind: f.data for f in public_facts(od)}
    assert [r["name"] for r in VAULT.reveal(facts)["open_day.publicity"]["representatives"]] == ["乙"]
    e = refusal(InvalidInput, od.hold, stamp("2026-10-12"), 2, presented="介绍", leaders=[deputy()])
    assert e.field == "attendance"


def test_a_kind_without_places_is_refused() -> None:
    e = refusal(Refused, register, recruiting(), kind=K.MODEL_WORKER)
    assert e.field == "kind" and "no places" in e.rule


def test_registration_after_the_day_is_refused() -> None:
    e = refusal(Refused, register, recruiting(), on="2026-10-13")
    assert e.field == "effective" and e.article == "附件4 第五条"


def test_registration_after_the_publicity_is_refused() -> None:
    e = refusal(Refused, register, publicised(), "晚到者", on="2026-10-09")
    assert "公示" in e.rule


def test_a_recommended_representative_needs_a_recruitment_by_recommendation() -> None:
    od = recruit(plan(), channels=[Channel.PORTAL])
    e = refusal(Refused, register, od, recommended=True)
    assert e.field == "recommended"


def test_the_same_person_is_not_registered_twice() -> None:
    od = recruiting()
    register(od)
    e = refusal(Refused, register, od)
    assert e.field == "name" and "R01" in e.rule


def test_a_retracted_representatives_id_is_never_given_again() -> None:
    od = recruiting()
    register(od, "甲")
    version = od.version
    od.correct_entry(stamp("2026-09-30"), version, "重复登记", None)
    assert od.registered == {}
    assert register(od, "乙") == "R02"


# --- 公示, holding, opinions (第五条, 第六条) ------------------------------------------------------


def test_publicity_is_refused_after_the_last_working_day_before_the_day() -> None:
    od = recruiting()
    register(od)
    od.confirm(stamp("2026-09-25"), ["R01"])
    e = refusal(Refused, od.publicise, stamp("2026-09-29"), "门户网站", PUBLICISE_BY)
    assert e.field == "effective" and e.article == "附件4 第五条"
    assert "no later than 2026-09-28, the 6th working day before it" in e.rule


def test_publicity_needs_a_confirmed_participant() -> None:
    od = recruiting()
    register(od)
    e = refusal(Refused, od.publicise, stamp("2026-09-28"), "门户网站", PUBLICISE_BY)
    assert "no participant of KFR-2026-02 is confirmed" in e.rule


def test_an_open_day_is_held_only_after_the_publicity_and_on_its_day() -> None:
    od = recruiting()
    register(od)
    assert refusal(Refused, od.hold, stamp("2026-10-12"), 1).article == "附件4 第五条"
    od = publicised()
    e = refusal(Refused, od.hold, stamp("2026-10-13"), 1)
    assert e.field == "effective" and "planned for 2026-10-12" in e.rule


def test_attendance_cannot_exceed_the_registered_representatives() -> None:
    e = refusal(InvalidInput, publicised().hold, stamp("2026-10-12"), 3)
    assert e.field == "attendance"


def test_opinions_are_heard_once_the_day_is_held() -> None:
    e = refusal(Refused, publicised().hear, stamp("2026-10-12"), "意见")
    assert e.article == "附件4 第六条"


def test_an_opinion_names_a_registered_representative_or_none() -> None:
    od = held()
    assert od.hear(stamp("2026-10-12"), "意见一", "R01") == "O01"
    assert od.hear(stamp("2026-10-12"), "意见二") == "O02"
    e = refusal(NotFound, od.hear, stamp("2026-10-12"), "意见三", "R09")
    assert e.field == "representative"


def test_an_opinion_is_answered_once_and_not_before_it_was_heard() -> None:
    od = held()
    od.hear(stamp("2026-10-13"), "意见")
    assert refusal(Refused, od.answer, stamp("2026-10-12"), "O01", "答复").field == "effective"
    assert refusal(NotFound, od.answer, stamp("2026-10-14"), "O02", "答复").field == "opinion"
    od.answer(stamp("2026-10-14"), "O01", "答复")
    assert "answered on 2026-10-14" in refusal(Refused, od.answer, stamp("2026-10-15"), "O01", "再答").rule


def test_rectification_is_followed_up_only_where_the_answer_committed_to_it() -> None:
    od = held()
    od.hear(stamp("2026-10-12"), "意见一")
    od.hear(stamp("2026-10-12"), "意见二")
    assert "not been answered" in refusal(Refused, od.follow_up, stamp("2026-10-13"), "O01", "做了").rule
    od.answer(stamp("2026-10-13"), "O01", "答复", rectification="增设栏目")
    od.answer(stamp("2026-10-13"), "O02", "答复")
    assert "no rectification" in refusal(Refused, od.follow_up, stamp("2026-10-20"), "O02", "做了").rule
    od.follow_up(stamp("2026-10-20"), "O01", "栏目已上线")
    assert od.opinions["O01"].follow_up == "栏目已上线"


def test_the_summary_waits_until_every_opinion_is_answered() -> None:
    od = held()
    od.hear(stamp("2026-10-12"), "意见")
    e = refusal(Refused, od.publish_summary, stamp("2026-10-20"))
    assert "O01" in e.rule and e.article == "附件4 第六条"
    od.answer(stamp("2026-10-15"), "O01", "答复")
    od.publish_summary(stamp("2026-10-20"))
    assert od.summary_on == date(2026, 10, 20)


def test_no_opinion_is_heard_after_the_summary_so_the_published_summary_stays_true() -> None:
    od = held()
    od.hear(stamp("2026-10-12"), "意见")
    od.answer(stamp("2026-10-15"), "O01", "答复")
    od.publish_summary(stamp("2026-10-20"))
    e = refusal(Refused, od.hear, stamp("2026-10-21"), "迟到的意见")
    assert e.field == "open_day" and e.article == "附件4 第六条" and "2026-10-20" in e.rule
    (summary,) = [f for f in public_facts(od) if f.kind == "open_day.summary"]
    assert [o["text"] for o in summary.data["opinions"]] == ["意见"]


# --- the office's check (第八条) ------------------------------------------------------------------


def test_the_check_comes_after_the_day_and_not_from_who_ran_it() -> None:
    od = held()
    assert refusal(Refused, od.supervise, stamp("2026-10-09", "S005"), "情况", []).field == "effective"
    e = refusal(Refused, od.supervise, stamp("2026-10-14", "S001"), "情况", [])
    assert e.field == "actor" and e.article == "附件4 第八条"
    od.supervise(stamp("2026-10-14", "S005"), "按期举办", ["1人缺席", " "])
    assert od.supervised_by == "S005" and od.problems == ("1人缺席",)


def test_a_day_not_held_is_checked_only_after_it() -> None:
    od = publicised()
    assert refusal(Refused, od.supervise, stamp("2026-10-12", "S005"), "未举办", []).field == "effective"
    od.supervise(stamp("2026-10-13", "S005"), "未按计划举办", [])
    assert od.supervised_on == date(2026, 10, 13)


def test_the_office_never_checks_an_open_day_it_hosted_itself() -> None:
    office = unit("OFFICE", UnitKind.OFFICE)
    clerk = Staff.add(stamp("2026-01-05"), "S005", "吴静", office)
    group = Unit.establish(stamp("2026-01-05"), "GROUP", "政务公开领导小组", UnitKind.LEADERSHIP_GROUP)
    member = Staff.add(stamp("2026-01-05"), "G01", "周组长", group)
    member.assign(stamp("2026-01-05"), Grant(role=Role.GROUP_MEMBER))
    assert OpenDay.supervisor_act(UnitKind.OFFICE) == Act.SUPERVISE_OFFICE_OPEN_DAY
    assert OpenDay.supervisor_act(UnitKind.SECTION) == Act.SUPERVISE_OPEN_DAY
    assert not may(clerk, Act.SUPERVISE_OPEN_DAY, "OFFICE") and may(clerk, Act.SUPERVISE_OPEN_DAY, "SERV")
    assert not may(clerk, Act.SUPERVISE_OFFICE_OPEN_DAY) and may(member, Act.SUPERVISE_OFFICE_OPEN_DAY)


# --- cancellation ------------------------------------------------------------------------------


def test_cancellation_is_before_the_day_and_ends_the_obligations() -> None:
    od = recruiting()
    assert refusal(Refused, od.cancel, stamp("2026-10-12"), "场地").field == "effective"
    od.cancel(stamp("2026-10-09"), "场地维修")
    assert od.stage == Stage.CANCELLED and od.obligations() == []
    assert "cancelled" in refusal(Refused, register, od, on="2026-10-10").rule


def test_a_held_open_day_is_not_cancelled() -> None:
    assert "was held" in refusal(Refused, held().cancel, stamp("2026-10-11"), "x").rule


# --- obligations and public facts ------------------------------------------------------------------


def test_obligations_count_working_days_before_the_day_and_after_each_opinion() -> None:
    od = held()
    od.hear(stamp("2026-10-12"), "意见")
    found = {o.key.rsplit(":", 1)[-1] if "opinion" not in o.key else "opinion": o for o in od.obligations()}
    assert found["recruitment"].count == Count.WORKING_DAY_BEFORE and found["recruitment"].start == DAY
    assert found["recruitment"].met_on == date(2026, 9, 16) and found["recruitment"].unit == "SERV"
    assert found["publicity"].met_on == date(2026, 9, 28) and found["publicity"].unit == "SERV"
    assert found["opinion"].count == Count.WORKING_DAYS_AFTER and found["opinion"].met_on is None
    assert found["opinion"].n == POLICY.number("open_day.answer_working_days")
    assert found["supervision"].unit == "OFFICE" and found["supervision"].met_on is None


def test_the_publicity_lists_only_names_and_kinds_and_the_summary_no_one() -> None:
    od = held()
    od.hear(stamp("2026-10-12"), "建议公开信贷产品清单", "R01")
    od.answer(stamp("2026-10-14"), "O01", "采纳")
    od.publish_summary(stamp("2026-10-20"))
    facts = {f.kind: f.data for f in public_facts(od)}
    assert set(facts) == {"open_day.recruitment", "open_day.publicity", "open_day.summary"}
    assert [set(r) for r in facts["open_day.publicity"]["representatives"]] == [
        {"name", "kind", "kind_label"}
    ] * 2
    assert "representatives" not in facts["open_day.summary"]
    assert facts["open_day.summary"]["opinions"] == [
        {"text": "建议公开信贷产品清单", "answer": "采纳", "rectification": None, "follow_up": None}
    ]
    text = str(VAULT.reveal(facts))  # as the notices read them
    assert "黄丽" in text
    for private in ("1979-05-30", "13800000001", "三贤祠", "R01", "S001"):
        assert private not in text


def test_a_cancellation_is_public_only_once_the_recruitment_was() -> None:
    quiet = plan()
    quiet.cancel(stamp("2026-09-15"), "调整安排")
    assert public_facts(quiet) == []
    od = recruiting()
    od.cancel(stamp("2026-09-20"), "调整安排")
    assert [f.kind for f in public_facts(od)] == ["open_day.recruitment", "open_day.cancellation"]


# --- corrections -------------------------------------------------------------------------------------


def test_corrected_quotas_still_sum_to_the_number_and_hold_those_registered() -> None:
    od = recruiting()
    register(od, "甲")
    register(od, "乙")
    od.confirm(stamp("2026-09-25"), ["R01", "R02"])
    e = refusal(InvalidInput, od.correct_entry, stamp(), 1, "名额", {"quotas": {"citizen": 3}})
    assert e.field == "replace.quotas"
    e = refusal(Refused, od.correct_entry, stamp(), 1, "名额", {"quotas": {"citizen": 1, "netizen": 3}})
    assert e.field == "replace.quotas" and "already registered" in e.rule
    od.correct_entry(stamp(), 1, "名额调整", {"quotas": {"citizen": 2, "netizen": 2}})
    assert od.quotas == {K.CITIZEN: 2, K.NETIZEN: 2}


def test_the_day_is_never_corrected_by_hand() -> None:
    e = refusal(Refused, plan().correct_entry, stamp(), 1, "改期", {"day": "2026-10-19"})
    assert e.field == "replace.day" and "cancel it and plan it again" in e.rule


def test_a_corrected_birth_date_still_meets_the_age_rule() -> None:
    od = recruiting()
    register(od)
    version = od.version
    e = refusal(Refused, od.correct_entry, stamp(), version, "录错", {"birth_date": "2009-01-01"})
    assert e.field == "replace.birth_date" and e.article is not None and "第三条" in e.article
    od.correct_entry(stamp(), version, "录错", {"birth_date": "1980-05-30"})
    assert od.registered["R01"].birth_date == date(1980, 5, 30)


def test_steps_of_an_open_day_are_corrected_never_retracted() -> None:
    od = held()
    held_version = od.version
    e = refusal(Refused, od.correct_entry, stamp(), held_version, "误录", None)
    assert e.field == "version" and "never retracted" in e.rule
    rep_version = next(
        v for v in range(1, od.version) if isinstance(od.recorded_entry(v), OpenDay.RepresentativeRegistered)
    )
    assert "公示" in refusal(Refused, od.correct_entry, stamp(), rep_version, "误录", None).rule


def test_corrected_steps_are_checked_again_as_when_they_were_recorded() -> None:
    od = held()
    versions = {type(od.recorded_entry(v)).__name__: v for v in range(od.version, 0, -1)}
    plan_v, recruit_v, held_v = versions["Planned"], versions["RecruitmentPublished"], versions["Held"]
    e = refusal(InvalidInput, od.correct_entry, stamp(), plan_v, "形式", {"form": "site_visit"})
    assert e.field == "replace.site_kind" and e.article is not None and "第七条" in e.article
    assert (
        refusal(InvalidInput, od.correct_entry, stamp(), plan_v, "x", {"theme": " "}).field == "replace.theme"
    )
    e = refusal(Refused, od.correct_entry, stamp(), plan_v, "领导", {"leader": "D01"})
    assert e.field == "replace.leader"
    e = refusal(InvalidInput, od.correct_entry, stamp(), recruit_v, "截止", {"closes_on": "2026-10-13"})
    assert e.field == "replace.closes_on" and e.article == "附件4 第五条"
    e = refusal(InvalidInput, od.correct_entry, stamp(), recruit_v, "渠道", {"channels": []})
    assert e.field == "replace.channels"
    e = refusal(InvalidInput, od.correct_entry, stamp(), recruit_v, "方式", {"how_to_apply": None})
    assert e.field == "replace.how_to_apply"
    e = refusal(Refused, od.correct_entry, stamp(), recruit_v, "渠道", {"channels": ["portal"]})
    assert e.field == "replace.channels" and "R02" in e.rule  # 李红梅 was recommended
    e = refusal(InvalidInput, od.correct_entry, stamp(), held_v, "人数", {"attendance": 3})
    assert e.field == "replace.attendance"
    od.correct_entry(stamp(), recruit_v, "截止日录错", {"closes_on": "2026-10-09"})
    od.correct_entry(stamp(), held_v, "人数录错", {"attendance": 1})
    assert od.recruitment is not None and od.recruitment.closes_on == date(2026, 10, 9)
    assert od.attendance == 1


# --- 附件4 as written: who recruits, the 公示 period and objections, open lists, the day ------


def test_the_host_units_staff_and_the_office_recruit_and_only_the_office_runs_the_day() -> None:
    """附件4 第五条 (the host unit sets quotas and recruits) and 第二条 (the office carries it out)."""
    host_clerk = Staff.add(stamp("2026-01-05"), "S004", "孙丽", unit())
    other_clerk = Staff.add(stamp("2026-01-05"), "S002", "李明", unit("FIN"))
    office_clerk = Staff.add(stamp("2026-01-05"), "S001", "王芳", unit("OFFICE", UnitKind.OFFICE))
    assert may(host_clerk, Act.RECRUIT_FOR_OPEN_DAY, "SERV") and may(
        office_clerk, Act.RECRUIT_FOR_OPEN_DAY, "SERV"
    )
    assert not may(other_clerk, Act.RECRUIT_FOR_OPEN_DAY, "SERV")
    assert not may(host_clerk, Act.RUN_OPEN_DAY) and may(office_clerk, Act.RUN_OPEN_DAY)


def test_the_publicity_period_must_end_before_the_day_in_the_policy() -> None:
    """Both numbers are readings (本台账读作): a 公示 of 5 working days starts by the 6th before."""
    od = plan()
    assert (od.publicity_days, od.publicise_days) == (5, 6)
    rules = dict(POLICY.rules)
    rules["open_day.publicise_working_days_before"] = rules[
        "open_day.publicise_working_days_before"
    ].model_copy(update={"value": 5})
    e = refusal(Refused, plan, policy=POLICY.model_copy(update={"rules": rules}))
    assert e.field == "policy" and "would not end before it" in e.rule


def test_objections_are_taken_within_the_publicity_period_and_owed_an_answer_before_the_day() -> None:
    od = publicised()
    assert od.publicity_ends == PUBLICITY_ENDS
    e = refusal(Refused, od.receive_objection, stamp("2026-10-11"), "异议", None)
    assert e.field == "effective" and "2026-10-10" in e.rule
    assert (
        refusal(Refused, od.receive_objection, stamp("2026-09-30"), "异议", "R09").field == "representative"
    )
    b = od.receive_objection(stamp("2026-09-30"), "对代表资格有异议", "R01", VAULT)
    owed = {o.key.rsplit(":", 2)[-2]: o for o in od.obligations() if ":objection:" in o.key}
    assert b == "B01" and owed["objection"].unit == "SERV"
    assert VAULT.open(od.objections["B01"].text) == "对代表资格有异议"  # kept sealed: who objects, about whom
    assert (owed["objection"].count, owed["objection"].start, owed["objection"].n) == (
        Count.WORKING_DAY_BEFORE,
        DAY,
        1,
    )
    od.answer_objection(stamp("2026-10-09"), "B01", "经核实属实，取消其参加资格", upheld=True)
    assert [r.rep_id for r in od.participants()] == ["R02"]  # the upheld objection withdrew R01
    assert (
        refusal(Refused, od.answer_objection, stamp("2026-10-09"), "B01", "再答", False).field == "objection"
    )


def test_an_other_kind_is_described_and_printed_as_described() -> None:
    """主要包括 (第三条, 第四条): the lists are open; "other" needs its description, and only it has one."""
    quotas = {K.CITIZEN: 3, K.OTHER: 1}
    assert refusal(InvalidInput, plan, quotas=quotas).field == "other_kind"
    assert refusal(InvalidInput, plan, other_kind="退役军人代表").field == "other_kind"
    od = plan(quotas=quotas, other_kind="退役军人代表")
    assert od.kind_label(K.OTHER) == "退役军人代表" and od.kind_label(K.CITIZEN) == "普通群众"
    site = plan(form=Form.SITE_VISIT, site_kind=SiteKind.OTHER, other_site_kind="金融科技产业园")
    assert site.site_label() == "金融科技产业园"
    assert (
        refusal(InvalidInput, plan, form=Form.SITE_VISIT, site_kind=SiteKind.OTHER).field == "other_site_kind"
    )


def test_a_symposium_is_held_with_a_leader_and_what_was_presented() -> None:
    """附件4 第六条 (what is presented) and 第七条(二) (the leaders meet the representatives)."""
    od = publicised()
    assert refusal(
        InvalidInput, od.hold, stamp("2026-10-12"), 2, presented=" ", leaders=[deputy()]
    ).field == ("presented")
    e = refusal(InvalidInput, od.hold, stamp("2026-10-12"), 2, presented="介绍")
    assert e.field == "leaders" and e.article == "附件4 第七条(二)"
    clerk = Staff.add(stamp("2026-01-05"), "S004", "孙丽", unit())
    assert (
        refusal(Refused, od.hold, stamp("2026-10-12"), 2, presented="介绍", leaders=[clerk]).field
        == "leaders"
    )
    od.hold(stamp("2026-10-12"), 2, presented="介绍政务公开工作", leaders=[deputy(), deputy()])
    assert od.leaders_present == ("刘副局长",) and od.presented == "介绍政务公开工作"


def test_an_insider_cannot_confirm_past_the_quota_or_undo_an_upheld_objection_by_correction() -> None:
    """Who was confirmed is an act within the quotas; whether an objection was upheld decides who
    takes part: neither is rewritten by a correction, only followed by a new act."""
    od = publicised()
    confirmed = next(e for e in od.recorded_entries() if isinstance(e, OpenDay.RepresentativesConfirmed))
    e = refusal(
        Refused, od.correct_entry, stamp(), confirmed.originator_version, "补录", {"rep_ids": ["R01"]}
    )
    assert e.field == "replace.rep_ids"
    od.receive_objection(stamp("2026-09-30"), "异议", "R01", VAULT)
    od.answer_objection(stamp("2026-10-09"), "B01", "属实", upheld=True)
    answered = od.recorded_entries()[-1]
    e = refusal(Refused, od.correct_entry, stamp(), answered.originator_version, "改判", {"upheld": False})
    assert e.field == "replace.upheld" and [r.rep_id for r in od.participants()] == ["R02"]


def test_a_candidates_kind_is_corrected_freely_among_the_invited_kinds_a_participants_within_its_quota() -> (
    None
):
    od = recruiting()
    register(od, "甲")
    register(od, "乙")
    register(od, "丙", kind=K.NETIZEN)
    register(od, "丁", kind=K.NPC_DEPUTY, birth_date=date(1970, 8, 8), recommended=True)
    od.confirm(stamp("2026-09-25"), ["R03", "R04"])
    entries = {e.rep_id: e for e in od.recorded_entries() if isinstance(e, OpenDay.RepresentativeRegistered)}
    # R01 is a candidate: netizen's one place is taken by R03, yet a candidate may be of that kind
    od.correct_entry(stamp(), entries["R01"].originator_version, "类别录错", {"kind": "netizen"})
    assert od.registered["R01"].kind == K.NETIZEN and not od.registered["R01"].confirmed
    # R03 is a participant: npc_deputy's one place is R04's
    version = entries["R03"].originator_version
    e = refusal(Refused, od.correct_entry, stamp(), version, "类别录错", {"kind": "npc_deputy"})
    assert e.field == "replace.kind" and "all are taken" in e.rule

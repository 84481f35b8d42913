"""The Decision aggregate (附件2) without storage: every rule and every refusal, with its article."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from aggregates.decision import (
    Category,
    Channel,
    CommentChannel,
    CommentWays,
    Decision,
    ExemptionGround,
    Explanation,
    Outcome,
    Stage,
)
from aggregates.errors import InvalidInput, NotFound, Refused
from aggregates.obligations import Count
from projections.decision.facts import public_facts
from tests.support.clock import stamp
from tests.support.decision_life import (
    MINIMUM,
    NORMAL,
    REPORT_DAYS,
    approved,
    comment,
    drafted,
    publish,
    published,
)


def adoption_ready(d: Decision) -> Decision:
    cid = comment(d)
    d.assess(stamp("2026-10-12"), cid, Outcome.ADOPTED)
    return d


def completed(d: Decision | None = None, on: str = "2026-10-20") -> Decision:
    d = adoption_ready(d or published())
    d.complete_adoption(stamp(on), REPORT_DAYS, "test")
    return d


# --- drafting ---------------------------------------------------------------------------------


def test_draft_needs_every_part_of_the_drafting_explanation() -> None:
    with pytest.raises(InvalidInput) as e:
        Decision.draft_new(
            stamp(),
            "D1",
            "办法",
            Category.PUBLIC_POLICY,
            "FIN",
            "金融股",
            "第一条",
            Explanation(background="背景", basis=" ", main_content="内容"),
        )
    assert e.value.field == "basis" and e.value.article == "附件2 第四条(二)"


def test_draft_text_is_required() -> None:
    with pytest.raises(InvalidInput) as e:
        drafted(text="  ")
    assert e.value.field == "draft" and e.value.article == "附件2 第四条(一)"


def test_decision_id_is_stable_for_its_number() -> None:
    assert drafted("YJJR-2026-09").id == Decision.id_for("YJJR-2026-09")


# --- confidentiality review and collective discussion (第六条(一)) -----------------------------


def test_discussion_before_the_confidentiality_review_is_refused() -> None:
    d = drafted()
    with pytest.raises(Refused) as e:
        d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    assert e.value.article == "附件2 第六条(一)"


def test_publication_before_the_review_is_refused() -> None:
    with pytest.raises(Refused) as e:
        publish(drafted())
    assert "confidentiality review" in e.value.rule and e.value.article == "附件2 第六条(一)"


def test_publication_before_the_collective_discussion_is_refused() -> None:
    d = drafted()
    d.clear_review(stamp("2026-08-10"))
    with pytest.raises(Refused) as e:
        publish(d)
    assert "collective discussion" in e.value.rule and e.value.article == "附件2 第六条(一)"


def test_publication_after_a_discussion_that_did_not_approve_is_refused() -> None:
    d = drafted()
    d.clear_review(stamp("2026-08-10"))
    d.discuss(stamp("2026-08-20", "D01"), False, "局党组会", attendees=("张局长", "陈副局长"))
    with pytest.raises(Refused, match="not been approved"):
        publish(d)


def test_discussion_may_approve_after_an_earlier_refusal() -> None:
    d = drafted()
    d.clear_review(stamp("2026-08-10"))
    d.discuss(stamp("2026-08-20", "D01"), False, "第一次会议", attendees=("张局长", "陈副局长"))
    d.discuss(stamp("2026-08-27", "D01"), True, "第二次会议", attendees=("张局长", "陈副局长"))
    publish(d)
    assert d.stage is Stage.PUBLISHED and len(d.discussions) == 2


def test_version_already_approved_is_not_discussed_again() -> None:
    d = approved()
    with pytest.raises(Refused, match="already approved"):
        d.discuss(stamp("2026-08-25", "D01"), True, "又一次", attendees=("张局长", "陈副局长"))


def test_review_is_not_cleared_twice_for_the_same_version() -> None:
    d = drafted()
    d.clear_review(stamp("2026-08-10"))
    with pytest.raises(Refused, match="already been cleared"):
        d.clear_review(stamp("2026-08-11"))


def test_a_revised_draft_is_reviewed_and_discussed_again_before_publication() -> None:
    d = approved()
    d.revise(stamp("2026-08-24"), "第一条 修改后。", None, "按会议意见修改")
    with pytest.raises(Refused, match="version 2 of the draft has not passed"):
        publish(d)
    d.clear_review(stamp("2026-08-25"))
    with pytest.raises(Refused, match="version 2 of the draft has not been approved"):
        publish(d)
    d.discuss(stamp("2026-08-27", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    publish(d)
    assert d.publication is not None and d.publication.version == 2


def test_publication_dated_before_the_discussion_is_refused() -> None:
    with pytest.raises(Refused) as e:
        publish(approved(), on="2026-08-19", closes_on="2026-09-18")
    assert e.value.field == "effective"


# --- exemption (第七条) ----------------------------------------------------------------------------


def exempt() -> Decision:
    d = drafted(title="某人困难救助")
    d.propose_exemption(stamp("2026-08-10", "S002"), ExemptionGround.PERSONAL_PRIVACY, "涉及个人信息")
    d.confirm_exemption(stamp("2026-08-10", "P01"), True)
    return d


def test_exempt_decision_is_never_published() -> None:
    d = exempt()
    d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    with pytest.raises(Refused) as e:
        publish(d)
    assert e.value.article == "附件2 第七条" and "涉及个人隐私" in e.value.rule


def test_exempt_decision_cannot_be_cleared_for_disclosure_later() -> None:
    with pytest.raises(Refused) as e:
        exempt().clear_review(stamp("2026-08-12"))
    assert e.value.article == "附件2 第七条"


def test_exempt_decision_is_decided_after_discussion_without_comments() -> None:
    d = exempt()
    with pytest.raises(Refused, match="collective discussion"):
        d.decide(stamp("2026-08-21", "P01"), "雁金发〔2026〕1号")
    d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    d.decide(stamp("2026-08-21", "P01"), "雁金发〔2026〕1号")
    assert d.stage is Stage.DECIDED


def test_exempt_decision_has_no_public_notice_and_no_obligation() -> None:
    d = exempt()
    d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    d.decide(stamp("2026-08-21", "P01"), "雁金发〔2026〕1号")
    assert public_facts(d) == [] and d.obligations() == []


def test_exempt_decision_takes_no_comments() -> None:
    with pytest.raises(Refused) as e:
        comment(exempt())
    assert e.value.article == "附件2 第七条"


def test_exemption_after_publication_is_refused() -> None:
    with pytest.raises(Refused) as e:
        published().propose_exemption(stamp("2026-09-02"), ExemptionGround.STATE_SECRET)
    assert e.value.article == "附件2 第七条"


# --- the comment period (第六条(二)) ------------------------------------------------------------------


def test_period_below_the_minimum_is_invalid_even_with_a_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        publish(approved(), days=MINIMUM - 1, closes_on="2026-09-07", reason="紧急")
    assert e.value.field == "days" and e.value.article == "附件2 第六条(二)"


def test_shortened_period_needs_its_special_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        publish(approved(), days=NORMAL - 1, closes_on="2026-09-30")
    assert e.value.field == "shortened_reason" and e.value.article == "附件2 第六条(二)"


def test_period_of_the_minimum_with_a_reason_is_published_with_it() -> None:
    d = publish(approved(), days=MINIMUM, closes_on="2026-09-08", reason="上级要求月底前出台")
    assert d.publication is not None and d.publication.shortened_reason == "上级要求月底前出台"
    fact = public_facts(d)[0]
    assert fact.data["shortened_reason"] == "上级要求月底前出台" and fact.data["days"] == MINIMUM


def test_reason_for_a_period_that_is_not_shortened_is_invalid() -> None:
    with pytest.raises(InvalidInput) as e:
        publish(approved(), reason="无")
    assert e.value.field == "shortened_reason"


def test_publication_needs_a_channel() -> None:
    with pytest.raises(InvalidInput) as e:
        publish(approved(), channels=())
    assert e.value.field == "channels" and e.value.article == "附件2 第五条"


def test_publication_needs_a_way_to_comment() -> None:
    with pytest.raises(InvalidInput) as e:
        publish(approved(), ways=CommentWays())
    assert e.value.article == "附件2 第六条(二)"


def test_a_decision_is_published_once() -> None:
    with pytest.raises(Refused, match="already published"):
        publish(published())


# --- comments ----------------------------------------------------------------------------------------


def test_comment_before_publication_is_refused() -> None:
    with pytest.raises(Refused) as e:
        comment(approved())
    assert e.value.article == "附件2 第六条(二)"


def test_comment_dated_before_the_publication_day_is_refused() -> None:
    with pytest.raises(Refused) as e:
        comment(published(), on="2026-08-31")
    assert e.value.field == "effective"


def test_comment_on_the_closing_day_is_on_time() -> None:
    d = published()
    comment(d, on="2026-10-08")
    assert not d.comments["C001"].late


def test_comment_after_the_window_is_refused_unless_recorded_as_late() -> None:
    d = published()
    with pytest.raises(Refused) as e:
        comment(d, on="2026-10-09")
    assert e.value.field == "effective" and e.value.article == "附件2 第六条(二)" and "--late" in e.value.rule
    assert d.comments == {} and d.collect_events()[-1].__class__ is Decision.Published
    comment(d, on="2026-10-09", late=True)
    assert d.comments["C001"].late


def test_comment_inside_the_window_cannot_be_marked_late() -> None:
    with pytest.raises(InvalidInput) as e:
        comment(published(), on="2026-09-10", late=True)
    assert e.value.field == "late"


def test_window_never_closes_earlier_than_announced_but_grows_with_a_recomputed_calendar() -> None:
    d = published()
    with pytest.raises(Refused):
        d.receive_comment(stamp("2026-10-09"), CommentChannel.EMAIL, "意见", closes_on=date(2026, 10, 8))
    cid = d.receive_comment(stamp("2026-10-09"), CommentChannel.EMAIL, "意见", closes_on=date(2026, 10, 9))
    assert not d.comments[cid].late


def test_comments_are_numbered_in_order_received() -> None:
    d = published()
    assert [comment(d), comment(d), comment(d)] == ["C001", "C002", "C003"]


# --- extension and reopening ---------------------------------------------------------------------------


def test_extension_grows_the_window_and_keeps_the_old_one_on_record() -> None:
    d = published()
    d.extend_period(stamp("2026-10-05"), 5, date(2026, 10, 12), "应企业请求")
    assert [w.closes_on for w in d.windows] == [date(2026, 10, 8), date(2026, 10, 12)]
    assert d.windows[-1].days == NORMAL + 5
    comment(d, on="2026-10-12")


def test_extension_that_leaves_the_closing_day_unchanged_is_refused() -> None:
    d = published()
    with pytest.raises(Refused) as e:
        d.extend_period(stamp("2026-09-20"), 3, date(2026, 10, 8), "延长")
    assert "only grows" in e.value.rule and e.value.article == "附件2 第六条(二)"


def test_extension_needs_a_reason() -> None:
    with pytest.raises(InvalidInput) as e:
        published().extend_period(stamp("2026-09-20"), 5, date(2026, 10, 12), " ")
    assert e.value.field == "reason"


def test_extension_after_the_window_closed_is_refused() -> None:
    with pytest.raises(Refused, match="reopen it instead"):
        published().extend_period(stamp("2026-10-09"), 5, date(2026, 10, 14), "延长")


def test_reopening_while_the_window_is_open_is_refused() -> None:
    with pytest.raises(Refused, match="extend it instead"):
        published().reopen_period(stamp("2026-10-01"), 10, date(2026, 10, 12), "重新征求")


def test_reopened_window_takes_comments_and_the_gap_stays_late() -> None:
    d = published()
    d.reopen_period(stamp("2026-10-15"), 10, date(2026, 10, 26), "草案重大修改")
    comment(d, on="2026-10-20")
    with pytest.raises(Refused):
        comment(d, on="2026-10-12")
    comment(d, on="2026-10-12", late=True)
    assert [c.late for c in d.comments.values()] == [False, True]


# --- assessment and opinions ----------------------------------------------------------------------------


def test_not_adopted_needs_its_reason() -> None:
    d = published()
    cid = comment(d)
    for outcome in (Outcome.NOT_ADOPTED, Outcome.PARTLY_ADOPTED):
        with pytest.raises(InvalidInput) as e:
            d.assess(stamp("2026-10-12"), cid, outcome)
        assert e.value.field == "reason" and e.value.article == "附件2 第四条(三)"


def test_adopted_needs_no_reason() -> None:
    d = published()
    cid = comment(d)
    d.assess(stamp("2026-10-12"), cid, Outcome.ADOPTED)
    assert d.assessments[cid].outcome is Outcome.ADOPTED


def test_assessing_an_unknown_comment_is_not_found() -> None:
    with pytest.raises(NotFound) as e:
        published().assess(stamp("2026-10-12"), "C009", Outcome.ADOPTED)
    assert e.value.field == "comment"


def test_assessment_names_a_recorded_opinion() -> None:
    d = published()
    cid = comment(d)
    with pytest.raises(NotFound) as e:
        d.assess(stamp("2026-10-12"), cid, Outcome.ADOPTED, opinion="O1")
    assert e.value.field == "opinion"


def test_opinion_outcome_is_partly_adopted_when_its_comments_differ() -> None:
    d = published()
    a, b = comment(d), comment(d)
    d.record_opinion(stamp("2026-10-10"), "O1", "提高补助", True)
    d.assess(stamp("2026-10-12"), a, Outcome.ADOPTED, opinion="O1")
    assert d.opinion_outcome("O1") is Outcome.ADOPTED
    d.assess(stamp("2026-10-12"), b, Outcome.NOT_ADOPTED, reason="预算不足", opinion="O1")
    assert d.opinion_outcome("O1") is Outcome.PARTLY_ADOPTED


def test_same_assessment_twice_is_refused_but_a_changed_one_is_recorded() -> None:
    d = published()
    cid = comment(d)
    d.assess(stamp("2026-10-12"), cid, Outcome.ADOPTED)
    with pytest.raises(Refused, match="already assessed"):
        d.assess(stamp("2026-10-13"), cid, Outcome.ADOPTED)
    d.assess(stamp("2026-10-13"), cid, Outcome.NOT_ADOPTED, reason="复议后不采纳")
    assert d.assessments[cid].outcome is Outcome.NOT_ADOPTED


# --- revisions ------------------------------------------------------------------------------------------


def test_revision_while_comments_are_open_is_refused() -> None:
    with pytest.raises(Refused) as e:
        published().revise(stamp("2026-09-15"), "第一条 改。", None, "改")
    assert e.value.article == "附件2 第六条(三)"


def test_revisions_keep_every_version_and_the_published_one() -> None:
    d = published()
    v = d.revise(stamp("2026-10-10"), "第一条 改。", None, "采纳意见")
    assert v == 2 and [x.text for x in d.versions] == ["第一条 测试。", "第一条 改。"]
    assert public_facts(d)[0].data["draft"] == "第一条 测试。"


def test_revision_identical_to_the_current_version_is_refused() -> None:
    d = published()
    with pytest.raises(Refused, match="same as version 1"):
        d.revise(stamp("2026-10-10"), "第一条 测试。", None, "无")


def test_revision_may_change_only_the_explanation() -> None:
    d = published()
    d.revise(
        stamp("2026-10-10"),
        "第一条 测试。",
        Explanation(background="新", basis="依据", main_content="内容"),
        "补充背景",
    )
    assert d.versions[-1].explanation.background == "新"


# --- adoption completed, the report, the decision -------------------------------------------------------


def test_adoption_is_completed_only_when_every_comment_is_assessed() -> None:
    d = published()
    comment(d)
    comment(d, on="2026-10-09", late=True)
    d.assess(stamp("2026-10-12"), "C001", Outcome.ADOPTED)
    with pytest.raises(Refused) as e:
        d.complete_adoption(stamp("2026-10-20"), REPORT_DAYS, "test")
    assert "C002" in e.value.rule and e.value.article == "附件2 第六条(三)"


def test_adoption_is_completed_only_after_the_window_closed() -> None:
    d = published()
    d.assess(stamp("2026-09-15"), comment(d), Outcome.ADOPTED)
    with pytest.raises(Refused) as e:
        d.complete_adoption(stamp("2026-10-08"), REPORT_DAYS, "test")
    assert e.value.article == "附件2 第六条(三)"
    d.complete_adoption(stamp("2026-10-09"), REPORT_DAYS, "test")


def test_no_comment_opinion_or_assessment_after_adoption_completed() -> None:
    d = completed()
    with pytest.raises(Refused):
        comment(d, on="2026-10-21", late=True)
    with pytest.raises(Refused):
        d.record_opinion(stamp("2026-10-21"), "O9", "x", False)
    with pytest.raises(Refused):
        d.assess(stamp("2026-10-21"), "C001", Outcome.NOT_ADOPTED, reason="改")


def test_report_before_adoption_completed_is_refused() -> None:
    with pytest.raises(Refused) as e:
        adoption_ready(published()).publish_report(stamp("2026-10-20"), (Channel.PORTAL,))
    assert e.value.article == "附件2 第六条(三)"


def test_report_is_published_once() -> None:
    d = completed()
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,))
    with pytest.raises(Refused, match="already published"):
        d.publish_report(stamp("2026-10-23"), (Channel.PORTAL,))


def test_report_may_follow_the_decision() -> None:
    d = completed()
    d.decide(stamp("2026-10-21", "P01"), "雁金发〔2026〕3号", (Channel.PORTAL,))
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,))
    assert d.report is not None


def test_decision_before_adoption_completed_is_refused() -> None:
    d = adoption_ready(published())
    with pytest.raises(Refused) as e:
        d.decide(stamp("2026-10-20", "P01"), "雁金发〔2026〕3号", (Channel.PORTAL,))
    assert e.value.article == "附件2 第一条"


def test_cleared_decision_is_not_decided_without_pre_disclosure() -> None:
    with pytest.raises(Refused) as e:
        approved().decide(stamp("2026-08-25", "P01"), "雁金发〔2026〕3号", (Channel.PORTAL,))
    assert e.value.article == "附件2 第六条(一)"


def test_decided_decision_cannot_be_withdrawn() -> None:
    d = completed()
    d.decide(stamp("2026-10-21", "P01"), "雁金发〔2026〕3号", (Channel.PORTAL,))
    with pytest.raises(Refused, match="decided"):
        d.withdraw(stamp("2026-10-22"), "撤回")


def test_withdrawn_decision_accepts_no_further_act() -> None:
    d = published()
    d.withdraw(stamp("2026-09-05"), "上级统一出台规定")
    with pytest.raises(Refused, match="withdrawn"):
        comment(d, on="2026-09-06")
    with pytest.raises(Refused, match="withdrawn"):
        d.withdraw(stamp("2026-09-06"), "again")


def test_withdrawal_after_publication_is_announced_and_ends_the_obligations() -> None:
    d = published()
    d.withdraw(stamp("2026-09-05"), "上级统一出台规定")
    kinds = [f.kind for f in public_facts(d)]
    assert kinds == ["decision.call_for_comments", "decision.withdrawn"]
    assert d.obligations() == []


# --- obligations ----------------------------------------------------------------------------------------


def test_window_obligation_follows_the_latest_window() -> None:
    d = published()
    d.extend_period(stamp("2026-10-05"), 5, date(2026, 10, 12), "应企业请求")
    (window,) = d.obligations()
    assert window.window and window.count is Count.PERIOD_DAYS
    assert (window.start, window.n) == (date(2026, 9, 1), NORMAL + 5)
    assert window.citation == "附件2 第六条(二)"


def test_report_obligation_runs_from_adoption_and_is_met_by_the_report() -> None:
    d = completed(on="2026-10-20")
    report = d.obligations()[1]
    assert (report.count, report.start, report.n, report.met_on) == (
        Count.WORKING_DAYS_AFTER,
        date(2026, 10, 20),
        REPORT_DAYS,
        None,
    )
    d.publish_report(stamp("2026-11-10"), (Channel.PORTAL,))
    assert d.obligations()[1].met_on == date(2026, 11, 10)


# --- the adoption report's data -------------------------------------------------------------------------


def test_report_counts_comments_by_channel_keeps_late_apart_and_gives_reasons() -> None:
    d = published()
    comment(d, channel="email")
    comment(d, channel="post")
    comment(d, on="2026-10-09", late=True, channel="email")
    d.record_opinion(stamp("2026-10-10"), "O1", "提高补助标准", True, "维持原标准")
    d.assess(stamp("2026-10-12"), "C001", Outcome.NOT_ADOPTED, reason="预算所限", opinion="O1")
    d.assess(stamp("2026-10-12"), "C002", Outcome.NOT_ADOPTED, reason="预算所限", opinion="O1")
    d.assess(stamp("2026-10-12"), "C003", Outcome.ADOPTED)
    d.complete_adoption(stamp("2026-10-20"), REPORT_DAYS, "test")
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,))
    data = public_facts(d)[-1].data
    assert data["by_channel"] == {"email": 1, "post": 1} and data["late_by_channel"] == {"email": 1}
    assert data["outcomes"] == {"adopted": 1, "partly_adopted": 0, "not_adopted": 2}
    (op,) = data["opinions"]
    assert op["concentrated"] and op["outcome"] == "not_adopted" and op["reasons"] == ["预算所限"]


# --- replay ---------------------------------------------------------------------------------------------


def test_replaying_the_events_rebuilds_the_same_decision() -> None:
    d = completed()
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,))
    events = d.collect_events()
    rebuilt = None
    for event in events:
        rebuilt = event.mutate(rebuilt)
    assert rebuilt is not None
    assert rebuilt.state() | {"_pending": None} == d.state() | {"_pending": None}
    assert rebuilt.version == len(events)


def test_comment_ids_run_on_in_order_and_a_copy_of_the_decision_numbers_its_own() -> None:
    d = published()
    assert [comment(d) for _ in range(3)] == ["C001", "C002", "C003"]
    trial = copy.deepcopy(d)  # as a correction is tried on a copy first
    assert comment(trial) == "C004"
    assert comment(trial) == "C005"
    assert comment(d) == "C004"  # the copy's comments are not the decision's
    assert sorted(d.comments) == ["C001", "C002", "C003", "C004"]

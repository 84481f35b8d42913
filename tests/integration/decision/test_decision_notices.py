"""The decision notices: their Chinese text, and that only public data ever reaches them."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from aggregates.decision import (
    OFFERED_BY,
    Channel,
    CommentChannel,
    CommentWays,
    Decision,
    ExemptionGround,
    Outcome,
)
from aggregates.public import PublicFact
from projections.decision import notice
from projections.decision.facts import public_facts
from projections.notices import Notice, write_notices
from tests.support.clock import stamp
from tests.support.decision_life import (
    MINIMUM,
    NORMAL,
    REPORT_DAYS,
    VAULT,
    approved,
    comment,
    drafted,
    publish,
)

ISSUER = "雁江区金融工作局"


def rendered(notices: list[Notice]) -> list[str]:
    """Every notice in every format the CLI writes."""
    return [text for n in notices for text in (n.markdown(), n.html(), n.model_dump_json(indent=2))]


def notices_of(*decisions: Decision) -> list[Notice]:
    facts: list[PublicFact] = [f for d in decisions for f in public_facts(d)]
    return write_notices(facts, ISSUER, [notice.write])


def test_call_for_comments_states_the_closing_moment_in_full_and_the_holiday_deferral() -> None:
    d = publish(approved(title="普惠金融办法"), on="2026-09-01", closes_on="2026-10-08")
    (call,) = notices_of(d)
    md = call.markdown()
    assert call.title == "关于公开征求《普惠金融办法（征求意见稿）》意见的公告"
    assert "截止时间为2026年10月8日24时" in md and "征求意见期限为30日" in md
    assert "2026年10月1日" in md and "顺延至2026年10月8日" in md
    assert "zqyj@example.gov.cn" in md and "金融股 028-26650101" in md
    assert "第一条 测试。" in md and "起草背景" in md and "法律和政策依据" in md
    assert call.dated == date(2026, 9, 1) and md.rstrip().endswith("2026年9月1日")


def test_notices_cite_the_issuing_bureaus_own_system() -> None:
    d = publish(approved(), on="2026-09-01", closes_on="2026-10-08")
    (call,) = write_notices(public_facts(d), "安岳县财政局", [notice.write])
    assert "《安岳县财政局重大行政决策预公开制度》第三条" in call.markdown()
    assert "雁江区" not in call.markdown()


def test_call_for_comments_states_the_reason_for_a_shortened_period() -> None:
    d = publish(approved(), days=MINIMUM, closes_on="2026-09-08", reason="须在季度末前下达资金")
    md = notices_of(d)[0].markdown()
    assert "征求意见期限一般不少于30日；因须在季度末前下达资金，本次征求意见期限缩短为7日" in md
    assert "顺延" not in md


def test_extension_is_a_notice_of_its_own_with_its_reason() -> None:
    d = publish(approved(title="规程"))
    d.extend_period(stamp("2026-10-05"), 5, date(2026, 10, 13), "应企业请求")
    call, extension = notices_of(d)
    assert "2026年10月8日24时" in call.markdown()
    assert extension.title == "关于延长《规程（征求意见稿）》征求意见期限的公告"
    assert "因应企业请求" in extension.markdown() and "延长至2026年10月13日24时" in extension.markdown()


def test_adoption_report_gives_counts_and_why_concentrated_opinions_were_not_adopted() -> None:
    d = publish(approved(title="办法"))
    comment(d, channel="email")
    comment(d, channel="post")
    comment(d, on="2026-10-09", late=True, channel="phone")
    d.record_opinion(stamp("2026-10-10"), "O1", "建议提高补助标准", True, "维持原标准")
    d.assess(stamp("2026-10-12"), "C001", Outcome.NOT_ADOPTED, reason="受预算限制", opinion="O1")
    d.assess(stamp("2026-10-12"), "C002", Outcome.NOT_ADOPTED, reason="受预算限制", opinion="O1")
    d.assess(stamp("2026-10-12"), "C003", Outcome.PARTLY_ADOPTED, reason="部分已有规定")
    d.complete_adoption(stamp("2026-10-20"), REPORT_DAYS, "test")
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,), "删除了第四条")
    report = notices_of(d)[-1]
    md = report.markdown()
    assert report.title == "关于《办法》公开征求意见采纳情况的说明"
    assert "2026年9月1日至2026年10月8日24时" in md and "共有2人次提出意见2条" in md
    assert "另有1人次在征求意见截止后提出意见1条，一并作了研究" in md
    assert "3条意见中，部分采纳1条，未采纳2条" in md and "采纳0条" not in md
    assert "| 建议提高补助标准 | 2 | 未采纳 | 维持原标准 | 受预算限制 |" in md
    assert "删除了第四条" in md and report.dated == date(2026, 10, 22)


def test_adoption_report_says_so_when_no_opinion_was_concentrated() -> None:
    d = publish(approved())
    d.complete_adoption(stamp("2026-10-09"), REPORT_DAYS, "test")
    d.publish_report(stamp("2026-10-12"), (Channel.PORTAL,))
    assert "未收到较为集中的意见" in notices_of(d)[-1].markdown()


def test_commenter_and_contact_never_reach_the_report() -> None:
    d = publish(approved())
    comment(d, commenter="张三丰", contact="13912345678")
    d.assess(stamp("2026-10-12"), "C001", Outcome.ADOPTED)
    d.complete_adoption(stamp("2026-10-20"), REPORT_DAYS, "test")
    d.publish_report(stamp("2026-10-22"), (Channel.PORTAL,))
    texts = rendered(notices_of(d))
    assert any("共有1人次提出意见1条" in t for t in texts)
    assert not any("张三丰" in t or "13912345678" in t for t in texts)


# --- property: no exempt decision, no commenter data, in any notice, in any format ---------------------

# Private data is drawn from letters that no notice template uses; public text from Chinese.
PRIVATE = st.text(alphabet="JKVWZ", min_size=6, max_size=12).map(lambda s: "QX" + s)
PUBLIC = st.text(alphabet="金融服务办法规划资金管理措施方案普惠乡村振兴", min_size=1, max_size=20)


@st.composite
def decision_life(draw: st.DrawFn, i: int) -> tuple[Decision, list[str]]:
    """A decision taken some way through its life, and the private strings it holds."""
    private: list[str] = []
    if draw(st.booleans()):  # exempt
        title, text = draw(PRIVATE), draw(PRIVATE)
        private += [title, text, f"QXE-{i}"]
        d = drafted(number=f"QXE-{i}", title=title, text=text)
        d.propose_exemption(stamp("2026-08-10", "S002"), draw(st.sampled_from(list(ExemptionGround))))
        d.confirm_exemption(stamp("2026-08-10", "P01"), True)
        if draw(st.booleans()):
            d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
            d.decide(stamp("2026-08-21", "P01"), "雁金发〔2026〕1号")
        elif draw(st.booleans()):
            d.withdraw(stamp("2026-08-20"), "不再推进")
        return d, private
    d = approved(number=f"PUB-{i}", title=draw(PUBLIC), text=draw(PUBLIC))
    depth = draw(st.integers(0, 5))
    if depth == 0:
        return d, private
    days = draw(st.integers(MINIMUM, NORMAL + 10))
    start = date(2026, 9, 1)
    closes = start + timedelta(days=days)
    publish(
        d,
        days=days,
        closes_on=closes.isoformat(),
        reason=None if days >= NORMAL else draw(PUBLIC),
        ways=CommentWays(email="zqyj@example.gov.cn", phone="028-26650101"),
    )
    for _ in range(draw(st.integers(0, 4))):
        name, contact = draw(st.one_of(st.none(), PRIVATE)), draw(st.one_of(st.none(), PRIVATE))
        private += [x for x in (name, contact) if x]
        late = draw(st.booleans())
        on = closes + timedelta(days=1) if late else start + timedelta(days=draw(st.integers(0, days)))
        channel = draw(st.sampled_from(list(CommentChannel)))
        assert d.publication is not None
        d.receive_comment(
            stamp(on.isoformat()),
            channel,
            draw(PUBLIC),
            commenter=name,
            contact=contact,
            late=late,
            vault=VAULT,
            unoffered=OFFERED_BY.get(channel) not in d.publication.ways.given(),
        )
    after = closes + timedelta(days=2)
    if depth >= 2 and draw(st.booleans()):
        d.extend_period(stamp(start.isoformat()), 3, closes + timedelta(days=3), draw(PUBLIC))
        after += timedelta(days=3)
    if depth >= 3:
        d.record_opinion(stamp(after.isoformat()), "O1", draw(PUBLIC), draw(st.booleans()), draw(PUBLIC))
        for cid in list(d.comments):
            outcome = draw(st.sampled_from(list(Outcome)))
            reason = None if outcome is Outcome.ADOPTED else draw(PUBLIC)
            d.assess(
                stamp(after.isoformat()),
                cid,
                outcome,
                reason=reason,
                opinion=draw(st.sampled_from([None, "O1"])),
            )
        d.complete_adoption(stamp(after.isoformat()), REPORT_DAYS, "test")
    if depth >= 4:
        d.publish_report(stamp(after.isoformat()), (Channel.PORTAL,))
    if depth >= 5 and draw(st.booleans()):
        d.decide(stamp(after.isoformat(), "P01"), "雁金发〔2026〕2号", (Channel.PORTAL,))
    elif draw(st.booleans()):
        d.withdraw(stamp(after.isoformat()), draw(PUBLIC))
    return d, private


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(*(decision_life(i) for i in range(n)))))
def test_no_exempt_decision_and_no_commenter_data_in_any_notice_in_any_format(
    lives: tuple[tuple[Decision, list[str]], ...],
) -> None:
    decisions = [d for d, _ in lives]
    private = [p for _, ps in lives for p in ps]
    texts = rendered(notices_of(*decisions))
    for text in texts:
        assert not [p for p in private if p in text]
        assert "QX" not in text
    # the notices are not empty: every published, non-exempt decision is there by its title
    for d in decisions:
        if d.publication is not None:
            assert any(f"《{d.title}（征求意见稿）》" in t for t in texts)

"""Building decisions stage by stage without storage (dates and policy passed in, as commands do)."""

from __future__ import annotations

from datetime import date

from aggregates.decision import (
    OFFERED_BY,
    Category,
    Channel,
    CommentChannel,
    CommentWays,
    Decision,
    Explanation,
)
from tests.support.clock import stamp
from tests.support.vault import memory_vault

VAULT = memory_vault()
NORMAL, MINIMUM, REPORT_DAYS = 30, 7, 10  # as the tests' policy data; the code never holds them


def drafted(number: str = "YJJR-2026-01", title: str = "测试办法", text: str = "第一条 测试。") -> Decision:
    return Decision.draft_new(
        stamp("2026-08-03", "S002"),
        number,
        title,
        Category.PUBLIC_POLICY,
        "FIN",
        "金融股",
        text,
        Explanation(background="背景", basis="依据", main_content="内容"),
    )


def approved(**kw: str) -> Decision:
    d = drafted(**kw)
    d.clear_review(stamp("2026-08-10", "S002"))
    d.discuss(stamp("2026-08-20", "D01"), True, "局党组会", attendees=("张局长", "陈副局长"))
    return d


def publish(
    d: Decision,
    on: str = "2026-09-01",
    days: int = NORMAL,
    closes_on: str = "2026-10-08",
    reason: str | None = None,
    ways: CommentWays | None = None,
    channels: tuple[Channel, ...] = (Channel.PORTAL,),
) -> Decision:
    d.publish(
        stamp(on, "S002"),
        channels=channels,
        channel_detail=None,
        ways=ways
        or CommentWays(email="zqyj@example.gov.cn", postal_address="娇子大道1号", portal="门户网站留言"),
        days=days,
        closes_on=date.fromisoformat(closes_on),
        shortened_reason=reason,
        contact="金融股 028-26650101",
        normal_days=NORMAL,
        minimum_days=MINIMUM,
        policy_version="test",
    )
    return d


def published(**kw: str) -> Decision:
    return publish(approved(**kw))


def comment(d: Decision, on: str = "2026-09-10", late: bool = False, **kw: str) -> str:
    """A comment; one by a way the notice did not offer is recorded flagged, as the rules allow."""
    channel = CommentChannel(kw.pop("channel", "email"))
    offered = d.publication.ways.given() if d.publication else {}
    return d.receive_comment(
        stamp(on, "S002"),
        channel,
        kw.pop("text", "意见"),
        commenter=kw.pop("commenter", None),
        contact=kw.pop("contact", None),
        late=late,
        vault=VAULT,
        unoffered=d.publication is not None and OFFERED_BY.get(channel) not in offered,
    )

"""The decision system's vocabulary (附件2): articles, categories, channels, outcomes,
stages and the value objects a decision records. Labels are the source's own words."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from aggregates.base import Frozen, Labelled
from aggregates.privacy import Sealed

A_DRAFT = "附件2 第四条(一)"
A_EXPLANATION = "附件2 第四条(二)"
A_RESULT = "附件2 第四条(三)"
A_CHANNELS = "附件2 第五条"
A_REVIEW = "附件2 第六条(一)"
A_PERIOD = "附件2 第六条(二)"
A_ADOPTION = "附件2 第六条(三)"
A_EXEMPT = "附件2 第七条"
A_HEARD = "附件2 第一条"
A_EXPERTS = "附件2 第二条"
A_EXPLAIN = "附件2 第六条(一)"


class Category(Labelled):
    """附件2 第三条, with the source's own labels: (七) is followed by (九); there is no (八)."""

    PLANS = "一", "重要规划"
    PUBLIC_POLICY = "二", "重大公共政策和措施"
    NORMATIVE = "三", "规范性文件和其他重要政策措施"
    PUBLIC_INTEREST = "四", "其他对公共利益有重大影响的事项"
    ORGANISATION = "五", "机构、职能及其依据的变化"
    APPROVAL_FUNCTIONS = "六", "行政审批、审核、备案职能的变化"
    SPECIAL_FUNDS = "七", "重要专项资金的分配和使用"
    CIVIL_SERVANTS = "九", "公务员招录、选拔任用、评先评优的条件、程序和结果"
    OTHER = "十", "其他事项"


CATEGORY_LABELS: dict[Category, str] = Category.labels()


def category_label(category: Category) -> str:
    """The category as the source prints it, e.g. ``（九）公务员招录…``."""
    return f"（{category.value}）{CATEGORY_LABELS[category]}"


class ExemptionGround(Labelled):
    """附件2 第七条: matters that are not pre-disclosed."""

    STATE_SECRET = "state_secret", "涉及国家秘密"
    COMMERCIAL_SECRET = "commercial_secret", "涉及商业秘密"
    PERSONAL_PRIVACY = "personal_privacy", "涉及个人隐私"
    INSTABILITY = "instability", "公开后可能影响社会稳定"


EXEMPTION_LABELS: dict[ExemptionGround, str] = ExemptionGround.labels()


class Channel(Labelled):
    """附件2 第五条: where the draft (and the adoption report) is published."""

    BROADCAST = "broadcast", "广播"
    TELEVISION = "television", "电视"
    NEWSPAPER = "newspaper", "报纸"
    PORTAL = "portal", "政府门户网站政务公开专栏"
    NOTICE_BOARD = "notice_board", "固定公开栏"
    OTHER = "other", "其他便于公众知晓的渠道"


CHANNEL_LABELS: dict[Channel, str] = Channel.labels()


class CommentChannel(Labelled):
    """附件2 第六条(二): how a comment came in."""

    EMAIL = "email", "电子邮件"
    POST = "post", "信函"
    PORTAL = "portal", "门户网站留言"
    PHONE = "phone", "电话"
    FAX = "fax", "传真"
    IN_PERSON = "in_person", "现场"
    OTHER = "other", "其他方式"


COMMENT_CHANNEL_LABELS: dict[CommentChannel, str] = CommentChannel.labels()


# 附件2 第五条/第六条(二): the way of commenting a notice offers, for each channel a comment
# may come in by (in person and "other" are never a way a notice offers).
OFFERED_BY: dict[CommentChannel, str] = {
    CommentChannel.EMAIL: "email",
    CommentChannel.POST: "postal_address",
    CommentChannel.PORTAL: "portal",
    CommentChannel.PHONE: "phone",
    CommentChannel.FAX: "fax",
}


class Outcome(Labelled):
    ADOPTED = "adopted", "采纳"
    PARTLY_ADOPTED = "partly_adopted", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


OUTCOME_LABELS: dict[Outcome, str] = Outcome.labels()


class Stage(StrEnum):
    DRAFTED = "drafted"
    CLEARED = "cleared"  # confidentiality review cleared
    EXEMPT = "exempt"  # 第七条: never pre-disclosed
    APPROVED = "approved"  # collective discussion approved
    PUBLISHED = "published"
    ADOPTION_COMPLETED = "adoption_completed"
    REPORTED = "reported"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


# --- value objects ---------------------------------------------------------------


class Explanation(Frozen):
    """起草说明 (附件2 第四条(二)): background, legal and policy basis, main content."""

    background: str
    basis: str
    main_content: str


class DraftVersion(Frozen):
    version: int
    text: str
    explanation: Explanation
    note: str
    on: date


class CommentWays(Frozen):
    """Every way the public may comment: the bureau's own addresses, all public."""

    email: str | None = None
    postal_address: str | None = None
    portal: str | None = None
    phone: str | None = None
    fax: str | None = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in self.model_dump().items() if v}

    def listed(self) -> list[dict[str, str]]:
        """The ways given, in a fixed order (a list keeps it through JSON with sorted keys)."""
        return [{"kind": k, "value": v} for k, v in self.given().items()]


class Publication(Frozen):
    """The terms of a pre-disclosure. ``closes_on`` is the closing day as announced: the
    clerk's statement (``closes_stated``), or as the calendar computed it when recorded;
    None while the calendar of its year is missing (the day is then derived where it is
    read). ``adoption_days`` is the reading that shows a stalled adoption on the board.

    ``contact`` is the contact office; ``contact_person`` and ``contact_phone`` the bureau's
    official contact the notices name (public by purpose, never a commenter's data), and
    ``download_url`` the portal address of the draft and its explanation as files. Each is
    unset in a publication recorded before the ledger kept it."""

    on: date
    version: int
    channels: tuple[Channel, ...]
    channel_detail: str | None
    ways: CommentWays
    days: int
    closes_on: date | None
    shortened_reason: str | None
    contact: str
    policy_version: str
    normal_days: int
    closes_stated: bool = False
    adoption_days: int | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    download_url: str | None = None


class Window(Frozen):
    """One comment window: ``days`` days from ``start``, closing at 24:00 of its last day.

    ``closes_on`` is that day as announced (stated by the clerk when ``stated``, else as
    computed when recorded), or None while the working-day calendar of its year is missing.
    The window never closes before the legal end of its period, whatever was announced."""

    kind: str  # "published" | "extended" | "reopened"
    start: date
    days: int
    closes_on: date | None
    reason: str | None
    recorded_on: date
    stated: bool = False

    @property
    def nominal_last(self) -> date:
        """The ``days``-th day after ``start``: the earliest the window can close (民法典 第二百零一条)."""
        return self.start + timedelta(days=self.days)

    def last_day(self, computed: date | None = None) -> date | None:
        """The last day as far as it is known: the later of the announced and the computed day."""
        known = [d for d in (self.closes_on, computed) if d is not None]
        return max(known) if known else None

    def holds(self, day: date, computed: date | None = None) -> bool:
        """Whether ``day`` is inside; with the last day unknown, up to the nominal last day."""
        last = self.last_day(computed) or self.nominal_last
        return self.start <= day <= last


class Comment(Frozen):
    comment_id: str
    channel: CommentChannel
    received: date
    text: str
    commenter: str | Sealed | None  # personal: sealed (plain only in old ledgers), never in a notice
    contact: str | Sealed | None  # personal: sealed (plain only in old ledgers), never in a notice
    late: bool
    unoffered: bool = False  # came by a way the notice did not offer (flagged, 第六条(二))
    # the first comment of the same letter, e-mail, call or message: one person's submission
    # (one 人次) may hold several comments, each assessed on its own
    submitted_with: str | None = None


class Assessment(Frozen):
    outcome: Outcome
    reason: str | None
    opinion: str | None
    on: date


class Opinion(Frozen):
    key: str
    summary: str
    concentrated: bool
    response: str | None  # what was done about it


class Argumentation(Frozen):
    """专家论证 (附件2 第二条): who argued, when, and what they concluded, on which version."""

    on: date
    version: int
    experts: tuple[str, ...]
    conclusion: str


class Explained(Frozen):
    """政策解释 (附件2 第六条(一)): an explanation of questions the public cares about."""

    on: date
    title: str
    text: str
    channels: tuple[Channel, ...]


class Report(Frozen):
    on: date
    channels: tuple[Channel, ...]
    note: str | None

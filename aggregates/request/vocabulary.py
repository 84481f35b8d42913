"""The request system's vocabulary: articles of the Regulations (条例, 国务院令第711号),
policy keys, the requester's kinds and channels of the national format (国办公开办函〔2021〕30号),
every outcome with its row of table 三 and its article, and the results of review and litigation."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aggregates.base import Frozen, Labelled

REG = "国务院令第711号"
FORMAT = "国办公开办函〔2021〕30号"
ART_REQUEST = f"{REG} 第二十九条"
ART_RECEIPT = f"{REG} 第三十一条"
ART_SUPPLEMENT = f"{REG} 第三十条"
ART_THIRD_PARTY = f"{REG} 第三十二条"
ART_ANSWER = f"{REG} 第三十三条"
ART_FEES = f"{REG} 第四十二条"
ART_REMEDY = f"{REG} 第五十一条"

# policy keys (the numbers live in policy data, never here)
SUPPLEMENT_DAYS = "request.supplement_working_days"
THIRD_PARTY_DAYS = "request.third_party_working_days"
ANSWER_DAYS = "request.answer_working_days"
EXTENSION_DAYS = "request.extension_working_days_max"


class RequesterKind(Labelled):
    """The columns of table 三: a natural person, or one of the five kinds of legal person."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


REQUESTER_LABELS: dict[RequesterKind, str] = RequesterKind.labels()


class Channel(Labelled):
    """How the request came (第二十九条); the day of receipt follows from it (第三十一条)."""

    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "邮寄（需签收）"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "互联网在线申请"


CHANNEL_LABELS: dict[Channel, str] = Channel.labels()
# 第三十一条: (一) in person, the day submitted; (二) by post that is signed for, the day the bureau
# signs; by ordinary letter, the day confirmed with the requester; (三) online or by fax, the day
# both sides confirm it (e-mail is an internet channel)
RECEIPT_RULES: dict[Channel, tuple[str, str]] = {
    Channel.IN_PERSON: ("submitted", "it is submitted (当面提交的，以提交之日为收到申请之日)"),
    Channel.REGISTERED_POST: ("signed_for", "the bureau signs for it (以行政机关签收之日为收到申请之日)"),
    Channel.ORDINARY_LETTER: ("confirmed", "it is confirmed with the requester (确认之日为收到申请之日)"),
    Channel.FAX: ("confirmed", "both sides confirm it (以双方确认之日为收到申请之日)"),
    Channel.EMAIL: ("confirmed", "both sides confirm it (以双方确认之日为收到申请之日)"),
    Channel.ONLINE: ("confirmed", "both sides confirm it (以双方确认之日为收到申请之日)"),
}  # fmt: skip


class Category(Labelled):
    """The rows 三(一)–(六) of table 三."""

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD = "withheld", "不予公开"
    UNAVAILABLE = "unavailable", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    OTHER = "other", "其他处理"


CATEGORY_LABELS: dict[Category, str] = Category.labels()
CATEGORY_ROWS = {
    Category.DISCLOSED: "（一）",
    Category.PARTIAL: "（二）",
    Category.WITHHELD: "（三）",
    Category.UNAVAILABLE: "（四）",
    Category.NOT_PROCESSED: "（五）",
    Category.OTHER: "（六）",
}


class Outcome(Labelled):
    """Every cell row of table 三(一)–(六), in the format's order: a category and, where the
    format splits it, its ground. ``OUTCOMES`` gives each its category and article."""

    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    STATE_SECRET = "state_secret", "属于国家秘密"
    LAW_FORBIDS = "law_forbids", "其他法律行政法规禁止公开"
    ENDANGERS = "endangers", "危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "保护第三方合法权益"
    INTERNAL = "internal", "属于三类内部事务信息"
    PROCESS = "process", "属于四类过程性信息"
    ENFORCEMENT = "enforcement", "属于行政执法案卷"
    INQUIRY = "inquiry", "属于行政查询事项"
    NOT_HELD = "not_held", "本机关不掌握相关政府信息"
    NEEDS_MAKING = "needs_making", "没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "补正后申请内容仍不明确"
    PETITION = "petition", "信访举报投诉类申请"
    REPEAT = "repeat", "重复申请"
    PUBLICATION = "publication", "要求提供公开出版物"
    EXCESSIVE = "excessive", "无正当理由大量反复申请"
    CONFIRM = "confirm", "要求行政机关确认或重新出具已获取信息"
    ABANDONED = "abandoned", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    UNPAID = "unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "other", "其他"


OUTCOME_LABELS: dict[Outcome, str] = Outcome.labels()

_C = Category
# outcome -> (category, the article it rests on)
OUTCOMES: dict[Outcome, tuple[Category, str]] = {
    Outcome.DISCLOSED: (_C.DISCLOSED, f"{REG} 第三十六条第（一）项、第（二）项"),
    Outcome.PARTIAL: (_C.PARTIAL, f"{REG} 第三十七条"),
    Outcome.STATE_SECRET: (_C.WITHHELD, f"{REG} 第十四条"),
    Outcome.LAW_FORBIDS: (_C.WITHHELD, f"{REG} 第十四条"),
    Outcome.ENDANGERS: (_C.WITHHELD, f"{REG} 第十四条"),
    Outcome.THIRD_PARTY: (_C.WITHHELD, f"{REG} 第十五条"),
    Outcome.INTERNAL: (_C.WITHHELD, f"{REG} 第十六条第一款"),
    Outcome.PROCESS: (_C.WITHHELD, f"{REG} 第十六条第二款"),
    Outcome.ENFORCEMENT: (_C.WITHHELD, f"{REG} 第十六条第二款"),
    Outcome.INQUIRY: (_C.WITHHELD, f"{REG} 第三十六条第（七）项"),
    Outcome.NOT_HELD: (_C.UNAVAILABLE, f"{REG} 第三十六条第（四）项、第（五）项"),
    Outcome.NEEDS_MAKING: (_C.UNAVAILABLE, f"{REG} 第三十八条"),
    Outcome.STILL_UNCLEAR: (_C.UNAVAILABLE, f"{REG} 第三十条"),
    Outcome.PETITION: (_C.NOT_PROCESSED, f"{REG} 第三十九条第一款"),
    Outcome.REPEAT: (_C.NOT_PROCESSED, f"{REG} 第三十六条第（六）项"),
    Outcome.PUBLICATION: (_C.NOT_PROCESSED, f"{REG} 第三十九条第二款"),
    Outcome.EXCESSIVE: (_C.NOT_PROCESSED, f"{REG} 第三十五条"),
    Outcome.CONFIRM: (_C.NOT_PROCESSED, f"{FORMAT} 三（五）5; {REG} 第三十八条, 本台账读作"),
    Outcome.ABANDONED: (_C.OTHER, f"{REG} 第三十条"),
    Outcome.UNPAID: (_C.OTHER, f"{REG} 第四十二条"),
    Outcome.OTHER: (_C.OTHER, f"{FORMAT} 三（六）3"),
}


def category_of(outcome: Outcome) -> Category:
    return OUTCOMES[outcome][0]


def article_of(outcome: Outcome) -> str:
    return OUTCOMES[outcome][1]


class CaseKind(Labelled):
    REVIEW = "review", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class CaseResult(Labelled):
    """The columns of table 四 (条例 第五十一条)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


CASE_RESULT_LABELS: dict[CaseResult, str] = CaseResult.labels()


class ConsultKind(Labelled):
    """Who is consulted (第三十二条: a third party; 第三十三条: other bodies as well)."""

    THIRD_PARTY = "third_party", "第三方"
    OTHER_BODY = "other_body", "其他机关"


class Stage(StrEnum):
    RECEIVED = "received"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    ANSWERED = "answered"


class Supplement(Frozen):
    """A request to supplement (补正, 第三十条): asked once, what is unclear, by when."""

    asked_on: date
    unclear: str
    due: date  # the reasonable period the notice gives
    received_on: date | None = None


class Consultation(Frozen):
    consultation_id: str
    kind: ConsultKind
    matter: str  # what is asked of them (no names)
    sent_on: date
    ends_on: date | None  # a third party's last day (policy's days); None: another body, or no calendar
    replied_on: date | None = None
    opinion: str | None = None


class Extension(Frozen):
    days: int
    reason: str
    approved_by: str
    on: date


class Answer(Frozen):
    on: date
    outcome: Outcome
    note: str | None
    on_the_spot: bool
    fee: str  # yuan, exact decimal as text (信息处理费, 第四十二条)


class Case(Frozen):
    """A review (行政复议) or a suit (行政诉讼) about the request, and its result."""

    case_id: str
    kind: CaseKind
    prior_review: bool  # a suit after a review (复议后起诉)
    filed_on: date
    result: CaseResult = CaseResult.PENDING
    decided_on: date | None = None

"""The open-day system's vocabulary (附件4): articles, policy keys, forms, sites, kinds of
representative, channels, ties and stages, the value objects an open day records, and
how old someone is on a day."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from aggregates.base import Frozen, Labelled
from aggregates.privacy import Sealed

ART_LEAD = "附件4 第二条"
ART_PARTICIPANTS = "附件4 第三条"
ART_SITES = "附件4 第四条"
ART_RECRUIT = "附件4 第五条"
ART_CONTENT = "附件4 第六条"
ART_FORMS = "附件4 第七条"
ART_SUPERVISION = "附件4 第八条"
# 18 on the day they turn 18; a 29 February birthday falls on 28 February in other years
# (民法典 第二百零二条: without a corresponding day, the last day of the month).
ART_AGE = "附件4 第三条; 民法典 第二百零二条"

# policy keys (the numbers live in policy data, never here)
RECRUIT_DAYS = "open_day.recruit_working_days_before"
PUBLICISE_DAYS = "open_day.publicise_working_days_before"
PUBLICITY_DAYS = "open_day.publicity_working_days"
ANSWER_DAYS = "open_day.answer_working_days"
SUPERVISION_DAYS = "open_day.supervision_working_days"
MINIMUM_AGE = "open_day.minimum_age"


class Form(Labelled):
    """附件4 第七条."""

    SITE_VISIT = "site_visit", "参观调研"  # (一) 参观调研
    SYMPOSIUM = "symposium", "座谈交流"  # (二) 座谈交流


FORM_LABELS: dict[Form, str] = Form.labels()
FORM_ITEMS = {Form.SITE_VISIT: "(一)", Form.SYMPOSIUM: "(二)"}


class SiteKind(Labelled):
    """附件4 第四条 (and 第七条(一)); a symposium may meet in a meeting venue."""

    FINANCIAL_INSTITUTION = "financial_institution", "金融机构场所"
    INFRASTRUCTURE = "infrastructure", "涉及融资的重大基础设施工程"
    KEY_PROJECT = "key_project", "重点建设项目"
    RURAL_REVITALISATION = "rural_revitalisation", "金融支持乡村振兴的项目现场"
    ENTERPRISE = "enterprise", "金融服务实体经济的企业"
    MEETING_VENUE = "meeting_venue", "座谈会场"
    OTHER = "other", "其他场所"  # 第四条 "主要包括": an open list; the plan describes it


SITE_LABELS: dict[SiteKind, str] = SiteKind.labels()


class RepresentativeKind(Labelled):
    """附件4 第三条, in its order."""

    NPC_DEPUTY = "npc_deputy", "人大代表"
    CPPCC_MEMBER = "cppcc_member", "政协委员"
    CITIZEN = "citizen", "普通群众"
    TALENT = "talent", "引进人才"
    ENTREPRENEUR = "entrepreneur", "创业者"
    WORKER_REPRESENTATIVE = "worker_representative", "职工代表"
    COMMUNITY_WORKER = "community_worker", "社区工作者"
    NETIZEN = "netizen", "网民代表"
    MODEL_WORKER = "model_worker", "各行各业先进人物代表"
    OTHER = "other", "其他代表"  # 第三条 "主要包括": an open list; the plan describes it


KIND_LABELS: dict[RepresentativeKind, str] = RepresentativeKind.labels()
# the kinds 第三条 names (the notice lists these; "other" is described by each plan)
NAMED_KINDS = tuple(k for k in RepresentativeKind if k is not RepresentativeKind.OTHER)


class Channel(Labelled):
    """How representatives are recruited (附件4 第五条)."""

    PORTAL = "portal", "政府门户网"
    MEDIA = "media", "新闻媒体"
    WECHAT = "wechat", "微信公众号"
    RECOMMENDATION = "recommendation", "组织推荐"


CHANNEL_LABELS: dict[Channel, str] = Channel.labels()


class Tie(Labelled):
    """The representative's tie to Yanjiang (在雁工作、生活、学习, 第三条)."""

    WORK = "work", "在雁工作"
    LIVE = "live", "在雁生活"
    STUDY = "study", "在雁学习"


TIE_LABELS: dict[Tie, str] = Tie.labels()


class Stage(StrEnum):
    PLANNED = "planned"
    RECRUITING = "recruiting"
    PUBLICISED = "publicised"
    HELD = "held"
    CANCELLED = "cancelled"


class Recruitment(Frozen):
    on: date
    channels: tuple[Channel, ...]
    how_to_apply: str | None
    contact: str
    closes_on: date


class Representative(Frozen):
    """A registered representative. Only ``name`` and ``kind`` are ever publicised. The
    personal facts are sealed under the representative's subject (plain in old ledgers)."""

    rep_id: str
    name: str | Sealed
    kind: RepresentativeKind
    birth_date: date | Sealed
    tie: Tie
    place: str | Sealed
    full_capacity: bool
    contact: str | Sealed
    recommended: bool
    registered_on: date
    # 第五条: recruitment yields initial candidates (初步对象), from whom the participants are
    # confirmed. Entries recorded before the pool existed registered participants directly.
    confirmed: bool = True


class Opinion(Frozen):
    opinion_id: str
    text: str
    representative: str | None  # a rep_id; None: anonymous
    heard_on: date
    answer: str | None = None
    rectification: str | None = None  # what the answer commits to rectify
    answered_on: date | None = None
    answered_by: str | None = None
    follow_up: str | None = None
    followed_up_on: date | None = None


class Objection(Frozen):
    """An objection to the 公示 received within its period, and the answer before the day."""

    objection_id: str
    text: str | Sealed  # sealed: who objects, about whom
    received_on: date
    representative: str | None  # the rep_id it concerns, if one
    answer: str | None = None
    upheld: bool | None = None
    answered_on: date | None = None


def anniversary(birth: date, years: int) -> date:
    """The day someone born on ``birth`` turns ``years`` (29 Feb → 28 Feb in a common year)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the month's last day (民法典 第二百零二条)
        return date(birth.year + years, 2, 28)


def age_on(birth: date, day: date) -> int:
    """Full years of age on ``day`` (周岁): one more on each birthday itself."""
    years = day.year - birth.year
    return years if anniversary(birth, years) <= day else years - 1


def in_order(quotas: dict[RepresentativeKind, int]) -> dict[RepresentativeKind, int]:
    """Kinds in the order of 第三条 (stored JSON comes back sorted by name)."""
    return {k: quotas[k] for k in RepresentativeKind if k in quotas}

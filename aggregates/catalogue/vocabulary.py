"""The catalogue system's vocabulary (附件3): articles, policy keys, methods, cycles,
triggers and kinds of adjustment, the ten elements and the value objects an item records."""

from __future__ import annotations

import calendar as gregorian
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from aggregates.base import Frozen, Labelled

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ELEMENTS_ARTICLE = "附件3 第三条"
FILING_ARTICLE = "附件3 第五条"
DECREE_711_26 = "国务院令第711号 第二十六条"
UPDATE_KEY = "catalogue.update_working_days"
ADJUSTMENT_KEY = "catalogue.adjustment_working_days"
FILING_KEY = "catalogue.filing_working_days"
# An adjustment is published 及时 (第四条): the period is a reading (本台账读作), by analogy
# with Decree 711 第二十六条.
ADJUSTMENT_CITATION = "附件3 第四条（及时）, 本台账读作"


class Method(StrEnum):
    PROACTIVE = "proactive"  # 主动公开
    ON_REQUEST = "on_request"  # 依申请公开


METHOD_LABELS = {Method.PROACTIVE: "主动公开", Method.ON_REQUEST: "依申请公开"}


class Cycle(StrEnum):
    WORKING_DAYS = "working_days"  # within N working days of being formed or changed
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    ANNUAL_DATE = "annual_date"  # by a fixed date each year (the annual report: 31 January)


CYCLE_LABELS = {
    Cycle.MONTHLY: "每月更新",
    Cycle.QUARTERLY: "每季度更新",
    Cycle.YEARLY: "每年更新",
    Cycle.ANNUAL_DATE: "每年定期更新",
}


MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class UpdateLimit(Frozen):
    """信息更新时间: N working days after the information is formed or changed, a fixed cycle,
    or a fixed date each year. ``basis`` is the law that sets an item's own limit in place of
    the default (Decree 711 第二十六条: 另有规定的，从其规定)."""

    cycle: Cycle = Cycle.WORKING_DAYS
    working_days: int | None = Field(default=None, ge=1)
    month_day: str | None = Field(default=None, pattern=MONTH_DAY)
    basis: str | None = None

    def text(self) -> str:
        basis = f"（{self.basis}）" if self.basis else ""
        if self.cycle is Cycle.WORKING_DAYS:
            return f"信息形成或者变更之日起{self.working_days}个工作日内{basis}"
        if self.cycle is Cycle.ANNUAL_DATE:
            month, day = (int(x) for x in (self.month_day or "12-31").split("-"))
            return f"每年{month}月{day}日前{basis}"
        return CYCLE_LABELS[self.cycle] + basis

    def nearest_fixed_date(self, day: date) -> date:
        """The fixed date a refresh on ``day`` meets: the nearest one, early or late (a report
        due 31 January and published in February is that year's report, late)."""
        month, dd = (int(x) for x in (self.month_day or "12-31").split("-"))
        candidates = [date(day.year + k, month, dd) for k in (-1, 0, 1)]
        return min(candidates, key=lambda d: (abs((d - day).days), d < day))

    def next_fixed_date(self, after: date) -> date:
        """The first fixed date on or after ``after`` (for ``ANNUAL_DATE``)."""
        month, day = (int(x) for x in (self.month_day or "12-31").split("-"))
        due = date(after.year, month, day)
        return due if due >= after else date(after.year + 1, month, day)


class Elements(Frozen):
    """The ten elements of a catalogue item (附件3 第三条)."""

    title: Text  # 公开事项
    content: Text  # 公开内容
    update_limit: UpdateLimit  # 信息更新时间
    discloser: Text  # 公开主体
    supplier: Text  # 信息保障单位
    channels: tuple[Text, ...] = Field(min_length=1)  # 公开渠道
    column: Text  # 公开栏目
    legal_basis: tuple[Text, ...] = Field(min_length=1)  # 公开依据
    audience: Text  # 公开对象
    method: Method  # 公开方式

    def texts(self) -> dict[str, str]:
        """Each element as the public reads it, keyed by field name, in the order of 第三条."""
        return {
            "title": self.title,
            "content": self.content,
            "update_limit": self.update_limit.text(),
            "discloser": self.discloser,
            "supplier": self.supplier,
            "channels": "、".join(self.channels),
            "column": self.column,
            "legal_basis": "；".join(self.legal_basis),
            "audience": self.audience,
            "method": METHOD_LABELS[self.method],
        }


ELEMENT_LABELS = {
    "title": "公开事项",
    "content": "公开内容",
    "update_limit": "信息更新时间",
    "discloser": "公开主体",
    "supplier": "信息保障单位",
    "channels": "公开渠道",
    "column": "公开栏目",
    "legal_basis": "公开依据",
    "audience": "公开对象",
    "method": "公开方式",
}


class Trigger(Labelled):
    """Why the catalogue is adjusted (附件3 第四条)."""

    LAW = "law", "法律法规新立、修订或废止"  # (一) a law or regulation made, revised or repealed
    ELEMENTS = "elements", "政务公开事项要素发生变化"  # (二) an element of an item changed
    FUNCTIONS = "functions", "机构、单位职能调整或职权发生变化"  # (三) a unit's functions or powers changed
    OTHER = "other", "其他需要增加、取消的情形"  # (四) other additions or cancellations


TRIGGER_ARTICLES = {
    Trigger.LAW: "附件3 第四条(一)",
    Trigger.ELEMENTS: "附件3 第四条(二)",
    Trigger.FUNCTIONS: "附件3 第四条(三)",
    Trigger.OTHER: "附件3 第四条(四)",
}

TRIGGER_LABELS: dict[Trigger, str] = Trigger.labels()


class AdjustmentKind(Labelled):
    ADDED = "added", "新增"
    CHANGED = "changed", "变更"
    REMOVED = "removed", "删除"


KIND_LABELS: dict[AdjustmentKind, str] = AdjustmentKind.labels()

# 第四条: (一) 新增、变更或删除; (二) 要素发生变化; (三) 职能调整; (四) 其他需要增加、取消的情形
ALLOWED_KINDS = {
    Trigger.LAW: frozenset(AdjustmentKind),
    Trigger.ELEMENTS: frozenset({AdjustmentKind.CHANGED}),
    Trigger.FUNCTIONS: frozenset(AdjustmentKind),
    Trigger.OTHER: frozenset({AdjustmentKind.ADDED, AdjustmentKind.REMOVED}),
}


class Reason(Frozen):
    """The trigger of an adjustment and its grounds (调整依据), e.g. the law and when it took effect."""

    trigger: Trigger
    grounds: Text
    triggered_on: date  # the change that triggered it; for 第四条(一), the day the law took effect


class ElementChange(Frozen):
    element: str  # field name of :class:`Elements`
    old: str
    new: str


class Adjustment(Frozen):
    """One adjustment of an item and how far it has gone: published, filed, accepted."""

    number: int
    kind: AdjustmentKind
    reason: Reason
    changes: tuple[ElementChange, ...]
    adjusted_on: date
    publish_within: int
    policy_version: str
    published_on: date | None = None
    file_within: int | None = None
    filed_on: date | None = None
    accepted_on: date | None = None  # the group's optional act: never a deadline of the unit
    accepted_by: str | None = None


class InfoChange(StrEnum):
    FORMED = "formed"  # 形成
    CHANGED = "changed"  # 变更


class Information(Frozen):
    """Information under an item that was formed or changed, and when it was published."""

    number: int
    change: InfoChange
    subject: str
    formed_on: date
    within: int | None  # working days to publish it; None when the item's cycle governs
    published_on: date | None = None


def period_end(day: date, cycle: Cycle) -> date:
    """The last day of the month, quarter or year that ``day`` falls in."""
    if cycle is Cycle.MONTHLY:
        month = day.month
    elif cycle is Cycle.QUARTERLY:
        month = (day.month - 1) // 3 * 3 + 3
    else:
        month = 12
    return date(day.year, month, gregorian.monthrange(day.year, month)[1])

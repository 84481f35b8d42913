"""The disclosure catalogue (政务公开事项清单, 附件3): items, their adjustment, filing and freshness.

A :class:`CatalogueItem` fixes the ten elements of 附件3 第三条. After the catalogue is
published, every addition, change or removal is an adjustment with its trigger
(第四条(一)–(四)) and grounds; the adjustment is published, then filed (备案) with the
leadership group (第五条), which accepts the filing. The information under an item is
kept fresh within the item's own update limit (Decree 711 第二十六条 by default).

A unit's item codes live in a :class:`CatalogueIndex` (one per unit, deterministic id):
a code names one item forever, so a removed item keeps its code and its history.
"""

from __future__ import annotations

import calendar as gregorian
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import Field, StringConstraints

from aggregates.base import Aggregate, Event, Frozen, Stamp, stable_id
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count, Obligation
from aggregates.org import Unit, UnitKind
from aggregates.policy import Policy
from aggregates.public import PublicFact

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ELEMENTS_ARTICLE = "附件3 第三条"
FILING_ARTICLE = "附件3 第五条"
DECREE_711_26 = "国务院令第711号 第二十六条"
UPDATE_KEY = "catalogue.update_working_days"
ADJUSTMENT_KEY = "catalogue.adjustment_working_days"
FILING_KEY = "catalogue.filing_working_days"
ACCEPTANCE_KEY = "catalogue.acceptance_working_days"


class Method(StrEnum):
    PROACTIVE = "proactive"  # 主动公开
    ON_REQUEST = "on_request"  # 依申请公开


METHOD_LABELS = {Method.PROACTIVE: "主动公开", Method.ON_REQUEST: "依申请公开"}


class Cycle(StrEnum):
    WORKING_DAYS = "working_days"  # within N working days of being formed or changed
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


CYCLE_LABELS = {Cycle.MONTHLY: "每月更新", Cycle.QUARTERLY: "每季度更新", Cycle.YEARLY: "每年更新"}


class UpdateLimit(Frozen):
    """信息更新时间: N working days after the information is formed or changed, or a fixed cycle."""

    cycle: Cycle = Cycle.WORKING_DAYS
    working_days: int | None = Field(default=None, ge=1)

    def text(self) -> str:
        if self.cycle is Cycle.WORKING_DAYS:
            return f"信息形成或者变更之日起{self.working_days}个工作日内"
        return CYCLE_LABELS[self.cycle]


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


class Trigger(StrEnum):
    """Why the catalogue is adjusted (附件3 第四条)."""

    LAW = "law"  # (一) a law or regulation made, revised or repealed
    ELEMENTS = "elements"  # (二) an element of an item changed
    FUNCTIONS = "functions"  # (三) a unit's functions or powers changed
    OTHER = "other"  # (四) other additions or cancellations


TRIGGER_ARTICLES = {
    Trigger.LAW: "附件3 第四条(一)",
    Trigger.ELEMENTS: "附件3 第四条(二)",
    Trigger.FUNCTIONS: "附件3 第四条(三)",
    Trigger.OTHER: "附件3 第四条(四)",
}

TRIGGER_LABELS = {
    Trigger.LAW: "法律法规新立、修订或废止",
    Trigger.ELEMENTS: "政务公开事项要素发生变化",
    Trigger.FUNCTIONS: "机构、单位职能调整或职权发生变化",
    Trigger.OTHER: "其他需要增加、取消的情形",
}


class AdjustmentKind(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


KIND_LABELS = {AdjustmentKind.ADDED: "新增", AdjustmentKind.CHANGED: "变更", AdjustmentKind.REMOVED: "删除"}

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
    accept_within: int | None = None
    accepted_on: date | None = None
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


def settle_elements(elements: Elements, policy: Policy) -> Elements:
    """Fill the default update limit from policy and check it against Decree 711 第二十六条."""
    limit = elements.update_limit
    default = policy.number(UPDATE_KEY)
    if limit.cycle is not Cycle.WORKING_DAYS:
        if limit.working_days is not None:
            raise InvalidInput(
                "update_working_days",
                f"a {limit.cycle.value} update cycle takes no working-day count",
                ELEMENTS_ARTICLE,
            )
        return elements
    if limit.working_days is None:
        return elements.model_copy(update={"update_limit": UpdateLimit(working_days=default)})
    if elements.method is Method.PROACTIVE and limit.working_days > default:
        raise InvalidInput(
            "update_working_days",
            f"proactively disclosed information is published within {default} working days "
            f"of being formed or changed; {limit.working_days} is longer",
            policy.cite(UPDATE_KEY),
        )
    return elements


def check_reason(reason: Reason, kind: AdjustmentKind) -> None:
    if kind not in ALLOWED_KINDS[reason.trigger]:
        allowed = " or ".join(sorted(k.value for k in ALLOWED_KINDS[reason.trigger]))
        raise InvalidInput(
            "trigger",
            f"{TRIGGER_ARTICLES[reason.trigger]} ({TRIGGER_LABELS[reason.trigger]}) "
            f"justifies an item being {allowed}, not {kind.value}",
            TRIGGER_ARTICLES[reason.trigger],
        )


def make_reason(
    trigger: Trigger | None, grounds: str | None, triggered_on: date | None, adjusted_on: date
) -> Reason | None:
    """The reason of an adjustment from a clerk's input, or None when none is given."""
    if trigger is None:
        if grounds or triggered_on:
            raise InvalidInput("trigger", "grounds and a trigger date go with a trigger", "附件3 第四条")
        return None
    if not grounds or not grounds.strip():
        raise InvalidInput(
            "grounds", "an adjustment states its grounds (调整依据), which are filed with it", FILING_ARTICLE
        )
    if trigger is Trigger.LAW and triggered_on is None:
        raise InvalidInput(
            "triggered_on",
            "a law-triggered adjustment gives the day the law or regulation took effect",
            TRIGGER_ARTICLES[Trigger.LAW],
        )
    return Reason(trigger=trigger, grounds=grounds, triggered_on=triggered_on or adjusted_on)


def require_reason(reason: Reason | None) -> Reason:
    if reason is None:
        raise InvalidInput(
            "trigger", "an adjustment names its trigger: law, elements, functions or other", "附件3 第四条"
        )
    return reason


# Facts a correction may not replace: the item's key in its unit's index, and the
# numbers that tie an adjustment to its publication, filing and acceptance.
_LINK = (
    "{} links this entry to the item's others and is the ledger's own; "
    "correct the other facts, or retract the entry and record it again"
)
FIXED_FACTS = {
    event: {key: _LINK.format(key) for key in keys}
    for event, keys in {
        "Established": ("unit", "code"),
        "Adjusted": ("number",),
        "Published": ("adjustment",),
        "Filed": ("adjustment",),
        "Accepted": ("adjustment",),
        "InformationRecorded": ("number",),
    }.items()
}


class CatalogueIndex(Aggregate):
    """A unit's catalogue codes; a code, once claimed, names one item forever."""

    kind = "catalogue-index"

    unit: str
    codes: dict[str, UUID]

    @staticmethod
    def id_for(unit: str) -> UUID:
        return stable_id("catalogue-index", unit)

    @classmethod
    def open(cls, stamp: Stamp, unit: str) -> CatalogueIndex:
        return cls._create(cls.id_for(unit), cls.Opened, stamp, unit=unit)

    def item_id(self, code: str) -> UUID | None:
        return self.codes.get(code)

    def claim(self, stamp: Stamp, code: str, item_id: UUID) -> None:
        if code in self.codes:
            raise Refused(
                "code",
                f"{self.unit}/{code} is already an item of {self.unit}'s catalogue; an item code is "
                "unique within its unit and is never reused, even after the item is removed",
                ELEMENTS_ARTICLE,
            )
        self._trigger(self.CodeClaimed, stamp, code=code, item_id=item_id)

    class Opened(Event):
        creates = True
        unit: str

        def apply(self, index: CatalogueIndex) -> None:
            index.unit = self.unit
            index.codes = {}

    class CodeClaimed(Event):
        code: str
        item_id: UUID

        def apply(self, index: CatalogueIndex) -> None:
            index.codes = {**index.codes, self.code: self.item_id}

        def summary(self) -> str:
            return f"{self.code} → {self.item_id}"


class CatalogueItem(Aggregate):
    """One item of a unit's disclosure catalogue, with every adjustment it went through."""

    kind = "catalogue-item"
    fixed_facts = FIXED_FACTS

    unit: str
    unit_name: str
    code: str
    elements: Elements  # as recorded, including an adjustment not yet published
    established_on: date
    published_elements: Elements | None  # as last published
    published_on: date | None  # first publication
    last_published_on: date | None
    published_removed: bool  # the published catalogue no longer lists it
    removed_on: date | None
    adjustments: dict[int, Adjustment]
    information: dict[int, Information]
    last_updated: date | None

    # --- deciding -----------------------------------------------------------------

    @classmethod
    def establish(
        cls,
        id: UUID,
        stamp: Stamp,
        unit: Unit,
        code: str,
        elements: Elements,
        policy: Policy,
        reason: Reason | None = None,
        catalogue_published_on: date | None = None,
    ) -> CatalogueItem:
        """A new item; with a ``reason`` it is an addition to a published catalogue (第四条).

        ``catalogue_published_on`` is when the unit's catalogue was first published (None
        if it was not by the stamp's date): from then on a new item is an adjustment.
        """
        if not unit.active:
            raise Refused("unit", f"unit {unit.code} is closed")
        if reason is None and catalogue_published_on is not None:
            raise InvalidInput(
                "trigger",
                f"{unit.code}'s catalogue was published on {catalogue_published_on}; a new item is an "
                "adjustment (added): name its trigger and grounds",
                "附件3 第四条",
            )
        if unit.unit_kind not in (UnitKind.SECTION, UnitKind.OFFICE):
            raise InvalidInput(
                "unit", f"{unit.code} is not a 股室/中心 or the office; items belong to those", "附件3 第一条"
            )
        elements = settle_elements(elements, policy)
        if reason is not None:
            check_reason(reason, AdjustmentKind.ADDED)
        item = cls._create(
            id, cls.Established, stamp, unit=unit.code, unit_name=unit.name, code=code, elements=elements
        )
        if reason is not None:
            changes = tuple(ElementChange(element=k, old="", new=v) for k, v in elements.texts().items())
            item._adjust(stamp, AdjustmentKind.ADDED, reason, changes, elements, policy)
        return item

    def change(self, stamp: Stamp, elements: Elements, reason: Reason, policy: Policy) -> None:
        """Change elements of the item (an adjustment, 第四条)."""
        self._check_adjustable(stamp)
        check_reason(reason, AdjustmentKind.CHANGED)
        elements = settle_elements(elements, policy)
        before, after = self.elements.texts(), elements.texts()
        changes = tuple(
            ElementChange(element=k, old=before[k], new=after[k]) for k in after if before[k] != after[k]
        )
        if not changes:
            raise InvalidInput(
                "elements",
                f"no element of {self.ref} would change; give the new value of at least one element",
                ELEMENTS_ARTICLE,
            )
        self._adjust(stamp, AdjustmentKind.CHANGED, reason, changes, elements, policy)

    def remove(self, stamp: Stamp, reason: Reason, policy: Policy) -> None:
        """Remove the item from the catalogue (an adjustment); its history stays."""
        self._check_adjustable(stamp)
        check_reason(reason, AdjustmentKind.REMOVED)
        changes = tuple(ElementChange(element=k, old=v, new="") for k, v in self.elements.texts().items())
        self._adjust(stamp, AdjustmentKind.REMOVED, reason, changes, self.elements, policy)

    def publish(self, stamp: Stamp, policy: Policy) -> None:
        """Publish the item (first time) or its pending adjustment."""
        pending = self.pending_adjustment()
        if pending is None and self.published_on is not None:
            raise Refused(
                "code", f"{self.ref} has nothing unpublished; it was published {self.last_published_on}"
            )
        since = pending.adjusted_on if pending else self.established_on
        if stamp.effective < since:
            raise Refused("effective", f"{self.ref} cannot be published before {since}, when it was recorded")
        number = pending.number if pending else None
        within = policy.number(FILING_KEY) if pending else None
        self._trigger(
            self.Published, stamp, adjustment=number, file_within=within, policy_version=policy.version
        )

    def file(self, stamp: Stamp, policy: Policy, note: str = "") -> None:
        """备案: file the published adjustment with the leadership group (附件3 第五条)."""
        waiting = [a for a in self.adjustments.values() if a.published_on and a.filed_on is None]
        if not waiting:
            pending = self.pending_adjustment()
            why = (
                f"adjustment #{pending.number} of {self.ref} is not published yet; 备案 follows publication"
                if pending
                else f"{self.ref} has no published adjustment awaiting 备案"
            )
            raise Refused("code", why, FILING_ARTICLE)
        adj = waiting[0]
        assert adj.published_on is not None
        if stamp.effective < adj.published_on:
            raise Refused(
                "effective",
                f"备案 follows publication; adjustment #{adj.number} was published {adj.published_on}",
                FILING_ARTICLE,
            )
        self._trigger(
            self.Filed,
            stamp,
            adjustment=adj.number,
            kind=adj.kind,
            reason=adj.reason,
            changes=adj.changes,
            content=self.elements,
            accept_within=policy.number(ACCEPTANCE_KEY),
            note=note,
        )

    def accept(self, stamp: Stamp, adjustment: int | None = None, note: str = "") -> None:
        """The leadership group accepts a filing (附件3 第五条)."""
        waiting = [a for a in self.adjustments.values() if a.filed_on and a.accepted_on is None]
        if adjustment is not None:
            waiting = [a for a in waiting if a.number == adjustment]
        if not waiting:
            which = f"adjustment #{adjustment} of {self.ref}" if adjustment else self.ref
            raise Refused(
                "adjustment" if adjustment else "code",
                f"no filing of {which} awaits acceptance; a unit files (备案) after publication",
                FILING_ARTICLE,
            )
        adj = waiting[0]
        assert adj.filed_on is not None
        if stamp.effective < adj.filed_on:
            raise Refused("effective", f"adjustment #{adj.number} was filed {adj.filed_on}", FILING_ARTICLE)
        self._trigger(self.Accepted, stamp, adjustment=adj.number, note=note)

    def record_information(self, stamp: Stamp, change: InfoChange, subject: str) -> None:
        """Information under the item was formed or changed: its publication is now due."""
        self._check_live("code")
        if stamp.effective < self.established_on:
            raise Refused(
                "effective",
                f"{self.ref} was established on {self.established_on}; information under it is "
                "formed after that",
                ELEMENTS_ARTICLE,
            )
        limit = self.elements.update_limit
        within = (
            limit.working_days
            if limit.cycle is Cycle.WORKING_DAYS and self.elements.method is Method.PROACTIVE
            else None
        )
        self._trigger(
            self.InformationRecorded,
            stamp,
            number=self._next_number(self.InformationRecorded, self.information),
            change=change,
            subject=subject,
            within=within,
        )

    def update_information(self, stamp: Stamp, subject: str) -> None:
        """The information under the item was published or refreshed on the stamp's date."""
        self._check_live("code")
        if self.published_on is None or stamp.effective < self.published_on:
            raise Refused(
                "effective",
                f"{self.ref} is not in the published catalogue on {stamp.effective}; publish it first",
                ELEMENTS_ARTICLE,
            )
        meets = tuple(
            i.number
            for i in self.information.values()
            if i.published_on is None and i.formed_on <= stamp.effective
        )
        self._trigger(self.InformationUpdated, stamp, subject=subject, meets=meets)

    # --- helpers --------------------------------------------------------------------

    @property
    def ref(self) -> str:
        return f"{self.unit}/{self.code}"

    def pending_adjustment(self) -> Adjustment | None:
        last = self.adjustments[max(self.adjustments)] if self.adjustments else None
        return last if last is not None and last.published_on is None else None

    def _next_number(self, event_class: type[Event], kept: dict[int, Any]) -> int:
        """The next adjustment or information number: a retracted entry's number is never reused."""
        recorded = [e.number for e in self.recorded_entries() if isinstance(e, event_class)]  # type: ignore[attr-defined]
        return max([*recorded, *kept, 0]) + 1

    def _check_live(self, field: str) -> None:
        if self.removed_on is not None:
            raise Refused(
                field,
                f"{self.ref} was removed from the catalogue on {self.removed_on}; its history is kept",
                "附件3 第四条",
            )

    def _check_adjustable(self, stamp: Stamp) -> None:
        self._check_live("code")
        pending = self.pending_adjustment()
        if pending is not None:
            raise Refused(
                "code",
                f"adjustment #{pending.number} of {self.ref} is not published yet; publish it "
                "(and file it) before adjusting the item again",
                FILING_ARTICLE,
            )
        if self.published_on is None:
            raise Refused(
                "code",
                f"{self.ref} has not been published; correct the draft catalogue before publishing "
                "instead of adjusting it",
                ELEMENTS_ARTICLE,
            )
        last = self.last_published_on or self.established_on
        if stamp.effective < last:
            raise Refused("effective", f"{self.ref} was last published {last}; an adjustment follows it")

    def _adjust(
        self,
        stamp: Stamp,
        kind: AdjustmentKind,
        reason: Reason,
        changes: tuple[ElementChange, ...],
        elements: Elements,
        policy: Policy,
    ) -> None:
        self._trigger(
            self.Adjusted,
            stamp,
            number=self._next_number(self.Adjusted, self.adjustments),
            kind=kind,
            reason=reason,
            changes=changes,
            elements=elements,
            publish_within=policy.number(ADJUSTMENT_KEY),
            policy_version=policy.version,
        )

    # --- corrections ------------------------------------------------------------------

    def complete_replacement(self, original: Event, replacement: dict[str, Any]) -> dict[str, Any]:
        """``elements`` (and ``content``) may name only the elements that were wrong.

        The unit and code (the index's key) and the numbers that link adjustments,
        publication, filing and information are the ledger's own (``fixed_facts``).
        """
        fix = self.entry_corrections().get(original.originator_version)
        now = (fix.corrected(original) if fix else None) or original
        merged = dict(replacement)
        for key in ("elements", "content"):
            if isinstance(replacement.get(key), dict) and hasattr(now, key):
                merged[key] = {**now.model_dump(mode="json")[key], **replacement[key]}
        return merged

    # --- what it owes and what it makes public -------------------------------------------

    def obligations(self) -> list[Obligation]:
        subject = f"{self.ref} {self.elements.title}"
        out: list[Obligation] = []

        def owed(
            key: str,
            what: str,
            citation: str,
            start: date,
            n: int,
            met_on: date | None,
            policy_version: str | None = None,
        ) -> Obligation:
            return Obligation(
                key=f"catalogue:{self.ref}:{key}",
                unit=self.unit,
                subject=subject,
                what=what,
                citation=citation,
                policy_version=policy_version,
                count=Count.WORKING_DAYS_AFTER,
                start=start,
                n=n,
                met_on=met_on,
            )

        for a in self.adjustments.values():
            what = f"adjustment #{a.number} ({a.kind.value}, {TRIGGER_ARTICLES[a.reason.trigger]})"
            adj, v = f"adj{a.number}", a.policy_version
            out.append(
                owed(
                    f"{adj}:publish",
                    f"{what} published",
                    f"附件3 第四条; {DECREE_711_26}",
                    a.reason.triggered_on,
                    a.publish_within,
                    a.published_on,
                    v,
                )
            )
            # each step is owed once the one before it is done: filing after publication,
            # acceptance after filing (第五条)
            if a.published_on is not None and a.file_within is not None:
                out.append(
                    owed(
                        f"{adj}:file",
                        f"{what} filed (备案) with the leadership group",
                        FILING_ARTICLE,
                        a.published_on,
                        a.file_within,
                        a.filed_on,
                        v,
                    )
                )
            if a.filed_on is not None and a.accept_within is not None:
                out.append(
                    owed(
                        f"{adj}:accept",
                        f"{what} filing accepted by the leadership group",
                        FILING_ARTICLE,
                        a.filed_on,
                        a.accept_within,
                        a.accepted_on,
                        v,
                    )
                )
        for i in self.information.values():
            if i.within is None or (self.removed_on is not None and i.published_on is None):
                continue
            what = f"information {i.change.value} {i.formed_on} published: {i.subject}"
            out.append(owed(f"info{i.number}", what, DECREE_711_26, i.formed_on, i.within, i.published_on))
        cycle = self.cycle_obligation(subject)
        if cycle is not None:
            out.append(cycle)
        return out

    def cycle_obligation(self, subject: str) -> Obligation | None:
        """The next refresh of an item on a fixed cycle: by the end of the next period."""
        cycle = self.elements.update_limit.cycle
        if cycle is Cycle.WORKING_DAYS or self.removed_on is not None or self.published_on is None:
            return None
        if self.elements.method is not Method.PROACTIVE:
            return None
        base = max(self.last_updated or self.published_on, self.published_on)
        current_end = period_end(base, cycle)
        next_end = period_end(current_end + timedelta(days=1), cycle)
        return Obligation(
            key=f"catalogue:{self.ref}:refresh",
            unit=self.unit,
            subject=subject,
            what=f"information refreshed ({CYCLE_LABELS[cycle]}; last {base})",
            citation=f"{ELEMENTS_ARTICLE} (信息更新时间)",
            count=Count.PERIOD_DAYS,
            start=current_end,
            n=(next_end - current_end).days,
        )

    def public_notices(self) -> list[PublicFact]:
        if self.published_elements is None or self.last_published_on is None:
            return []
        facts = [
            PublicFact(
                kind="catalogue.item",
                key="item",
                unit=self.unit,
                dated=self.last_published_on,
                data={
                    "unit": self.unit,
                    "unit_name": self.unit_name,
                    "code": self.code,
                    "removed": self.published_removed,
                    "elements": self.published_elements.texts(),
                },
            )
        ]
        for a in self.adjustments.values():
            if a.published_on is None:
                continue
            facts.append(
                PublicFact(
                    kind="catalogue.adjustment",
                    key=f"adjustment:{a.number}",
                    unit=self.unit,
                    dated=a.published_on,
                    data={
                        "unit": self.unit,
                        "unit_name": self.unit_name,
                        "code": self.code,
                        "number": a.number,
                        "title": self._title_at(a),
                        "kind": a.kind.value,
                        "kind_label": KIND_LABELS[a.kind],
                        "trigger_article": TRIGGER_ARTICLES[a.reason.trigger],
                        "trigger_label": TRIGGER_LABELS[a.reason.trigger],
                        "grounds": a.reason.grounds,
                        "triggered_on": a.reason.triggered_on.isoformat(),
                        "adjusted_on": a.adjusted_on.isoformat(),
                        "changes": [
                            {"element": ELEMENT_LABELS[c.element], "old": c.old, "new": c.new}
                            for c in a.changes
                        ],
                    },
                )
            )
        return facts

    def _title_at(self, a: Adjustment) -> str:
        """The item's title as adjustment ``a`` published it: never a later, unpublished one."""
        for c in a.changes:
            if c.element == "title":
                return c.new or c.old
        assert self.published_elements is not None
        title = self.published_elements.title
        for later in sorted(self.adjustments.values(), key=lambda x: x.number, reverse=True):
            if later.number <= a.number or later.published_on is None:
                continue
            for c in later.changes:
                if c.element == "title" and later.kind is AdjustmentKind.CHANGED:
                    title = c.old
        return title

    def state(self) -> dict[str, Any]:
        return {**super().state(), "ref": self.ref}

    def _mark(self, number: int, **progress: Any) -> None:
        """Record how far adjustment ``number`` has gone (for the event mutators: assigns only)."""
        adj = self.adjustments.get(number)
        if adj is not None:
            self.adjustments = {**self.adjustments, number: adj.model_copy(update=progress)}

    # --- events ---------------------------------------------------------------------

    class Established(Event):
        creates = True
        unit: str
        unit_name: str
        code: str
        elements: Elements

        def apply(self, item: CatalogueItem) -> None:
            item.unit = self.unit
            item.unit_name = self.unit_name
            item.code = self.code
            item.elements = self.elements
            item.established_on = self.effective
            item.published_elements = None
            item.published_on = None
            item.last_published_on = None
            item.published_removed = False
            item.removed_on = None
            item.adjustments = {}
            item.information = {}
            item.last_updated = None

        def summary(self) -> str:
            return f"{self.unit}/{self.code} {self.elements.title} ({self.elements.update_limit.text()})"

    class Adjusted(Event):
        number: int
        kind: AdjustmentKind
        reason: Reason
        changes: tuple[ElementChange, ...]
        elements: Elements
        publish_within: int
        policy_version: str

        def apply(self, item: CatalogueItem) -> None:
            adj = Adjustment(
                number=self.number,
                kind=self.kind,
                reason=self.reason,
                changes=self.changes,
                adjusted_on=self.effective,
                publish_within=self.publish_within,
                policy_version=self.policy_version,
            )
            item.adjustments = {**item.adjustments, self.number: adj}
            item.elements = self.elements
            if self.kind is AdjustmentKind.REMOVED:
                item.removed_on = self.effective

        def summary(self) -> str:
            what = ", ".join(ELEMENT_LABELS[c.element] for c in self.changes)
            detail = f": {what}" if self.kind is AdjustmentKind.CHANGED else ""
            return (
                f"#{self.number} {KIND_LABELS[self.kind]}{detail} "
                f"({TRIGGER_ARTICLES[self.reason.trigger]}; {self.reason.grounds})"
            )

    class Published(Event):
        adjustment: int | None
        file_within: int | None
        policy_version: str

        def apply(self, item: CatalogueItem) -> None:
            if item.published_on is None:
                item.published_on = self.effective
            item.last_published_on = self.effective
            item.published_elements = item.elements
            item.published_removed = item.removed_on is not None
            if self.adjustment:
                item._mark(self.adjustment, published_on=self.effective, file_within=self.file_within)

        def summary(self) -> str:
            return f"adjustment #{self.adjustment} published" if self.adjustment else "published"

    class Filed(Event):
        adjustment: int
        kind: AdjustmentKind
        reason: Reason
        changes: tuple[ElementChange, ...]
        content: Elements  # the content after adjustment, as filed
        accept_within: int
        note: str = ""

        def apply(self, item: CatalogueItem) -> None:
            item._mark(self.adjustment, filed_on=self.effective, accept_within=self.accept_within)

        def summary(self) -> str:
            return f"adjustment #{self.adjustment} filed (备案) with the leadership group"

    class Accepted(Event):
        adjustment: int
        note: str = ""

        def apply(self, item: CatalogueItem) -> None:
            item._mark(self.adjustment, accepted_on=self.effective, accepted_by=self.actor)

        def summary(self) -> str:
            return f"filing of adjustment #{self.adjustment} accepted"

    class InformationRecorded(Event):
        number: int
        change: InfoChange
        subject: str
        within: int | None

        def apply(self, item: CatalogueItem) -> None:
            info = Information(
                number=self.number,
                change=self.change,
                subject=self.subject,
                formed_on=self.effective,
                within=self.within,
            )
            item.information = {**item.information, self.number: info}

        def summary(self) -> str:
            return f"information {self.change.value}: {self.subject}"

    class InformationUpdated(Event):
        subject: str
        meets: tuple[int, ...] = ()

        def apply(self, item: CatalogueItem) -> None:
            item.last_updated = max(item.last_updated or self.effective, self.effective)
            info = dict(item.information)
            for n in self.meets:
                if n in info:
                    info[n] = info[n].model_copy(update={"published_on": self.effective})
            item.information = info

        def summary(self) -> str:
            return f"information updated: {self.subject}"

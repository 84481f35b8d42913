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

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, changed
from aggregates.catalogue.checks import (
    check_reason,
    settle_elements,
)
from aggregates.catalogue.vocabulary import (
    ADJUSTMENT_CITATION,
    ADJUSTMENT_KEY,
    CYCLE_LABELS,
    DECREE_711_26,
    ELEMENT_LABELS,
    ELEMENTS_ARTICLE,
    FILING_ARTICLE,
    FILING_KEY,
    KIND_LABELS,
    TRIGGER_ARTICLES,
    Adjustment,
    AdjustmentKind,
    Cycle,
    ElementChange,
    Elements,
    InfoChange,
    Information,
    Method,
    Reason,
    period_end,
)
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count, Obligation
from aggregates.org import WORKING_UNITS, Unit
from aggregates.policy import Policy

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
        unit.ensure_open()
        if reason is None and catalogue_published_on is not None:
            raise InvalidInput(
                "trigger",
                f"{unit.code}'s catalogue was published on {catalogue_published_on}; a new item is an "
                "adjustment (added): name its trigger and grounds",
                "附件3 第四条",
            )
        if unit.unit_kind not in WORKING_UNITS:
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
            note=note,
        )

    def accept(self, stamp: Stamp, adjustment: int | None = None, note: str = "") -> None:
        """The leadership group notes a filing as received (its own, optional act: the seed has
        no acceptance step, so nothing here is a deadline of the unit, 附件3 第五条)."""
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

    # --- what it owes (what it makes public: projections/catalogue/facts.py) ------------

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
                    ADJUSTMENT_CITATION,
                    a.reason.triggered_on,
                    a.publish_within,
                    a.published_on,
                    v,
                )
            )
            # filing is owed once the adjustment is published (第五条); what the group does with
            # a filing is its own act, never the unit's deadline
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
        """The next refresh of an item on a fixed cycle (by the end of the next period) or on
        a fixed date each year (the next date after the one the last refresh met)."""
        limit = self.elements.update_limit
        cycle = limit.cycle
        if cycle is Cycle.WORKING_DAYS or self.removed_on is not None or self.published_on is None:
            return None
        if self.elements.method is not Method.PROACTIVE:
            return None
        base = max(self.last_updated or self.published_on, self.published_on)
        if cycle is Cycle.ANNUAL_DATE:
            due = limit.next_fixed_date(self.published_on)
            if self.last_updated is not None:  # the date the refresh met: the next one is due
                due = limit.next_fixed_date(limit.nearest_fixed_date(self.last_updated) + timedelta(days=1))
            last = f"last {self.last_updated}" if self.last_updated else "not yet refreshed"
            return Obligation(
                key=f"catalogue:{self.ref}:refresh",
                unit=self.unit,
                subject=subject,
                what=f"information refreshed ({limit.text()}; {last})",
                citation=f"{ELEMENTS_ARTICLE} (信息更新时间); {limit.basis or DECREE_711_26}",
                count=Count.FIXED_DATE,
                start=due,
            )
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

    def published_title(self, a: Adjustment) -> str:
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
        self.adjustments = changed(self.adjustments, number, **progress)

    # --- events ---------------------------------------------------------------------

    class Established(Event):
        creates = True
        unit: str
        unit_name: str
        code: str
        elements: Elements

        def apply(self, item: CatalogueItem) -> None:
            self.assign(item, "unit", "unit_name", "code", "elements")
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
        accept_within: int | None = None  # older filings carried a period for the group's acceptance
        note: str = ""

        def apply(self, item: CatalogueItem) -> None:
            item._mark(self.adjustment, filed_on=self.effective)

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

"""Catalogue commands (附件3): establish, change, remove and publish items, file and accept
adjustments, and record the information under an item being formed and updated."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from pydantic import Field

from aggregates.authority import Act
from aggregates.base import Stamp
from aggregates.catalogue import (
    MONTH_DAY,
    CatalogueIndex,
    CatalogueItem,
    Cycle,
    Elements,
    InfoChange,
    Method,
    Text,
    Trigger,
    UpdateLimit,
    make_reason,
    require_reason,
)
from aggregates.errors import NotFound, Refused
from aggregates.org import Organisation, Unit
from ledger.application import UnitOfWork
from ledger.commands.base import Command, Title, cites
from ledger.commands.org import CODE

TRIGGER_HELP = "附件3 第四条: law (一), elements (二), functions (三), other (四)"


def load_item(uow: UnitOfWork, unit: str, code: str) -> CatalogueItem:
    """The item ``unit/code``, through the unit's index, marked as changed."""
    index = uow.get(CatalogueIndex, CatalogueIndex.id_for(unit))
    item_id = index.item_id(code) if index else None
    if item_id is None:
        raise NotFound("code", f"no catalogue item {unit}/{code} in the ledger; see `ledger catalogue show`")
    return uow.load(CatalogueItem, item_id, "code", f"catalogue item {unit}/{code}")


def _items(uow: UnitOfWork, index: CatalogueIndex | None) -> list[CatalogueItem]:
    """Every item of a unit's catalogue, through its index."""
    found = [uow.get(CatalogueItem, i) for i in (index.codes.values() if index else ())]
    return [item for item in found if item is not None]


def _trigger() -> Any:
    return Field(default=None, description=TRIGGER_HELP, json_schema_extra=cites("附件3 第四条"))


def _grounds() -> Any:
    return Field(default=None, description="调整依据, e.g. the law revised and the date it took effect")


def _triggered_on() -> Any:
    return Field(
        default=None,
        description="day of the triggering change; for a law, the day it took effect (default: effective)",
    )


class ItemCommand(Command):
    """A command on one existing item ``unit/code``."""

    unit: str = CODE
    code: str = CODE

    def open(self, uow: UnitOfWork, group_act: Act | None = None) -> tuple[Stamp, CatalogueItem]:
        """Authorise the unit's own catalogue act for the unit (or the group's ``group_act``, which has
        no unit), stamp, then load the item: authority is checked before the code is looked up."""
        if group_act is None:
            uow.authorise(Act.RECORD_CATALOGUE, self.unit)
        else:
            uow.authorise(group_act)
        stamp = uow.stamp(self.effective)
        return stamp, load_item(uow, self.unit, self.code)


class EstablishItem(Command):
    """Establish a catalogue item with its ten elements; with --trigger it is an addition."""

    name = "catalogue.item.establish"
    unit: str = CODE
    code: str = CODE
    title: Title = Field(description="公开事项")
    content: Text = Field(description="公开内容")
    update_cycle: Cycle = Field(
        default=Cycle.WORKING_DAYS,
        description="信息更新时间: working_days (after formed/changed), monthly, quarterly, yearly, "
        "or annual_date (a fixed date each year, with --update-date)",
        json_schema_extra=cites("附件3 第三条"),
    )
    update_working_days: int | None = Field(
        default=None, ge=1, description="N for working_days (default: policy, Decree 711 第二十六条)"
    )
    update_date: str | None = Field(
        default=None, pattern=MONTH_DAY, description="MM-DD for annual_date, e.g. 01-31"
    )
    update_basis: str | None = Field(
        default=None,
        description="the law that sets this item's own limit (a fixed date, or more working days "
        "than the default): 国务院令第711号 第二十六条 另有规定的，从其规定",
    )
    discloser: Text | None = Field(default=None, description="公开主体 (default: the bureau)")
    supplier: Text | None = Field(default=None, description="信息保障单位 (default: the unit's name)")
    channels: tuple[Text, ...] = Field(min_length=1, description="公开渠道 (repeat for each)")
    column: Text = Field(description="公开栏目")
    legal_basis: tuple[Text, ...] = Field(min_length=1, description="公开依据 (repeat for each)")
    audience: Text = Field(description="公开对象, e.g. 社会公众")
    method: Method = Field(
        default=Method.PROACTIVE,
        description="公开方式: proactive (主动公开) or on_request (依申请公开)",
        json_schema_extra=cites("附件3 第三条"),
    )
    trigger: Trigger | None = _trigger()
    grounds: Text | None = _grounds()
    triggered_on: date | None = _triggered_on()

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        unit = uow.load(Unit, Unit.id_for(self.unit), "unit", f"unit {self.unit}")
        uow.authorise(Act.RECORD_CATALOGUE, self.unit)
        stamp = uow.stamp(self.effective)
        org = uow.get(Organisation, Organisation.id_for())
        elements = Elements(
            title=self.title,
            content=self.content,
            update_limit=UpdateLimit(
                cycle=self.update_cycle,
                working_days=self.update_working_days,
                month_day=self.update_date,
                basis=self.update_basis,
            ),
            discloser=self.discloser or (org.name if org else unit.name),
            supplier=self.supplier or unit.name,
            channels=self.channels,
            column=self.column,
            legal_basis=self.legal_basis,
            audience=self.audience,
            method=self.method,
        )
        reason = make_reason(self.trigger, self.grounds, self.triggered_on, stamp.effective)
        index = uow.get(CatalogueIndex, CatalogueIndex.id_for(self.unit))
        if index is None:
            index = CatalogueIndex.open(stamp, self.unit)
            uow.add(index)
        else:
            uow.changed(index)
        published = [
            i.published_on
            for i in _items(uow, index)
            if i.published_on is not None and i.published_on <= stamp.effective
        ]
        item_id = uuid4()
        index.claim(stamp, self.code, item_id)
        item = CatalogueItem.establish(
            item_id,
            stamp,
            unit,
            self.code,
            elements,
            uow.policy(stamp.effective),
            reason,
            min(published, default=None),
        )
        uow.add(item)
        how = f"added ({reason.trigger.value})" if reason else "established"
        return {"id": str(item.id), "message": f"catalogue item {self.unit}/{self.code} {how}: {self.title}"}


class ChangeItem(ItemCommand):
    """Change elements of a published item: an adjustment with its trigger and grounds."""

    name = "catalogue.item.change"
    title: Title | None = Field(default=None, description="公开事项")
    content: Text | None = Field(default=None, description="公开内容")
    update_cycle: Cycle | None = Field(default=None, description="信息更新时间 cycle")
    update_working_days: int | None = Field(default=None, ge=1, description="N for working_days")
    update_date: str | None = Field(
        default=None, pattern=MONTH_DAY, description="MM-DD for annual_date, e.g. 01-31"
    )
    update_basis: str | None = Field(default=None, description="the law that sets the item's own limit")
    discloser: Text | None = Field(default=None, description="公开主体")
    supplier: Text | None = Field(default=None, description="信息保障单位")
    channels: tuple[Text, ...] = Field(default=(), description="公开渠道 (all of them, repeat for each)")
    column: Text | None = Field(default=None, description="公开栏目")
    legal_basis: tuple[Text, ...] = Field(default=(), description="公开依据 (all of them, repeat for each)")
    audience: Text | None = Field(default=None, description="公开对象")
    method: Method | None = Field(default=None, description="公开方式")
    trigger: Trigger | None = _trigger()
    grounds: Text | None = _grounds()
    triggered_on: date | None = _triggered_on()

    def new_elements(self, current: Elements) -> Elements:
        limit = current.update_limit
        given_limit = (self.update_cycle, self.update_working_days, self.update_date, self.update_basis)
        if any(v is not None for v in given_limit):
            cycle = self.update_cycle or limit.cycle
            same = cycle is limit.cycle
            days = self.update_working_days
            if days is None and same:
                days = limit.working_days
            month_day = self.update_date or (limit.month_day if same else None)
            basis = self.update_basis or (limit.basis if same else None)
            limit = UpdateLimit(cycle=cycle, working_days=days, month_day=month_day, basis=basis)
        given = {
            k: v
            for k, v in {
                "title": self.title,
                "content": self.content,
                "discloser": self.discloser,
                "supplier": self.supplier,
                "channels": self.channels or None,
                "column": self.column,
                "legal_basis": self.legal_basis or None,
                "audience": self.audience,
                "method": self.method,
            }.items()
            if v is not None
        }
        return current.model_copy(update={**given, "update_limit": limit})

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow)
        reason = require_reason(make_reason(self.trigger, self.grounds, self.triggered_on, stamp.effective))
        item.change(stamp, self.new_elements(item.elements), reason, uow.policy(stamp.effective))
        changed = item.adjustments[max(item.adjustments)].changes
        what = ", ".join(c.element for c in changed)
        return {"message": f"catalogue item {item.ref} changed ({what}); publish the adjustment next"}


class RemoveItem(ItemCommand):
    """Remove an item from the catalogue (an adjustment); its history is kept."""

    name = "catalogue.item.remove"
    trigger: Trigger | None = _trigger()
    grounds: Text | None = _grounds()
    triggered_on: date | None = _triggered_on()

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow)
        reason = require_reason(make_reason(self.trigger, self.grounds, self.triggered_on, stamp.effective))
        item.remove(stamp, reason, uow.policy(stamp.effective))
        return {"message": f"catalogue item {item.ref} removed; publish the adjustment next"}


class Publish(Command):
    """Publish a unit's catalogue: every item (or those named) with something unpublished."""

    name = "catalogue.publish"
    unit: str = CODE
    codes: tuple[str, ...] = Field(default=(), description="only these item codes (default: all pending)")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_CATALOGUE, self.unit)
        stamp = uow.stamp(self.effective)
        policy = uow.policy(stamp.effective)
        if self.codes:
            items = [load_item(uow, self.unit, code) for code in self.codes]
        else:
            items = [i for i in self._all(uow) if i.published_on is None or i.pending_adjustment()]
            if not items:
                raise Refused("unit", f"{self.unit}'s catalogue has nothing unpublished")
            for item in items:
                uow.changed(item)
        for item in items:
            item.publish(stamp, policy)
        codes = ", ".join(item.code for item in items)
        return {"message": f"{self.unit} catalogue published {stamp.effective}: {codes}"}

    def _all(self, uow: UnitOfWork) -> list[CatalogueItem]:
        return _items(uow, uow.get(CatalogueIndex, CatalogueIndex.id_for(self.unit)))


class FileAdjustment(ItemCommand):
    """File (备案) a published adjustment with the leadership group: what, why, and the content after."""

    name = "catalogue.filing.submit"
    note: str = Field(default="", description="covering note of the filing materials")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow)
        item.file(stamp, uow.policy(stamp.effective), self.note)
        n = max(a.number for a in item.adjustments.values() if a.filed_on)
        return {"message": f"adjustment #{n} of {item.ref} filed (备案) with the leadership group"}


class AcceptFiling(ItemCommand):
    """Accept a unit's filing (备案) of an adjustment, as the leadership group."""

    name = "catalogue.filing.accept"
    adjustment: int | None = Field(default=None, ge=1, description="adjustment number (default: earliest)")
    note: str = Field(default="", description="the group's remarks")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow, Act.ACCEPT_FILING)
        item.accept(stamp, self.adjustment, self.note)
        n = max(a.number for a in item.adjustments.values() if a.accepted_on)
        return {"message": f"filing of adjustment #{n} of {item.ref} accepted"}


class RecordInformation(ItemCommand):
    """Record that information under an item was formed or changed: its publication falls due."""

    name = "catalogue.info.record"
    change: InfoChange = Field(default=InfoChange.FORMED, description="formed (形成) or changed (变更)")
    subject: Text = Field(description="what information, e.g. 2026年第二批专项资金分配结果")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow)
        item.record_information(stamp, self.change, self.subject)
        return {"message": f"{item.ref}: information {self.change.value} {stamp.effective}: {self.subject}"}


class UpdateInformation(ItemCommand):
    """Record that the information under an item was published or refreshed on a date."""

    name = "catalogue.info.update"
    subject: Text = Field(description="what was published or refreshed")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        stamp, item = self.open(uow)
        item.update_information(stamp, self.subject)
        return {"message": f"{item.ref}: information updated {stamp.effective}: {self.subject}"}

"""The catalogue aggregate on its own: elements, adjustments, filing, freshness (附件3)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from aggregates.base import Aggregate
from aggregates.catalogue import (
    AdjustmentKind,
    CatalogueIndex,
    CatalogueItem,
    Cycle,
    Elements,
    InfoChange,
    Method,
    Reason,
    Trigger,
    UpdateLimit,
    make_reason,
    period_end,
)
from aggregates.errors import InvalidInput, Refused
from aggregates.obligations import Count
from aggregates.org import Unit, UnitKind
from aggregates.policy import Policy
from ledger.commands.policy import packaged_policies
from projections.catalogue.facts import public_facts
from tests.support.clock import stamp


@pytest.fixture
def policy() -> Policy:
    return packaged_policies()[-1]


@pytest.fixture
def fin() -> Unit:
    return Unit.establish(stamp("2026-01-05"), "FIN", "金融股", UnitKind.SECTION)


def elements(**changes: Any) -> Elements:
    base: dict[str, Any] = {
        "title": "地方金融组织名单",
        "content": "小额贷款公司、融资担保公司名单",
        "update_limit": UpdateLimit(),
        "discloser": "雁江区金融工作局",
        "supplier": "金融股",
        "channels": ("区政府门户网站",),
        "column": "政府信息公开/行政执法",
        "legal_basis": ("《政府信息公开条例》第二十条",),
        "audience": "社会公众",
        "method": Method.PROACTIVE,
    }
    return Elements(**{**base, **changes})


def reason(trigger: Trigger = Trigger.ELEMENTS, on: str = "2026-03-02") -> Reason:
    return Reason(trigger=trigger, grounds="依据", triggered_on=date.fromisoformat(on))


def published_item(fin: Unit, policy: Policy, **changes: Any) -> CatalogueItem:
    item = CatalogueItem.establish(uuid4(), stamp("2026-01-08"), fin, "FIN-02", elements(**changes), policy)
    item.publish(stamp("2026-01-12"), policy)
    return item


def adjusted_item(fin: Unit, policy: Policy) -> CatalogueItem:
    """Published, then its column changed on 2026-03-02 (adjustment #1, not yet published)."""
    item = published_item(fin, policy)
    item.change(stamp("2026-03-02"), elements(column="新栏目"), reason(), policy)
    return item


def replay(agg: Aggregate, events: list[Any]) -> Any:
    rebuilt = None
    for event in events:
        rebuilt = event.mutate(rebuilt)
    return rebuilt


# --- the ten elements and the update limit ------------------------------------------------------


def test_default_update_limit_is_the_policy_number_of_working_days(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(uuid4(), stamp(), fin, "FIN-02", elements(), policy)
    assert item.elements.update_limit.working_days == policy.number("catalogue.update_working_days") == 20
    assert item.elements.texts()["update_limit"] == "信息形成或者变更之日起20个工作日内"


def test_a_stricter_update_limit_is_kept(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(
        uuid4(), stamp(), fin, "FIN-02", elements(update_limit=UpdateLimit(working_days=5)), policy
    )
    assert item.elements.update_limit.working_days == 5


def test_a_proactive_item_may_not_take_longer_than_decree_711(fin: Unit, policy: Policy) -> None:
    with pytest.raises(InvalidInput) as e:
        CatalogueItem.establish(
            uuid4(), stamp(), fin, "FIN-02", elements(update_limit=UpdateLimit(working_days=21)), policy
        )
    assert e.value.field == "update_working_days"
    assert e.value.article == "国务院令第711号 第二十六条"


def test_an_on_request_item_is_not_held_to_the_proactive_limit(fin: Unit, policy: Policy) -> None:
    limit = UpdateLimit(working_days=30)
    item = CatalogueItem.establish(
        uuid4(), stamp(), fin, "FIN-09", elements(update_limit=limit, method=Method.ON_REQUEST), policy
    )
    assert item.elements.texts()["method"] == "依申请公开"


def test_a_fixed_cycle_takes_no_working_day_count(fin: Unit, policy: Policy) -> None:
    limit = UpdateLimit(cycle=Cycle.MONTHLY, working_days=5)
    with pytest.raises(InvalidInput, match="takes no working-day count") as e:
        CatalogueItem.establish(uuid4(), stamp(), fin, "FIN-02", elements(update_limit=limit), policy)
    assert e.value.field == "update_working_days"


def test_items_belong_to_a_section_or_the_office(policy: Policy) -> None:
    group = Unit.establish(stamp(), "GROUP", "政务公开领导小组", UnitKind.LEADERSHIP_GROUP)
    with pytest.raises(InvalidInput) as e:
        CatalogueItem.establish(uuid4(), stamp(), group, "G-1", elements(), policy)
    assert (e.value.field, e.value.article) == ("unit", "附件3 第一条")


def test_a_closed_unit_gets_no_new_items(fin: Unit, policy: Policy) -> None:
    fin.close(stamp(), "合并")
    with pytest.raises(Refused, match="closed"):
        CatalogueItem.establish(uuid4(), stamp(), fin, "FIN-02", elements(), policy)


def test_empty_elements_are_invalid() -> None:
    with pytest.raises(ValueError):
        elements(column="  ")
    with pytest.raises(ValueError):
        elements(channels=())


# --- the index --------------------------------------------------------------------------------------


def test_an_item_code_is_claimed_once_within_a_unit() -> None:
    index = CatalogueIndex.open(stamp(), "FIN")
    first = uuid4()
    index.claim(stamp(), "FIN-01", first)
    with pytest.raises(Refused) as e:
        index.claim(stamp(), "FIN-01", uuid4())
    assert (e.value.field, e.value.article) == ("code", "附件3 第三条")
    assert index.item_id("FIN-01") == first


def test_the_index_id_is_deterministic_per_unit() -> None:
    assert CatalogueIndex.id_for("FIN") == CatalogueIndex.id_for("FIN")
    assert CatalogueIndex.id_for("FIN") != CatalogueIndex.id_for("FUND")


# --- adjustments (第四条) -----------------------------------------------------------------------


def test_an_addition_records_every_element_as_new(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(
        uuid4(), stamp(), fin, "FIN-04", elements(), policy, reason(Trigger.LAW, "2026-01-01")
    )
    adj = item.adjustments[1]
    assert adj.kind is AdjustmentKind.ADDED
    assert [c.element for c in adj.changes][:2] == ["title", "content"] and len(adj.changes) == 10
    assert all(c.old == "" for c in adj.changes)
    assert adj.publish_within == policy.number("catalogue.adjustment_working_days")


@pytest.mark.parametrize(
    ("trigger", "kind"),
    [
        (Trigger.ELEMENTS, AdjustmentKind.ADDED),
        (Trigger.ELEMENTS, AdjustmentKind.REMOVED),
        (Trigger.OTHER, AdjustmentKind.CHANGED),
    ],
)
def test_each_trigger_justifies_only_its_kinds_of_adjustment(
    fin: Unit, policy: Policy, trigger: Trigger, kind: AdjustmentKind
) -> None:
    item = published_item(fin, policy)
    with pytest.raises(InvalidInput) as e:
        if kind is AdjustmentKind.ADDED:
            CatalogueItem.establish(uuid4(), stamp(), fin, "X", elements(), policy, reason(trigger))
        elif kind is AdjustmentKind.REMOVED:
            item.remove(stamp(), reason(trigger), policy)
        else:
            item.change(stamp(), elements(column="新栏目"), reason(trigger), policy)
    assert e.value.field == "trigger"
    assert (
        e.value.article == {Trigger.ELEMENTS: "附件3 第四条(二)", Trigger.OTHER: "附件3 第四条(四)"}[trigger]
    )


def test_a_law_may_add_change_or_remove(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    item.change(stamp("2026-03-02"), elements(column="新栏目"), reason(Trigger.LAW), policy)
    item.publish(stamp("2026-03-03"), policy)
    item.remove(stamp("2026-03-04"), reason(Trigger.LAW), policy)
    assert [a.kind for a in item.adjustments.values()] == [AdjustmentKind.CHANGED, AdjustmentKind.REMOVED]


def test_a_law_triggered_adjustment_gives_the_day_the_law_took_effect() -> None:
    with pytest.raises(InvalidInput) as e:
        make_reason(Trigger.LAW, "《增值税法》", None, date(2026, 1, 19))
    assert (e.value.field, e.value.article) == ("triggered_on", "附件3 第四条(一)")


def test_an_adjustment_states_its_grounds() -> None:
    with pytest.raises(InvalidInput) as e:
        make_reason(Trigger.ELEMENTS, " ", None, date(2026, 1, 19))
    assert (e.value.field, e.value.article) == ("grounds", "附件3 第五条")


def test_grounds_without_a_trigger_are_invalid() -> None:
    with pytest.raises(InvalidInput) as e:
        make_reason(None, "某依据", None, date(2026, 1, 19))
    assert e.value.field == "trigger"


def test_the_trigger_date_defaults_to_the_adjustment_date() -> None:
    r = make_reason(Trigger.OTHER, "合并", None, date(2026, 1, 19))
    assert r is not None and r.triggered_on == date(2026, 1, 19)


def test_a_change_records_only_the_changed_elements_old_and_new(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    item.change(stamp(), elements(channels=("区政府门户网站", "微信公众号")), reason(), policy)
    [change] = item.adjustments[1].changes
    assert (change.element, change.old, change.new) == (
        "channels",
        "区政府门户网站",
        "区政府门户网站、微信公众号",
    )


def test_a_change_that_changes_nothing_is_invalid(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    with pytest.raises(InvalidInput) as e:
        item.change(stamp(), elements(), reason(), policy)
    assert (e.value.field, e.value.article) == ("elements", "附件3 第三条")


def test_an_unpublished_item_is_corrected_not_adjusted(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(uuid4(), stamp(), fin, "FIN-02", elements(), policy)
    with pytest.raises(Refused, match="has not been published"):
        item.change(stamp(), elements(column="新栏目"), reason(), policy)


def test_an_item_is_not_adjusted_again_before_the_last_adjustment_is_published(
    fin: Unit, policy: Policy
) -> None:
    item = published_item(fin, policy)
    item.change(stamp(), elements(column="新栏目"), reason(), policy)
    with pytest.raises(Refused) as e:
        item.change(stamp(), elements(column="另一栏目"), reason(), policy)
    assert (e.value.field, e.value.article) == ("code", "附件3 第五条")


def test_an_adjustment_may_not_precede_the_last_publication(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    with pytest.raises(Refused) as e:
        item.change(stamp("2026-01-10"), elements(column="新栏目"), reason(), policy)
    assert e.value.field == "effective"


def test_removing_an_item_keeps_its_history_and_closes_it(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    item.remove(stamp("2026-03-02"), reason(Trigger.OTHER), policy)
    item.publish(stamp("2026-03-03"), policy)
    assert item.removed_on == date(2026, 3, 2)
    assert item.elements.title == "地方金融组织名单"
    assert item.adjustments[1].kind is AdjustmentKind.REMOVED
    with pytest.raises(Refused, match="history is kept") as e:
        item.change(stamp("2026-03-04"), elements(column="新栏目"), reason(), policy)
    assert e.value.article == "附件3 第四条"
    with pytest.raises(Refused, match="removed"):
        item.record_information(stamp("2026-03-04"), InfoChange.FORMED, "x")


# --- publication, filing, acceptance (第三条, 第五条) -----------------------------------------------


def test_publishing_twice_without_a_change_is_refused(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    with pytest.raises(Refused, match="nothing unpublished"):
        item.publish(stamp("2026-01-13"), policy)


def test_publication_does_not_precede_the_adjustment(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    with pytest.raises(Refused) as e:
        item.publish(stamp("2026-03-01"), policy)
    assert e.value.field == "effective"


def test_filing_follows_publication(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    with pytest.raises(Refused, match="not published yet") as e:
        item.file(stamp("2026-03-03"), policy)
    assert (e.value.field, e.value.article) == ("code", "附件3 第五条")
    item.publish(stamp("2026-03-04"), policy)
    with pytest.raises(Refused) as e:
        item.file(stamp("2026-03-03"), policy)
    assert (e.value.field, e.value.article) == ("effective", "附件3 第五条")
    item.file(stamp("2026-03-05"), policy)
    assert item.adjustments[1].filed_on == date(2026, 3, 5)


def test_a_filing_carries_the_adjustment_its_grounds_and_the_content_after(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    item.publish(stamp("2026-03-04"), policy)
    item.collect_events()
    item.file(stamp("2026-03-05"), policy, "备案材料")
    [filed] = item.collect_events()
    assert isinstance(filed, CatalogueItem.Filed)
    assert filed.reason.grounds == "依据" and filed.content.column == "新栏目"
    assert [c.element for c in filed.changes] == ["column"]


def test_an_initial_publication_needs_no_filing(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    with pytest.raises(Refused, match="no published adjustment"):
        item.file(stamp("2026-01-13"), policy)


def test_acceptance_needs_a_filing(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    item.publish(stamp("2026-03-04"), policy)
    with pytest.raises(Refused) as e:
        item.accept(stamp("2026-03-05", "G01"))
    assert (e.value.field, e.value.article) == ("code", "附件3 第五条")
    item.file(stamp("2026-03-05"), policy)
    with pytest.raises(Refused) as e:
        item.accept(stamp("2026-03-06", "G01"), adjustment=2)
    assert e.value.field == "adjustment"
    item.accept(stamp("2026-03-06", "G01"))
    assert item.adjustments[1].accepted_by == "G01"
    with pytest.raises(Refused):
        item.accept(stamp("2026-03-07", "G01"))


# --- obligations ---------------------------------------------------------------------------------


def keys(item: CatalogueItem) -> dict[str, Any]:
    return {o.key.removeprefix(f"catalogue:{item.ref}:"): o for o in item.obligations()}


def test_an_adjustment_is_due_for_publication_counted_from_its_trigger(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    item.change(stamp("2026-03-10"), elements(column="新栏目"), reason(Trigger.LAW, "2026-03-01"), policy)
    [o] = item.obligations()
    assert o.key == "catalogue:FIN/FIN-02:adj1:publish"
    assert (o.count, o.start, o.n, o.met_on) == (Count.WORKING_DAYS_AFTER, date(2026, 3, 1), 20, None)
    assert o.policy_version == policy.version


def test_filing_falls_due_after_publication_and_acceptance_never_does(fin: Unit, policy: Policy) -> None:
    """附件3 第五条 has no acceptance step: the group's acceptance is no deadline of the unit."""
    item = adjusted_item(fin, policy)
    item.publish(stamp("2026-03-04"), policy)
    found = keys(item)
    assert set(found) == {"adj1:publish", "adj1:file"}
    assert found["adj1:publish"].met_on == date(2026, 3, 4)
    assert (found["adj1:file"].start, found["adj1:file"].n) == (date(2026, 3, 4), 10)
    item.file(stamp("2026-03-05"), policy)
    found = keys(item)
    assert found["adj1:file"].met_on == date(2026, 3, 5) and set(found) == {"adj1:publish", "adj1:file"}
    item.accept(stamp("2026-03-06", "G01"))
    assert set(keys(item)) == {"adj1:publish", "adj1:file"}
    assert item.adjustments[1].accepted_on == date(2026, 3, 6)


def test_information_formed_is_due_within_the_items_own_limit(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy, update_limit=UpdateLimit(working_days=5))
    item.record_information(stamp("2026-03-02"), InfoChange.FORMED, "新增融资担保公司1家")
    [o] = item.obligations()
    assert (o.start, o.n, o.met_on) == (date(2026, 3, 2), 5, None)
    item.update_information(stamp("2026-03-05"), "名单更新")
    [o] = item.obligations()
    assert o.met_on == date(2026, 3, 5)


def test_an_update_meets_only_information_formed_by_then(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy)
    item.record_information(stamp("2026-03-09"), InfoChange.CHANGED, "later")
    item.update_information(stamp("2026-03-05"), "earlier refresh")
    [o] = item.obligations()
    assert o.met_on is None


def test_on_request_items_owe_no_proactive_update(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy, method=Method.ON_REQUEST)
    item.record_information(stamp("2026-03-02"), InfoChange.FORMED, "答复")
    assert item.obligations() == []


def test_a_monthly_item_is_refreshed_by_the_end_of_the_next_month(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy, update_limit=UpdateLimit(cycle=Cycle.MONTHLY))
    [o] = item.obligations()
    assert (o.key, o.count, o.start, o.n) == (
        "catalogue:FIN/FIN-02:refresh",
        Count.PERIOD_DAYS,
        date(2026, 1, 31),
        28,
    )
    item.update_information(stamp("2026-03-16"), "3月")
    [o] = item.obligations()
    assert (o.start, o.n) == (date(2026, 3, 31), 30)


def test_the_information_of_an_unpublished_item_cannot_be_updated(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(uuid4(), stamp("2026-01-08"), fin, "FIN-02", elements(), policy)
    with pytest.raises(Refused) as e:
        item.update_information(stamp("2026-01-09"), "x")
    assert (e.value.field, e.value.article) == ("effective", "附件3 第三条")


def test_a_removed_item_owes_no_more_information(fin: Unit, policy: Policy) -> None:
    item = published_item(fin, policy, update_limit=UpdateLimit(cycle=Cycle.MONTHLY))
    item.record_information(stamp("2026-03-02"), InfoChange.FORMED, "x")
    item.remove(stamp("2026-03-03"), reason(Trigger.OTHER), policy)
    assert list(keys(item)) == ["adj1:publish"]


@pytest.mark.parametrize(
    ("day", "cycle", "end"),
    [
        ("2026-02-10", Cycle.MONTHLY, "2026-02-28"),
        ("2026-05-10", Cycle.QUARTERLY, "2026-06-30"),
        ("2026-10-01", Cycle.QUARTERLY, "2026-12-31"),
        ("2026-05-10", Cycle.YEARLY, "2026-12-31"),
    ],
)
def test_period_end(day: str, cycle: Cycle, end: str) -> None:
    assert period_end(date.fromisoformat(day), cycle) == date.fromisoformat(end)


# --- what is public ---------------------------------------------------------------------------------


def test_the_public_sees_the_published_elements_not_an_unpublished_change(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    [fact] = public_facts(item)
    assert fact.kind == "catalogue.item" and fact.data["elements"]["column"] == "政府信息公开/行政执法"
    item.publish(stamp("2026-03-04"), policy)
    facts = {f.key: f for f in public_facts(item)}
    assert facts["item"].data["elements"]["column"] == "新栏目"
    assert facts["adjustment:1"].data["changes"] == [
        {"element": "公开栏目", "old": "政府信息公开/行政执法", "new": "新栏目"}
    ]
    assert facts["adjustment:1"].dated == date(2026, 3, 4)


def test_an_adjustment_notice_keeps_the_title_it_was_published_under(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    item.publish(stamp("2026-03-04"), policy)
    renamed = elements(column="新栏目", title="更名后的事项")
    item.change(stamp("2026-04-01"), renamed, reason(on="2026-04-01"), policy)
    titles = {f.key: f.data["title"] for f in public_facts(item) if f.kind == "catalogue.adjustment"}
    assert titles == {"adjustment:1": "地方金融组织名单"}
    item.publish(stamp("2026-04-02"), policy)
    titles = {f.key: f.data["title"] for f in public_facts(item) if f.kind == "catalogue.adjustment"}
    assert titles == {"adjustment:1": "地方金融组织名单", "adjustment:2": "更名后的事项"}


def test_an_unpublished_item_has_no_public_notice(fin: Unit, policy: Policy) -> None:
    item = CatalogueItem.establish(uuid4(), stamp(), fin, "FIN-02", elements(), policy)
    assert public_facts(item) == []


def test_replaying_the_events_rebuilds_the_item(fin: Unit, policy: Policy) -> None:
    item = adjusted_item(fin, policy)
    item.publish(stamp("2026-03-04"), policy)
    item.record_information(stamp("2026-03-05"), InfoChange.FORMED, "x")
    item.update_information(stamp("2026-03-06"), "x")
    rebuilt = replay(item, item.collect_events())
    assert rebuilt.state() == item.state()
    assert rebuilt.obligations() == item.obligations()


def test_an_adjustment_after_a_retracted_one_takes_a_new_number_and_can_be_published(
    fin: Unit, policy: Policy
) -> None:
    item = published_item(fin, policy)
    item.change(stamp("2026-03-02"), elements(column="误录栏目"), reason(), policy)
    item.correct_entry(stamp("2026-03-03"), item.version, "误录", None)
    item.change(stamp("2026-03-03"), elements(column="新栏目"), reason(), policy)
    assert sorted(item.adjustments) == [2]
    pending = item.pending_adjustment()
    assert pending is not None and pending.number == 2
    item.publish(stamp("2026-03-04"), policy)
    assert item.adjustments[2].published_on == date(2026, 3, 4)


# --- an item's own limit: a fixed date each year, or another law's period --------------------

ANNUAL = UpdateLimit(cycle=Cycle.ANNUAL_DATE, month_day="01-31", basis="《政府信息公开条例》第四十九条")


def test_a_fixed_date_item_is_due_on_that_date_and_then_on_the_next_years(fin: Unit, policy: Policy) -> None:
    """条例 第四十九条: the annual report is due 31 January; a refresh meets that date, then the next."""
    item = published_item(fin, policy, update_limit=ANNUAL)
    [due] = item.obligations()
    assert (due.count, due.start, due.met_on) == (Count.FIXED_DATE, date(2026, 1, 31), None)
    assert "第四十九条" in due.citation
    item.update_information(stamp("2026-01-20"), "2025年年报")
    assert item.obligations()[0].start == date(2027, 1, 31)
    item.update_information(stamp("2026-02-03"), "年报更正")  # a later refresh does not skip a year
    assert item.obligations()[0].start == date(2027, 1, 31)


def test_a_fixed_date_names_its_law_and_a_real_date(fin: Unit, policy: Policy) -> None:
    for limit, field in (
        (UpdateLimit(cycle=Cycle.ANNUAL_DATE, month_day="01-31"), "update_basis"),
        (UpdateLimit(cycle=Cycle.ANNUAL_DATE, basis="某法"), "update_date"),
        (UpdateLimit(cycle=Cycle.ANNUAL_DATE, month_day="02-29", basis="某法"), "update_date"),
        (UpdateLimit(cycle=Cycle.MONTHLY, month_day="01-31"), "update_date"),
    ):
        with pytest.raises(InvalidInput) as err:
            published_item(fin, policy, update_limit=limit)
        assert err.value.field == field


def test_a_longer_limit_stands_only_on_another_law(fin: Unit, policy: Policy) -> None:
    """条例 第二十六条: 20 working days unless a law or regulation says otherwise (从其规定)."""
    with pytest.raises(InvalidInput, match="unless a law says otherwise"):
        published_item(fin, policy, update_limit=UpdateLimit(working_days=30))
    item = published_item(fin, policy, update_limit=UpdateLimit(working_days=30, basis="某条例第十条"))
    assert item.elements.update_limit.text() == "信息形成或者变更之日起30个工作日内（某条例第十条）"

"""The catalogue through the application: commands, views on a date, board, notices, facts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aggregates.errors import InvalidInput, NotFound, Refused
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.interface.catalogue import (
    catalogue_diff,
    catalogue_facts,
    catalogue_history,
    catalogue_show,
)
from ledger.views import Views
from ledger.when import When
from projections.catalogue.register import CatalogueView
from tests.support.clock import FakeClock
from tests.support.ledger import run

FIN_02: dict[str, Any] = {
    "unit": "FIN",
    "code": "FIN-02",
    "title": "地方金融组织名单",
    "content": "小额贷款公司、融资担保公司名单",
    "channels": ["区政府门户网站"],
    "column": "政府信息公开/行政执法",
    "legal_basis": ["《政府信息公开条例》第二十条"],
    "audience": "社会公众",
}


ADDED = {"trigger": "other", "grounds": "新增公开事项"}  # an item added to a published catalogue


def establish(app: LedgerApp, actor: str = "S002", **fields: Any) -> dict[str, Any]:
    return run(app, actor, "catalogue.item.establish", **{**FIN_02, "effective": "2026-01-08", **fields})


@pytest.fixture
def published(bureau: LedgerApp) -> LedgerApp:
    """FIN-02 established 2026-01-08 and published 2026-01-12."""
    establish(bureau)
    run(bureau, "S002", "catalogue.publish", unit="FIN", effective="2026-01-12")
    return bureau


def add_by_law(app: LedgerApp, law: str, triggered_on: str, on: str) -> None:
    """FIN-05 added to FIN's published catalogue because ``law`` came into force."""
    fields = {"trigger": "law", "grounds": law, "triggered_on": triggered_on, "effective": on}
    establish(app, code="FIN-05", title="民营企业融资支持政策", **fields)


def on_item(app: LedgerApp, command: str, on: str, **fields: Any) -> dict[str, Any]:
    """One act on an item (FIN-02 by S002 unless ``actor``, ``unit``, ``code`` say otherwise);
    ``command`` without its ``catalogue.`` prefix."""
    actor = fields.pop("actor", "S002")
    where = {"unit": fields.pop("unit", "FIN"), "code": fields.pop("code", "FIN-02")}
    return run(app, actor, f"catalogue.{command}", **where, effective=on, **fields)


def change_column(app: LedgerApp, day: str = "2026-03-02", **fields: Any) -> None:
    change = {"column": "金融监管", "trigger": "elements", "grounds": "门户网站栏目调整"}
    on_item(app, "item.change", day, **change, **fields)


def board(app: LedgerApp, as_of: str = "2026-11-20") -> dict[str, dict[str, Any]]:
    return {r["key"]: r for r in Ledger(":memory:", app).deadlines(When.parse(as_of))}


# --- writing ----------------------------------------------------------------------------------------


def test_an_item_code_is_unique_within_its_unit(published: LedgerApp) -> None:
    before = published.max_position()
    with pytest.raises(Refused, match="already an item") as e:
        establish(published, title="另一事项")
    assert (e.value.field, e.value.article) == ("code", "附件3 第三条")
    assert published.max_position() == before


def test_a_new_item_in_a_published_catalogue_is_an_adjustment_with_its_trigger(published: LedgerApp) -> None:
    before = published.max_position()
    with pytest.raises(InvalidInput, match="catalogue was published on 2026-01-12") as e:
        establish(published, code="FIN-03", title="金融运行情况", effective="2026-02-02")
    assert (e.value.field, e.value.article) == ("trigger", "附件3 第四条")
    assert published.max_position() == before
    establish(published, code="FIN-03", title="金融运行情况", effective="2026-02-02", **ADDED)
    rows = {r["code"]: r for r in catalogue_show(Ledger(":memory:", published))}
    assert rows["FIN-03"]["adjustments"] == 1


def test_an_item_dated_before_its_units_catalogue_was_published_needs_no_trigger(
    published: LedgerApp,
) -> None:
    establish(published, code="FIN-03", title="金融运行情况", effective="2026-01-09")
    rows = {r["code"]: r for r in catalogue_show(Ledger(":memory:", published))}
    assert (rows["FIN-03"]["status"], rows["FIN-03"]["adjustments"]) == ("unpublished", 0)


def test_the_same_code_may_serve_in_another_unit(published: LedgerApp) -> None:
    establish(published, "S003", unit="FUND")
    rows = catalogue_show(Ledger(":memory:", published))
    assert [(r["unit"], r["code"]) for r in rows] == [("FIN", "FIN-02"), ("FUND", "FIN-02")]


def test_a_removed_items_code_is_not_reused(published: LedgerApp) -> None:
    run(
        published, "S002", "catalogue.item.remove", unit="FIN", code="FIN-02", trigger="other", grounds="合并"
    )
    with pytest.raises(Refused, match="never reused"):
        establish(published)


def test_only_the_units_staff_record_its_items(bureau: LedgerApp) -> None:
    before = bureau.max_position()
    with pytest.raises(Refused, match="may not record") as e:
        establish(bureau, "S003")
    assert e.value.field == "actor"
    assert bureau.max_position() == before


def test_only_the_leadership_group_accepts_a_filing(published: LedgerApp) -> None:
    change_column(published)
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    run(published, "S002", "catalogue.filing.submit", unit="FIN", code="FIN-02", effective="2026-03-04")
    before = published.max_position()
    for actor in ("S002", "D01"):
        with pytest.raises(Refused) as e:
            run(
                published, actor, "catalogue.filing.accept", unit="FIN", code="FIN-02", effective="2026-03-05"
            )
        assert e.value.article == "附件3 第五条"
    assert published.max_position() == before
    run(published, "P01", "catalogue.filing.accept", unit="FIN", code="FIN-02", effective="2026-03-05")


def test_an_unknown_item_is_named_in_the_refusal(bureau: LedgerApp) -> None:
    with pytest.raises(NotFound) as e:
        run(bureau, "S002", "catalogue.item.remove", unit="FIN", code="NOPE", trigger="other", grounds="x")
    assert e.value.field == "code" and "FIN/NOPE" in e.value.rule


def test_a_change_needs_a_trigger(published: LedgerApp) -> None:
    with pytest.raises(InvalidInput) as e:
        run(published, "S002", "catalogue.item.change", unit="FIN", code="FIN-02", column="x")
    assert (e.value.field, e.value.article) == ("trigger", "附件3 第四条")


def test_an_unknown_unit_is_refused(bureau: LedgerApp) -> None:
    with pytest.raises(NotFound) as e:
        establish(bureau, unit="NOPE")
    assert e.value.field == "unit"


def test_publishing_a_unit_publishes_everything_pending_and_nothing_else(published: LedgerApp) -> None:
    establish(published, code="FIN-03", title="金融运行情况", effective="2026-02-02", **ADDED)
    change_column(published)
    result = run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    assert result["message"].endswith("FIN-02, FIN-03")
    with pytest.raises(Refused, match="nothing unpublished"):
        run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-04")


def test_changing_the_cycle_drops_the_working_day_count(published: LedgerApp) -> None:
    change = {"update_cycle": "monthly", "trigger": "elements", "grounds": "改为按月更新"}
    on_item(published, "item.change", "2026-03-02", **change)
    [row] = catalogue_show(Ledger(":memory:", published))
    assert row["update_limit"] == "每月更新"


# --- the catalogue on a date --------------------------------------------------------------------------


def test_the_catalogue_as_of_a_date_shows_the_elements_then(published: LedgerApp) -> None:
    change_column(published, "2026-03-02")
    ledger = Ledger(":memory:", published)
    [before] = catalogue_show(ledger, when=When.parse(as_of="2026-03-01"))
    [after] = catalogue_show(ledger, when=When.parse(as_of="2026-03-02"))
    [now] = catalogue_show(ledger)
    assert before["column"] == "政府信息公开/行政执法" and before["status"] == "published"
    assert after["column"] == now["column"] == "金融监管"
    assert after["status"] == "adjustment #1 unpublished"
    assert catalogue_show(ledger, when=When.parse(as_of="2026-01-07")) == []


def test_known_at_shows_what_had_been_recorded(published: LedgerApp, clock: FakeClock) -> None:
    clock.set("2026-11-21 09:00")
    change_column(published, "2026-03-02")
    ledger = Ledger(":memory:", published)
    [then] = catalogue_show(ledger, when=When.parse(known_at="2026-11-20"))
    assert then["column"] == "政府信息公开/行政执法"


def test_the_diff_lists_added_changed_and_removed(published: LedgerApp) -> None:
    change_column(published, "2026-03-02")
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    add_by_law(published, "《中华人民共和国民营经济促进法》", triggered_on="2026-04-01", on="2026-04-10")
    establish(published, "S003", unit="FUND", code="FUND-01", effective="2026-01-08")
    run(published, "S003", "catalogue.publish", unit="FUND", effective="2026-01-12")
    on_item(
        published, "item.remove", "2026-05-06", actor="S003", unit="FUND", code="FUND-01",
        trigger="functions", grounds="职能划转",
    )  # fmt: skip
    rows = catalogue_diff(Ledger(":memory:", published), "2026-02-01", "2026-06-01")
    assert [(r["change"], r["code"], r["element"]) for r in rows] == [
        ("changed", "FIN-02", "公开栏目"),
        ("added", "FIN-05", None),
        ("removed", "FUND-01", None),
    ]
    assert (rows[0]["old"], rows[0]["new"]) == ("政府信息公开/行政执法", "金融监管")
    assert catalogue_diff(Ledger(":memory:", published), "2026-06-01", "2026-06-02") == []


def test_the_diff_wants_the_earlier_date_first(published: LedgerApp) -> None:
    with pytest.raises(InvalidInput) as e:
        catalogue_diff(Ledger(":memory:", published), "2026-06-01", "2026-02-01")
    assert e.value.field == "date2"


def test_removing_an_item_keeps_its_history(published: LedgerApp) -> None:
    on_item(published, "item.remove", "2026-05-06", trigger="other", grounds="并入其他事项")
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-05-07")
    ledger = Ledger(":memory:", published)
    assert catalogue_show(ledger) == []
    [removed] = catalogue_show(ledger, include_removed=True)
    assert (removed["status"], removed["removed_on"]) == ("removed", "2026-05-06")
    assert [r["code"] for r in catalogue_show(ledger, when=When.parse(as_of="2026-05-05"))] == ["FIN-02"]
    events = [h["event"] for h in catalogue_history(ledger, "FIN", "FIN-02")["history"]]
    assert events == [
        "CatalogueItem.Established",
        "CatalogueItem.Published",
        "CatalogueItem.Adjusted",
        "CatalogueItem.Published",
    ]


def test_the_live_view_equals_a_rebuild(published: LedgerApp) -> None:
    views = Views(published)
    views.live(CatalogueView)
    change_column(published)
    live = views.live(CatalogueView)
    assert live.digest() == views.history((CatalogueView,)).get(CatalogueView).digest()
    assert live.rows


# --- the deadline board -----------------------------------------------------------------------------


def test_an_adjustment_unpublished_20_working_days_after_its_trigger_is_overdue(published: LedgerApp) -> None:
    change_column(published, "2026-03-02", triggered_on="2026-02-27")
    row = board(published, "2026-03-30")["catalogue:FIN/FIN-02:adj1:publish"]
    assert (row["due"], row["status"]) == ("2026-03-26", "overdue")  # Saturday 28 February is worked
    assert row["citation"] == "附件3 第四条（及时）, 本台账读作"  # the period is a reading of 及时


def test_a_filing_is_on_the_board_from_publication_and_acceptance_is_never_the_units_deadline(
    published: LedgerApp,
) -> None:
    """附件3 第五条: the unit files after publication; the seed has no acceptance step, so what the
    leadership group does with a filing (its optional act) is never charged to the unit."""
    change_column(published)
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    assert board(published, "2026-03-04")["catalogue:FIN/FIN-02:adj1:file"]["status"] == "open"
    run(published, "S002", "catalogue.filing.submit", unit="FIN", code="FIN-02", effective="2026-04-01")
    rows = board(published, "2026-04-01")
    assert rows["catalogue:FIN/FIN-02:adj1:file"]["status"] == "met late"
    assert not [k for k in rows if k.endswith(":accept")]
    run(published, "G01", "catalogue.filing.accept", unit="FIN", code="FIN-02", effective="2026-04-02")
    assert not [k for k in board(published, "2026-05-29") if k.endswith(":accept")]


def test_information_not_published_within_the_items_limit_is_overdue(published: LedgerApp) -> None:
    on_item(published, "info.record", "2026-10-09", subject="新增担保公司")
    row = board(published)["catalogue:FIN/FIN-02:info1"]
    assert (row["status"], row["due"]) == ("overdue", "2026-11-05")
    on_item(published, "info.update", "2026-11-20", subject="名单更新")
    assert board(published)["catalogue:FIN/FIN-02:info1"]["status"] == "met late"


def test_a_cycle_item_not_refreshed_is_overdue(bureau: LedgerApp) -> None:
    establish(bureau, update_cycle="monthly")
    run(bureau, "S002", "catalogue.publish", unit="FIN", effective="2026-01-12")
    on_item(bureau, "info.update", "2026-09-15", subject="9月")
    row = board(bureau)["catalogue:FIN/FIN-02:refresh"]
    assert (row["due"], row["status"]) == ("2026-11-02", "overdue")  # 31 October is a Saturday


# --- notices ----------------------------------------------------------------------------------------


def test_the_catalogue_notice_lists_published_items_by_unit_with_the_latest_adjustment(
    published: LedgerApp,
) -> None:
    establish(published, "S003", unit="FUND", code="FUND-01", title="专项资金分配结果")
    run(published, "S003", "catalogue.publish", unit="FUND", effective="2026-01-13")
    change_column(published, "2026-03-02")
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    establish(published, code="FIN-09", title="未发布事项", effective="2026-03-04", **ADDED)
    ledger = Ledger(":memory:", published)
    notices = {n.slug: n for n in ledger.notices()}
    catalogue = notices["catalogue"]
    text = catalogue.markdown()
    assert catalogue.dated == date(2026, 3, 3)
    assert [s.heading for s in catalogue.sections[1:]] == ["金融股（1项）", "资金股（1项）"]
    assert catalogue.sections[1].table_header[1:4] == ("公开事项", "公开内容", "信息更新时间")
    assert "金融监管" in text and "未发布事项" not in text
    assert "最近一次调整：2026年3月3日，金融股变更事项“地方金融组织名单”" in text
    adjustment = notices["catalogue-adjustment-FIN-FIN-02-1"]
    assert adjustment.sections[1].table_rows == (("公开栏目", "政府信息公开/行政执法", "金融监管"),)
    text = adjustment.markdown()
    assert "《雁江区金融工作局政务公开事项清单动态管理制度》第四条第（二）项" in text
    assert "附件3" not in text and "触发日期" not in text


def test_a_published_removal_leaves_the_catalogue_notice(published: LedgerApp) -> None:
    establish(published, code="FIN-03", title="金融运行情况")
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-01-12")
    on_item(published, "item.remove", "2026-05-06", trigger="other", grounds="合并")
    ledger = Ledger(":memory:", published)
    before = {n.slug: n for n in ledger.notices()}["catalogue"].markdown()
    assert "地方金融组织名单" in before  # the removal is not published yet
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-05-07")
    after = {n.slug: n for n in ledger.notices()}["catalogue"].markdown()
    assert "| FIN-02 |" not in after and "| FIN-03 |" in after
    assert "删除事项“地方金融组织名单”" in after


# --- facts for the assessment ----------------------------------------------------------------------


def test_catalogue_facts_count_items_adjustments_and_timeliness(published: LedgerApp) -> None:
    # adjustment 1: published on time, filed late, accepted
    change_column(published, "2026-03-02")
    run(published, "S002", "catalogue.publish", unit="FIN", effective="2026-03-03")
    run(published, "S002", "catalogue.filing.submit", unit="FIN", code="FIN-02", effective="2026-04-01")
    run(published, "G01", "catalogue.filing.accept", unit="FIN", code="FIN-02", effective="2026-04-02")
    # adjustment 2 (an addition by law): published late, not filed yet, filing still open
    add_by_law(published, "某法", triggered_on="2026-05-06", on="2026-06-01")
    run(published, "S002", "catalogue.publish", unit="FIN", codes=["FIN-05"], effective="2026-11-16")
    facts = catalogue_facts(Ledger(":memory:", published), "FIN", 2026)
    assert facts["items"] == 2
    assert (facts["adjustments"], facts["added"], facts["changed"], facts["removed"]) == (2, 1, 1, 0)
    assert facts["by_trigger"]["附件3 第四条(一)"] == 1 and facts["by_trigger"]["附件3 第四条(二)"] == 1
    assert (facts["published"], facts["publication_due"], facts["published_on_time"]) == (2, 2, 1)
    assert facts["published_on_time_share"] == 0.5
    assert (facts["filed"], facts["filing_due"], facts["filed_on_time"]) == (1, 1, 0)
    assert facts["filed_on_time_share"] == 0.0
    assert facts["accepted"] == 1
    assert catalogue_facts(Ledger(":memory:", published), "FIN", 2025)["adjustments"] == 0

"""The annual report (条例 第四十九条) without storage: due 31 January of the next year, a rest
day moving it to the next working day (民法典 第二百零三条), explained day by day."""

from __future__ import annotations

from datetime import date

import pytest

from aggregates.annual import ART_TABLE, AnnualReport, Part, open_at_start, tally
from aggregates.errors import Refused
from aggregates.obligations import Count
from ledger.commands.policy import packaged_policies
from ledger.rules.deadlines import compute_due, standing
from tests.support.calendar import CAL
from tests.support.clock import stamp

POLICY = packaged_policies()[-1]


def test_the_report_of_2025_is_due_on_the_first_working_day_after_31_january_2026() -> None:
    report = AnnualReport.open(stamp("2026-01-05"), 2025, "OFFICE", POLICY)
    [o] = report.obligations()
    assert (o.key, o.unit, o.count, o.start) == (
        "annual_report:2025",
        "OFFICE",
        Count.FIXED_DATE,
        date(2026, 1, 31),
    )
    assert compute_due(o, CAL).due == date(2026, 2, 2)
    assert standing(o, CAL, date(2026, 2, 2)).status == "due"
    assert standing(o, CAL, date(2026, 2, 3)).status == "overdue"


def test_a_report_is_published_after_its_year_with_its_overview_written() -> None:
    report = AnnualReport.open(stamp("2026-01-05"), 2025, "OFFICE", POLICY)
    with pytest.raises(Refused):
        report.publish(stamp("2026-01-20"), {})
    report.record_text(stamp("2026-01-10"), Part.OVERVIEW, "2025年，我局……")
    with pytest.raises(Refused):
        report.record_text(stamp("2026-01-11"), Part.OVERVIEW, "2025年，我局……")  # already reads so
    report.publish(stamp("2026-01-20"), {"year": 2025})
    [o] = report.obligations()
    assert o.met_on == date(2026, 1, 20) and standing(o, CAL, date(2026, 3, 1)).status == "met"
    with pytest.raises(Refused):
        AnnualReport.open(stamp("2025-06-01"), 2026, "OFFICE", POLICY)  # not before its year


def test_the_public_fact_is_the_latest_publications_public_form_and_nothing_before_it() -> None:
    from projections.annual.facts import public_facts

    report = AnnualReport.open(stamp("2026-01-05"), 2025, "OFFICE", POLICY)
    report.record_text(stamp("2026-01-10"), Part.OVERVIEW, "2025年，我局……")
    assert public_facts(report) == []  # written, not published: nothing public
    report.publish(stamp("2026-01-20"), {"year": 2025, "carried_forward": ["YSQ-2025-031"]})
    assert public_facts(report) == []  # a publication without its public form (recorded before it was kept)
    report.publish(
        stamp("2026-01-22"), {"year": 2025, "carried_forward": ["YSQ-2025-031"], "public": {"x": 1}}
    )
    [fact] = public_facts(report)
    assert (fact.kind, fact.key, fact.unit, fact.dated) == (
        "annual.report",
        "annual_report:2025:report",
        "OFFICE",
        date(2026, 1, 22),  # republished: the notice bears the latest day; the board keeps the first
    )
    assert fact.data == {"year": 2025, "report": {"x": 1}}  # never the requests carried forward
    assert report.published_on == date(2026, 1, 20)


def test_table_three_counts_each_request_once_on_each_side() -> None:
    days = {
        "A": ("2025-12-20", "2026-01-05"),  # carried in, answered
        "B": ("2026-03-02", "2026-03-20"),  # new, answered
        "C": ("2026-12-28", None),  # new, carried forward
    }
    t = tally(2026, days, {"A"}, "2025年度报告结转")
    assert (t.new, t.carried, t.answered, t.forward) == ({"B", "C"}, {"A"}, {"A", "B"}, {"C"})
    assert open_at_start("2025-12-20", "2026-01-05", 2026) and not open_at_start("2026-01-02", None, 2026)


def test_table_three_that_does_not_add_up_is_refused_naming_the_request() -> None:
    days = {"A": ("2025-12-20", "2025-12-30")}  # answered in 2025, yet carried into 2026
    with pytest.raises(Refused) as refused:
        tally(2026, days, {"A"}, "2025年度报告结转")
    assert refused.value.field == "year" and "A: carried over into 2026" in str(refused.value)
    assert refused.value.article == ART_TABLE

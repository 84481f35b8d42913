"""Where an obligation stands on a day, with the calendar the ledger holds."""

from __future__ import annotations

from datetime import date

from aggregates.obligations import Count, Obligation
from ledger.rules.calendar import WorkingCalendar, YearSchedule
from ledger.rules.deadlines import standing
from tests.support.calendar import draft_obligation, official


def report_due(start: str, met_on: str | None = None) -> Obligation:
    return draft_obligation(
        key="D-1/report",
        what="adoption report published",
        citation="附件2 第六条(三)",
        policy_version="yanjiang-2022.1",
        count=Count.WORKING_DAYS_AFTER,
        start=date.fromisoformat(start),
        n=10,
        met_on=date.fromisoformat(met_on) if met_on else None,
    )


CAL = official(2026)


def test_open_obligation_says_how_many_working_days_are_left() -> None:
    s = standing(report_due("2026-09-28"), CAL, date(2026, 9, 30))
    # 10 working days after 28 Sep: 29, 30 Sep, 9, 10 (Sat, worked), 12–16, 19 Oct... → 2026-10-16
    assert s.due == date(2026, 10, 16)
    assert (s.status, s.note) == ("open", "due in 8 working days")


def test_met_on_time_and_met_late() -> None:
    assert standing(report_due("2026-09-28", "2026-10-16"), CAL, date(2026, 11, 1)).status == "met"
    assert standing(report_due("2026-09-28", "2026-10-19"), CAL, date(2026, 11, 1)).status == "met late"


def test_unmet_after_the_due_date_is_overdue_by_working_days() -> None:
    s = standing(report_due("2026-09-28"), CAL, date(2026, 10, 20))
    assert (s.status, s.note) == ("overdue", "2 working days late")


def test_met_after_the_as_of_day_still_shows_open_on_that_day() -> None:
    assert standing(report_due("2026-09-28", "2026-10-15"), CAL, date(2026, 10, 9)).status == "open"


def test_a_deadline_in_a_year_without_calendar_is_pending_until_the_year_is_loaded() -> None:
    late_in_year = report_due("2026-12-24")
    s = standing(late_in_year, CAL, date(2026, 12, 25))
    assert (s.status, s.due) == ("pending", None)
    assert "no working-day calendar for 2027" in s.note
    loaded = WorkingCalendar(
        [*CAL.years.values(), YearSchedule(2027, {date(2027, 1, 1): "元旦"}, {}, "通知")]
    )  # type: ignore[list-item]
    s = standing(late_in_year, loaded, date(2026, 12, 25))
    assert (s.status, s.due) == ("open", date(2027, 1, 8))  # 25, 28–31 Dec; 1 Jan off; 4–8 Jan


def test_one_working_day_is_said_in_the_singular() -> None:
    s = standing(report_due("2026-09-28"), CAL, date(2026, 10, 15))  # due Friday 16 October
    assert s.note == "due in 1 working day"
    late = standing(report_due("2026-09-28"), CAL, date(2026, 10, 19))
    assert late.note == "1 working day late"

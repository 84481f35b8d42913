"""Where an obligation stands on a day, with the calendar the ledger holds."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest

from aggregates.obligations import Count, Obligation
from ledger.rules import readings
from ledger.rules import standing as standing_rules
from ledger.rules.calendar import WorkingCalendar, YearSchedule
from ledger.rules.deadlines import compute_due, standing
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


def by_date(day: str, count: Count = Count.FIXED_DATE) -> Obligation:
    """The annual report on government information disclosure, due by a fixed date each year."""
    return draft_obligation(
        key="catalogue:OFFICE/OFFICE-02:refresh",
        what="information refreshed",
        citation="条例 第四十九条",
        count=count,
        start=date.fromisoformat(day),
    )


def test_a_fixed_date_on_a_weekend_moves_to_the_next_working_day() -> None:
    """民法典 第二百零三条: 31 January 2026 is a Saturday, so the annual report is due Monday 2 February."""
    comp = compute_due(by_date("2026-01-31"), CAL)
    assert comp.due == date(2026, 2, 2)
    assert [(s.day.isoformat(), s.kind) for s in comp.steps] == [
        ("2026-01-31", "last"),
        ("2026-01-31", "skipped"),
        ("2026-02-01", "skipped"),
        ("2026-02-02", "moved"),
    ]
    assert comp.steps[-1].note == "first working day after a rest day (民法典 第二百零三条)"
    assert comp.rule == (
        "by 2026-01-31 (a rest day: the first working day after it, 民法典 第二百零三条); "
        "ends 2026-02-02 24:00 Asia/Shanghai"
    )
    s = standing(by_date("2026-01-31"), CAL, date(2026, 2, 2))
    assert (s.status, s.note) == ("due", "due today")  # not overdue on the Monday


def test_a_fixed_date_in_the_spring_festival_break_moves_past_the_break() -> None:
    """31 January 2025 is inside the Spring Festival break (28 January – 4 February): due 5 February."""
    comp = compute_due(by_date("2025-01-31"), official(2025))
    assert comp.due == date(2025, 2, 5)
    assert {s.note for s in comp.steps if s.kind == "skipped"} == {"rest day: public holiday (春节)"}


def test_a_fixed_date_on_a_working_day_or_an_adjusted_working_saturday_stays() -> None:
    assert compute_due(by_date("2026-03-31"), CAL).due == date(2026, 3, 31)  # a Tuesday
    assert compute_due(by_date("2026-02-28"), CAL).due == date(2026, 2, 28)  # Saturday worked (春节调休)


def test_a_fixed_date_moved_into_a_year_without_calendar_is_pending_never_guessed() -> None:
    """31 December 2022 is a Saturday and 1–2 January 2023 the 元旦 break: with no 2023 calendar
    the day it moves to is not known, so the deadline is pending, never 31 December."""
    only_2022 = official(2022)
    s = standing(by_date("2022-12-31"), only_2022, date(2022, 12, 20))
    assert (s.status, s.due) == ("pending", None)
    assert "no working-day calendar for 2023" in s.note
    assert compute_due(by_date("2022-12-31"), official(2022, 2023)).due == date(2023, 1, 3)


def test_a_fixed_date_in_a_year_without_calendar_is_pending_until_the_year_is_loaded() -> None:
    s = standing(by_date("2027-01-31"), CAL, date(2026, 12, 1))
    assert (s.status, s.due) == ("pending", None)
    assert "no working-day calendar for 2027" in s.note


def test_the_last_day_of_a_calendar_period_is_never_moved() -> None:
    """A half-year's meeting must be held in the half-year (附件1 第四条(一)): its last day is
    not a time limit, so a Saturday 30 June stays (and needs no calendar)."""
    assert compute_due(by_date("2029-06-30", Count.FIXED), WorkingCalendar()).due == date(2029, 6, 30)


def test_the_board_warns_from_the_working_days_the_ledgers_readings_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = json.loads((readings.FOLDER / readings.READINGS_FILE).read_text("utf-8"))
    assert rule["rules"]["board.due_soon_working_days"]["value"] == 5
    assert "本台账读作" in rule["rules"]["board.due_soon_working_days"]["citation"]
    # due Friday 16 October: on the worked Saturday 10 October five working days are left
    five_left = standing(report_due("2026-09-28"), CAL, date(2026, 10, 10))
    assert (five_left.status, five_left.note) == ("due", "due in 5 working days")
    assert standing(report_due("2026-09-28"), CAL, date(2026, 10, 9)).status == "open"  # six left
    # the number is the data's: readings that say three warn from three working days left
    rule["rules"]["board.due_soon_working_days"]["value"] = 3
    (tmp_path / readings.READINGS_FILE).write_text(json.dumps(rule, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(readings, "FOLDER", tmp_path)
    try:
        readings.reading.cache_clear()
        importlib.reload(standing_rules)
        assert standing(report_due("2026-09-28"), CAL, date(2026, 10, 10)).status == "open"  # five left
        assert standing(report_due("2026-09-28"), CAL, date(2026, 10, 12)).status == "open"  # four left
        assert standing(report_due("2026-09-28"), CAL, date(2026, 10, 13)).status == "due"  # three left
    finally:
        monkeypatch.undo()
        readings.reading.cache_clear()
        importlib.reload(standing_rules)
    assert standing(report_due("2026-09-28"), CAL, date(2026, 10, 10)).status == "due"

"""Working days and periods: the Civil Code's rules and the State Council's calendar."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aggregates.errors import NoCalendar
from tests.support.calendar import CAL, official


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_rules_example_thirty_days_ending_on_national_day_moves_to_8_october() -> None:
    comp = CAL.period_end(d("2026-09-01"), 30)
    assert comp.due == d("2026-10-08")
    assert comp.closes_at().isoformat() == "2026-10-09T00:00:00+08:00"
    assert any("国庆节" in s.note for s in comp.steps)


def test_start_day_is_not_counted() -> None:
    assert CAL.period_end(d("2026-03-02"), 1).due == d("2026-03-03")


def test_period_ending_on_a_weekend_moves_to_monday() -> None:
    assert CAL.period_end(d("2026-03-02"), 5).due == d("2026-03-09")  # Sat 7 → Mon 9


def test_period_ending_on_an_adjusted_working_saturday_stays() -> None:
    # 2026-02-28 is a Saturday declared a working day (春节调休)
    assert CAL.period_end(d("2026-02-21"), 7).due == d("2026-02-28")


def test_period_ending_on_first_day_of_spring_festival_moves_past_the_break() -> None:
    assert CAL.period_end(d("2026-02-14"), 1).due == d("2026-02-24")  # break 15–23 February


def test_period_ending_on_last_day_of_national_day_break_moves_one_day() -> None:
    assert CAL.period_end(d("2026-09-07"), 30).due == d("2026-10-08")


def test_working_days_after_skip_the_break_and_count_the_adjusted_saturday() -> None:
    comp = CAL.working_days_after(d("2026-09-30"), 1)
    assert comp.due == d("2026-10-08")
    assert CAL.working_days_after(d("2026-10-08"), 2).due == d("2026-10-10")  # Saturday worked
    assert [s.kind for s in comp.steps].count("skipped") == 7


def test_working_day_before_counts_backwards_over_both_breaks() -> None:
    # Open day Monday 2026-10-12: the 7th working day before skips National Day and 中秋节.
    comp = CAL.working_day_before(d("2026-10-12"), 7)
    assert comp.due == d("2026-09-24")
    assert any("调休上班" in s.note for s in comp.steps)  # Saturday 10 October was worked
    assert comp.rule == "the 7th working day before 2026-10-12"
    assert CAL.working_day_before(d("2026-10-12"), 1).rule == "the 1st working day before 2026-10-12"
    assert CAL.working_day_before(d("2026-10-12"), 2).rule == "the 2nd working day before 2026-10-12"
    assert CAL.working_day_before(d("2026-10-12"), 3).rule == "the 3rd working day before 2026-10-12"
    assert CAL.working_day_before(d("2026-10-30"), 11).rule == "the 11th working day before 2026-10-30"


def test_a_year_without_calendar_is_reported_never_guessed() -> None:
    with pytest.raises(NoCalendar, match="no working-day calendar for 2027"):
        CAL.period_end(d("2026-12-20"), 30)
    with pytest.raises(NoCalendar):
        CAL.working_days_after(d("2026-12-30"), 5)


def test_a_calendar_knows_only_the_years_it_was_given() -> None:
    cal = official(2026)
    assert cal.knows(2026) and not cal.knows(2025)


# --- property tests against a brute-force reference: chinese-calendar's own is_workday ---

FIRST, LAST = date(2004, 1, 1), date(2026, 11, 30)
days = st.dates(min_value=FIRST, max_value=LAST)


def reference_period_end(start: date, n: int) -> date:
    last = start + timedelta(days=n)
    while not chinese_calendar.is_workday(last):
        last += timedelta(days=1)
    return last


def reference_working_days_after(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def reference_working_day_before(end: date, n: int) -> date:
    day = end
    while n:
        day -= timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


@settings(max_examples=300, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=30))
def test_period_end_matches_reference(start: date, n: int) -> None:
    assert CAL.period_end(start, n).due == reference_period_end(start, n)


@settings(max_examples=300, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=20))
def test_working_days_after_matches_reference(start: date, n: int) -> None:
    assert CAL.working_days_after(start, n).due == reference_working_days_after(start, n)


@settings(max_examples=300, deadline=None)
@given(end=st.dates(min_value=date(2004, 3, 1), max_value=LAST), n=st.integers(min_value=1, max_value=20))
def test_working_day_before_matches_reference(end: date, n: int) -> None:
    assert CAL.working_day_before(end, n).due == reference_working_day_before(end, n)


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=20))
def test_explanation_counts_exactly_n_working_days(start: date, n: int) -> None:
    comp = CAL.working_days_after(start, n)
    counted = [s for s in comp.steps if s.kind == "counted"]
    assert len(counted) == n and counted[-1].day == comp.due
    assert all(CAL.is_working_day(s.day) for s in counted)

"""Chinese working days and legal periods, computed from the schedules in the ledger.

* ``period_end``: N days per 民法典 第二百零一条–第二百零三条 — the start day is not
  counted; a last day that is a rest day moves to the next working day; the period
  ends at 24:00 Asia/Shanghai of its last day.
* ``working_days_after``: the Nth working day after a date.
* ``working_day_before``: the Nth working day before a date.
* ``by_date``: a time limit that ends on a fixed date (the annual report by 31 January):
  a rest day moves it to the next working day (民法典 第二百零三条).

Every answer carries its explanation, day by day. A day in a year with no recorded
schedule raises :class:`NoCalendar`; nothing falls back to Monday–Friday.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from aggregates.errors import NoCalendar

if TYPE_CHECKING:  # a board read works out days without the aggregates, pydantic or pendulum
    from aggregates.calendar import CalendarYear

TZ = "Asia/Shanghai"
CIVIL_CODE_PERIODS = "民法典 第二百零一条–第二百零三条"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class YearSchedule:
    year: int
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    source: str


@dataclass(frozen=True)
class Step:
    day: date
    kind: Literal["start", "counted", "skipped", "paused", "last", "moved"]
    note: str


@dataclass(frozen=True)
class Computation:
    """A computed date and how it was worked out."""

    due: date
    rule: str
    steps: tuple[Step, ...] = field(default=())

    def closes_at(self) -> datetime:
        """24:00 of the due day, Asia/Shanghai (as the next midnight)."""
        import pendulum

        nxt = self.due + ONE_DAY
        return pendulum.datetime(nxt.year, nxt.month, nxt.day, tz=TZ)


class WorkingCalendar:
    """The working-day calendar as recorded in the ledger."""

    def __init__(self, years: Iterable[YearSchedule] = ()) -> None:
        self.years: dict[int, YearSchedule | None] = {y.year: y for y in years}
        self._lookup: Callable[[int], YearSchedule | None] | None = None

    @classmethod
    def lazy(cls, lookup: Callable[[int], YearSchedule | None]) -> WorkingCalendar:
        """A calendar that fetches each year's schedule from the ledger when first needed."""
        cal = cls()
        cal._lookup = lookup
        return cal

    @classmethod
    def from_aggregates(cls, years: Iterable[CalendarYear]) -> WorkingCalendar:
        return cls(YearSchedule(y.year, dict(y.holidays), dict(y.workdays), y.source) for y in years)

    def schedule(self, year: int) -> YearSchedule:
        if year not in self.years and self._lookup is not None:
            self.years[year] = self._lookup(year)
        found = self.years.get(year)
        if found is None:
            raise NoCalendar(year)
        return found

    def knows(self, year: int) -> bool:
        try:
            self.schedule(year)
        except NoCalendar:
            return False
        return True

    def rest_reason(self, day: date) -> str | None:
        """Why ``day`` is a rest day, or None when it is a working day."""
        sched = self.schedule(day.year)
        if day in sched.holidays:
            return f"public holiday ({sched.holidays[day]})"
        if day in sched.workdays:
            return None
        if day.weekday() >= 5:
            return "weekend"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.rest_reason(day) is None

    def _working_note(self, day: date) -> str:
        sched = self.schedule(day.year)
        if day in sched.workdays:
            return f"adjusted working day (调休上班, {sched.workdays[day]})"
        return "working day"

    def period_end(self, start: date, days: int) -> Computation:
        """The last day of a period of ``days`` days starting on ``start``."""
        if days < 1:
            raise ValueError("a period has at least one day")
        last = start + timedelta(days=days)
        steps = [
            Step(start, "start", "start day not counted (民法典 第二百零一条)"),
            Step(last, "last", f"day {days} of {days}"),
        ]
        due = self._past_rest_days(last, steps)
        rule = f"{days} days from {start} ({CIVIL_CODE_PERIODS}); ends {due} 24:00 Asia/Shanghai"
        return Computation(due, rule, tuple(steps))

    def by_date(self, day: date) -> Computation:
        """A time limit that ends on the fixed date ``day``: on it, or, when it is a rest day,
        on the first working day after (民法典 第二百零三条: 期间的最后一日是法定休假日的，
        以法定休假日结束的次日为期间的最后一日). Needs the calendar of ``day``'s year."""
        steps = [Step(day, "last", "fixed date")]
        due = self._past_rest_days(day, steps)
        moved = " (a rest day: the first working day after it, 民法典 第二百零三条)" if due != day else ""
        return Computation(due, f"by {day}{moved}; ends {due} 24:00 Asia/Shanghai", tuple(steps))

    def _past_rest_days(self, last: date, steps: list[Step]) -> date:
        """``last``, or the first working day after it when it is a rest day (民法典 第二百零三条),
        noting each rest day skipped and the move in ``steps``."""
        due = last
        reason = self.rest_reason(due)
        while reason is not None:
            steps.append(Step(due, "skipped", f"rest day: {reason}"))
            due += ONE_DAY
            reason = self.rest_reason(due)
        if due != last:
            steps.append(Step(due, "moved", "first working day after a rest day (民法典 第二百零三条)"))
        return due

    def working_days_paused(
        self, start: date, n: int, pauses: Iterable[tuple[date, date, str]]
    ) -> Computation:
        """The ``n``-th working day after ``start``, the days of each pause not counted.

        A pause ``(first, last, why)`` takes the days ``first``…``last`` out of the count (the
        time spent consulting third parties or other bodies, 条例 第三十三条): each is shown as
        paused, working day or not, so the explanation says why the answer came later."""
        spans = sorted(pauses)
        steps = [Step(start, "start", "start day not counted")]
        day, counted = start, 0
        while counted < n:
            day += ONE_DAY
            why = next((w for first, last, w in spans if first <= day <= last), None)
            reason = self.rest_reason(day)
            if why is not None:
                steps.append(Step(day, "paused", f"not counted: {why}" + (f" ({reason})" if reason else "")))
            elif reason is None:
                counted += 1
                steps.append(Step(day, "counted", f"working day {counted} of {n}: {self._working_note(day)}"))
            else:
                steps.append(Step(day, "skipped", f"rest day: {reason}"))
        paused = sum(1 for s in steps if s.kind == "paused")
        note = f", {paused} paused days not counted" if paused else ""
        return Computation(day, f"{n} working days after {start}{note}", tuple(steps))

    def working_days_after(self, start: date, n: int) -> Computation:
        """The ``n``-th working day after ``start`` (``start`` itself not counted)."""
        day, steps = self._count_working_days(start, n, ONE_DAY, "start day not counted", "")
        return Computation(day, f"{n} working days after {start}", steps)

    def working_day_before(self, end: date, n: int) -> Computation:
        """The ``n``-th working day before ``end`` (``end`` itself not counted)."""
        from aggregates.calendar import ordinal

        day, steps = self._count_working_days(end, n, -ONE_DAY, "the day itself not counted", " before")
        return Computation(day, f"the {ordinal(n)} working day before {end}", steps)

    def _count_working_days(
        self, origin: date, n: int, step: timedelta, origin_note: str, direction: str
    ) -> tuple[date, tuple[Step, ...]]:
        """Walk ``step`` by ``step`` from ``origin`` (not counted) to the ``n``-th working day,
        noting each day counted or skipped; the same walk forwards and backwards."""
        if n < 1:
            raise ValueError("count at least one working day")
        steps = [Step(origin, "start", origin_note)]
        day, counted = origin, 0
        while counted < n:
            day += step
            reason = self.rest_reason(day)
            if reason is None:
                counted += 1
                note = f"working day {counted} of {n}{direction}: {self._working_note(day)}"
                steps.append(Step(day, "counted", note))
            else:
                steps.append(Step(day, "skipped", f"rest day: {reason}"))
        return day, tuple(steps)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def today(now: datetime | None = None) -> date:
    """Today's date in Asia/Shanghai: a clerk at 23:30 in Ziyang records today, not UTC's
    (a moment with no zone is UTC's; zoneinfo, not pendulum: a board read needs only this)."""
    from zoneinfo import ZoneInfo

    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(TZ)).date()

"""A year's official working-day schedule, recorded in the ledger.

Recording the schedule as an event (with the notice it comes from) means a replay
years later computes the same deadlines, and loading a year later recomputes the
deadlines that were pending on it.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from aggregates.base import Aggregate, Event, Stamp, stable_id
from aggregates.errors import InvalidInput, Refused


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``7th``, ``11th``, ``21st``: the Nth working day in a message."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class CalendarYear(Aggregate):
    """The holidays and adjusted working weekends (调休上班) of one year."""

    kind = "calendar"

    year: int
    holidays: dict[date, str]
    workdays: dict[date, str]
    source: str

    @staticmethod
    def id_for(year: int) -> UUID:
        return stable_id("calendar", str(year))

    @staticmethod
    def _check(year: int, holidays: dict[date, str], workdays: dict[date, str]) -> None:
        for field, days in (("holidays", holidays), ("workdays", workdays)):
            for day in days:
                if day.year != year:
                    raise InvalidInput(field, f"{day} is not in {year}")
        for day in workdays:
            if day.weekday() < 5:
                raise InvalidInput("workdays", f"{day} is a weekday; only weekend days are adjusted")
        both = set(holidays) & set(workdays)
        if both:
            raise InvalidInput("workdays", f"{min(both)} is listed as both holiday and working day")

    @classmethod
    def record(
        cls,
        stamp: Stamp,
        year: int,
        holidays: dict[date, str],
        workdays: dict[date, str],
        source: str,
    ) -> CalendarYear:
        cls._check(year, holidays, workdays)
        return cls._create(
            cls.id_for(year),
            cls.ScheduleRecorded,
            stamp,
            year=year,
            holidays=holidays,
            workdays=workdays,
            source=source,
        )

    def revise(self, stamp: Stamp, holidays: dict[date, str], workdays: dict[date, str], source: str) -> None:
        self._check(self.year, holidays, workdays)
        if holidays == self.holidays and workdays == self.workdays:
            raise Refused("calendar", f"the {self.year} schedule is already recorded as given")
        self._trigger(self.ScheduleRevised, stamp, holidays=holidays, workdays=workdays, source=source)

    class ScheduleRecorded(Event):
        creates = True
        year: int
        holidays: dict[date, str]
        workdays: dict[date, str]
        source: str

        def apply(self, cal: CalendarYear) -> None:
            self.assign(cal, "year", "source")
            cal.holidays, cal.workdays = dict(self.holidays), dict(self.workdays)

        def summary(self) -> str:
            return (
                f"{self.year}: {len(self.holidays)} holidays, "
                f"{len(self.workdays)} adjusted working days ({self.source})"
            )

    class ScheduleRevised(Event):
        holidays: dict[date, str]
        workdays: dict[date, str]
        source: str

        def apply(self, cal: CalendarYear) -> None:
            cal.holidays = dict(self.holidays)
            cal.workdays = dict(self.workdays)
            cal.source = self.source

        def summary(self) -> str:
            return f"revised: {len(self.holidays)} holidays, {len(self.workdays)} adjusted ({self.source})"

"""Calendar commands: record the official working-day schedule of a year."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from aggregates.authority import Act
from aggregates.calendar import CalendarYear
from ledger.application import UnitOfWork
from ledger.commands.base import Command
from ledger.rules.calendar_sources import (
    AdjustedDay,
    HolidayRange,
    package_schedule,
    package_source,
    package_years,
)


def _days(
    holidays: tuple[HolidayRange, ...], workdays: tuple[AdjustedDay, ...]
) -> tuple[dict[date, str], dict[date, str]]:
    rest: dict[date, str] = {}
    for r in holidays:
        rest.update(r.days())
    return rest, {w.day: w.name for w in workdays}


def record_year(
    uow: UnitOfWork,
    effective: date | None,
    year: int,
    holidays: tuple[HolidayRange, ...],
    workdays: tuple[AdjustedDay, ...],
    source: str,
) -> str:
    """Record a year, or revise it when it differs from what is recorded."""
    rest, work = _days(holidays, workdays)
    stamp = uow.stamp(effective)
    existing = uow.get(CalendarYear, CalendarYear.id_for(year))
    if existing is None:
        uow.add(CalendarYear.record(stamp, year, rest, work, source))
        return "recorded"
    uow.changed(existing)
    existing.revise(stamp, rest, work, source)
    return "revised"


class RecordCalendarYear(Command):
    """Record one year's official schedule (holidays and adjusted working weekends)."""

    name = "calendar.record"
    generate_cli = False  # `ledger calendar load FILE`
    year: int = Field(ge=1949, le=2200)
    source: str = Field(min_length=1, description="the notice the schedule comes from")
    holidays: tuple[HolidayRange, ...]
    workdays: tuple[AdjustedDay, ...] = ()

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_CALENDAR)
        what = record_year(uow, self.effective, self.year, self.holidays, self.workdays, self.source)
        return {"message": f"calendar {self.year} {what} ({self.source})"}


class SeedCalendar(Command):
    """Record every year the chinese-calendar package knows that the ledger does not hold."""

    name = "calendar.seed"
    until: int | None = Field(default=None, ge=1949, le=2200, description="record no year after this one")

    def execute(self, uow: UnitOfWork) -> dict[str, Any]:
        uow.authorise(Act.RECORD_CALENDAR)
        added = []
        for year in package_years():
            if self.until is not None and year > self.until:
                continue
            if uow.get(CalendarYear, CalendarYear.id_for(year)) is None:
                holidays, workdays = package_schedule(year)
                record_year(uow, self.effective, year, tuple(holidays), tuple(workdays), package_source(year))
                added.append(year)
        span = f"{added[0]}–{added[-1]}" if added else "none"
        return {"years": added, "message": f"calendar years recorded: {span}"}

"""Where official schedules come from: the chinese-calendar package, or a documented file.

File format (JSON), one year, as the State Council General Office's notice lists it::

    {"year": 2027,
     "source": "国务院办公厅关于2027年部分节假日安排的通知",
     "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}, ...],
     "workdays": [{"name": "春节", "day": "2027-02-07"}, ...]}

``holidays`` are the rest days of each break (weekend days inside it included);
``workdays`` are the weekend days declared working days (调休上班).
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants
from pydantic import Field, model_validator

from aggregates.base import Frozen

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class HolidayRange(Frozen):
    name: str = Field(min_length=1)
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> HolidayRange:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self

    def days(self) -> dict[date, str]:
        n = (self.end - self.start).days
        return {self.start + timedelta(days=i): self.name for i in range(n + 1)}


class AdjustedDay(Frozen):
    name: str = Field(min_length=1)
    day: date


def package_years() -> list[int]:
    """Years the installed chinese-calendar package knows."""
    return sorted({d.year for d in constants.holidays})


def package_source(year: int) -> str:
    version = getattr(chinese_calendar, "__version__", "1.11.0")
    return f"国务院办公厅关于{year}年部分节假日安排的通知 (chinesecalendar {version})"


def package_schedule(year: int) -> tuple[list[HolidayRange], list[AdjustedDay]]:
    """A year from chinese-calendar, as holiday ranges and adjusted working days."""
    days = sorted((d, HOLIDAY_NAMES_ZH.get(n, n)) for d, n in constants.holidays.items() if d.year == year)
    ranges: list[HolidayRange] = []
    for day, name in days:
        last = ranges[-1] if ranges else None
        if last and last.name == name and last.end + timedelta(days=1) == day:
            ranges[-1] = HolidayRange(name=name, start=last.start, end=day)
        else:
            ranges.append(HolidayRange(name=name, start=day, end=day))
    workdays = [
        AdjustedDay(name=HOLIDAY_NAMES_ZH.get(n, n), day=d)
        for d, n in sorted(constants.workdays.items())
        if d.year == year
    ]
    return ranges, workdays

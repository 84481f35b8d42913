"""The State Council's official calendar, as packaged, for tests of working days and deadlines."""

from __future__ import annotations

from datetime import date

from aggregates.obligations import Obligation
from ledger.rules.calendar import WorkingCalendar, YearSchedule
from ledger.rules.calendar_sources import package_schedule, package_years


def official(*years: int) -> WorkingCalendar:
    schedules = []
    for year in years:
        holidays, workdays = package_schedule(year)
        rest: dict[date, str] = {}
        for r in holidays:
            rest.update(r.days())
        schedules.append(YearSchedule(year, rest, {w.day: w.name for w in workdays}, "test"))
    return WorkingCalendar(schedules)


CAL = official(*package_years())


def draft_obligation(**facts: object) -> Obligation:
    """An obligation of FIN about a draft (草案): ``facts`` give the key, what, citation and count."""
    return Obligation.model_validate({"unit": "FIN", "subject": "草案", **facts})

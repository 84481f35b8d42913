"""Closing days a notice prints but its record could not fix: computed when it is read.

A decision published while the working-day calendar of its window's year was missing
records its start and period, not a closing day (``pending`` in its public fact). The
notices are written with the calendar as known when they are read: once the year is
recorded the day is computed and the notice appears; until then it is withheld (the
deadline board shows the window as pending, naming the missing year).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from aggregates.errors import NoCalendar
from aggregates.public import PublicFact
from ledger.rules.calendar import WorkingCalendar


def with_dates(facts: Iterable[PublicFact], cal: WorkingCalendar) -> list[PublicFact]:
    """The facts with every pending closing day computed; a fact whose day still needs a
    missing year's calendar is left out (its notice is not written yet)."""
    out = []
    for fact in facts:
        pending = fact.data.get("pending")
        if not pending:
            out.append(fact)
            continue
        data = {k: v for k, v in fact.data.items() if k != "pending"}
        try:
            for field, period in pending.items():
                start = date.fromisoformat(period["start"])
                data[field] = cal.period_end(start, int(period["days"])).due.isoformat()
        except NoCalendar:
            continue
        out.append(fact.model_copy(update={"data": data}))
    return out

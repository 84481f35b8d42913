"""Deadline status: an obligation's due date and where it stands on a given day.

Dates come from the working-day calendar recorded in the ledger; a year it does
not hold leaves the obligation *pending* (never guessed with Monday–Friday).
"""

from __future__ import annotations

from datetime import date

from aggregates.errors import NoCalendar
from aggregates.obligations import Count, Obligation
from ledger.rules.calendar import Computation, Step, WorkingCalendar
from ledger.rules.standing import (  # where a dated obligation stands: no pydantic needed there
    DUE_SOON_WORKING_DAYS,
    STATE_MEANING,
    STATES,
    Standing,
    due_soon_until,
    pending,
    standing_on,
    urgency,
    working_days,
)

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "STATES",
    "STATE_MEANING",
    "ClockPaused",
    "Standing",
    "compute_due",
    "due_soon_until",
    "pending",
    "standing",
    "standing_on",
    "urgency",
    "working_days",
]


class ClockPaused(NoCalendar):
    """A count stopped with no end yet (a consultation of another body still open): its due
    date cannot be known, so the obligation reads as pending, with the pause named."""

    def __init__(self, first: date, why: str) -> None:
        super().__init__(first.year)
        self.rule = f"paused since {first}: {why}; the count resumes when it ends (条例 第三十三条)"
        self.args = (self.rule,)


def compute_due(o: Obligation, cal: WorkingCalendar) -> Computation:
    if o.count is Count.WORKING_DAYS_AFTER and o.paused:
        spans = []
        for p in o.paused:
            if p.last is None:
                raise ClockPaused(p.first, p.why)
            spans.append((p.first, p.last, p.why))
        return cal.working_days_paused(o.start, o.n, spans)
    if o.count is Count.PERIOD_DAYS:
        return cal.period_end(o.start, o.n)
    if o.count is Count.WORKING_DAYS_AFTER:
        return cal.working_days_after(o.start, o.n)
    if o.count is Count.WORKING_DAY_BEFORE:
        return cal.working_day_before(o.start, o.n)
    if o.count is Count.WORKING_DAYS_AFTER_PERIOD:
        end = cal.period_end(o.start, o.period_days or 0)
        after = cal.working_days_after(end.due, o.n)
        return Computation(after.due, f"{end.rule}; then {after.rule}", end.steps + after.steps[1:])
    if o.count is Count.FIXED_DATE:
        return cal.by_date(o.start)
    return Computation(o.start, f"due on {o.start}", (Step(o.start, "last", "fixed date"),))


def standing(o: Obligation, cal: WorkingCalendar, as_of: date) -> Standing:
    """Where ``o`` stands on ``as_of``: one of ``STATES``."""
    try:
        due = compute_due(o, cal).due
    except NoCalendar as e:
        return pending(o, e.rule)
    return standing_on(o, due, cal, as_of)

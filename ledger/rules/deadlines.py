"""Deadline status: an obligation's due date and where it stands on a given day.

Dates come from the working-day calendar recorded in the ledger; a year it does
not hold leaves the obligation *pending* (never guessed with Monday–Friday).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from aggregates.errors import NoCalendar
from aggregates.obligations import Count, Obligation
from ledger.rules.calendar import ONE_DAY, Computation, Step, WorkingCalendar

# How near a due date must be for the board to call an obligation *due* rather than *open*
# (本台账读作: the rules set no warning period; a working week lets a clerk still act).
DUE_SOON_WORKING_DAYS = 5

# The one word for each state, most urgent first: the board sorts by it, and every read
# (board, assessment evidence, duties) says the same word for the same state.
STATES = ("overdue", "due", "open", "announced short", "pending", "met late", "met", "closed")
STATE_MEANING = {
    "overdue": "past its due date and not done",
    "due": f"not done, due within {DUE_SOON_WORKING_DAYS} working days",
    "open": "not done, due later (or a comment window still open)",
    "announced short": "a comment window announced to close before its legal end",
    "pending": "no working-day calendar for its year yet",
    "met late": "done after its due date",
    "met": "done by its due date",
    "closed": "a comment window that has closed",
}


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


@dataclass(frozen=True)
class Standing:
    obligation: Obligation
    due: date | None
    status: str
    note: str

    def row(self) -> dict[str, Any]:
        o = self.obligation
        return {
            "key": o.key,
            "unit": o.unit,
            "subject": o.subject,
            "obligation": o.what,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "met_on": o.met_on.isoformat() if o.met_on else None,
            "citation": o.citation,
            "policy": o.policy_version,
            "note": self.note,
        }


def working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def standing(o: Obligation, cal: WorkingCalendar, as_of: date) -> Standing:
    """Where ``o`` stands on ``as_of``: one of ``STATES``."""
    try:
        due = compute_due(o, cal).due
    except NoCalendar as e:
        return pending(o, e.rule)
    return standing_on(o, due, cal, as_of)


def pending(o: Obligation, why: str) -> Standing:
    """``o`` with no due day yet (``why``: the year whose calendar is missing, or a pause)."""
    announced = f"; announced: {o.stated} 24:00" if o.stated else ""
    return Standing(o, None, "pending", why + announced)


def due_soon_until(cal: WorkingCalendar, as_of: date) -> date:
    """The last due day that reads *due* (not *open*) on ``as_of``: within
    ``DUE_SOON_WORKING_DAYS`` working days, counted with a recorded calendar."""
    day, count = as_of, 0
    while True:
        following = day + ONE_DAY
        try:
            count += cal.is_working_day(following)
        except NoCalendar:
            return day
        if count > DUE_SOON_WORKING_DAYS:
            return day
        day = following


def standing_on(o: Obligation, due: date, cal: WorkingCalendar, as_of: date) -> Standing:
    """Where ``o``, due on ``due`` (as the calendar dates it), stands on ``as_of``."""
    met = o.met_on if o.met_on and o.met_on <= as_of else None
    if o.window and o.stated is not None and o.stated < due:
        return Standing(
            o,
            due,
            "announced short",
            f"announced to close {o.stated} 24:00, before the legal end {due} 24:00 "
            f"({o.citation}): comments are taken until {due}",
        )
    if o.window:
        due = max(due, o.stated or due)  # never closes before the day announced
        return Standing(o, due, "closed" if as_of > due else "open", f"open until {due} 24:00")
    if met:
        return Standing(o, due, "met" if met <= due else "met late", "")
    if as_of > due:
        try:
            late = cal.working_days_between(due, as_of)
            return Standing(o, due, "overdue", f"{working_days(late)} late")
        except NoCalendar:
            return Standing(o, due, "overdue", "")
    try:
        left = cal.working_days_between(as_of, due)
    except NoCalendar as e:
        return Standing(o, due, "open", e.rule)
    state = "due" if left <= DUE_SOON_WORKING_DAYS else "open"
    return Standing(o, due, state, "due today" if left == 0 else f"due in {working_days(left)}")


def urgency(row: dict[str, Any]) -> tuple[int, str, str]:
    """A board row's place: overdue first (longest overdue first), then due soonest."""
    return (STATES.index(row["status"]), row["due"] or "9999", row["key"])

"""Where an obligation stands on a day, given its due day: the board's states and their notes.

Kept apart from the computation of the due day (``ledger.rules.deadlines``, which needs the
obligation model): a read of the stored board, whose rows carry their due day, works out
each state here without pydantic or the aggregates. An obligation is read through
``Shown``, the few fields a standing needs; ``aggregates.obligations.Obligation`` has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from aggregates.errors import NoCalendar
from ledger.rules.calendar import ONE_DAY, WorkingCalendar
from ledger.rules.readings import reading

# How near a due date must be for the board to call an obligation *due* rather than *open*
# (本台账读作, cited in the ledger's readings: the rules set no warning period).
DUE_SOON_WORKING_DAYS = reading("board.due_soon_working_days")

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


class Shown(Protocol):
    """What a standing reads of an obligation (an ``Obligation``, or a stored board row's fields)."""

    @property
    def key(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def citation(self) -> str: ...
    @property
    def policy_version(self) -> Any: ...
    @property
    def met_on(self) -> date | None: ...
    @property
    def window(self) -> bool: ...
    @property
    def stated(self) -> date | None: ...


@dataclass(frozen=True)
class Standing:
    obligation: Shown
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


def pending(o: Shown, why: str) -> Standing:
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


def standing_on(o: Shown, due: date, cal: WorkingCalendar, as_of: date) -> Standing:
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

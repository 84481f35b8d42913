"""A read's point in history, parsed once at the edge and passed as one typed value.

Two questions a supervisor asks: *what was the state of the world on a day* (``as_of``:
only acts effective by then) and *what had been recorded by a moment* (``known_at``:
only events stored by then). ``When()`` means now; both may be given together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from aggregates.errors import InvalidInput
from ledger.rules.calendar import TZ

if TYPE_CHECKING:  # imported when a history is parsed or read: a read of now needs neither
    from aggregates.base import Event

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a report, an assessment or a year's reading may name


def year_problem(year: int) -> str | None:
    """Why ``year`` cannot be named (None: it can): one range and one wording for the reads
    and the commands that take a year."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"{year} is not a year between {FIRST_YEAR} and {LAST_YEAR}"


def local_time(moment: datetime) -> str:
    """A moment as read in Ziyang, with its zone: ``2026-06-30 23:30:00 +08:00``."""
    import pendulum

    return pendulum.instance(moment).in_timezone(TZ).format("YYYY-MM-DD HH:mm:ss Z")


def parse_day(text: str, field: str = "as_of") -> date:
    """A day as a clerk types it (``2026-09-01``, ``2026/09/01``, ``2026年9月1日``)."""
    from pydantic_core import PydanticCustomError

    from ledger.rules.text import clerk_day

    try:
        day: date = clerk_day(text)
    except PydanticCustomError as e:
        raise InvalidInput(field, e.message()) from None
    return day


def parse_moment(text: str, field: str = "known_at") -> datetime:
    """A timestamp from the user; a bare date means the end of that day, Asia/Shanghai."""
    import pendulum
    from pydantic_core import PydanticCustomError

    from ledger.rules.text import clerk_day, fold

    hint = f"{text!r} is not a date or timestamp; use YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-09-01 17:30"
    try:
        day: date = clerk_day(text)  # a bare date: everything recorded that day
        return pendulum.datetime(day.year, day.month, day.day, tz=TZ).end_of("day")
    except PydanticCustomError:
        pass
    try:
        parsed = pendulum.parse(fold(text), tz=TZ)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise InvalidInput(field, hint) from None
    if not isinstance(parsed, pendulum.DateTime):
        raise InvalidInput(field, hint)
    return parsed


@dataclass(frozen=True)
class When:
    as_of: date | None = None  # the world as it stood on this day
    known_at: datetime | None = None  # only what had been recorded by this moment

    @classmethod
    def parse(cls, as_of: str | None = None, known_at: str | None = None) -> When:
        """From the user's text (``--as-of`` / ``--known-at``); InvalidInput names the field."""
        return cls(
            parse_day(as_of) if as_of else None,
            parse_moment(known_at) if known_at else None,
        )

    @property
    def now(self) -> bool:
        return self.as_of is None and self.known_at is None

    def admits(self, event: Event) -> bool:
        """Whether ``event`` belongs to the history this read looks at."""
        if self.known_at is not None and event.timestamp > self.known_at:
            return False
        return self.as_of is None or event.effective <= self.as_of

    def day(self, today: date) -> date:
        """The day a board is read on: ``as_of``, else the day of ``known_at``, else today."""
        if self.as_of is not None:
            return self.as_of
        import pendulum

        return pendulum.instance(self.known_at).in_timezone(TZ).date() if self.known_at else today

    def describe(self) -> str:
        """`` as known at … as of …`` for a message about a historical read ('' for now)."""
        known = f" as known at {local_time(self.known_at)}" if self.known_at else ""
        return known + (f" as of {self.as_of}" if self.as_of else "")

    def stamp(self) -> dict[str, str]:
        """The point in history as output fields (none for now)."""
        out = {}
        if self.as_of is not None:
            out["as_of"] = self.as_of.isoformat()
        if self.known_at is not None:
            out["known_at"] = local_time(self.known_at)
        return out


NOW = When()

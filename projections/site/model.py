"""The plain data a site or a report is rendered from: gathered by the interface, so the
rendering is a pure function that tests can feed from aggregates without storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from aggregates.public import PublicFact
from projections.notices import Notice


@dataclass(frozen=True)
class SystemNotices:
    """One system's notices, as its own writer words them (its pages are named by ``word``)."""

    word: str
    label: str
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class Mark:
    """An obligation on the board as the charts need it: who, when due, how it stands."""

    key: str  # the board's key (e.g. ``decision:YJJR-2026-01:report``): never printed on the site
    unit: str
    due: date | None
    status: str  # the board's states: met, met late, overdue, due, open, pending, closed
    met_on: date | None = None


@dataclass(frozen=True)
class CalendarDays:
    """One year's recorded calendar: official holidays and adjusted working days (调休上班)."""

    year: int
    holidays: dict[date, str]
    workdays: dict[date, str]


@dataclass(frozen=True)
class CheckpointMark:
    """The latest signed checkpoint: the record up to ``position`` hashes to ``head``."""

    position: int
    size: int
    head: str
    recorded: str  # when it was recorded (local time, as the ledger prints it)


@dataclass(frozen=True)
class SiteInput:
    bureau: str
    day: date  # the day the site shows (today, or --as-of)
    systems: tuple[SystemNotices, ...]
    facts: tuple[PublicFact, ...]
    units: dict[str, str]  # unit code → name
    marks: tuple[Mark, ...] = ()
    calendars: tuple[CalendarDays, ...] = ()
    checkpoint: CheckpointMark | None = None
    as_of: date | None = None  # set when the site shows a past day (--as-of)
    generator: str = "Gongkai Ledger"

    @property
    def notices(self) -> list[tuple[SystemNotices, Notice]]:
        """Every notice with its system, newest first (ties by address, so rebuilds agree)."""
        found = [(s, n) for s in self.systems for n in s.notices]
        return sorted(found, key=lambda p: (p[1].dated, p[0].word, p[1].slug), reverse=True)

    @cached_property
    def marks_by_key(self) -> dict[str, Mark]:
        """The board's marks by obligation key (a register line looks its own up, not every mark)."""
        return {m.key: m for m in reversed(self.marks)}  # the first of a key, as a scan finds it

    def facts_of(self, kind: str) -> list[PublicFact]:
        return sorted((f for f in self.facts if f.kind == kind), key=lambda f: (f.dated, f.key))


@dataclass(frozen=True)
class Chart:
    """A picture with its words: the SVG, a sentence that says what it shows, and its numbers."""

    id: str
    title: str
    svg: str  # markup, already escaped
    summary: str  # the text alternative
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default=())

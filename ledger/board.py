"""The deadline board read a page at a time.

The board's rows carry their due day (dated by the fold with ``CalendarDating``); where a
row stands depends on the day it is read, so each state is a query on the stored columns
(``board_queries``: overdue is a todo row due before today, due soon one due by
``due_soon_until`` …), counted and read in the board's order, most urgent first, and only the
rows shown are turned into ``Standing`` rows. A scratch board (``--as-of``/``--known-at``)
is small and folded in memory; it is read the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from aggregates.errors import NoCalendar
from aggregates.obligations import Obligation
from ledger.reading import RowSource
from ledger.rules.calendar import ONE_DAY, WorkingCalendar, YearSchedule
from ledger.rules.deadlines import STATES, Standing, compute_due, due_soon_until, pending, standing_on
from ledger.storage.view_index import Where
from projections.base import Row
from projections.board import CALENDAR, DATED


class CalendarDating:
    """An obligation's due day by the calendar years the board holds (built again when they change)."""

    def __init__(self) -> None:
        self._version = -1
        self._calendar = WorkingCalendar()

    def due(self, o: Obligation, years: Mapping[str, Row], version: int) -> tuple[str | None, str | None]:
        if version != self._version:
            self._calendar = WorkingCalendar(schedule(row) for row in years.values())
            self._version = version
        try:
            return compute_due(o, self._calendar).due.isoformat(), None
        except NoCalendar as e:
            return None, e.rule


def board_calendar(source: RowSource) -> WorkingCalendar:
    """The calendar the board's rows were dated by (its own rows ``calendar|<year>``): a read
    of the live board needs no calendar aggregate loaded."""
    return WorkingCalendar(schedule(row) for row in source.under(CALENDAR).values())


def schedule(row: Row) -> YearSchedule:
    return YearSchedule(
        row["year"],
        {date.fromisoformat(d): n for d, n in row["holidays"].items()},
        {date.fromisoformat(d): n for d, n in row["workdays"].items()},
        row["source"],
    )


def board_queries(cal: WorkingCalendar, day: date) -> dict[str, list[Where]]:
    """Each state of ``STATES`` as a query on the board's columns, read on ``day``."""
    t, after = day.isoformat(), (day + ONE_DAY).isoformat()
    soon = (due_soon_until(cal, day) + ONE_DAY).isoformat()
    met = ("met", "met late")  # met after ``day``: not yet met on it
    return {
        "overdue": [Where(("todo",), sort_before=t), Where(met, sort_before=t, day_from=after)],
        "due": [
            Where(("todo",), sort_from=t, sort_before=soon),
            Where(met, sort_from=t, sort_before=soon, day_from=after),
        ],
        "open": [
            Where(("todo",), sort_from=soon),
            Where(met, sort_from=soon, day_from=after),
            Where(("window",), sort_from=t),
        ],
        "announced short": [Where(("short",))],
        "pending": [Where(("pending",))],
        "met late": [Where(("met late",), day_to=t)],
        "met": [Where(("met",), day_to=t)],
        "closed": [Where(("window",), sort_before=t)],
    }


def shown(row: Row) -> Obligation:
    """The obligation of a stored board row as a read shows it, built without validating it
    again (it was validated when the fold derived it): the dates a standing compares are made
    dates, the rest is shown as stored."""
    facts = {k: v for k, v in row.items() if k not in DATED}
    for field in ("start", "met_on", "stated"):
        if facts.get(field) is not None:
            facts[field] = date.fromisoformat(facts[field])
    return Obligation.model_construct(**facts)


def standing_of(row: Row, cal: WorkingCalendar, day: date) -> Standing:
    """Where a board row stands on ``day``, from the due day stored with it."""
    o = shown(row)
    if row.get("due") is None:
        return pending(o, row.get("why") or "")
    return standing_on(o, date.fromisoformat(row["due"]), cal, day)


@dataclass
class BoardPage:
    rows: list[dict[str, Any]]  # the rows shown, most urgent first
    total: int  # how many the filters admit
    counts: dict[str, dict[str, int]]  # unit → state → how many (every row the filters admit)

    def summary(self) -> list[dict[str, Any]]:
        """One line per unit: how many of its obligations are in each state."""
        return [{"unit": unit, **self.counts[unit]} for unit in sorted(self.counts)]


def board_page(
    source: RowSource,
    cal: WorkingCalendar,
    day: date,
    unit: str | None,
    wanted: set[str],
    limit: int | None,
    offset: int = 0,
) -> BoardPage:
    """The rows of states ``wanted`` (all when empty) of ``unit`` (every unit when None), most
    urgent first, ``limit`` of them (all when None) from ``offset``."""
    queries = board_queries(cal, day)
    states = [s for s in STATES if not wanted or s in wanted]
    counts: dict[str, dict[str, int]] = {}
    sizes: dict[str, int] = {}
    for state in states:
        by_unit = source.count(unit, queries[state])
        sizes[state] = sum(by_unit.values())
        for u, n in by_unit.items():
            counts.setdefault(u or "", dict.fromkeys(STATES, 0))[state] = n
    rows: list[dict[str, Any]] = []
    skip = offset
    for state in states:
        if limit is not None and len(rows) >= limit:
            break
        if skip >= sizes[state]:
            skip -= sizes[state]
            continue
        left = None if limit is None else limit - len(rows)
        found = source.query(unit, queries[state], left, skip) if sizes[state] else []
        skip = 0
        rows += [standing_of(row, cal, day).row() for _, row in found]
    return BoardPage(rows, sum(sizes.values()), counts)


def page_of(rows: Sequence[dict[str, Any]], limit: int | None, offset: int) -> list[dict[str, Any]]:
    end = None if limit is None else offset + limit
    return list(rows[offset:end])

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
from typing import TYPE_CHECKING, Any

from aggregates.errors import NoCalendar
from ledger.rules.calendar import ONE_DAY, WorkingCalendar, YearSchedule
from ledger.rules.folding import fold
from ledger.rules.standing import STATES, Standing, due_soon_until, pending, standing_on
from ledger.storage.view_index import Where
from projections.board_keys import CALENDAR

if TYPE_CHECKING:  # a page of the stored board is read without the aggregates or pydantic
    from aggregates.obligations import Obligation
    from ledger.reading import RowSource

Row = dict[str, Any]


class CalendarDating:
    """An obligation's due day by the calendar years the board holds (built again when they change)."""

    def __init__(self) -> None:
        self._version = -1
        self._calendar = WorkingCalendar()

    def due(self, o: Obligation, years: Mapping[str, Row], version: int) -> tuple[str | None, str | None]:
        from ledger.rules.deadlines import compute_due

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


@dataclass(frozen=True)
class StoredObligation:
    """A stored board row's obligation as a read shows it (``ledger.rules.standing.Shown``),
    not validated again (the fold validated it when it derived the row): the dates a
    standing compares are made dates, the rest is shown as stored."""

    key: str
    unit: str
    subject: str
    what: str
    citation: str
    policy_version: Any = None
    met_on: date | None = None
    window: bool = False
    stated: date | None = None


def shown(row: Row) -> StoredObligation:
    met_on, stated = row.get("met_on"), row.get("stated")
    return StoredObligation(
        row["key"],
        row["unit"],
        row["subject"],
        row["what"],
        row["citation"],
        row.get("policy_version"),
        date.fromisoformat(met_on) if met_on is not None else None,
        bool(row.get("window", False)),
        date.fromisoformat(stated) if stated is not None else None,
    )


def standing_of(row: Row, cal: WorkingCalendar, day: date) -> Standing:
    """Where a board row stands on ``day``, from the due day stored with it."""
    o = shown(row)
    if row.get("due") is None:
        return pending(o, row.get("why") or "")
    return standing_on(o, date.fromisoformat(row["due"]), cal, day)


def typed_states(typed: Sequence[str]) -> tuple[set[str], list[str]]:
    """The states a board is filtered to (``overdue,due``) and the words that name none, sorted."""
    wanted = {w.strip().lower() for text in typed for w in fold(text).split(",") if w.strip()}
    return wanted, sorted(wanted - set(STATES))


def standing_rows(source: RowSource, keys: Sequence[str], day: date) -> dict[str, dict[str, Any]]:
    """The board's rows of ``keys`` (``<aggregate id>|<obligation key>``), as they stand on ``day``."""
    found, cal = source.get(keys), board_calendar(source)
    return {key: standing_of(row, cal, day).row() for key, row in found.items()}


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

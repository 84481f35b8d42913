"""A read of the past (``--as-of`` / ``--known-at``) from the live views, not the whole log.

Every projection read this way derives its rows from one aggregate's state at a time, so
the rows as they stood at a cut are the live rows except those of the aggregates with an
event the cut does not admit. The index of when each aggregate began and last changed
(``projections.times``) names those. One the cut leaves out wholly (begun after it: its
earliest event recorded after the moment or in effect after the day) only has its rows taken
out, unread, where every fold keys them by its id (``AggregateFold.rows_under``). Each other
one is read: its rows now are taken out and the rows of its admitted events put in, folded
through the same ``Together`` as a fold from zero, so what a cut admits cannot drift between
the two. The cost is the rows read and the events read; when those events are more than
about half the log, a fold from zero is as cheap and the caller does that instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import cast
from uuid import UUID

from aggregates.base import Aggregate, Event
from aggregates.calendar import CalendarYear
from ledger.rules.calendar import WorkingCalendar
from ledger.storage.view_index import Where
from ledger.views import History, Views
from ledger.when import When
from projections.base import AggregateFold, Fold, Row, Together
from projections.board import DeadlineBoard
from projections.times import KIND, AggregateTimes, moment

SHARE = 0.5  # past this share of the log in the events a cut must read again, fold from zero


def read_at(views: Views, classes: Sequence[type[Fold]], when: When, share: float = SHARE) -> History | None:
    """``classes`` as they stood at ``when``, with the calendar known at the same moment.
    None when a fold from zero is the cheaper way (the events the aggregates the cut leaves out
    must be read again hold more than ``share`` of the log) or the only one (a fold whose rows
    are not each one aggregate's)."""
    if when.now or not all(issubclass(cls, (AggregateFold, AggregateTimes)) for cls in classes):
        return None
    last = views.app.max_position()
    index = views.source(AggregateTimes)
    unread: dict[UUID, Row] = {}  # begun after the cut, every fold's rows of it keyed by its id
    read: dict[UUID, Row] = {}  # some event admitted, or rows that follow from its state
    probes = _probes(views, classes)
    for key, row in index.query(None, changed_after(when), None):
        id = UUID(key)
        if begun_after(row, when) and all(_unread(cls, row["kind"], id) for cls in classes):
            unread[id] = row
        elif _wanted(views, probes, id):
            read[id] = row
    if sum(row["version"] for row in read.values()) > share * last:
        return None
    live = {cls: views.live(cls) for cls in classes}
    if views.app.max_position() != last:
        return None  # recorded meanwhile: the live copies and the index may not meet
    folds = {cls.name: views.fold(cls, dict(fold.rows)) for cls, fold in live.items()}
    events = {id: _events(views, id, row["version"]) for id, row in read.items()}
    admitted = 0
    for fold in folds.values():
        if isinstance(fold, AggregateFold):
            for id, row in unread.items():  # its rows, found by their keys
                fold.replace(cast(str, fold.rows_under(row["kind"], id)), {})
            _take_out(views, fold, events.values())
        else:  # the index itself: a row per aggregate, from its events alone
            for id in (*unread, *read):
                fold.drop(str(id))
    together = Together(folds.values())  # no loader: each aggregate from its first admitted event
    for id in read:
        for event in events[id]:
            if when.admits(event):
                together.apply(event, last)
                admitted += 1
    together.finish()
    calendar = _calendar(views, index.query(CalendarYear.__name__, (Where(),), None), when)
    left_out = sum(row["version"] for row in unread.values()) + sum(map(len, events.values())) - admitted
    return History(folds, calendar, last, last - left_out)


def begun_after(row: Row, when: When) -> bool:
    """Whether the cut admits none of an aggregate's events (``row``: its ``times`` row): its
    earliest recorded after ``known_at``, or its earliest in effect after ``as_of``."""
    if when.known_at is not None and row["first_recorded"] > moment(when.known_at):
        return True
    return when.as_of is not None and row["first_effective"] > when.as_of.isoformat()


def _probes(views: Views, classes: Sequence[type[Fold]]) -> list[AggregateFold] | None:
    """A fold of each of ``classes`` to ask which aggregates it wants; None when one wants every
    aggregate (the index itself)."""
    probes = [views.fold(cls) for cls in classes]
    if not all(isinstance(p, AggregateFold) for p in probes):
        return None
    return cast(list[AggregateFold], probes)


def _wanted(views: Views, probes: list[AggregateFold] | None, id: UUID) -> bool:
    """Whether a fold asked for wants aggregate ``id`` (asked of its first event: a fold wants an
    aggregate by its class). One no fold wants has no rows, then or now, and is not read: an
    actor's chain of signed acts, each naming every event of an import chunk, is most of what a
    cut leaves out of a province's log, and no view of the board wants it."""
    if probes is None:
        return True
    first = next(iter(views.app.events.get(id, lte=1)), None)
    return first is not None and any(p.wants(cast(Event, first)) for p in probes)


def _unread(cls: type[Fold], kind: str, id: UUID) -> bool:
    """Whether ``cls`` can take out its rows of aggregate ``id`` without its state: keyed by its
    id (the index: its row is)."""
    return not issubclass(cls, AggregateFold) or cls.rows_under(kind, id) is not None


def changed_after(when: When) -> tuple[Where, ...]:
    """The index's question: aggregates with an event recorded after ``known_at`` or in
    effect after ``as_of``."""
    group = []
    if when.known_at is not None:
        group.append(Where((KIND,), sort_from=moment(when.known_at + timedelta(microseconds=1))))
    if when.as_of is not None:
        group.append(Where((KIND,), day_from=(when.as_of + timedelta(days=1)).isoformat()))
    return tuple(group)


def _events(views: Views, id: UUID, version: int) -> list[Event]:
    """The events of aggregate ``id`` up to ``version`` (its count in the index at the read's
    position: one recorded since, by a clerk writing meanwhile, is not the read's), by version."""
    return cast(list[Event], list(views.app.events.get(id, lte=version)))


def _take_out(views: Views, fold: AggregateFold, events: Iterable[list[Event]]) -> None:
    """Drop from ``fold`` the rows each aggregate of ``events`` contributes now (its state after
    every event, derived into an empty fold: the keys it holds). A calendar year taken out
    that the cut does not put back re-dates the board's rows it spans, as one recorded does."""
    years: set[int] = set()
    for each in events:
        if not each or not fold.wants(each[0]):
            continue
        state: Aggregate | None = None
        for event in each:
            state = event.mutate(state)
        if state is None:
            continue
        alone = views.fold(type(fold))
        assert isinstance(alone, AggregateFold)
        alone.pending[state.id] = (state, each[-1], 0)
        alone.finish()
        for key in alone.rows:
            fold.drop(key)
        if isinstance(state, CalendarYear):
            years.add(state.year)
    if years and isinstance(fold, DeadlineBoard):
        fold.redate(years)


def _calendar(views: Views, years: list[tuple[str, Row]], when: When) -> WorkingCalendar:
    """The working calendar as recorded by ``known_at`` (whatever its effective days: a year is
    known from when it was recorded), as a fold from zero builds it."""
    known: list[CalendarYear] = []
    for key, row in years:
        cal: CalendarYear | None = None
        for event in _events(views, UUID(key), row["version"]):
            if when.known_at is None or event.timestamp <= when.known_at:
                cal = event.mutate(cal) or cal
        if cal is not None:
            known.append(cal)
    return WorkingCalendar.from_aggregates(known)

"""Keeping projections: the live copy caught up from the log, and scratch copies.

``live`` reads the stored rows, folds what was recorded since their position and
writes rows and position back in one transaction. ``caught_up`` (a read of a page, a
prefix, a few keys) does the same over an overlay: only the stored rows under the prefixes
the events since touch are read, and only what changed is written back. ``history`` folds the log from
zero into fresh folds, optionally only what was effective by a date (``as_of``:
the state of the world) and what had been recorded by a moment (``known_at``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError, PersistenceError, Tracking

from aggregates.base import Aggregate
from aggregates.calendar import CalendarYear
from ledger.application import LedgerApp
from ledger.bulk import bulk
from ledger.reading import OverlaidRows, RowSource, StoredRows
from ledger.rules.calendar import WorkingCalendar
from ledger.storage.scratch import ScratchRows
from ledger.storage.views_sqlite import ViewStore, view_store
from projections.base import AggregateFold, Fold, Loader, Row, Together

if TYPE_CHECKING:
    from projections.notices import Publisher

F = TypeVar("F", bound=Fold)


CATCH_UP = 20_000  # events folded into a live copy between two writes
KEEP = 1_000  # aggregates a rebuild of the whole log keeps; the least recently touched is read again


class EveryRow(Exception):
    """An overlay's fold met an event that may change every row (``needs_all``): only a fold
    of every stored row can catch it up."""


@dataclass
class History:
    """Folds as they stood at a point in history (a read of the past, or an audit replay's
    rebuild), with the calendar as known at the same moment."""

    folds: dict[str, Fold]
    calendar: WorkingCalendar
    position: int
    events: int  # admitted (a read of the past counts every event of an aggregate no fold wants)

    def get(self, cls: type[F]) -> F:
        fold = self.folds[cls.name]
        assert isinstance(fold, cls)
        return fold

    def close(self) -> None:
        """Delete the scratch files of a rebuild kept outside memory (``scratch``)."""
        _close_scratch(self.folds.values())


class Views:
    """The ledger's projections; ``publishers`` says which aggregates publish which facts
    (the systems' own by default; a test adds its aggregate's)."""

    def __init__(self, app: LedgerApp, publishers: Mapping[type[Aggregate], Publisher] | None = None) -> None:
        self.app = app
        self.writable = not app.read_only
        self._store: ViewStore | None = None
        self._publishers = publishers

    @property
    def publishers(self) -> Mapping[type[Aggregate], Publisher]:
        if self._publishers is None:
            from ledger.systems import publishers

            self._publishers = publishers()
        return self._publishers

    def fold(self, cls: type[F], rows: dict[str, Row] | None = None, loader: Loader | None = None) -> F:
        """A fresh fold of ``cls``, given what it needs (the public facts: the publishers; the
        board: the rules that date an obligation by the calendar)."""
        if cls.publishes:  # the public facts (projections.notices, imported by need)
            return cls(rows, loader, publishers=self.publishers)  # type: ignore[call-arg]
        if cls.dated:
            from ledger.board import CalendarDating

            return cls(rows, loader, dating=CalendarDating())  # type: ignore[call-arg]
        return cls(rows, loader)

    def write_rows(self, cls: type[Fold], fold: Fold, keys: Iterable[str], tracking: Tracking) -> None:
        """Write ``fold``'s rows of ``keys`` (None: gone) with their columns, at ``tracking``."""
        rows = {key: fold.rows.get(key) for key in keys}
        columns = None
        if fold.indexed:
            columns = {k: (fold.columns(k, r) if r is not None else None) for k, r in rows.items()}
        self.store.write(self.stored_name(cls), rows, tracking, columns)

    def source(self, cls: type[Fold]) -> RowSource:
        """``cls``'s rows to read a page of: the stored live copy, caught up (and written back)
        first when it is behind; on a ledger that cannot be written, the stored rows under an
        overlay of what the events since their position changed (``ledger.reading``)."""
        name = self.stored_name(cls)
        if self.writable:
            held = self.caught_up(cls)
            if held is None:
                return StoredRows(self.store, name)
            return OverlaidRows(None, name, held)  # it could not be written after all
        try:
            start = self.store.position(name)
        except PersistenceError:
            start = 0  # no view tables: every row is folded in memory
        if start == 0:
            return OverlaidRows(None, name, self.live(cls))
        if start >= self.app.max_position():
            return StoredRows(self.store, name)
        fold = self.fold(cls, {}, loader=self._load)
        fold.fetch = self._fetcher(cls)
        self._fold_since(cls, fold, start, write=False)
        if fold.needs_all:  # a calendar year recorded since: every row may move
            return OverlaidRows(None, name, self.live(cls))
        return OverlaidRows(self.store, name, fold)

    @property
    def store(self) -> ViewStore:
        if self._store is None:
            self._store = view_store(self.app.factory)
        return self._store

    def _load(self, id: UUID, version: int) -> Aggregate | None:
        return self.app.get(Aggregate, id, version)

    @staticmethod
    def stored_name(cls: type[Fold]) -> str:
        """The name a projection's live copy is stored under: its name and the version of the
        rules it was derived by, so a live copy derived by older rules is rebuilt, not trusted."""
        from ledger.systems import stored_view_name

        return stored_view_name(cls.name)

    def position(self, cls: type[Fold]) -> int:
        """How far the stored live copy of ``cls`` has folded the log (its rows are not read)."""
        try:
            return self.store.position(self.stored_name(cls))
        except PersistenceError:
            if self.writable:
                raise
            return 0

    def live(self, cls: type[F]) -> F:
        """The live copy, caught up with the log.

        What was recorded since the stored position is folded in and written back, so the
        next read starts from there: rows derived once per aggregate per batch of
        ``CATCH_UP`` events and written with the batch's position in one transaction (a long
        catch-up keeps only one batch's aggregates in memory and is never lost half-way).
        A ledger that cannot be written (opened read-only, a read-only file, a role that may
        only read) keeps the caught-up copy in memory: a read never needs to write."""
        for _ in range(3):
            rows, start = self._stored(cls)
            fold = self.fold(cls, rows, loader=self._load)
            try:
                self._fold_since(cls, fold, start, write=True)
            except IntegrityError:
                continue  # another process caught up first; read again
            return fold
        raise RuntimeError(f"could not catch up projection {cls.name}")

    def caught_up(self, cls: type[F]) -> F | None:
        """The live copy brought up to the log without reading it when it is stored up to date
        (and over an overlay, reading only the rows the events since touch, when it is behind):
        None when it is stored (caught up here or already), the copy itself when it exists only
        in memory (a ledger that cannot be written)."""
        if self.writable:
            try:
                start: int | None = self.store.position(self.stored_name(cls))
            except PersistenceError:
                start = None  # no view tables yet: live() says what can be done
            if start is not None and start >= self.app.max_position():
                return None
            if start and self._caught_up_overlaid(cls):
                return None
        fold = self.live(cls)
        return None if self.writable else fold

    def _caught_up_overlaid(self, cls: type[Fold]) -> bool:
        """Catch the stored live copy up without reading every row: the events since its
        position are folded over an overlay (``Fold.fetch``: only the stored rows under the
        prefixes they touch are read) and only what changed is written back, with the position,
        batch by batch as ``live`` does. False when only a fold of every row can (a calendar year
        recorded since may move every row of the board) or the ledger cannot be written here:
        ``live`` then does it."""
        name = self.stored_name(cls)
        for _ in range(3):
            start = self.store.position(name)
            fold = self.fold(cls, {}, loader=self._load)
            fold.fetch = self._fetcher(cls)
            try:
                self._fold_since(cls, fold, start, write=True)
            except IntegrityError:
                continue  # another process caught up first; read again
            except EveryRow:
                return False
            return self.writable
        raise RuntimeError(f"could not catch up projection {cls.name}")

    def _fold_since(self, cls: type[Fold], fold: Fold, start: int, write: bool) -> None:
        """Fold the events recorded after ``start`` into ``fold``.

        With ``write``, what changed is written back with its position every ``CATCH_UP``
        events and at the end (``_write``: a batch once stored is let go), while the ledger
        can be written: a ledger found unwritable keeps every row folded in memory, but an
        overlay then stops (it holds only what changed: a fold of every row must do it).
        Raises ``IntegrityError`` when another process wrote a position first (the caller
        reads again) and ``EveryRow`` when an overlay met a change that may move every row."""
        last = written = start
        with bulk():
            for position, event in self.app.log_events(start + 1):
                fold.apply(event, position)
                last = position
                if write and self.writable and last - written >= CATCH_UP:
                    written = self._write(cls, fold, last)
                    if not self.writable and fold.fetch is not None:
                        return
            if write and self.writable and last != written:
                self._write(cls, fold, last)
            fold.finish()

    def caught_up_together(self, classes: tuple[type[Fold], ...]) -> dict[str, Fold]:
        """Every stored live copy of ``classes`` brought up to the log in one pass from the
        earliest position among those behind (after a large import, an audit replay reads the
        log once, not once per projection). Returns the copies that exist only in memory (a
        ledger that cannot be written), by name; the others are stored."""
        last = self.app.max_position()
        since: dict[str, int] = {}
        if self.writable:
            try:
                since = {cls.name: self.store.position(self.stored_name(cls)) for cls in classes}
            except PersistenceError:
                since = {}
        behind = [cls for cls in classes if since.get(cls.name, -1) < last]
        if not self.writable or not since or len(behind) < 2:
            held = {cls.name: self.caught_up(cls) for cls in behind}
            return {name: fold for name, fold in held.items() if fold is not None}
        folds = {cls.name: self.fold(cls, {}, self._load) for cls in behind}
        for cls in behind:  # stored rows read only under the prefixes the events since touch
            if since[cls.name] > 0 or not cls.moves_untouched:  # from zero: each batch let go once written
                folds[cls.name].fetch = self._fetcher(cls)
            if since[cls.name] == 0:  # nothing stored yet: only what this catch-up wrote is fetched
                folds[cls.name].stored = set()
        together = Together(folds.values(), self._load, keep=KEEP, since={n: since[n] for n in folds})
        start = min(since[n] for n in folds)
        position = written = start
        try:
            with bulk():
                for position, event in self.app.log_events(start + 1):
                    together.apply(event, position)
                    if position - written >= CATCH_UP:
                        written = self._write_together(behind, folds, since, position)
                if position != written:
                    self._write_together(behind, folds, since, position)
        except IntegrityError:  # another process caught some up first: one at a time, as reads do
            held = {cls.name: self.caught_up(cls) for cls in behind}
            return {name: fold for name, fold in held.items() if fold is not None}
        except EveryRow:  # the rest one at a time; a fold of every row where an overlay cannot
            for cls in behind:
                if folds[cls.name].needs_all:
                    self.live(cls)
                else:
                    self.caught_up(cls)
        if not self.writable:  # could not be written after all: every row folded in memory
            return {cls.name: self.live(cls) for cls in behind}
        return {}

    def _fetcher(self, cls: type[Fold]) -> Callable[[str], dict[str, Row]]:
        name = self.stored_name(cls)
        return lambda prefix: self.store.under(name, prefix)

    def _write_together(
        self, classes: list[type[Fold]], folds: dict[str, Fold], since: dict[str, int], position: int
    ) -> int:
        for cls in classes:
            if since[cls.name] < position and self.writable:
                self._write(cls, folds[cls.name], position)
        return position

    def _write(self, cls: type[Fold], fold: Fold, position: int) -> int:
        """Write what ``fold`` changed, at ``position``; the position now stored (unchanged
        when this ledger cannot be written here: the copy in memory is then the view)."""
        fold.finish()
        if fold.needs_all:
            raise EveryRow(cls.name)  # an overlay met a change that may move every row
        try:
            name = self.stored_name(cls)
            self.write_rows(cls, fold, fold.changed, Tracking(name, position))
        except IntegrityError:
            raise  # another process wrote this position first (the caller reads again)
        except PersistenceError:
            self.writable = False
            return position
        fold.changed.clear()
        fold.release()
        if isinstance(fold, AggregateFold):
            fold.aggregates.clear()  # loaded again from the log if a later batch needs one
        return position

    def _stored(self, cls: type[Fold]) -> tuple[dict[str, Row], int]:
        """The stored rows and their position; none yet when a read-only ledger has no view tables."""
        try:
            name = self.stored_name(cls)
            return self.store.load(name), self.store.position(name)
        except PersistenceError:
            if self.writable:
                raise
            return {}, 0

    def history(
        self,
        classes: tuple[type[Fold], ...] | None = None,
        as_of: date | None = None,
        known_at: datetime | None = None,
        stop: int | None = None,
        progress: Callable[[int], None] | None = None,
        scratch: bool = False,
    ) -> History:
        """Fold the log from zero into fresh folds, filtered by ``as_of`` and ``known_at``
        (a filtered read is answered from the live copies instead where that is cheaper:
        ``ledger.history``).

        Unfiltered (an audit replay), it keeps at most ``KEEP`` aggregates, reading one again
        from the log when it is touched after being let go, and derives rows every
        ``CATCH_UP`` events: a rebuild of a province's log is bounded by its rows, not its events.

        ``stop`` ends at a position (audit replay compares with a live copy there);
        ``progress`` is told the position every 1,000 events; ``scratch`` (the whole log) keeps
        the rebuilt rows in temporary SQLite files, written batch by batch, not in memory
        (``History.close`` deletes them).
        """
        if classes is None:  # every projection (imported here: most reads need one or two)
            from ledger.systems import fold_classes

            classes = fold_classes()
        if stop is None and (as_of is not None or known_at is not None):
            from ledger.history import read_at  # from the live copies, where a cut leaves out little
            from ledger.when import When

            held = read_at(self, classes, When(as_of, known_at))
            if held is not None:
                return held
        folds = {cls.name: self.fold(cls) for cls in classes}
        whole = as_of is None and known_at is None  # the whole log: an aggregate can be read again
        if scratch and whole:
            for fold in folds.values():
                fold.rows = ScratchRows()
        together = Together(folds.values(), self._load if whole else None, keep=KEEP if whole else None)
        years: dict[UUID, CalendarYear] = {}
        try:
            with bulk():
                last, count = self._fold_history(together, years, as_of, known_at, stop, progress, whole)
        except BaseException:
            _close_scratch(folds.values())  # no scratch file left behind
            raise
        calendar = WorkingCalendar.from_aggregates(years.values())
        return History(folds, calendar, last, count)

    def _fold_history(
        self,
        together: Together,
        years: dict[UUID, CalendarYear],
        as_of: date | None,
        known_at: datetime | None,
        stop: int | None,
        progress: Callable[[int], None] | None,
        whole: bool,
    ) -> tuple[int, int]:
        """Fold the log into ``together`` and the calendar years into ``years``; (last position,
        events folded)."""
        last = count = 0
        for position, event in self.app.log_events(1, stop):
            last = position
            if progress is not None and position % 1000 == 0:
                progress(position)
            if known_at is not None and event.timestamp > known_at:
                continue
            if event.owner() is CalendarYear:
                cal = event.mutate(years.get(event.originator_id))
                if cal is not None:
                    years[event.originator_id] = cal
            if as_of is not None and event.effective > as_of:
                continue
            count += 1
            together.apply(event, position)
            if whole and count % CATCH_UP == 0:
                together.finish()  # rows derived for this batch; its aggregates may now be let go
                _spill(together.folds)
        together.finish()
        _spill(together.folds)
        return last, count


def _close_scratch(folds: Iterable[Fold]) -> None:
    for fold in folds:
        if isinstance(fold.rows, ScratchRows):
            fold.rows.close()


def _spill(folds: list[Fold]) -> None:
    """The rows of a batch written to their scratch files (rows kept outside memory only)."""
    for fold in folds:
        if isinstance(fold.rows, ScratchRows):
            fold.rows.flush()
            fold.changed.clear()  # nothing is written back from a rebuild

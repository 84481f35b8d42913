"""A projection is a fold over events into keyed rows of plain JSON data.

The same fold code builds the live copy (kept in the ledger's database, with its
position tracked in the same transaction through eventsourcing's tracking table)
and any scratch copy: from zero for an audit replay, or over a filtered history for
``--as-of`` / ``--known-at``. No clock, no randomness: time comes in the events.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any, ClassVar, NamedTuple
from uuid import UUID

from aggregates.base import Aggregate, Event

Row = dict[str, Any]
Loader = Callable[[UUID, int], Aggregate | None]


class Columns(NamedTuple):
    """What a read filters and orders a projection's rows by, declared by its fold
    (``Fold.columns``): stored and indexed beside the row, so a read asks the store for the
    rows it shows. ``sort`` orders (then the key), in code-point order."""

    unit: str | None
    state: str
    sort: str
    day: str | None = None


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _group(key: str) -> str:
    """The part of a key up to its first ``|`` (with it): rows put together by ``replace``."""
    cut = key.find("|")
    return key[: cut + 1] if cut >= 0 else ""


class Fold(ABC):
    """Rows keyed by string, changed by events; ``changed`` says what to write back.

    Rows are plain JSON data (strings, numbers, booleans, None, lists, dicts with string
    keys): a fold builds them so (dates as ISO strings), and the live copy stores them as
    JSON once per batch. ``replace`` finds the rows under a prefix through an index of
    the keys by their part up to ``|``, never by scanning every row.
    """

    name: ClassVar[str]
    indexed: ClassVar[bool] = False  # whether ``columns`` declares the rows' columns
    # whether an event can move rows it does not touch (the board: a calendar year recorded
    # re-dates every row it spans); such a fold is not caught up from zero over an overlay
    moves_untouched: ClassVar[bool] = False
    publishes: ClassVar[bool] = False  # built with the publishers (the public facts)
    dated: ClassVar[bool] = False  # built with the ledger's dating rules (the board)

    def __init__(self, rows: dict[str, Row] | None = None, loader: Loader | None = None) -> None:
        # a dict; a rebuild's rows may live outside memory (``ledger.storage.scratch``)
        self.rows: MutableMapping[str, Row] = dict(rows or {})
        self.changed: set[str] = set()
        self.loader = loader
        self._groups: dict[str, set[str]] | None = None  # built on the first replace
        # an overlay (``rows`` only what changed since the stored position) reads the stored
        # rows of a group when it first replaces them: memory O(what changed), not O(rows)
        self.fetch: Callable[[str], dict[str, Row]] | None = None
        self._fetched: set[str] = set()
        # an overlay begun from zero (nothing stored): the groups its released batches stored,
        # the only ones ``fetch`` can find rows under (None: any group may hold stored rows)
        self.stored: set[str] | None = None
        self.needs_all = False  # an overlay met a change that may move rows it does not hold (the board)

    def release(self) -> None:
        """Let go of the rows once they are stored, when an overlay can fetch them again by
        prefix: a long catch-up holds one batch's rows, not every row."""
        if self.fetch is not None:
            if self.stored is not None:
                self.stored.update(_group(key) or key for key in self.rows)  # a key without "|": itself
            self.rows = {}
            self._fetched.clear()
            self._groups = None

    def columns(self, key: str, row: Row) -> Columns | None:
        """The columns a read filters and sorts ``row`` by (None: not read a page at a time)."""
        return None

    @abstractmethod
    def apply(self, event: Event, position: int) -> None:
        """Fold one event into the rows (some only after ``finish``)."""

    def finish(self) -> None:
        """Bring the rows up to every event applied (before they are read or written)."""
        return None

    def put(self, key: str, row: Row) -> None:
        if type(self.rows) is not dict:  # rows kept outside memory: written again, not read to compare
            self.rows[key] = row
            self.changed.add(key)
        elif self.rows.get(key) != row:
            if self._groups is not None and key not in self.rows:
                self._groups.setdefault(_group(key), set()).add(key)
            self.rows[key] = row
            self.changed.add(key)

    def drop(self, key: str) -> None:
        if key in self.rows:
            del self.rows[key]
            self.changed.add(key)
            if self._groups is not None:
                self._groups.get(_group(key), set()).discard(key)

    def _under(self, prefix: str) -> list[str]:
        if self.fetch is not None and prefix not in self._fetched and self._may_be_stored(prefix):
            self._fetched.add(prefix)
            for key, row in self.fetch(prefix).items():
                if key not in self.rows and key not in self.changed:
                    self.rows[key] = row
                    if self._groups is not None:
                        self._groups.setdefault(_group(key), set()).add(key)
        under = getattr(self.rows, "under", None)
        if under is not None:  # rows kept outside memory find their keys by prefix themselves
            return under(prefix)  # type: ignore[no-any-return]
        if _group(prefix) != prefix:  # not a prefix ending at its first "|": look at every key
            return [k for k in self.rows if k.startswith(prefix)]
        if self._groups is None:
            self._groups = {}
            for key in self.rows:
                self._groups.setdefault(_group(key), set()).add(key)
        return list(self._groups.get(prefix, ()))

    def may_hold(self, key: str) -> bool:
        """Whether the store may hold the row of exactly ``key`` (see ``_may_be_stored``)."""
        return self.stored is None or (_group(key) or key) in self.stored

    def _may_be_stored(self, prefix: str) -> bool:
        """Whether the store may hold rows under ``prefix``: not when this overlay began from
        zero and no batch of it stored the prefix's group (a prefix without ``|`` may span
        groups: only an overlay that stored nothing yet knows it empty)."""
        if self.stored is None:
            return True
        if "|" in prefix:
            return _group(prefix) in self.stored
        return bool(self.stored)

    def replace(self, prefix: str, rows: dict[str, Row]) -> None:
        """Make the rows under ``prefix`` exactly ``rows`` (keys given without the prefix)."""
        for key in self._under(prefix):
            if key[len(prefix) :] not in rows:
                self.drop(key)
        for key, row in rows.items():
            self.put(prefix + key, row)

    def digest(self) -> str:
        """A digest of every row, for comparing a live copy with a rebuild."""
        streamed = getattr(self.rows, "digest", None)
        if streamed is not None:  # rows kept outside memory, read in key order
            return streamed()  # type: ignore[no-any-return]
        h = hashlib.sha256()
        for key in sorted(self.rows):
            h.update(canonical([key, self.rows[key]]).encode())
        return h.hexdigest()


class AggregateFold(Fold):
    """A fold that derives rows from each touched aggregate's state.

    During a run it keeps the aggregates it has built; the live copy, started in a
    new process, asks the ``loader`` for an aggregate's state before the first new event.
    Rows are derived once per aggregate per pass (``finish``), from its state after the
    last event of the pass, not after each event: ``derive`` depends on the aggregate's
    state only. Folds run together (``Together``) share one copy of each aggregate, so
    an event is applied once, not once per fold.
    """

    def __init__(self, rows: dict[str, Row] | None = None, loader: Loader | None = None) -> None:
        super().__init__(rows, loader)
        self.aggregates: dict[UUID, Aggregate] = {}
        self.pending: dict[UUID, tuple[Aggregate, Event, int]] = {}

    def wants(self, event: Event) -> bool:
        """Whether this fold cares about the event's aggregate (by the event's class: folds run
        ``Together`` ask once per class)."""
        return True

    @classmethod
    def rows_under(cls, kind: str, id: UUID) -> str | None:
        """The key prefix that holds every row aggregate ``id`` (of the class named ``kind``)
        derives, when its rows are keyed by its id: a read of the past drops them without
        reading its events. None when its keys follow from its state (a number, a year)."""
        return None

    def apply(self, event: Event, position: int) -> None:
        if not self.wants(event):
            return
        agg = mutated(self.aggregates, event, self.loader)
        if agg is not None:
            self.pending[event.originator_id] = (agg, event, position)

    def finish(self) -> None:
        pending, self.pending = self.pending, {}
        for agg, event, position in pending.values():
            self.derive(agg, event, position)

    @abstractmethod
    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        """Put the rows that follow from ``agg``'s state (``event``: the last one applied)."""


def mutated(aggregates: dict[UUID, Aggregate], event: Event, loader: Loader | None) -> Aggregate | None:
    """``event`` applied to its aggregate in ``aggregates`` (loaded first when a live copy
    meets an aggregate begun before its position); None when it leaves no aggregate."""
    agg = aggregates.get(event.originator_id)
    if agg is None and event.originator_version > 1 and loader is not None:
        agg = loader(event.originator_id, event.originator_version - 1)
    agg = event.mutate(agg)
    if agg is not None:
        aggregates[event.originator_id] = agg
    return agg


class Together:
    """Several folds fed the same events: aggregate folds share one state per aggregate.

    Which folds want an event is asked once per event class (``wants`` looks at the event's
    class: its aggregate's), not once per event."""

    def __init__(
        self,
        folds: Iterable[Fold],
        loader: Loader | None = None,
        keep: int | None = None,
        since: dict[str, int] | None = None,
    ) -> None:
        self.folds = list(folds)
        self.since = since or {}  # a fold's rows already hold every event up to its position
        self.loader = loader
        self.keep = keep if loader is not None else None  # let go only what can be read again
        self.aggregates: dict[UUID, Aggregate] = {}  # least recently touched first
        self.others = [f for f in self.folds if not isinstance(f, AggregateFold)]
        self._wanting: dict[type, list[AggregateFold]] = {}

    def apply(self, event: Event, position: int) -> None:
        for fold in self.others:
            fold.apply(event, position)
        wanting = self._wanting.get(type(event))
        if wanting is None:
            wanting = self._wanting[type(event)] = [
                f for f in self.folds if isinstance(f, AggregateFold) and f.wants(event)
            ]
        if not wanting:
            return
        if self.keep is not None:  # most recently touched last
            known = self.aggregates.pop(event.originator_id, None)
            if known is not None:
                self.aggregates[event.originator_id] = known
        agg = mutated(self.aggregates, event, self.loader)
        if agg is None:
            return
        if self.keep is not None and len(self.aggregates) > self.keep:
            del self.aggregates[next(iter(self.aggregates))]
        for fold in wanting:
            if position > self.since.get(fold.name, 0):
                fold.pending[event.originator_id] = (agg, event, position)

    def finish(self) -> None:
        for fold in self.folds:
            fold.finish()

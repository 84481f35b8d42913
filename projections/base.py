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
from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

from aggregates.base import Aggregate, Event

Row = dict[str, Any]
Loader = Callable[[UUID, int], Aggregate | None]


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class Fold(ABC):
    """Rows keyed by string, changed by events; ``changed`` says what to write back."""

    name: ClassVar[str]

    def __init__(self, rows: dict[str, Row] | None = None, loader: Loader | None = None) -> None:
        self.rows: dict[str, Row] = dict(rows or {})
        self.changed: set[str] = set()
        self.loader = loader

    @abstractmethod
    def apply(self, event: Event, position: int) -> None:
        """Fold one event into the rows."""

    def put(self, key: str, row: Row) -> None:
        row = json.loads(canonical(row))  # plain JSON only: the live copy must round-trip
        if self.rows.get(key) != row:
            self.rows[key] = row
            self.changed.add(key)

    def drop(self, key: str) -> None:
        if key in self.rows:
            del self.rows[key]
            self.changed.add(key)

    def replace(self, prefix: str, rows: dict[str, Row]) -> None:
        """Make the rows under ``prefix`` exactly ``rows`` (keys given without the prefix)."""
        for key in [k for k in self.rows if k.startswith(prefix) and k[len(prefix) :] not in rows]:
            self.drop(key)
        for key, row in rows.items():
            self.put(prefix + key, row)

    def digest(self) -> str:
        """A digest of every row, for comparing a live copy with a rebuild."""
        h = hashlib.sha256()
        for key in sorted(self.rows):
            h.update(canonical([key, self.rows[key]]).encode())
        return h.hexdigest()


class AggregateFold(Fold):
    """A fold that derives rows from each touched aggregate's state after each event.

    During a run it keeps the aggregates it has built; the live copy, started in a
    new process, asks the ``loader`` for an aggregate's state before the first new event.
    """

    def __init__(self, rows: dict[str, Row] | None = None, loader: Loader | None = None) -> None:
        super().__init__(rows, loader)
        self.aggregates: dict[UUID, Aggregate] = {}

    def wants(self, event: Event) -> bool:
        """Whether this fold cares about the event's aggregate (cheap filter)."""
        return True

    def apply(self, event: Event, position: int) -> None:
        if not self.wants(event):
            return
        agg = self.aggregates.get(event.originator_id)
        if agg is None and event.originator_version > 1 and self.loader is not None:
            agg = self.loader(event.originator_id, event.originator_version - 1)
        agg = event.mutate(agg)
        if agg is None:
            return
        self.aggregates[event.originator_id] = agg
        self.derive(agg, event, position)

    @abstractmethod
    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        """Put the rows that follow from ``agg`` now that ``event`` happened."""

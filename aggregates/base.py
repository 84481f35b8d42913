"""Event and aggregate base classes on top of eventsourcing's protocols.

Events are frozen pydantic models (extra fields forbidden) that carry, beside the
recording time, who did the act (``actor``) and when it happened in the world
(``effective``). Aggregates are plain objects rebuilt by applying their events;
the eventsourcing repository does that through :meth:`Event.mutate`.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import Any, ClassVar, Self, TypeVar
from uuid import UUID, uuid5

from pydantic import BaseModel, ConfigDict

NAMESPACE = UUID("6c1f4f0e-5d0a-4c8e-9a57-7f1b2d3c4e5f")


def stable_id(kind: str, key: str) -> UUID:
    """A deterministic aggregate id: the same natural key always names the same aggregate."""
    return uuid5(NAMESPACE, f"{kind}:{key}")


class Frozen(BaseModel):
    """Immutable value object; unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Stamp(Frozen):
    """Who did an act, when it happened in the world, and when it was recorded."""

    actor: str
    effective: date
    at: datetime


class Event(Frozen):
    """A past fact about one aggregate.

    Subclasses nest inside their aggregate and implement :meth:`apply`, which only
    assigns: checks belong to the aggregate's public methods, because replay re-runs
    ``apply`` and a rule tightened later must never refuse to load old history.
    ``class_version`` and ``upcast_vN_vN+1`` static methods let old stored shapes load.
    """

    class_version: ClassVar[int] = 1
    creates: ClassVar[bool] = False

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    actor: str
    effective: date

    def apply(self, aggregate: Any) -> None:
        """Assign this event's facts to the aggregate's state."""

    def mutate(self, aggregate: Any) -> Any:
        if aggregate is None:
            if not self.creates:
                return None
            aggregate = self.owner().blank(self.originator_id, self.timestamp)
        self.apply(aggregate)
        aggregate.version = self.originator_version
        aggregate.modified_on = self.timestamp
        return aggregate

    @classmethod
    def owner(cls) -> type[Aggregate]:
        """The aggregate class this event is nested in."""
        owner_path = cls.__qualname__.rsplit(".", 1)[0]
        obj: Any = sys.modules[cls.__module__]
        for part in owner_path.split("."):
            obj = getattr(obj, part)
        return obj  # type: ignore[no-any-return]

    def payload(self) -> dict[str, Any]:
        """The event's own facts, without the envelope fields."""
        return self.model_dump(
            mode="json",
            exclude={"originator_id", "originator_version", "timestamp", "actor", "effective"},
        )

    def summary(self) -> str:
        """One line for the audit log; events override it where a better line exists."""
        parts = []
        for key, value in self.payload().items():
            text = value if isinstance(value, str) else str(value)
            parts.append(f"{key}={text}")
        line = " ".join(parts)
        return line if len(line) <= 100 else line[:99] + "…"


E = TypeVar("E", bound=Event)


class Aggregate:
    """Base for mutable aggregates rebuilt from their events."""

    kind: ClassVar[str] = "aggregate"

    def __init__(self, id: UUID, created_on: datetime) -> None:
        self.id = id
        self.version = 0
        self.created_on = created_on
        self.modified_on = created_on
        self._pending: list[Event] = []

    @classmethod
    def blank(cls, id: UUID, created_on: datetime) -> Self:
        """An empty instance for a creation event to fill in."""
        obj = cls.__new__(cls)
        Aggregate.__init__(obj, id, created_on)
        return obj

    @classmethod
    def _create(cls, id: UUID, event_class: type[Event], stamp: Stamp, **facts: Any) -> Self:
        obj = cls.blank(id, stamp.at)
        obj._trigger(event_class, stamp, **facts)
        return obj

    def _trigger(self, event_class: type[E], stamp: Stamp, **facts: Any) -> E:
        event = event_class(
            originator_id=self.id,
            originator_version=self.version + 1,
            timestamp=stamp.at,
            actor=stamp.actor,
            effective=stamp.effective,
            **facts,
        )
        event.mutate(self)
        self._pending.append(event)
        return event

    def collect_events(self) -> list[Event]:
        """Hand the pending events to the application's ``save``."""
        events, self._pending = self._pending, []
        return events

    def state(self) -> dict[str, Any]:
        """A plain view of the aggregate for ``ledger show``."""
        out: dict[str, Any] = {}
        for key, value in vars(self).items():
            if key.startswith("_"):
                continue
            out[key] = value
        return out

"""Snapshots of aggregates with many events: eventsourcing's own snapshot store, our state.

eventsourcing's ``Snapshot.take`` copies ``vars(aggregate)`` and relies on its transcoder
for every value; ours are pydantic values, dates and enums that JSON cannot carry back on
its own, and every aggregate keeps its recorded entries for corrections. A
``LedgerSnapshot`` therefore stores each attribute dumped by the type the aggregate class
declares for it, and the recorded entries and corrections as the events they are (topic
and facts); restoring validates each attribute back through the same type, so a restored
aggregate equals the fold of its events (``audit verify`` checks that it does).

Snapshots live in their own table (``snapshots``), outside the notification log and the
audit chain: they are derived, never recorded facts.
"""

from __future__ import annotations

import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, Self
from uuid import UUID

from eventsourcing.utils import get_topic, resolve_topic
from pydantic import BaseModel, ConfigDict, TypeAdapter

from aggregates.base import Aggregate, Event

# set by Aggregate.__init__, typed here
BASE_TYPES: dict[str, Any] = {"id": UUID, "version": int, "created_on": datetime, "modified_on": datetime}
ENTRIES = "_recorded_entries"
CORRECTIONS = "_entry_corrections"


class UnsnapshottableState(TypeError):
    """An attribute the aggregate class declares no type for: it could not be restored as it was."""


class StaleSnapshot(TypeError):
    """A snapshot holding an attribute its class no longer declares (taken by older code):
    derived data, so the aggregate is folded from its events instead."""


def untyped(hint: Any) -> bool:
    """Whether ``hint`` leaves some value's type open (``Any``): JSON would not give it back."""
    return hint is Any or any(untyped(arg) for arg in typing.get_args(hint))


_ADAPTERS: dict[str, dict[str, TypeAdapter[Any] | None]] = {}  # by aggregate class topic


def adapters(cls: type[Aggregate]) -> dict[str, TypeAdapter[Any] | None]:
    """One pydantic adapter per attribute the aggregate class declares (its annotations);
    None for one whose type is left open, stored with each value's type named (``tagged``)."""
    topic = get_topic(cls)
    if topic not in _ADAPTERS:
        _ADAPTERS[topic] = _adapters(cls)
    return _ADAPTERS[topic]


def _adapters(cls: type[Aggregate]) -> dict[str, TypeAdapter[Any] | None]:
    hints = typing.get_type_hints(cls, include_extras=False)
    out: dict[str, TypeAdapter[Any] | None] = {name: TypeAdapter(t) for name, t in BASE_TYPES.items()}
    for name, hint in hints.items():
        if name.startswith("_") or typing.get_origin(hint) is ClassVar or hint is ClassVar:
            continue
        out[name] = None if untyped(hint) else TypeAdapter(hint)
    return out


def tagged(value: Any) -> Any:
    """``value`` as JSON that names the type of every date, enum, model and tuple in it."""
    if value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, Enum)):
        return value
    if isinstance(value, BaseModel):
        return {"$model": get_topic(type(value)), "v": value.model_dump(mode="json")}
    if isinstance(value, Enum):
        return {"$enum": get_topic(type(value)), "v": value.value}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, UUID):
        return {"$uuid": str(value)}
    if isinstance(value, tuple):
        return {"$tuple": [tagged(v) for v in value]}
    if isinstance(value, list):
        return [tagged(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[tagged(k), tagged(v)] for k, v in value.items()]}
    raise UnsnapshottableState(f"a {type(value).__name__} in an attribute of open type")


def untagged(data: Any) -> Any:
    """The value ``tagged`` gave ``data`` for."""
    if isinstance(data, list):
        return [untagged(v) for v in data]
    if not isinstance(data, dict):
        return data
    ((tag, inner), *rest) = data.items()
    if tag == "$model":
        return resolve_topic(inner).model_validate(rest[0][1])
    if tag == "$enum":
        return resolve_topic(inner)(rest[0][1])
    if tag == "$datetime":
        return datetime.fromisoformat(inner)
    if tag == "$date":
        return date.fromisoformat(inner)
    if tag == "$uuid":
        return UUID(inner)
    if tag == "$tuple":
        return tuple(untagged(v) for v in inner)
    if tag == "$dict":
        return {untagged(k): untagged(v) for k, v in inner}
    raise ValueError(f"unknown value tag {tag!r}")


def _event(entry: Event) -> dict[str, Any]:
    return {"topic": get_topic(type(entry)), "facts": entry.model_dump(mode="json")}


def _restore_event(stored: dict[str, Any]) -> Event:
    event = resolve_topic(stored["topic"]).model_validate(stored["facts"])
    assert isinstance(event, Event)
    return event


def snapshot_state(agg: Aggregate) -> dict[str, Any]:
    """The aggregate's whole state as JSON-ready data: its attributes by their declared types,
    its recorded entries and corrections as events. Two aggregates with equal state give
    equal data (what ``audit verify`` compares)."""
    types = adapters(type(agg))
    public: dict[str, Any] = {}
    for name, value in vars(agg).items():
        if name.startswith("_"):
            continue
        if name not in types:
            raise UnsnapshottableState(f"{type(agg).__qualname__}.{name} has no declared type")
        adapter = types[name]
        public[name] = tagged(value) if adapter is None else adapter.dump_python(value, mode="json")
    corrections = agg.__dict__.get(CORRECTIONS, {})
    return {
        "attributes": public,
        "entries": [_event(e) for e in agg.__dict__.get(ENTRIES, [])],
        "corrections": {str(v): _event(c) for v, c in sorted(corrections.items())},
    }


def restored(cls: type[Aggregate], state: dict[str, Any]) -> Aggregate:
    """An aggregate of ``cls`` with the state ``snapshot_state`` gave."""
    types = adapters(cls)
    agg = cls.__new__(cls)
    agg.__dict__["_pending"] = []
    for name, value in state["attributes"].items():
        if name not in types:
            raise StaleSnapshot(f"{cls.__name__} no longer has {name!r}")
        adapter = types[name]
        agg.__dict__[name] = untagged(value) if adapter is None else adapter.validate_python(value)
    if state["entries"]:
        agg.__dict__[ENTRIES] = [_restore_event(e) for e in state["entries"]]
    if state["corrections"]:
        agg.__dict__[CORRECTIONS] = {int(v): _restore_event(c) for v, c in state["corrections"].items()}
    return agg


class LedgerSnapshot(BaseModel):
    """An aggregate's state at ``originator_version``, stored by eventsourcing's snapshot
    store through our mapper (``ledger.storage.transcoding``) like any event."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    topic: str
    state: dict[str, Any]

    @classmethod
    def take(cls, aggregate: Aggregate) -> Self:
        return cls(
            originator_id=aggregate.id,
            originator_version=aggregate.version,
            timestamp=aggregate.modified_on,
            topic=get_topic(type(aggregate)),
            state=snapshot_state(aggregate),
        )

    def mutate(self, _: Any) -> Aggregate:
        """The aggregate as it stood at the snapshot's version (eventsourcing's projector calls this)."""
        cls = resolve_topic(self.topic)
        if not (isinstance(cls, type) and issubclass(cls, Aggregate)):
            raise TypeError(f"a snapshot of {self.topic}, which is not an aggregate")
        agg = restored(cls, self.state)
        if agg.id != self.originator_id or agg.version != self.originator_version:
            raise ValueError(
                f"snapshot of {self.originator_id} v{self.originator_version} holds another state"
            )
        return agg

"""Storing pydantic events through eventsourcing, with ``class_version`` upcasting.

eventsourcing 9.5's documented pydantic mapper (examples/aggregate7) rebuilds the
event straight from the stored dict and so skips upcasting; this one runs the
event class's ``upcast_vN_vN+1`` static methods first, then validates.
"""

from __future__ import annotations

import json
from typing import Any, cast

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic
from pydantic import BaseModel, ValidationError

from ledger.storage.canonical import CANONICAL


class JSONBytesTranscoder(Transcoder):
    """Compact UTF-8 JSON with sorted keys: the same event always gives the same bytes."""

    def encode(self, obj: Any) -> bytes:
        return CANONICAL.encode(obj).encode()

    def decode(self, data: bytes) -> Any:
        return json.loads(data)


class PydanticMapper(Mapper[Any]):
    def premap(self, events: list[Any]) -> list[StoredEvent]:
        """Map events ahead of their ``save()`` (the act that signs them needs their stored
        bytes); the save then takes these instead of encoding each event a second time."""
        cache: dict[int, tuple[Any, StoredEvent]] = self.__dict__.setdefault("_premapped", {})
        out = []
        for event in events:
            stored = self.to_stored_event(event)
            cache[id(event)] = (event, stored)
            out.append(stored)
        return out

    def forget_premapped(self) -> None:
        self.__dict__.pop("_premapped", None)

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        cache = self.__dict__.get("_premapped")
        if cache:
            hit = cache.pop(id(domain_event), None)
            if hit is not None and hit[0] is domain_event:
                return hit[1]
        model = cast(BaseModel, domain_event)
        state = model.model_dump(mode="json", exclude={"originator_id", "originator_version"})
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        data = self.transcoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=data,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[Any]:
        data = stored_event.state
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        cls = resolve_topic(stored_event.topic)
        try:
            state: dict[str, Any] = self.transcoder.decode(data)
            from_version = state.pop("class_version", 1)
            to_version = getattr(cls, "class_version", 1)
            while from_version < to_version:
                getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
                from_version += 1
            state["originator_id"] = stored_event.originator_id
            state["originator_version"] = stored_event.originator_version
            return cast(DomainEventProtocol[Any], cls.model_validate(state))
        except (ValueError, ValidationError, AttributeError) as e:
            msg = (
                f"cannot read stored event {stored_event.topic} "
                f"{stored_event.originator_id} v{stored_event.originator_version}: {e}"
            )
            raise MapperDeserialisationError(msg) from e

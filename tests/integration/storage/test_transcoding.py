"""Stored events: frozen pydantic payloads, unknown fields refused, old shapes upcast."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar
from uuid import uuid4

import pytest
from eventsourcing.persistence import StoredEvent
from pydantic import ValidationError

from aggregates.base import Aggregate, Event
from aggregates.org import Unit, UnitKind
from ledger.storage.transcoding import JSONBytesTranscoder, PydanticMapper
from tests.support.clock import stamp


class Gadget(Aggregate):
    kind = "gadget"

    class Made(Event):
        creates = True
        class_version: ClassVar[int] = 3
        label: str
        colour: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["label"] = state.pop("name")

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["colour"] = "红"

        def apply(self, g: Gadget) -> None:
            g.label = self.label


def envelope(version: int) -> dict[str, Any]:
    """What every event carries besides its facts: whose, which version, when recorded, by whom, dated."""
    return {
        "originator_id": uuid4(),
        "originator_version": version,
        "timestamp": datetime(2026, 1, 5, tzinfo=UTC),
        "actor": "S001",
        "effective": date(2026, 1, 5),
    }


def mapper() -> PydanticMapper:
    return PydanticMapper(transcoder=JSONBytesTranscoder())


def test_event_round_trips_through_the_mapper() -> None:
    unit = Unit.establish(stamp(), "FIN", "金融股", UnitKind.SECTION)
    (event,) = unit.collect_events()
    stored = mapper().to_stored_event(event)
    assert mapper().to_domain_event(stored) == event
    assert "金融股".encode() in stored.state  # UTF-8, not \\u escapes


def test_old_stored_shape_is_upcast_to_the_current_class_version() -> None:
    old = StoredEvent(
        originator_id=uuid4(),
        originator_version=1,
        topic=f"{__name__}:Gadget.Made",
        state=b'{"actor":"S001","effective":"2026-01-05","name":"x","timestamp":"2026-01-05T00:00:00+00:00"}',
    )
    event = mapper().to_domain_event(old)
    assert isinstance(event, Gadget.Made)
    assert (event.label, event.colour) == ("x", "红")


def test_current_shape_records_its_class_version() -> None:
    e = Gadget.Made(**envelope(1), label="x", colour="蓝")
    assert b'"class_version":3' in mapper().to_stored_event(e).state


def test_event_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Unit.Closed(**envelope(2), reason="merged", surprise=1)


def test_events_are_frozen() -> None:
    unit = Unit.establish(stamp(), "FIN", "金融股", UnitKind.SECTION)
    (event,) = unit.collect_events()
    with pytest.raises(ValidationError):
        event.name = "改"  # type: ignore[misc]

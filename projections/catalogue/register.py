"""The catalogue view: one row per catalogue item, as recorded, with its adjustments.

Folded live for ``ledger catalogue show``, and over a filtered history for the
catalogue as it stood on a date (``--as-of``) or as known at a moment (``--known-at``).
"""

from __future__ import annotations

from aggregates.base import Aggregate, Event
from aggregates.catalogue import CatalogueItem
from projections.base import AggregateFold


def _day(value: object) -> str | None:
    return None if value is None else str(value)


class CatalogueView(AggregateFold):
    name = "catalogue"

    def wants(self, event: Event) -> bool:
        return event.owner() is CatalogueItem

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        assert isinstance(agg, CatalogueItem)
        pending = agg.pending_adjustment()
        if agg.removed_on is not None:
            status = "removed" if pending is None else "removal unpublished"
        elif agg.published_on is None:
            status = "unpublished"
        elif pending is not None:
            status = f"adjustment #{pending.number} unpublished"
        else:
            status = "published"
        self.put(
            str(agg.id),
            {
                "id": str(agg.id),
                "unit": agg.unit,
                "unit_name": agg.unit_name,
                "code": agg.code,
                "elements": agg.elements.model_dump(mode="json"),
                "texts": agg.elements.texts(),
                "status": status,
                "established_on": _day(agg.established_on),
                "published_on": _day(agg.published_on),
                "last_published_on": _day(agg.last_published_on),
                "removed_on": _day(agg.removed_on),
                "last_updated": _day(agg.last_updated),
                "adjustments": [a.model_dump(mode="json") for a in agg.adjustments.values()],
                "obligations": [o.row() for o in agg.obligations()],
            },
        )

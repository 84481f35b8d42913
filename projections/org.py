"""The organisation directory: units and staff with their current roles."""

from __future__ import annotations

from aggregates.base import Aggregate, Event
from aggregates.org import Staff, Unit
from projections.base import AggregateFold


class Directory(AggregateFold):
    name = "directory"

    def wants(self, event: Event) -> bool:
        return event.owner() in (Unit, Staff)

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        if isinstance(agg, Unit):
            self.put(
                f"unit:{agg.code}",
                {"code": agg.code, "name": agg.name, "kind": agg.unit_kind.value, "active": agg.active},
            )
        elif isinstance(agg, Staff):
            self.put(
                f"staff:{agg.staff_id}",
                {
                    "staff_id": agg.staff_id,
                    "name": agg.name,
                    "unit": agg.unit,
                    "active": agg.active,
                    "roles": {
                        role.value: {"unit": g.unit, "areas": list(g.areas)}
                        for role, g in sorted(agg.grants.items())
                    },
                },
            )

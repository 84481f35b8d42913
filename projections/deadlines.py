"""The deadline board: every obligation every aggregate declares, keyed by obligation."""

from __future__ import annotations

from aggregates.base import Aggregate, Event
from aggregates.obligations import Obligation
from projections.base import AggregateFold


def declares_obligations(agg_class: type[Aggregate]) -> bool:
    return callable(getattr(agg_class, "obligations", None))


class DeadlineBoard(AggregateFold):
    name = "deadlines"

    def wants(self, event: Event) -> bool:
        return declares_obligations(event.owner())

    def derive(self, agg: Aggregate, event: Event, position: int) -> None:
        prefix = f"{agg.id}|"
        current: list[Obligation] = agg.obligations()  # type: ignore[attr-defined]
        keys = {prefix + o.key for o in current}
        for key in [k for k in self.rows if k.startswith(prefix) and k not in keys]:
            self.drop(key)
        for o in current:
            self.put(prefix + o.key, o.model_dump(mode="json"))

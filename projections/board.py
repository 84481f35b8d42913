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
        current: list[Obligation] = agg.obligations()  # type: ignore[attr-defined]
        self.replace(f"{agg.id}|", {o.key: o.row() for o in current})

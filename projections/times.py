"""When each aggregate began and last changed: the index a read of the past asks what its cut
leaves out.

A read as of a day (``--as-of``) or as known at a moment (``--known-at``) differs from the live
views only in the rows of the aggregates with an event the cut does not admit: one recorded
after the moment or in effect after the day. One row per aggregate holds the latest of each
over all its events and how many events it has, in indexed columns, so the store answers
"which aggregates changed after" without reading the log (``ledger.history``). The row also
holds the earliest of each: an aggregate whose earliest is after the cut has no event the cut
admits, so the read drops its rows without reading its events.

Every value is a maximum or a minimum: folding an event twice (a catch-up that starts before
this copy's position) changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregates.base import Event
from projections.base import Columns, Fold, Loader, Row

ZERO = timedelta(0)
KIND = "aggregate"  # the one state every row is in (the index filters by state, then sort)


def moment(at: datetime) -> str:
    """A recorded moment as fixed-width UTC text: text order is time order."""
    if at.utcoffset() != ZERO:
        at = at.astimezone(UTC)
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"  # isoformat: ~5× strftime


class AggregateTimes(Fold):
    """Per aggregate (keyed by its id): its class, latest ``recorded`` moment, latest
    ``effective`` day, ``version`` (how many events), and its earliest recorded moment
    (``first_recorded``) and effective day (``first_effective``)."""

    name = "times"
    indexed = True

    def __init__(self, rows: dict[str, Row] | None = None, loader: Loader | None = None) -> None:
        super().__init__(rows, loader)
        self._last_at: datetime | None = None
        self._last_moment = ""

    def apply(self, event: Event, position: int) -> None:
        key = str(event.originator_id)
        old = self._known(key)
        at = event.timestamp
        if at != self._last_at:  # an import's events share one moment: worked out once
            self._last_at, self._last_moment = at, moment(at)
        recorded, effective = self._last_moment, event.effective.isoformat()
        if old is None:
            row = {
                "id": key,
                "kind": event.owner().__name__,
                "recorded": recorded,
                "effective": effective,
                "version": event.originator_version,
                "first_recorded": recorded,
                "first_effective": effective,
            }
        elif (
            old["first_recorded"] <= recorded <= old["recorded"]
            and old["first_effective"] <= effective <= old["effective"]
            and event.originator_version <= old["version"]
        ):
            return  # nothing it holds moves (an event folded again, or one within its span)
        else:
            row = {
                **old,
                "recorded": max(recorded, old["recorded"]),
                "effective": max(effective, old["effective"]),
                "version": max(event.originator_version, old["version"]),
                "first_recorded": min(recorded, old["first_recorded"]),
                "first_effective": min(effective, old["first_effective"]),
            }
        self.put(key, row)

    def _known(self, key: str) -> Row | None:
        """The row of ``key`` so far: held, or (a copy caught up over an overlay) stored."""
        row = self.rows.get(key)
        if row is None and self.fetch is not None and key not in self._fetched and self.may_hold(key):
            self._fetched.add(key)
            row = self.fetch(key).get(key)
            if row is not None:
                self.rows[key] = row
        return row

    def columns(self, key: str, row: Row) -> Columns:
        """unit: the aggregate's class; sorted by the latest recorded moment; day: the latest effective."""
        return Columns(row["kind"], KIND, row["recorded"], row["effective"])

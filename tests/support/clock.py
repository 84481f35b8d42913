"""Time under the test's control: a recording clock and stamps for aggregates without storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from aggregates.base import Stamp


class FakeClock:
    """Recording time under the test's control (UTC, like eventsourcing's timestamps)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, when: str) -> None:
        """Set to a Beijing wall-clock time, e.g. '2026-06-30 23:30'."""
        local = datetime.fromisoformat(when)
        self.now = (local - timedelta(hours=8)).replace(tzinfo=UTC)

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def stamp(effective: str = "2026-03-02", actor: str = "S001") -> Stamp:
    """A stamp for unit tests of aggregates (no storage)."""
    return Stamp(actor=actor, effective=date.fromisoformat(effective), at=datetime(2026, 11, 1, tzinfo=UTC))

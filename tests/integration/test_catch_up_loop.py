"""One catch-up loop, three callers: a live copy behind its log is folded batch by batch and
written with its position; a rival that wrote a position first makes it read again, not
write over; a ledger found unwritable half-way keeps the caught-up copy in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError, OperationalError, Tracking

import ledger.views
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.signing import KeyFolder
from ledger.storage.views_sqlite import ViewStore
from ledger.views import Views
from projections.base import Row
from projections.decision.register import DecisionComments, DecisionRegister
from projections.org import Directory
from tests.integration.test_catch_up_overlay import demo_year, stored_equals_rebuild
from tests.support.clock import FakeClock
from tests.support.ledger import run

CLASSES = (Directory, DecisionRegister, DecisionComments)


class FailingWrites:
    """The view store, whose writes fail ``failures`` times with ``error`` (after ``before``,
    run first: a rival catching up); every write asked for is counted by projection."""

    def __init__(self, store: ViewStore, error: Exception, failures: int = 1, before: Any = None) -> None:
        self.store = store
        self.error = error
        self.failures = failures
        self.before = before
        self.asked: list[str] = []

    def write(
        self, projection: str, rows: dict[str, Row | None], tracking: Tracking, columns: Any = None
    ) -> None:
        self.asked.append(projection)
        if self.failures:
            self.failures -= 1
            if self.before is not None:
                self.before()
            raise self.error
        self.store.write(projection, rows, tracking, columns)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


@pytest.fixture
def behind(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Views]:
    """The demo's year on a file whose live copies were stored a third of the way in, then left
    behind; a catch-up of the rest takes several batches."""
    monkeypatch.setattr(ledger.views, "CATCH_UP", 25)
    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock, keys=keys)
    views = Ledger(app.db, app=app).views
    steps = list(demo_year(keys))
    try:
        for i, (actor, name, fields) in enumerate(steps):
            run(app, actor, name, **fields)
            if i == len(steps) // 3:
                for cls in CLASSES:
                    assert views.caught_up(cls) is None
        assert app.max_position() - views.position(Directory) > 3 * 25
        yield views
    finally:
        app.close()


def test_a_catch_up_that_a_rival_wrote_first_is_read_again_and_equals_its_rebuild(behind: Views) -> None:
    store = behind.store
    rival = Views(behind.app)

    def rival_catches_up() -> None:
        for cls in CLASSES:
            assert rival.caught_up(cls) is None

    failing = FailingWrites(store, IntegrityError("tracking"), before=rival_catches_up)
    behind._store = failing  # type: ignore[assignment]
    for cls in CLASSES:
        assert behind.caught_up(cls) is None
    assert failing.asked == [behind.stored_name(Directory)]  # read again: the rival's copy is up to date
    behind._store = store
    stored_equals_rebuild(behind, CLASSES)


def test_a_rival_that_wins_every_time_stops_the_catch_up_saying_so(behind: Views) -> None:
    behind._store = FailingWrites(behind.store, IntegrityError("tracking"), failures=99)  # type: ignore[assignment]
    with pytest.raises(RuntimeError, match="could not catch up projection"):
        behind.live(Directory)


@pytest.mark.parametrize("overlay", [True, False], ids=["overlay", "every-row"])
def test_a_ledger_found_unwritable_half_way_keeps_the_caught_up_copy_in_memory(
    behind: Views, overlay: bool
) -> None:
    """Its first write fails: no other write is tried, and the copy in memory is the rebuild's."""
    store = behind.store
    failing = FailingWrites(store, OperationalError("attempt to write a readonly database"))
    behind._store = failing  # type: ignore[assignment]
    held = behind.caught_up(DecisionComments) if overlay else behind.live(DecisionComments)
    assert held is not None and not behind.writable
    assert failing.asked == [behind.stored_name(DecisionComments)]
    rebuilt = behind.history((DecisionComments,)).get(DecisionComments)
    assert held.rows == rebuilt.rows and len(rebuilt.rows) > 10
    behind._store = store
    assert behind.position(DecisionComments) < behind.app.max_position()  # nothing was written


def test_a_read_only_ledger_reads_the_rows_since_over_an_overlay_and_writes_nothing(
    behind: Views, keys: KeyFolder
) -> None:
    behind.app.close()
    app = LedgerApp(behind.app.db, keys=keys, read_only=True)
    views = Ledger(app.db, app=app).views
    try:
        position = views.position(DecisionRegister)
        failing = FailingWrites(views.store, OperationalError("read-only"), failures=99)
        views._store = failing  # type: ignore[assignment]
        rows = views.source(DecisionRegister).under("")
        assert failing.asked == []
        assert views.position(DecisionRegister) == position < app.max_position()
        rebuilt = views.history((DecisionRegister,)).get(DecisionRegister)
        assert rows == rebuilt.rows and len(rows) > 3
    finally:
        app.close()

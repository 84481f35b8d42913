"""A read of the past from the live views equals the fold of the whole log it replaces.

The demo's year, recorded a few minutes a command, then a correction recorded late (an act
in effect before acts recorded earlier) and the 2027 calendar recorded last. For every
moment the ledger recorded, a day of each month and both together, every projection as
``Views.history`` reads it from the live copies (``ledger.history``) must hold exactly the
rows of a fold from zero written here (the log filtered by ``When.admits``), and the board
read through the CLI must stand the same as with the fold from zero.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner

from aggregates.base import Event
from aggregates.calendar import CalendarYear
from cli.main import cli
from ledger import history
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.rules.calendar import WorkingCalendar
from ledger.signing import KeyFolder
from ledger.systems import fold_classes
from ledger.views import Views
from ledger.when import When
from projections.base import Fold, Together
from projections.board import DeadlineBoard
from projections.notices import PublicFacts
from projections.times import AggregateTimes
from tests.support.clerks import LEDGER, ledger
from tests.support.clock import FakeClock
from tests.support.ledger import read_only_copy, record_demo, run

YEAR_2027 = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}],
    "workdays": [{"name": "春节", "day": "2027-02-06"}],
}


class MinuteClock(FakeClock):
    """Each command recorded a minute after the one before: every command its own moment."""

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def record(app: LedgerApp) -> None:
    """The demo's year, a correction recorded late and the 2027 calendar recorded last."""
    record_demo(app)
    run(app, "S001", "correct", aggregate="request:YSQ-2026-011", version=1, reason="收到日期录错",
        replace={"received_on": "2026-11-12"})  # fmt: skip
    run(app, "S001", "calendar.record", **YEAR_2027)


def start() -> MinuteClock:
    return MinuteClock(datetime(2026, 11, 20, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("history") / "demo.db"
    app = LedgerApp(str(db), clock=start(), keys=KeyFolder(key_folder))
    try:
        record(app)
    finally:
        app.close()
    yield db


def from_zero(
    views: Views, log: list[tuple[int, Event]], when: When
) -> tuple[dict[str, Fold], WorkingCalendar]:
    """Every projection and the calendar as they stood at ``when``: the whole log folded."""
    folds = {cls.name: views.fold(cls) for cls in fold_classes()}
    together = Together(folds.values())
    years: dict[UUID, CalendarYear] = {}
    for position, event in log:
        if event.owner() is CalendarYear and (when.known_at is None or event.timestamp <= when.known_at):
            years[event.originator_id] = event.mutate(years.get(event.originator_id)) or years.get(
                event.originator_id
            )
        if when.admits(event):
            together.apply(event, position)
    together.finish()
    return folds, WorkingCalendar.from_aggregates(y for y in years.values() if y is not None)


def cuts(app: LedgerApp) -> list[When]:
    """Every moment recorded; the 1st and 15th of each month of 2026 and 1 January 2027; and
    each of the first ten moments (a ledger barely begun) with a day of the year."""
    moments = sorted({event.timestamp for _, event in app.log_events()})
    days = [date(2026, m, d) for m in range(1, 13) for d in (1, 15)] + [date(2027, 1, 1)]
    both = [When(days[i * 2], at) for i, at in enumerate(moments[::7][:12])]
    return [When(known_at=at) for at in moments] + [When(as_of=d) for d in days] + both


# the folds that key each aggregate's rows by its id: a read of the past drops the rows of one
# begun after its cut unread (``AggregateFold.rows_under``)
BOARD: tuple[type[Fold], ...] = (DeadlineBoard,)
BY_ID = (DeadlineBoard, PublicFacts, AggregateTimes)


def left_out(log: list[tuple[int, Event]], when: When) -> dict[UUID, str]:
    """How ``when`` leaves out each aggregate it does not admit whole, from the log alone:
    ``begun after`` (none of its events), ``in effect after`` (none, though its first was
    recorded by the moment: its days are after the cut's), ``changed after`` (some, not all)."""
    events: dict[UUID, list[Event]] = {}
    for _, event in log:
        events.setdefault(event.originator_id, []).append(event)
    how = {}
    for id, each in events.items():
        admitted = [when.admits(e) for e in each]
        if all(admitted):
            continue
        if any(admitted):
            how[id] = "changed after"
        elif when.known_at is not None and each[0].timestamp <= when.known_at:
            how[id] = "in effect after"
        else:
            how[id] = "begun after"
    return how


def same_at_every_cut(ledger: Ledger, every: int = 1) -> Counter[str]:
    """Every cut (only every ``every``-th moment recorded, with every day), read with every
    projection and with the folds keyed by id alone; how many aggregates were left out how."""
    log = list(ledger.app.log_events())
    kinds = {event.originator_id: event.owner() for _, event in log}
    counts = Counter(event.originator_id for _, event in log)
    first = {event.originator_id: event for _, event in reversed(log)}  # each aggregate's first
    tally: Counter[str] = Counter()
    for i, when in enumerate(cuts(ledger.app)):
        if when.as_of is None and i % every:
            continue
        folds, calendar = from_zero(ledger.views, log, when)
        how = left_out(log, when)
        tally.update(how.values())
        for classes in (fold_classes(), BY_ID, BOARD):
            with read_from_the_log() as read:
                held = history.read_at(ledger.views, classes, when, share=1.0)  # never from zero
            assert held is not None
            for cls in classes:
                assert dict(held.folds[cls.name].rows) == dict(folds[cls.name].rows), (cls.name, when)
            assert held.calendar.years == calendar.years, when
            if classes is BOARD:  # the board alone: aggregates it does not want are not read
                board = ledger.views.fold(DeadlineBoard)
                assert all(board.wants(first[id]) for id in read), when
                continue
            assert held.events == sum(when.admits(event) for _, event in log), when
            # keyed by id, only the aggregates admitted in part are read (the calendar's are, anyway)
            # each up to its version at the read's position: nothing a clerk records meanwhile
            assert read == {id: counts[id] for id in read}, when
            if classes is BY_ID:
                assert {id for id in read if kinds[id] is not CalendarYear} == {
                    id for id, way in how.items() if way == "changed after" and kinds[id] is not CalendarYear
                }, when
    return tally


@contextmanager
def read_from_the_log() -> Iterator[dict[UUID, int]]:
    """The aggregates whose events a read of the past reads from the log (the calendar's aside),
    each with the version it reads up to."""
    read: dict[UUID, int] = {}
    events = history._events

    def reading(views: Views, id: UUID, version: int) -> list[Event]:
        read[id] = version
        return events(views, id, version)

    history._events = reading  # type: ignore[assignment]
    try:
        yield read
    finally:
        history._events = events  # type: ignore[assignment]


def test_every_projection_at_every_cut_holds_the_rows_of_the_fold_from_zero(demo: Path) -> None:
    ledger = Ledger(str(demo))
    try:
        tally = same_at_every_cut(ledger)
    finally:
        ledger.close()
    assert set(tally) == {"begun after", "in effect after", "changed after"}, tally


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("LEDGER_TEST_POSTGRES"), reason="set LEDGER_TEST_POSTGRES")
def test_on_postgres_the_index_and_the_live_copies_give_the_same_rows(
    pg_empty: str, key_folder: Path
) -> None:
    app = LedgerApp(pg_empty, clock=start(), keys=KeyFolder(key_folder))
    ledger = Ledger(pg_empty, app=app)
    try:
        record(app)
        same_at_every_cut(ledger, every=10)
    finally:
        ledger.close()


def test_a_cut_that_leaves_out_most_of_the_log_is_folded_from_zero(demo: Path) -> None:
    ledger = Ledger(str(demo))
    try:
        moments = sorted({event.timestamp for _, event in ledger.app.log_events()})
        assert history.read_at(ledger.views, fold_classes(), When(known_at=moments[0])) is None
        assert history.read_at(ledger.views, fold_classes(), When(as_of=date(2026, 1, 1))) is None
        assert history.read_at(ledger.views, fold_classes(), When(known_at=moments[-2])) is not None
    finally:
        ledger.close()


def test_aggregates_begun_after_the_cut_do_not_count_towards_folding_from_zero(demo: Path) -> None:
    ledger = Ledger(str(demo))
    try:  # the registers key rows by number: every aggregate left out is read, most of the log
        moments = sorted({event.timestamp for _, event in ledger.app.log_events()})
        assert history.read_at(ledger.views, fold_classes(), When(known_at=moments[1])) is None
        assert history.read_at(ledger.views, BY_ID, When(known_at=moments[1])) is not None
    finally:
        ledger.close()


READS = (
    ("deadlines", "--format", "json"),
    ("deadlines", "--format", "json", "--status", "overdue"),
    ("decision", "list", "--format", "json"),
)


def reads_at(db: Path, key_folder: Path, when: tuple[str, ...]) -> list[str]:
    runner = CliRunner()
    out = []
    for read in READS:
        result = runner.invoke(
            cli, ["--db", str(db), "--keys", str(key_folder), *read, *when], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        out.append(result.output)
    return out


def cli_cuts(db: Path) -> list[tuple[str, ...]]:
    app = LedgerApp(str(db), read_only=True)
    try:
        moments = sorted({event.timestamp for _, event in app.log_events()})
    finally:
        app.close()
    picked = [moments[len(moments) * k // 6] for k in range(1, 6)] + [moments[-2]]
    known = [("--known-at", at.isoformat()) for at in picked]
    days = [("--as-of", f"2026-{m:02d}-15") for m in (3, 6, 9, 11, 12)]
    return [*known, *days, ("--as-of", "2026-11-20", "--known-at", picked[-1].isoformat())]


def test_the_board_and_the_register_read_through_the_cli_stand_as_from_zero(
    demo: Path, key_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for when in cli_cuts(demo):
        from_views = reads_at(demo, key_folder, when)
        with monkeypatch.context() as patched:
            patched.setattr(history, "read_at", lambda *args: None)  # Views.history folds from zero
            assert reads_at(demo, key_folder, when) == from_views, when


def folder_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.skipif(LEDGER is None, reason="console script not installed")
def test_a_read_of_the_past_on_a_read_only_file_writes_nothing(
    demo: Path, key_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writable = tmp_path / "writable.db"
    shutil.copy(demo, writable)
    app = LedgerApp(str(writable), keys=KeyFolder(key_folder))
    try:  # the stored views behind the log: the read catches them up in memory
        run(app, "S001", "org.staff.add", staff_id="S099", staff_name="新同事", unit="FIN")
    finally:
        app.close()
    cut = cli_cuts(writable)[-3:]
    shelf = tmp_path / "shelf"
    copy = read_only_copy(writable, shelf)
    before = folder_digest(shelf)
    try:
        for at in cut:
            with monkeypatch.context() as patched:
                patched.setattr(history, "read_at", lambda *args: None)  # Views.history folds from zero
                want = reads_at(writable, key_folder, at)
            for read, expected in zip(READS, want, strict=True):
                result = ledger(copy, *read, *at, reader=True)
                assert result.returncode == 0, result.stderr
                assert result.stdout == expected, (read, at)
        assert folder_digest(shelf) == before  # not even SQLite's reader files
    finally:
        for path in (shelf, copy):
            path.chmod(0o755)

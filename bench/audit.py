"""Audit figures on a ledger of at least 100,000 events (`make bench-audit`).

Builds the ledger with real commands (``org.staff.add``: a Staff.Added and a
Staff.RoleAssigned each) saved in batches through the UnitOfWork, then times, in
the same run and on the same file:

- eventsourcing's own raw read: ``recorder.select_notifications`` page by page;
- ``ledger audit verify``: the chain recomputed from the raw rows and checked
  against the witness, the recorded checkpoint and the projections' tracking;
- ``ledger audit replay``: every projection rebuilt from position 0 (domain events
  decoded and folded) and compared with its live copy;

and the cost of writing the witness with every save (the same commands saved
through eventsourcing's plain SQLite recorder).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import get_topic

from ledger.application import LedgerApp, system_clock
from ledger.audit.verify import verify_database
from ledger.demo.org import steps
from ledger.interface import Ledger, build
from ledger.interface.audit import checkpoint, replay_views
from ledger.storage import persistence_env
from ledger.systems import fold_classes

BATCH = 1000  # commands per unit of work (one save, one transaction)


class PlainApp(LedgerApp):
    """The same application on eventsourcing's own recorder, without the audit witness."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.clock = system_clock
        env = {**persistence_env(db), "APPLICATION_RECORDER_TOPIC": get_topic(SQLiteApplicationRecorder)}
        Application.__init__(self, env=env)


def fill(app: LedgerApp, events: int) -> tuple[int, float]:
    """The bureau, then staff in batches up to ``events``; (staff events written, seconds)."""
    for actor, name, fields in steps():
        app.execute([build(name, fields)], actor)
    start = app.max_position()
    started = time.perf_counter()
    n = 0
    while app.max_position() < events:
        batch = [
            build("org.staff.add", {"staff_id": f"B{n + i:06d}", "staff_name": "员工", "unit": "FIN"})
            for i in range(BATCH)
        ]
        app.execute(batch, "S001")
        n += BATCH
    return app.max_position() - start, time.perf_counter() - started


def raw_read(app: LedgerApp) -> tuple[int, float]:
    """eventsourcing's own notification read, nothing decoded."""
    started = time.perf_counter()
    count, position = 0, 1
    while True:
        page = app.recorder.select_notifications(position, 1000)
        count += len(page)
        if len(page) < 1000:
            break
        position = page[-1].id + 1
    return count, time.perf_counter() - started


def decoded_read(app: LedgerApp) -> tuple[int, float]:
    """The same read, each row decoded into its domain event (what replay starts from)."""
    started = time.perf_counter()
    count = sum(1 for _ in app.log_events())
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description="audit verify and replay rates against a raw read")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the ledgers (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        where = args.dir or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        db, plain_db = where / "bench-audit.db", where / "bench-plain.db"
        for path in (db, plain_db):
            path.unlink(missing_ok=True)

        app = LedgerApp(str(db))
        written, write_chained = fill(app, args.events)
        plain = PlainApp(str(plain_db))
        written_plain, write_plain = fill(plain, args.events)
        plain.close()
        ledger = Ledger(str(db), app)
        checkpoint(ledger, "S001", None, where / "bench-checkpoint.json")
        ledger.directory()  # the live copies caught up before anything is timed
        ledger.deadlines()
        ledger.notices()
        total = app.max_position()

        count, raw_seconds = raw_read(app)
        decoded, decode_seconds = decoded_read(app)
        report = verify_database(str(db))
        assert report.ok, report.findings[:3]
        replay = replay_views(ledger)
        assert replay["ok"], replay["projections"]
        ledger.close()

        raw_rate = count / raw_seconds
        rows = [
            ("eventsourcing select_notifications (raw)", count, raw_seconds),
            ("the same, decoded into domain events", decoded, decode_seconds),
            ("audit verify (chain, witness, checks)", report.events, report.seconds),
            (
                f"audit replay (decode, fold {len(fold_classes())} projections)",
                replay["events"],
                replay["seconds"],
            ),
        ]
        print(f"ledger: {total:,} events, {db.stat().st_size / 1e6:.1f} MB")
        print(f"{'measure':<44}{'events':>9}{'seconds':>9}{'events/s':>11}{'vs raw':>9}")
        for label, n, seconds in rows:
            rate = n / seconds
            print(f"{label:<44}{n:>9,}{seconds:>9.2f}{rate:>11,.0f}{rate / raw_rate:>8.3f}x")
        chained, unchained = written / write_chained, written_plain / write_plain
        print(
            f"writes in batches of {BATCH} commands: {chained:,.0f} events/s with the witness, "
            f"{unchained:,.0f} events/s on eventsourcing's plain recorder ({chained / unchained:.2f}x)"
        )


if __name__ == "__main__":
    main()

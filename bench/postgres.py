"""PostgreSQL audit figures (`make bench-postgres URL=postgresql://…`): ratios in the same run.

On a server the URL names (its user may create databases), in fresh databases dropped
afterwards:

- writes in batches through the UnitOfWork with the witness, against the same commands
  on the recorder it extends (eventsourcing's, writing only the personal-data key table);
- ``audit verify`` (one REPEATABLE READ snapshot, psycopg alone) against
  eventsourcing's own ``select_notifications`` read of the same rows;
- ``ledger migrate`` of the same ledger from an SQLite file into an empty database.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
from audit import fill, raw_read  # bench/audit.py: the same ledger, built the same way
from eventsourcing.application import Application
from eventsourcing.utils import get_topic

from ledger.application import LedgerApp, system_clock
from ledger.audit.verify import verify_database
from ledger.demo.__main__ import demo_keys
from ledger.interface.audit import migrate_ledger
from ledger.signing import KeyFolder
from ledger.storage import persistence_env
from ledger.storage.keys_postgres import PostgresKeyTable


class PlainApp(LedgerApp):
    """The same application on the recorder ours extends (writing the key table), without the witness."""

    def __init__(self, db: str, keys: KeyFolder) -> None:
        self.db, self.clock, self.keys, self.read_only = db, system_clock, keys, False
        env = {**persistence_env(db), "APPLICATION_RECORDER_TOPIC": get_topic(PostgresKeyTable)}
        Application.__init__(self, env=env)


@contextmanager
def database(url: str) -> Iterator[str]:
    name = f"ledger_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunparse(urlparse(url)._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description="audit figures on PostgreSQL")
    parser.add_argument("--url", default=os.environ.get("LEDGER_BENCH_POSTGRES"), help="a server to use")
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("give --url postgresql://… (or LEDGER_BENCH_POSTGRES)")
    with (
        tempfile.TemporaryDirectory() as tmp,
        database(args.url) as chained_db,
        database(args.url) as plain_db,
        database(args.url) as copy_db,
    ):
        keys = demo_keys(Path(tmp) / "keys")  # every act signed, on both sides
        app = LedgerApp(chained_db, keys=keys)
        written, write_chained = fill(app, args.events)
        count, raw_seconds = raw_read(app)
        app.close()
        plain = PlainApp(plain_db, keys)
        written_plain, write_plain = fill(plain, args.events)
        plain.close()
        report = verify_database(chained_db)
        assert report.ok, report.findings[:3]
        sqlite_db = Path(tmp) / "bench.db"
        lite = LedgerApp(str(sqlite_db), keys=keys)
        fill(lite, args.events)
        lite.close()
        started = time.perf_counter()
        copied = migrate_ledger(str(sqlite_db), copy_db)
        migrate_seconds = time.perf_counter() - started

    chained, unchained = written / write_chained, written_plain / write_plain
    raw_rate, verify_rate = count / raw_seconds, report.events / report.seconds
    print(f"PostgreSQL, {report.events:,} events")
    print(
        f"writes in batches: {chained:,.0f} events/s with the witness, {unchained:,.0f} events/s "
        f"without it ({chained / unchained:.2f}x)"
    )
    print(
        f"audit verify: {verify_rate:,.0f} events/s; eventsourcing select_notifications: {raw_rate:,.0f} "
        f"events/s ({verify_rate / raw_rate:.2f}x)"
    )
    moved = copied["events"]
    print(
        f"migrate SQLite → PostgreSQL (copy, witness, projections rebuilt, both verified): "
        f"{moved:,} events in {migrate_seconds:.1f} s ({moved / migrate_seconds:,.0f} events/s)"
    )


if __name__ == "__main__":
    main()

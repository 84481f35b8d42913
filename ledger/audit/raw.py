"""The raw rows of a ledger, read below the application, and the chain over them.

Nothing above the database is trusted: no eventsourcing, no mapper, no application. A
``RawSource`` is one read-only snapshot of the stored events, the witness and the
projections' tracking positions; ``verify`` and ``export`` read only through it, so
they run unchanged on both databases:

- SQLite: the file opened read-only with ``sqlite3`` alone, in one transaction;
- PostgreSQL: one ``psycopg`` connection in a READ ONLY, REPEATABLE READ transaction
  (one snapshot), every table named with its schema (a ``search_path`` set on the
  role cannot point the audit at look-alike tables).
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from aggregates.errors import InvalidInput, NotFound
from ledger.storage import StorageUnusable, is_postgres, is_sqlite, read_only_uri
from ledger.storage.chain import EVENTS_TABLE, GENESIS, RAW_COLUMNS, WITNESS_TABLE
from ledger.storage.keys import KEYS_TABLE

_TIMESTAMP = re.compile(rb'"timestamp":"([^"]+)"')
WITNESS_COLUMNS = "position, originator_id, originator_version, topic, state_sha256, link"
MIGRATION = "__migration__"  # eventsourcing's own row in the tracking table, not a projection
SNAPSHOTS_TABLE = "stored_snapshots"  # eventsourcing's (``ledger.audit.snapshots``)
POSTGRES_SNAPSHOTS_TABLE = "ledger_snapshots"  # on PostgreSQL: the application's name, then the purpose


class RawSource(Protocol):
    """One consistent, read-only snapshot of a ledger's raw rows, whatever the database."""

    def events(self, first: int = 1) -> Iterator[tuple[Any, ...]]:
        """(position, originator_id, version, topic, state) in position order, as stored."""
        ...

    def witness(self) -> Iterator[tuple[Any, ...]] | None:
        """(position, originator_id, version, topic, state_sha256, link) by position; None: no table."""
        ...

    def tracking(self) -> Iterator[tuple[str, int]]:
        """(projection, position it has folded up to)."""
        ...

    def personal_keys(self) -> list[tuple[str, bytes | None, str, str | None]]:
        """(subject, key or None once erased, created, erased): for ``ledger migrate`` alone;
        the keys are beside the log, never on the chain, and verify and export never read them."""
        ...

    def has_snapshots(self) -> bool:
        """Whether any snapshot is stored (outside the chain; verify then checks each against
        its events). True where the table is there but cannot be read: the check says why."""
        ...


class SQLiteRows:
    """A ``RawSource`` over an SQLite connection already in a read transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def has_table(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
        return self.conn.execute(query, (name,)).fetchone() is not None

    def events(self, first: int = 1) -> Iterator[tuple[Any, ...]]:
        if not self.has_table(EVENTS_TABLE):
            return iter(())
        return iter(
            self.conn.execute(
                f"SELECT {RAW_COLUMNS} FROM {EVENTS_TABLE} WHERE rowid >= ? ORDER BY rowid", (first,)
            )
        )

    def witness(self) -> Iterator[tuple[Any, ...]] | None:
        if not self.has_table(WITNESS_TABLE):
            return None
        return iter(self.conn.execute(f"SELECT {WITNESS_COLUMNS} FROM {WITNESS_TABLE} ORDER BY position"))

    def has_snapshots(self) -> bool:
        if not self.has_table(SNAPSHOTS_TABLE):
            return False
        try:
            return self.conn.execute(f"SELECT 1 FROM {SNAPSHOTS_TABLE} LIMIT 1").fetchone() is not None
        except sqlite3.Error:
            return True

    def personal_keys(self) -> list[tuple[str, bytes | None, str, str | None]]:
        if not self.has_table(KEYS_TABLE):
            return []
        query = f"SELECT subject, key, created, erased FROM {KEYS_TABLE} ORDER BY subject"
        return [tuple(r) for r in self.conn.execute(query)]  # type: ignore[misc]

    def tracking(self) -> Iterator[tuple[str, int]]:
        if not self.has_table("tracking"):
            return iter(())
        return iter(
            self.conn.execute(
                "SELECT application_name, notification_id FROM tracking WHERE application_name != ?",
                (MIGRATION,),
            )
        )


@contextmanager
def open_raw(db: str) -> Iterator[RawSource]:
    """The ledger's raw rows, read-only, in one snapshot (no eventsourcing, no mapper)."""
    if is_postgres(db):
        try:
            from ledger.audit.raw_postgres import open_postgres  # psycopg only when needed
        except ImportError:
            raise InvalidInput(
                "db", "PostgreSQL needs psycopg: pip install 'gongkai-ledger[postgres]'"
            ) from None

        with open_postgres(db) as source:
            yield source
        return
    path = Path(db)
    if not path.is_file():
        raise NotFound("db", f"no ledger file {db}")
    if path.stat().st_size > 0 and not is_sqlite(path):
        raise StorageUnusable(db, "is not a ledger (not an SQLite database file)", "check --db / LEDGER_DB")
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")  # one snapshot for the events, the witness and the tracking table
        yield SQLiteRows(conn)
    finally:
        conn.close()


def recorded_at(state: Any) -> datetime | None:
    if not isinstance(state, bytes):
        return None
    match = _TIMESTAMP.search(state)
    if match is None:
        return None
    try:
        return datetime.fromisoformat(match.group(1).decode())
    except ValueError:
        return None


class Chain:
    """The chain recomputed from raw rows: each position and the link there, packed (a
    million events hold 32 MB of links, not a list of a million small objects). Positions
    are held as runs of consecutive ones (a ledger's positions have few gaps), so a
    position costs nothing beside its link."""

    def __init__(self) -> None:
        self._starts: array[int] = array("q")  # the first position of each run
        self._offsets: array[int] = array("q")  # the index of each run's first position
        self._size = 0
        self._last = 0
        self._links = bytearray()

    def append(self, position: int, link: bytes) -> None:
        """The link at ``position``; positions come in increasing order, as stored."""
        if not self._size or position != self._last + 1:
            self._starts.append(position)
            self._offsets.append(self._size)
        self._last = position
        self._size += 1
        self._links += link

    def __len__(self) -> int:
        """How many events the chain holds."""
        return self._size

    def link(self, i: int) -> bytes:
        return bytes(self._links[32 * i : 32 * i + 32])

    def _run_end(self, run: int) -> int:
        return self._offsets[run + 1] if run + 1 < len(self._offsets) else self._size

    def at(self, position: int) -> tuple[int, bytes] | None:
        """(number of events up to and including ``position``, link there), if it exists."""
        run = bisect.bisect_right(self._starts, position) - 1
        if run < 0:
            return None
        i = self._offsets[run] + position - self._starts[run]
        if i >= self._run_end(run):
            return None
        return i + 1, self.link(i)

    def count_upto(self, position: int) -> int:
        """How many events are stored at ``position`` or before."""
        run = bisect.bisect_right(self._starts, position) - 1
        if run < 0:
            return 0
        return min(self._offsets[run] + position - self._starts[run] + 1, self._run_end(run))

    @property
    def last(self) -> int:
        return self._last if self._size else 0

    @property
    def head(self) -> bytes:
        return self.link(self._size - 1) if self._size else GENESIS

"""The raw rows of an SQLite ledger file, read with ``sqlite3`` alone, and the chain over them.

Nothing above the file is trusted: no eventsourcing, no mapper, no application; the
file is opened read-only, in one snapshot.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aggregates.errors import InvalidInput, NotFound
from ledger.storage import StorageUnusable, read_only_uri
from ledger.storage.chain import EVENTS_TABLE, GENESIS, RAW_COLUMNS

SQLITE_HEADER = b"SQLite format 3\x00"
_TIMESTAMP = re.compile(rb'"timestamp":"([^"]+)"')


@contextmanager
def open_raw(db: str) -> Iterator[sqlite3.Connection]:
    """The SQLite file, read-only, through sqlite3 alone (no eventsourcing, no mapper)."""
    if db.startswith(("postgresql://", "postgres://")):
        raise InvalidInput(
            "db", "audit verify and export read an SQLite file directly; copy it to SQLite first"
        )
    path = Path(db)
    if not path.is_file():
        raise NotFound("db", f"no ledger file {db}")
    with path.open("rb") as f:
        if f.read(16) != SQLITE_HEADER and path.stat().st_size > 0:
            raise StorageUnusable(
                db, "is not a ledger (not an SQLite database file)", "check --db / LEDGER_DB"
            )
    conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")  # one snapshot for the events, the witness and the tracking table
        yield conn
    finally:
        conn.close()


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def raw_events(conn: sqlite3.Connection, first: int = 1) -> Iterator[tuple[Any, ...]]:
    """(position, originator_id, version, topic, state) in position order, as stored."""
    if not has_table(conn, EVENTS_TABLE):
        return iter(())
    cur = conn.execute(f"SELECT {RAW_COLUMNS} FROM {EVENTS_TABLE} WHERE rowid >= ? ORDER BY rowid", (first,))
    return iter(cur)


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


@dataclass
class Chain:
    """The chain recomputed from raw rows: positions, links and the rows' identities."""

    positions: list[int] = field(default_factory=list)
    links: list[bytes] = field(default_factory=list)

    def at(self, position: int) -> tuple[int, bytes] | None:
        """(number of events up to and including ``position``, link there), if it exists."""
        i = bisect.bisect_left(self.positions, position)
        if i < len(self.positions) and self.positions[i] == position:
            return i + 1, self.links[i]
        return None

    def count_upto(self, position: int) -> int:
        return bisect.bisect_right(self.positions, position)

    @property
    def last(self) -> int:
        return self.positions[-1] if self.positions else 0

    @property
    def head(self) -> bytes:
        return self.links[-1] if self.links else GENESIS

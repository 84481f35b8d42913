"""The audit hash chain over the stored events, and its witness written with every save.

Each stored row is hashed from its raw bytes, position included, and chained:

    entry_n = sha256(len‖position ‖ len‖originator_id ‖ len‖version ‖ len‖topic ‖ sha256(state))
    link_n  = sha256(link_{n-1} ‖ entry_n)            link_0 = sha256("gongkai-ledger audit chain v1")

Positions are eventsourcing's notification ids (SQLite rowids), so a deleted row, a
moved row or a row slipped into a gap changes every link after it.

The *witness* is the table ``audit_chain``: one row per position with the event's
identity, a digest of its state and the link, written by the application recorder in
the same transaction as the events. An attacker who rewrites events must also rewrite
the witness; one who rewrites both must also rewrite the checkpoints recorded in the
ledger, and cannot forge the signed checkpoints and receipts handed out (see ``ledger.audit``).

The witness is created with the ledger (with its events table) and never rebuilt
silently: a ledger whose witness is missing is read as it is, refuses every write
(exit 3), and `audit verify` says so, until the principal leader re-establishes it by a
signed act (``audit.reestablish``) — the only event whose saving rebuilds the witness,
which `audit verify` then reports as a break in the chain at that position.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.sqlite import SQLiteCursor

from aggregates.audit_facts import WITNESS_REESTABLISHED
from aggregates.errors import Refused, Unusable
from ledger.storage import EVENTS_TABLE
from ledger.storage.keys import KEYS_TABLE, SQLiteKeyTable
from ledger.storage.view_index import chunks  # a query names at most CHUNK ids (SQLite's parameter limit)

WITNESS_TABLE = "audit_chain"
GENESIS = hashlib.sha256(b"gongkai-ledger audit chain v1").digest()


# The one event whose saving may (re)create a missing witness.
REESTABLISH_TOPIC = WITNESS_REESTABLISHED


class ChainBroken(Unusable):
    """The stored record no longer matches its witness; nothing more is written on top of it."""

    def __init__(self, rule: str) -> None:
        super().__init__("record", f"{rule}; run `ledger audit verify`")


class WitnessMissing(Unusable):
    """The witness table is gone: writing on would let it be rebuilt from whatever is stored now."""

    def __init__(self) -> None:
        super().__init__(
            "record",
            f"the audit chain's witness ({WITNESS_TABLE}) is missing, so nothing is written; "
            "run `ledger audit verify`, and the principal leader re-establishes it with "
            "`ledger audit reestablish`",
        )


def as_bytes(value: Any) -> bytes:
    """A raw column as bytes (text columns as UTF-8, numbers as their decimal text)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode()


def entry_hash(position: int, originator_id: Any, version: Any, topic: Any, state_sha256: str) -> bytes:
    """One row's hash from its raw columns (the state through its SHA-256, hex)."""
    return entry_of(position, originator_id, version, topic, bytes.fromhex(state_sha256))


def entry_of(
    position: int,
    originator_id: Any,
    version: Any,
    topic: Any,
    state_hash: bytes,
    topics: FramedTopics | None = None,
) -> bytes:
    """One row's hash from its raw columns and its state's SHA-256: each column framed by its
    length (8 bytes, big-endian), then the state's hash (the module docstring's ``entry_n``).
    ``topics``: the topics framed once (verify hashes a million rows with a few dozen topics).
    The one framing of an entry: the witness written with every save, verify and an export's
    check all hash through it."""
    if type(position) is int and type(originator_id) is str and type(version) is int and type(topic) is str:
        # the usual columns (SQLite's text, integer, text), framed inline: verify hashes every event
        p, o, v = b"%d" % position, originator_id.encode(), b"%d" % version
        t = topics[topic] if topics is not None else framed(topic.encode())
        f = FRAMES
        if len(o) < 256:
            return hashlib.sha256(
                b"".join((f[len(p)], p, f[len(o)], o, f[len(v)], v, t, state_hash))
            ).digest()
        return hashlib.sha256(b"".join((f[len(p)], p, framed(o), f[len(v)], v, t, state_hash))).digest()
    parts = (str(position).encode(), as_bytes(originator_id), as_bytes(version), as_bytes(topic))
    return hashlib.sha256(b"".join([framed(part) for part in parts]) + state_hash).digest()


def framed(part: bytes) -> bytes:
    """A column's bytes after their length (8 bytes, big-endian)."""
    return len(part).to_bytes(8, "big") + part


FRAMES = [n.to_bytes(8, "big") for n in range(256)]  # the length prefixes of short parts


class FramedTopics(dict[str, bytes]):
    """Each topic as ``entry_of`` frames it (length prefix and UTF-8 bytes), made once."""

    def __missing__(self, topic: str) -> bytes:
        frame = framed(topic.encode())
        if len(self) < 1024:  # a few dozen in a ledger: rows written outside it cannot grow this
            self[topic] = frame
        return frame


def next_link(previous: bytes, entry: bytes) -> bytes:
    return hashlib.sha256(previous + entry).digest()


def state_digest(state: Any) -> str:
    return hashlib.sha256(as_bytes(state)).hexdigest()


WITNESS_DDL = (
    f"CREATE TABLE IF NOT EXISTS {WITNESS_TABLE} ("
    "position INTEGER PRIMARY KEY, originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
    "topic TEXT NOT NULL, state_sha256 TEXT NOT NULL, link TEXT NOT NULL)"
)
RAW_COLUMNS = "rowid, originator_id, originator_version, topic, state"


def witness_rows(rows: Sequence[Any], previous: bytes) -> list[tuple[Any, ...]]:
    """Witness rows for raw ``(rowid, originator_id, version, topic, state)`` rows after ``previous``."""
    out = []
    link = previous
    for position, oid, version, topic, state in rows:
        digest = state_digest(state)
        link = next_link(link, entry_hash(position, oid, version, topic, digest))
        out.append((position, str(oid), version, str(topic), digest, link.hex()))
    return out


def has_witness(c: Any) -> bool:
    c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (WITNESS_TABLE,))
    return c.fetchone() is not None


def rebuild_witness(c: Any, before: int) -> None:
    """Create the witness from the rows stored before ``before`` (only for a re-establishing act)."""
    c.execute(WITNESS_DDL)
    c.execute(f"SELECT {RAW_COLUMNS} FROM {EVENTS_TABLE} WHERE rowid < ? ORDER BY rowid", (before,))
    rows = [tuple(r) for r in c.fetchall()]
    c.executemany(f"INSERT INTO {WITNESS_TABLE} VALUES (?, ?, ?, ?, ?, ?)", witness_rows(rows, GENESIS))


def inserted_rows(positions: Sequence[int], stored_events: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The raw rows just inserted at ``positions``, as the chain hashes them, taken from what
    was inserted rather than read back: eventsourcing writes each stored event's columns as
    they are (the id as its 32 hex digits), so reading every state again would only move the
    same bytes twice (an import's 20,000). ``audit verify`` recomputes the chain from the
    stored rows themselves, so a difference could not pass unseen."""
    return [
        (
            position,
            s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
            s.originator_version,
            s.topic,
            s.state,
        )
        for position, s in zip(positions, stored_events, strict=True)
    ]


def extend_witness(c: Any, new_positions: Sequence[int], stored_events: Sequence[Any]) -> None:
    """Chain the rows just inserted (inside the inserting transaction)."""
    c.execute(f"SELECT position, link FROM {WITNESS_TABLE} ORDER BY position DESC LIMIT 1")
    head = c.fetchone()
    head_position, head_link = (head[0], bytes.fromhex(head[1])) if head else (0, GENESIS)
    first_new = min(new_positions)
    if first_new <= head_position:
        raise ChainBroken(
            f"position {first_new} is already on the audit chain: a stored event was deleted "
            "and its position is being reused"
        )
    # every position stored since the last witnessed one must be one just inserted (the ids
    # alone: the rows themselves are taken from what was inserted)
    c.execute(f"SELECT rowid FROM {EVENTS_TABLE} WHERE rowid > ? ORDER BY rowid", (head_position,))
    ours = set(new_positions)
    strays = [r[0] for r in c.fetchall() if r[0] not in ours]
    if strays:
        raise ChainBroken(f"stored event at position {strays[0]} was written outside the ledger")
    rows = inserted_rows(new_positions, stored_events)
    c.executemany(f"INSERT INTO {WITNESS_TABLE} VALUES (?, ?, ?, ?, ?, ?)", witness_rows(rows, head_link))


class ChainedSQLiteRecorder(SQLiteKeyTable):
    """eventsourcing's SQLite application recorder, writing the audit chain's witness (and,
    through ``SQLiteKeyTable``, the personal-data keys) too."""

    def _create_table(self, c: SQLiteCursor) -> None:
        """The witness is created with the events table, never later: a file that has events
        but no witness lost it, and rebuilding it here would launder whatever is stored now."""
        c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (EVENTS_TABLE,))
        new_ledger = c.fetchone() is None
        super()._create_table(c)
        if new_ledger:
            c.execute(WITNESS_DDL)

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[Any], **kwargs: Any
    ) -> Sequence[int] | None:
        # the insert comes first: it takes the write lock (waiting for another writer), where a
        # read first would pin a snapshot that a concurrent save makes stale ("database is locked")
        positions = super()._insert_events(c, stored_events, **kwargs)
        reestablishing = not has_witness(c)
        if reestablishing and not any(s.topic == REESTABLISH_TOPIC for s in stored_events):
            raise WitnessMissing
        if positions:
            if reestablishing:
                rebuild_witness(c, min(positions))
            extend_witness(c, positions, stored_events)
        return positions

    def witness_missing(self) -> bool:
        with self.datastore.transaction(commit=False) as c:
            return not has_witness(c)

    def stored_originators(self, ids: Collection[UUID]) -> set[UUID]:
        """Which of ``ids`` have any stored event: one indexed query per ``CHUNK`` ids, where
        loading each would cost a query of its own (an import naming a thousand new units)."""
        wanted = [id.hex for id in ids]
        found: set[UUID] = set()
        with self.datastore.transaction(commit=False) as c:
            for batch in chunks(wanted):
                c.execute(
                    f"SELECT DISTINCT originator_id FROM {EVENTS_TABLE} "
                    f"WHERE originator_id IN ({','.join('?' * len(batch))})",
                    batch,
                )
                found.update(UUID(row[0]) for row in c.fetchall())
        return found

    def witness_size(self, position: int) -> int:
        """How many positions up to ``position`` the witness holds."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT COUNT(*) FROM {WITNESS_TABLE} WHERE position <= ?", (position,))
            return int(c.fetchone()[0])

    def raw_head(self) -> tuple[int, int, str]:
        """(last position, number of events, head link hex) recomputed from the stored rows
        themselves, not the witness (what a re-establishing act vouches for)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT {RAW_COLUMNS} FROM {EVENTS_TABLE} ORDER BY rowid")
            rows = witness_rows([tuple(r) for r in c.fetchall()], GENESIS)
        if not rows:
            return 0, 0, GENESIS.hex()
        return int(rows[-1][0]), len(rows), str(rows[-1][5])

    def witness_link(self, position: int) -> str | None:
        """The link the witness recorded at ``position`` (hex), or None if it has none there."""
        with self.datastore.transaction(commit=False) as c:
            if not has_witness(c):
                return None
            c.execute(f"SELECT link FROM {WITNESS_TABLE} WHERE position=?", (position,))
            row = c.fetchone()
        return None if row is None else str(row[0])

    @contextmanager
    def raw_snapshot(self) -> Iterator[sqlite3.Connection]:
        """The recorder's own connection in a read transaction: the only way into an in-memory ledger."""
        with self.datastore.transaction(commit=False) as c:
            yield c.sqlite_cursor.connection

    def insert_raw(self, rows: Sequence[Sequence[Any]], head: str, keys: Sequence[Sequence[Any]] = ()) -> int:
        """Copy raw rows in at their own positions (``ledger migrate``), with their witness and
        the personal-data ``keys`` (subject, key, created, erased) they were sealed with.

        Refused, and nothing written, unless the ledger is empty and the rows chain to ``head``.
        """
        copied = [tuple(r) for r in rows]
        witness = witness_rows(copied, GENESIS)
        got = witness[-1][-1] if witness else GENESIS.hex()
        with self.datastore.transaction(commit=True) as c:
            c.execute(WITNESS_DDL)  # in an empty ledger there is no stored row a new witness could launder
            for table in (EVENTS_TABLE, WITNESS_TABLE, KEYS_TABLE):  # (if not empty, all this rolls back)
                c.execute(f"SELECT 1 FROM {table} LIMIT 1")
                if c.fetchone() is not None:
                    raise Refused(
                        "dst", "the destination already holds a ledger; a ledger is copied into an empty one"
                    )
            if got != head:
                raise ChainBroken(
                    f"the copied rows chain to {got[:16]}…, not to the source's head {head[:16]}…"
                )
            c.executemany(
                f"INSERT INTO {EVENTS_TABLE} (rowid, originator_id, originator_version, topic, state) "
                "VALUES (?, ?, ?, ?, ?)",
                copied,
            )
            c.executemany(f"INSERT INTO {WITNESS_TABLE} VALUES (?, ?, ?, ?, ?, ?)", witness)
            c.executemany(
                f"INSERT INTO {KEYS_TABLE} (subject, key, created, erased) VALUES (?, ?, ?, ?)", keys
            )
        return len(copied)

"""The audit chain's witness on PostgreSQL, written in the same transaction as the events.

The chain is the one in ``ledger.storage.chain``: the same entry hash over the same raw
columns, so a ledger hashes to the same head on SQLite and on PostgreSQL (``ledger
migrate`` relies on it). Two things differ from SQLite:

- ``originator_id`` is a ``uuid`` column; it is hashed, like SQLite stores it, as its 32
  hex digits (``raw_row``).
- Positions are notification ids from a sequence, and a sequence is not transactional: a
  write that fails after taking its ids (a version conflict, a refused chain) rolls back
  but leaves its ids unused. eventsourcing's ``LOCK TABLE … IN EXCLUSIVE MODE`` makes
  ids *commit in order*, not *contiguous*. The witness is written in the inserting
  transaction, so it has no row for a position that never committed: a gap in both is
  a rolled-back write, while a position the witness has and the table lacks is a deletion.

The witness follows the SQLite rules: created with the events table and never rebuilt
silently; with it missing, every write is refused (exit 3) but the principal leader's
re-establishing act, whose saving witnesses the rows as then stored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.sql import SQL, Composed, Identifier

from aggregates.errors import Refused
from ledger.storage.chain import (
    GENESIS,
    REESTABLISH_TOPIC,
    WITNESS_TABLE,
    ChainBroken,
    WitnessMissing,
    inserted_rows,
    witness_rows,
)
from ledger.storage.keys_postgres import PostgresKeyTable

SCHEMA = "public"
# eventsourcing names the tables after the application (``LedgerApp.name``)
EVENTS_TABLE = "ledger_events"
TRACKING_TABLE = "ledger_tracking"
RAW_COLUMNS = SQL("notification_id, originator_id, originator_version, topic, state")


def raw_row(row: Sequence[Any]) -> tuple[int, str, int, str, bytes]:
    """``(position, originator_id, version, topic, state)`` as hashed (the uuid as 32 hex digits)."""
    position, oid, version, topic, state = row
    return (
        int(position),
        oid.hex if isinstance(oid, UUID) else str(oid),
        int(version),
        str(topic),
        bytes(state) if state is not None else b"",
    )


def witness_ddl(schema: str) -> Composed:
    return SQL(
        "CREATE TABLE IF NOT EXISTS {0}.{1} (position bigint PRIMARY KEY, originator_id text NOT NULL, "
        "originator_version bigint NOT NULL, topic text NOT NULL, state_sha256 text NOT NULL, "
        "link text NOT NULL)"
    ).format(Identifier(schema), Identifier(WITNESS_TABLE))


class ChainedPostgresRecorder(PostgresKeyTable):
    """eventsourcing's PostgreSQL application recorder, writing the audit chain's witness (and,
    through ``PostgresKeyTable``, the personal-data keys) too."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = EVENTS_TABLE) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.events = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(events_table_name))
        self.witness = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(WITNESS_TABLE))

    def _exists(self, curs: Cursor[Any], table: str) -> bool:
        curs.execute("SELECT to_regclass(%s) AS found", (f"{self.datastore.schema}.{table}",))
        row = curs.fetchone()
        return row is not None and row["found"] is not None

    def _create_table(self, curs: Cursor[Any]) -> None:
        """The witness is created with the events table, never later: a database that has
        events but no witness lost it, and rebuilding it here would launder what is stored now."""
        new_ledger = not self._exists(curs, self.events_table_name)
        super()._create_table(curs)
        if new_ledger:
            curs.execute(witness_ddl(self.datastore.schema))

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as eventsourcing's
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """Insert the events and extend the witness in one transaction, or neither.

        Not eventsourcing's pipelined version: that one keeps an error raised after the
        insert until the transaction has committed, and a refused chain must roll back.
        (Nor its ``POSTGRES_ENABLE_DB_FUNCTIONS`` path, which would insert without a witness.)
        """
        if not stored_events:
            return []
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._insert_events(curs, stored_events, **kwargs)
            self._lock_table(curs)  # before looking at the witness: no other write interleaves
            reestablishing = not self._exists(curs, WITNESS_TABLE)
            if reestablishing and not any(s.topic == REESTABLISH_TOPIC for s in stored_events):
                raise WitnessMissing
            self._insert_stored_events(curs, stored_events, **kwargs)
            positions = self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
            assert positions is not None
            if reestablishing:
                self._rebuild_witness(curs, min(positions))
            self._extend_witness(curs, positions, stored_events)
        return positions

    def _rebuild_witness(self, curs: Cursor[Any], before: int) -> None:
        """The witness over the rows stored before ``before`` (only for a re-establishing act)."""
        curs.execute(witness_ddl(self.datastore.schema))
        curs.execute(
            SQL("SELECT {0} FROM {1} WHERE notification_id < %s ORDER BY notification_id").format(
                RAW_COLUMNS, self.events
            ),
            (before,),
        )
        self._write_witness(
            curs, witness_rows([raw_row(tuple(r.values())) for r in curs.fetchall()], GENESIS)
        )

    def _extend_witness(
        self, curs: Cursor[Any], new_positions: Sequence[int], stored_events: Sequence[StoredEvent]
    ) -> None:
        """Chain the rows just inserted (the table lock is held: no other write can interleave)."""
        curs.execute(
            SQL("SELECT position, link FROM {0} ORDER BY position DESC LIMIT 1").format(self.witness)
        )
        head = curs.fetchone()
        head_position, head_link = (head["position"], bytes.fromhex(head["link"])) if head else (0, GENESIS)
        first_new = min(new_positions)
        if first_new <= head_position:  # a sequence reset by hand: ids handed out again
            raise ChainBroken(f"position {first_new} is already on the audit chain")
        curs.execute(  # the ids alone: the rows are taken from what was inserted (``inserted_rows``)
            SQL("SELECT notification_id FROM {0} WHERE notification_id > %s ORDER BY notification_id").format(
                self.events
            ),
            (head_position,),
        )
        ours = set(new_positions)
        strays = [r["notification_id"] for r in curs.fetchall() if r["notification_id"] not in ours]
        if strays:  # also one put far ahead of the sequence
            raise ChainBroken(f"stored event at position {strays[0]} was written outside the ledger")
        # each returned id is its event's, in order (eventsourcing's own recordings rely on it)
        rows = [raw_row(row) for row in inserted_rows(new_positions, stored_events)]
        self._write_witness(curs, witness_rows(rows, head_link))

    def _write_witness(self, curs: Cursor[Any], witness: Sequence[tuple[Any, ...]]) -> None:
        if witness:
            curs.executemany(
                SQL("INSERT INTO {0} VALUES (%s, %s, %s, %s, %s, %s)").format(self.witness), witness
            )

    def witness_missing(self) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            return not self._exists(curs, WITNESS_TABLE)

    def stored_originators(self, ids: Collection[UUID]) -> set[UUID]:
        """Which of ``ids`` have any stored event, in one query (see the SQLite recorder's)."""
        if not ids:
            return set()
        with self.datastore.transaction(commit=False) as curs:
            query = SQL("SELECT DISTINCT originator_id FROM {0} WHERE originator_id = ANY(%s)")
            curs.execute(query.format(self.events), (list(ids),))
            return {UUID(str(row["originator_id"])) for row in curs.fetchall()}

    def witness_size(self, position: int) -> int:
        """How many positions up to ``position`` the witness holds."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT COUNT(*) AS n FROM {0} WHERE position <= %s").format(self.witness), (position,)
            )
            row = curs.fetchone()
        return 0 if row is None else int(row["n"])

    def raw_head(self) -> tuple[int, int, str]:
        """(last position, number of events, head link hex) recomputed from the stored rows
        themselves, not the witness (what a re-establishing act vouches for)."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL("SELECT {0} FROM {1} ORDER BY notification_id").format(RAW_COLUMNS, self.events))
            rows = witness_rows([raw_row(tuple(r.values())) for r in curs.fetchall()], GENESIS)
        if not rows:
            return 0, 0, GENESIS.hex()
        return int(rows[-1][0]), len(rows), str(rows[-1][5])

    def witness_link(self, position: int) -> str | None:
        """The link the witness recorded at ``position`` (hex), or None if it has none there."""
        with self.datastore.transaction(commit=False) as curs:
            if not self._exists(curs, WITNESS_TABLE):
                return None
            curs.execute(SQL("SELECT link FROM {0} WHERE position=%s").format(self.witness), (position,))
            row = curs.fetchone()
        return None if row is None else str(row["link"])

    def insert_raw(self, rows: Sequence[Sequence[Any]], head: str, keys: Sequence[Sequence[Any]] = ()) -> int:
        """Copy raw rows in at their own positions (``ledger migrate``), with their witness and
        the personal-data ``keys`` (subject, key, created, erased) they were sealed with.

        Refused, and nothing written, unless the ledger is empty and the rows chain to
        ``head``; the sequence then continues after the last position copied.
        """
        copied = [raw_row(r) for r in rows]
        witness = witness_rows(copied, GENESIS)
        got = witness[-1][-1] if witness else GENESIS.hex()
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            curs.execute(witness_ddl(self.datastore.schema))  # an empty ledger: nothing to launder
            for table in (self.events, self.witness, self.keys_table):  # (if not empty, all rolls back)
                curs.execute(SQL("SELECT 1 FROM {0} LIMIT 1").format(table))
                if curs.fetchone() is not None:
                    raise Refused(
                        "dst", "the destination already holds a ledger; a ledger is copied into an empty one"
                    )
            if got != head:
                raise ChainBroken(
                    f"the copied rows chain to {got[:16]}…, not to the source's head {head[:16]}…"
                )
            curs.executemany(
                SQL(
                    "INSERT INTO {0} (notification_id, originator_id, originator_version, topic, state) "
                    "VALUES (%s, %s, %s, %s, %s)"
                ).format(self.events),
                [(p, UUID(hex=oid), v, t, s) for p, oid, v, t, s in copied],
            )
            self._write_witness(curs, witness)
            if keys:
                curs.executemany(
                    SQL("INSERT INTO {0} (subject, key, created, erased) VALUES (%s, %s, %s, %s)").format(
                        self.keys_table
                    ),
                    keys,
                )
            if copied:
                curs.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), %s)",
                    (f"{self.datastore.schema}.{self.events_table_name}", copied[-1][0]),
                )
        return len(copied)

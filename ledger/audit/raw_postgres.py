"""The raw rows of a PostgreSQL ledger, read with ``psycopg`` alone (a ``RawSource``).

One connection, one READ ONLY REPEATABLE READ transaction: the events, the witness and
the tracking positions are read from the same snapshot while writers go on. Rows come
back as the chain hashes them (``chain_postgres.raw_row``: the uuid as 32 hex digits).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.sql import SQL, Composed, Identifier

from ledger.audit.raw import MIGRATION, WITNESS_COLUMNS
from ledger.audit.raw import POSTGRES_SNAPSHOTS_TABLE as SNAPSHOTS_TABLE
from ledger.storage import CONNECT_TIMEOUT_SECONDS
from ledger.storage.chain import WITNESS_TABLE
from ledger.storage.chain_postgres import EVENTS_TABLE, RAW_COLUMNS, SCHEMA, TRACKING_TABLE, raw_row
from ledger.storage.keys import KEYS_TABLE


def _table(name: str) -> Composed:
    return SQL("{0}.{1}").format(Identifier(SCHEMA), Identifier(name))


class PostgresRows:
    """A ``RawSource`` over a psycopg connection in a read-only snapshot."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.opened = 0

    def has_table(self, name: str) -> bool:
        row = self.conn.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.{name}",)).fetchone()
        return row is not None and row[0] is not None

    def events(self, first: int = 1) -> Iterator[tuple[Any, ...]]:
        if not self.has_table(EVENTS_TABLE):
            return iter(())
        query = SQL("SELECT {0} FROM {1} WHERE notification_id >= %s ORDER BY notification_id").format(
            RAW_COLUMNS, _table(EVENTS_TABLE)
        )
        self.opened += 1  # server-side cursors: rows stream, not all at once
        cursor = self.conn.cursor(name=f"audit_events_{self.opened}")
        cursor.itersize = 5000
        cursor.execute(query, (first,))
        return _stream(cursor, raw_row)

    def witness(self) -> Iterator[tuple[Any, ...]] | None:
        if not self.has_table(WITNESS_TABLE):
            return None
        query = SQL("SELECT {0} FROM {1} ORDER BY position").format(
            SQL(WITNESS_COLUMNS), _table(WITNESS_TABLE)
        )
        self.opened += 1  # streamed beside the events, like them
        cursor = self.conn.cursor(name=f"audit_witness_{self.opened}")
        cursor.itersize = 5000
        cursor.execute(query)
        return _stream(cursor, tuple)

    def has_snapshots(self) -> bool:
        if not self.has_table(SNAPSHOTS_TABLE):
            return False
        query = SQL("SELECT EXISTS (SELECT 1 FROM {0})").format(_table(SNAPSHOTS_TABLE))
        try:
            row = self.conn.execute(query).fetchone()
        except psycopg.Error:
            return True
        return bool(row and row[0])

    def personal_keys(self) -> list[tuple[str, bytes | None, str, str | None]]:
        if not self.has_table(KEYS_TABLE):
            return []
        query = SQL("SELECT subject, key, created, erased FROM {0} ORDER BY subject").format(
            _table(KEYS_TABLE)
        )
        return [
            (str(s), None if k is None else bytes(k), str(c), e) for s, k, c, e in self.conn.execute(query)
        ]

    def tracking(self) -> Iterator[tuple[str, int]]:
        if not self.has_table(TRACKING_TABLE):
            return iter(())
        query = SQL("SELECT application_name, notification_id FROM {0} WHERE application_name != %s").format(
            _table(TRACKING_TABLE)
        )
        return iter(self.conn.execute(query, (MIGRATION,)))


def _stream(
    cursor: psycopg.ServerCursor[Any], shape: Callable[[Any], tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    try:
        for row in cursor:
            yield shape(row)
    finally:
        cursor.close()


@contextmanager
def open_postgres(db: str) -> Iterator[PostgresRows]:
    """The database at ``db`` in one read-only REPEATABLE READ snapshot."""
    try:
        conn = psycopg.connect(db, connect_timeout=CONNECT_TIMEOUT_SECONDS)
    except psycopg.Error:
        from ledger.storage.opening import reach_postgres

        reach_postgres(db)  # says why in one line, without the password (exit 3)
        raise
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        yield PostgresRows(conn)
    finally:
        conn.close()

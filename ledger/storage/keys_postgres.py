"""The key table on PostgreSQL (imported only when PostgreSQL is in use); see ``ledger.storage.keys``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Identifier

from ledger.storage.keys import (
    KEYS_COLUMNS,
    KEYS_DDL_POSTGRES,
    KEYS_TABLE,
    KeyChanges,
    batches,
    key_rows,
    write_keys,
)


class PostgresKeyTable(PostgresApplicationRecorder):
    """eventsourcing's PostgreSQL application recorder, writing the key table in its transactions."""

    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.keys_table = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(KEYS_TABLE))
        self.sql_create_statements.append(SQL(KEYS_DDL_POSTGRES).format(self.keys_table))  # type: ignore[arg-type]
        self.insert_key = SQL(
            "INSERT INTO {0} (subject, key, created, erased) VALUES (%s, %s, %s, NULL)"
        ).format(self.keys_table)
        self.erase_key = SQL(
            "UPDATE {0} SET key = NULL, erased = %s WHERE subject = %s AND key IS NOT NULL RETURNING subject"
        ).format(self.keys_table)
        self.key_alive = SQL(
            "SELECT subject FROM {0} WHERE subject = %s AND key IS NOT NULL FOR SHARE"
        ).format(self.keys_table)

    def _insert_events(self, curs: Any, stored_events: Sequence[Any], **kwargs: Any) -> None:
        super()._insert_events(curs, stored_events, **kwargs)
        changes: KeyChanges | None = kwargs.get("keys")
        write_keys(curs, changes, self.insert_key, self.erase_key, self.key_alive)

    def personal_keys(self) -> dict[str, tuple[bytes | None, str, str | None]]:
        with self.datastore.transaction(commit=False) as c:
            return key_rows(c, SQL(f"SELECT {KEYS_COLUMNS} FROM {{0}}").format(self.keys_table))

    def personal_keys_of(self, subjects: Collection[str]) -> dict[str, tuple[bytes | None, str, str | None]]:
        """The rows of ``subjects`` only (those in the table): a read opens what it shows."""
        select = SQL(f"SELECT {KEYS_COLUMNS} FROM {{0}} WHERE subject = ANY(%s)").format(self.keys_table)
        found: dict[str, tuple[bytes | None, str, str | None]] = {}
        with self.datastore.transaction(commit=False) as c:
            for batch in batches(subjects):
                found.update(key_rows(c, select, (batch,)))
        return found

    def scrub(self) -> None:
        """Rewrite the key table, so the destroyed key's dead row version is not left in it."""
        with self.datastore.get_connection() as conn:
            conn.commit()
            conn.autocommit = True
            try:
                conn.execute(SQL("VACUUM FULL {0}").format(self.keys_table))
            finally:
                conn.autocommit = False

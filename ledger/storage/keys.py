"""The key table: one AES-256 key per data subject, beside the event log and never in it.

``personal_keys(subject, key, created, erased)`` lives in the ledger's own database but
outside ``stored_events``, so the audit chain, ``audit verify`` and ``audit export`` never
see it. New keys and erasures are written by the application recorder *in the same
transaction* as the events of the unit of work that made them (passed to
``Application.save`` as ``keys=KeyChanges``), so a key never outlives a refused write and
an erasure is never recorded without its key being gone, or the other way round.

Erasing overwrites the key with NULL and keeps the row (the subject stays known, and is
never given a new key). On SQLite ``secure_delete`` makes the freed bytes zeros, and the
write-ahead log is checkpointed afterwards (``scrub``), so the key is not left in free
pages of the file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from aggregates.errors import Refused
from ledger.storage.view_index import chunks

KEYS_TABLE = "personal_keys"
KEYS_DDL_SQLITE = (
    f"CREATE TABLE IF NOT EXISTS {KEYS_TABLE} ("
    "subject TEXT PRIMARY KEY, key BLOB, created TEXT NOT NULL, erased TEXT)"
)
KEYS_DDL_POSTGRES = (
    "CREATE TABLE IF NOT EXISTS {0} (subject text PRIMARY KEY, key bytea, created text NOT NULL, erased text)"
)


@dataclass
class KeyChanges:
    """What one unit of work does to the key table: keys made, keys destroyed (subject → when),
    and the existing keys it sealed with (which must still exist when it commits)."""

    made: dict[str, bytes] = field(default_factory=dict)
    erased: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    at: str = ""

    def __bool__(self) -> bool:
        return bool(self.made or self.erased or self.used)


def write_keys(c: Any, changes: KeyChanges | None, insert: Any, erase: Any, alive: Any) -> None:
    """Apply ``changes`` through cursor ``c`` (inside the events' transaction) with the
    backend's ``insert`` (subject, key, created), ``erase`` (erased, subject) and ``alive``
    (subject) statements. A key sealed with that another process destroyed meanwhile
    refuses the whole write: nothing is recorded for an erased subject."""
    if not changes:
        return
    for subject in sorted(changes.used):
        c.execute(alive, (subject,))
        if not c.fetchall():
            raise Refused(
                "subject", f"the personal data of {subject} was erased meanwhile; nothing is recorded"
            )
    for subject, key in changes.made.items():
        c.execute(insert, (subject, key, changes.at))
    for subject, at in changes.erased.items():
        c.execute(erase, (at, subject))
        if not c.fetchall():  # a fetch also syncs PostgreSQL's pipeline
            raise Refused("subject", f"{subject} has no key to erase (erased meanwhile?)")


def statements(table: str, mark: str) -> tuple[str, str, str]:
    """The insert, erase and alive statements for ``table`` with the driver's placeholder ``mark``."""
    return (
        f"INSERT INTO {table} (subject, key, created, erased) VALUES ({mark}, {mark}, {mark}, NULL)",
        f"UPDATE {table} SET key = NULL, erased = {mark} WHERE subject = {mark} AND key IS NOT NULL "
        "RETURNING subject",
        f"SELECT subject FROM {table} WHERE subject = {mark} AND key IS NOT NULL",
    )


KEYS_COLUMNS = "subject, key, created, erased"


def key_rows(
    c: Any, select: Any, params: Sequence[Any] = ()
) -> dict[str, tuple[bytes | None, str, str | None]]:
    """Each subject selected with its key (None once erased), when it was made and when erased."""
    c.execute(select, params)
    return {
        str(r["subject"]): (None if r["key"] is None else bytes(r["key"]), str(r["created"]), r["erased"])
        for r in c.fetchall()
    }


def batches(subjects: Collection[str]) -> Iterator[list[str]]:
    """``subjects`` in order, a query's worth (``view_index.CHUNK``) at a time."""
    return chunks(sorted(subjects))


SQLITE_STATEMENTS = statements(KEYS_TABLE, "?")


class SQLiteKeyTable(SQLiteApplicationRecorder):
    """eventsourcing's SQLite application recorder, writing the key table in its transactions."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), KEYS_DDL_SQLITE]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[Any], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        changes: KeyChanges | None = kwargs.get("keys")
        if changes and changes.erased:
            c.execute("PRAGMA secure_delete = ON")  # the destroyed key's bytes become zeros
        write_keys(c, changes, *SQLITE_STATEMENTS)
        return positions

    def personal_keys(self) -> dict[str, tuple[bytes | None, str, str | None]]:
        with self.datastore.transaction(commit=False) as c:
            return key_rows(c, f"SELECT {KEYS_COLUMNS} FROM {KEYS_TABLE}")

    def personal_keys_of(self, subjects: Collection[str]) -> dict[str, tuple[bytes | None, str, str | None]]:
        """The rows of ``subjects`` only (those in the table): a read opens what it shows."""
        found: dict[str, tuple[bytes | None, str, str | None]] = {}
        with self.datastore.transaction(commit=False) as c:
            for batch in batches(subjects):
                marks = ",".join("?" * len(batch))
                found.update(
                    key_rows(c, f"SELECT {KEYS_COLUMNS} FROM {KEYS_TABLE} WHERE subject IN ({marks})", batch)
                )
        return found

    def scrub(self) -> None:
        """Fold the write-ahead log back into the file, so a destroyed key's old page is gone."""
        if self.datastore.pool.is_sqlite_memory_mode:
            return
        with self.datastore.get_connection(commit=True) as conn:
            conn.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")

"""The live copy of every projection, in the ledger's own database.

Rows and the projection's position are written in one transaction, the position
through eventsourcing's tracking table (one tracking name per projection), so a
crash can never leave rows ahead of or behind their position.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder

from ledger.storage.view_index import INDEX_TABLE, VIEW_TABLE, IndexedRows, IndexSQL, Where
from projections.base import Columns, Row, canonical


class ViewStore(Protocol):
    def load(self, projection: str) -> dict[str, Row]: ...
    def stream(self, projection: str) -> Iterator[tuple[str, str]]: ...
    def index_stream(self, projection: str) -> Iterator[tuple[str, Columns]]: ...
    def digest(self, projection: str) -> tuple[int, str]: ...
    def position(self, projection: str) -> int: ...
    def write(
        self,
        projection: str,
        rows: dict[str, Row | None],
        tracking: Tracking,
        columns: dict[str, Columns | None] | None = None,
    ) -> None: ...
    def query(
        self, projection: str, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, Row]]: ...
    def count(self, projection: str, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]: ...
    def columns_of(self, projection: str, keys: Iterable[str]) -> dict[str, Columns]: ...
    def get(self, projection: str, keys: Iterable[str]) -> dict[str, Row]: ...
    def under(self, projection: str, prefix: str) -> dict[str, Row]: ...


class ViewRows(IndexedRows):
    """Rows and position of each projection over three statements of a SQL dialect; rows,
    their columns (``ledger.storage.view_index``) and tracking position are written in one
    transaction. Mixed into each dialect's tracking recorder, which gives ``datastore``,
    ``max_tracking_id`` and ``_insert_tracking``."""

    datastore: Any
    select_rows: Any
    select_ordered: Any
    delete_row: Any
    upsert_row: Any

    def load(self, projection: str) -> dict[str, Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.select_rows, (projection,))
            return {r["key"]: json.loads(r["value"]) for r in c.fetchall()}

    def stream(self, projection: str) -> Iterator[tuple[str, str]]:
        """(key, stored JSON) of every row, by key in code-point order (``Fold.digest``'s)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.select_ordered, (projection,))
            while (r := c.fetchone()) is not None:  # SQLite steps row by row
                yield r["key"], r["value"]

    def digest(self, projection: str) -> tuple[int, str]:
        """The number of rows and ``Fold.digest`` of the stored rows, read one by one: an audit
        replay compares a million rows without holding them."""
        h, n = hashlib.sha256(), 0
        for key, value in self.stream(projection):
            h.update(canonical([key, json.loads(value)]).encode())
            n += 1
        return n, h.hexdigest()

    def position(self, projection: str) -> int:
        return self.max_tracking_id(projection) or 0  # type: ignore[attr-defined,no-any-return]

    def write(
        self,
        projection: str,
        rows: dict[str, Row | None],
        tracking: Tracking,
        columns: dict[str, Columns | None] | None = None,
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            if columns:
                self.write_index(c, projection, columns)
            for key, value in rows.items():
                if value is None:
                    c.execute(self.delete_row, (projection, key))
                else:
                    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
                    c.execute(self.upsert_row, (projection, key, text))
            self._insert_tracking(c, tracking)  # type: ignore[attr-defined]


class SQLiteViewRecorder(ViewRows, SQLiteTrackingRecorder):
    select_rows = f"SELECT key, value FROM {VIEW_TABLE} WHERE projection=?"
    select_ordered = f"SELECT key, value FROM {VIEW_TABLE} WHERE projection=? ORDER BY key"  # bytes: UTF-8
    delete_row = f"DELETE FROM {VIEW_TABLE} WHERE projection=? AND key=?"
    upsert_row = f"INSERT OR REPLACE INTO {VIEW_TABLE} VALUES (?, ?, ?)"
    index_sql = IndexSQL("?", VIEW_TABLE, INDEX_TABLE)
    upsert_index = f"INSERT OR REPLACE INTO {INDEX_TABLE} VALUES (?, ?, ?, ?, ?, ?)"

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {VIEW_TABLE} ("
            "projection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (projection, key)) WITHOUT ROWID"
        )
        statements.extend(self.index_sql.create())
        return statements


def view_store(factory: Any) -> ViewStore:
    """The live store for the application's persistence module."""
    from eventsourcing.sqlite import SQLiteFactory

    if isinstance(factory, SQLiteFactory):
        recorder: Any = factory.tracking_recorder(SQLiteViewRecorder)
        return recorder  # type: ignore[no-any-return]
    from ledger.storage.views_postgres import PostgresViewRecorder  # psycopg only when needed

    return factory.tracking_recorder(PostgresViewRecorder)  # type: ignore[no-any-return]

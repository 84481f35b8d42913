"""Stored views read straight from an SQLite file, read-only, with ``sqlite3`` alone.

A fresh `ledger deadlines` or `ledger decision list` on a ledger whose views are caught up
needs only the stored rows: this opens the file read-only, checks each view's tracked
position against the log's last notification id, and answers a page's queries with the same
statements as the live store (``IndexSQL``), importing neither eventsourcing nor pydantic.
Anything else (PostgreSQL, memory, a ``file:`` URI, a file this process cannot write, a
view behind the log, a missing table) gives None: the caller takes the full path, which
catches up, opens read-only or explains the failure as it always has.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ledger.storage import EVENTS_TABLE, cannot_write, is_postgres
from ledger.storage.view_index import INDEX_TABLE, VIEW_TABLE, IndexSQL, Where, chunks

# eventsourcing's SQLite tracking positions (one row per projection's stored name)
TRACKING_TABLE = "tracking"
SQL = IndexSQL("?", VIEW_TABLE, INDEX_TABLE)


def caught_up_views(db: str, names: Sequence[str]) -> LeanRows | None:
    """The stored views ``names`` of the SQLite file ``db`` when every one has folded the
    whole log; None when the full path must answer (see the module's docstring)."""
    if is_postgres(db) or db.startswith("file:") or db == ":memory:" or not db:
        return None
    path = Path(db).expanduser()
    try:
        if not path.is_file() or cannot_write(path):
            return None
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute("BEGIN")  # one snapshot: the positions checked are those of the rows read
        last = conn.execute(f"SELECT MAX(rowid) FROM {EVENTS_TABLE}").fetchone()[0] or 0
        for name in names:
            found = conn.execute(
                f"SELECT notification_id FROM {TRACKING_TABLE} WHERE application_name=?", (name,)
            ).fetchone()
            if found is None or found[0] is None or found[0] < last or last == 0:
                conn.close()
                return None
        return LeanRows(conn)
    except sqlite3.Error:  # not a ledger, or tables missing: the full path says what is wrong
        conn.close()
        return None


class LeanRows:
    """One projection's stored rows at a time (``name`` given per read, as ``StoredRows`` does)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.name = ""

    def of(self, name: str) -> LeanRows:
        """These rows read as the projection stored under ``name``."""
        rows = LeanRows(self.conn)
        rows.name = name
        return rows

    def close(self) -> None:
        self.conn.close()

    def query(
        self, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, dict[str, Any]]]:
        sql, params = SQL.select(self.name, unit, group, limit, offset)
        return [(key, json.loads(value)) for key, value in self.conn.execute(sql, params)]

    def count(self, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]:
        sql, params = SQL.count(self.name, unit, group)
        return {unit: int(n) for unit, n in self.conn.execute(sql, params)}

    def get(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for batch in chunks(keys):
            sql, params = SQL.get(self.name, batch)
            out.update((key, json.loads(value)) for key, value in self.conn.execute(sql, params))
        return out

    def under(self, prefix: str) -> dict[str, dict[str, Any]]:
        sql, params = SQL.get_under(self.name, prefix)
        return {key: json.loads(value) for key, value in self.conn.execute(sql, params)}

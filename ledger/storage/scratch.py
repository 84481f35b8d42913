"""Rows of a rebuild kept in a scratch SQLite file, not in memory.

An audit replay folds the whole log into fresh projections; at a million events their
rows do not fit comfortably in memory beside the live copy. ``ScratchRows`` is the
rebuild's ``Fold.rows``: rows put since the last ``flush`` stay in a dict, the others
are in a temporary SQLite file (deleted on ``close``), read back by key, by prefix
(``under``) and, for the comparison with the live copy, in key order (``stream``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, MutableMapping

from projections.base import Row, _group, canonical

_DDL = "CREATE TABLE rows (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"


class ScratchRows(MutableMapping[str, Row]):
    """A fold's rows, spilled batch by batch to a temporary SQLite file (bounded memory)."""

    def __init__(self) -> None:
        handle, self.path = tempfile.mkstemp(prefix="ledger-replay-", suffix=".db")
        os.close(handle)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=OFF")  # scratch: nothing to recover after a crash
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute(_DDL)
        self.recent: dict[str, Row | None] = {}  # put (or dropped: None) since the last flush
        self.groups: dict[str, set[str]] = {}  # the keys of ``recent`` by their part up to "|"

    def flush(self) -> None:
        """Write the rows put and dropped since the last flush to the file; memory is let go."""
        if not self.recent:
            return
        put = [(k, canonical(v)) for k, v in self.recent.items() if v is not None]
        gone = [(k,) for k, v in self.recent.items() if v is None]
        self.conn.execute("BEGIN")
        self.conn.executemany("INSERT OR REPLACE INTO rows VALUES (?, ?)", put)
        self.conn.executemany("DELETE FROM rows WHERE key = ?", gone)
        self.conn.execute("COMMIT")
        self.recent, self.groups = {}, {}

    def _stored(self, key: str) -> str | None:
        found = self.conn.execute("SELECT value FROM rows WHERE key = ?", (key,)).fetchone()
        return None if found is None else str(found[0])

    def __getitem__(self, key: str) -> Row:
        if key in self.recent:
            row = self.recent[key]
        else:
            text = self._stored(key)
            row = None if text is None else json.loads(text)
        if row is None:
            raise KeyError(key)
        return row

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self.recent:
            return self.recent[key] is not None
        return self._stored(key) is not None

    def __setitem__(self, key: str, row: Row) -> None:
        if key not in self.recent:
            self.groups.setdefault(_group(key), set()).add(key)
        self.recent[key] = row

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self[key] = None  # type: ignore[assignment]

    def under(self, prefix: str) -> list[str]:
        """The keys starting with ``prefix`` (``""``: those with no ``|``, as ``Fold.replace``
        groups them), found by a range of the file's key index."""
        if prefix:
            end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            found = self.conn.execute("SELECT key FROM rows WHERE key >= ? AND key < ?", (prefix, end))
        else:  # as ``Fold.replace`` reads it: the keys with no "|"
            found = self.conn.execute("SELECT key FROM rows WHERE instr(key, '|') = 0")
        stored = {k for (k,) in found}
        recent = self.groups.get(prefix, ()) if _group(prefix) == prefix else self.recent
        for key in recent:
            if key.startswith(prefix):
                if self.recent[key] is None:
                    stored.discard(key)
                else:
                    stored.add(key)
        return list(stored)

    def stream(self) -> Iterator[tuple[str, str]]:
        """(key, canonical JSON) of every row, by key in code-point order (UTF-8 bytes)."""
        self.flush()
        yield from self.conn.execute("SELECT key, value FROM rows ORDER BY key")

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.stream())

    def __len__(self) -> int:
        self.flush()
        return int(self.conn.execute("SELECT count(*) FROM rows").fetchone()[0])

    def digest(self) -> str:
        """``Fold.digest`` of these rows, streamed: ``canonical([key, row])`` of each, by key."""
        h = hashlib.sha256()
        for key, text in self.stream():
            h.update(f"[{json.dumps(key, ensure_ascii=False)},{text}]".encode())
        return h.hexdigest()

    def close(self) -> None:
        self.conn.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)

"""Where the ledger lives: eventsourcing's own persistence, chosen by configuration.

``--db PATH`` selects eventsourcing's SQLite module; ``--db postgresql://…`` its
PostgreSQL module. Nothing here stores events itself.

A ledger that cannot be written (a read-only file or folder, ``file:…?mode=ro``, a
PostgreSQL role without write rights) is opened read-only for reads: no table is created
and the views are caught up in memory (``ledger.views``), since a read never needs to write.

On both databases a subclass of eventsourcing's application recorder writes the audit
chain's witness with the events (``chain``, ``chain_postgres``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import parse_qs, quote, unquote, urlparse
from uuid import UUID

from aggregates.errors import Unusable

EVENTS_TABLE = "stored_events"  # eventsourcing's SQLite log (its rowid is the notification id)
CONNECT_TIMEOUT_SECONDS = 5  # an unreachable server is reported within seconds, not after 30
LOCK_TIMEOUT_SECONDS = 10  # how long a write waits for another writer's lock on an SQLite file


class StorageUnusable(Unusable):
    """The place the ledger is kept cannot be used now (read-only, locked, unreachable, not
    a ledger): exit 3. The input may be fine; the ``--db`` is named, its password masked."""

    def __init__(self, db: str, problem: str, remedy: str) -> None:
        self.db = db
        self.problem = problem
        self.remedy = remedy
        super().__init__("db", f"{mask(db)}: {problem}; {remedy}")


@runtime_checkable
class ChainedRecorder(Protocol):
    """What both chained recorders offer beyond eventsourcing's application recorder."""

    def witness_missing(self) -> bool: ...

    def stored_originators(self, ids: Collection[UUID]) -> set[UUID]: ...

    def witness_size(self, position: int) -> int: ...

    def raw_head(self) -> tuple[int, int, str]: ...

    def witness_link(self, position: int) -> str | None: ...

    def insert_raw(
        self, rows: Sequence[Sequence[Any]], head: str, keys: Sequence[Sequence[Any]] = ()
    ) -> int: ...


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def password_of(db: str) -> str | None:
    """The password in a PostgreSQL URL, if any (to keep it out of every message)."""
    if not is_postgres(db):
        return None
    try:
        password = urlparse(db).password
    except ValueError:
        return None
    return unquote(password) if password else None


def mask(text: str, db: str | None = None) -> str:
    """``text`` with any PostgreSQL URL's password (and ``db``'s, wherever it appears) as ***."""
    masked = re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    secret = password_of(db) if db else None
    if secret:
        masked = masked.replace(secret, "***").replace(quote(secret, safe=""), "***")
    return masked


def sqlite_file(db: str) -> Path | None:
    """The file an SQLite ``--db`` names (a path or a ``file:`` URI); None for memory."""
    if db == ":memory:" or "mode=memory" in db:
        return None
    if db.startswith("file:"):
        path = unquote(urlparse(db).path or db.removeprefix("file:").split("?", 1)[0])
        return Path(path) if path and path != ":memory:" else None
    return Path(db).expanduser()


def is_sqlite(path: Path) -> bool:
    """Whether the file opens with SQLite's header (an empty file is not one yet)."""
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def asks_read_only(db: str) -> bool:
    """A ``file:`` URI that itself opens the file read-only."""
    if not db.startswith("file:") or "?" not in db:
        return False
    query = parse_qs(db.split("?", 1)[1])
    return query.get("mode") == ["ro"] or query.get("immutable") == ["1"]


def cannot_write(path: Path) -> bool:
    """An existing SQLite file this process cannot write: the file, or its folder where
    SQLite keeps the write-ahead log (unless the log files are there and writable)."""
    if not path.exists():
        return False
    if not os.access(path, os.W_OK):
        return True
    shm = path.with_name(path.name + "-shm")
    if shm.exists():
        return not os.access(shm, os.W_OK)
    return not os.access(path.parent, os.W_OK | os.X_OK)


def read_only_uri(path: Path) -> str:
    """A read-only URI for a file. A write-ahead-logged file in a folder that cannot be
    written is opened ``immutable`` (SQLite cannot make its shared-memory file there);
    that is safe only when no log is waiting to be checkpointed, which the caller checks."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not shm.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        uri += "&immutable=1"
    return uri


def pending_log(path: Path) -> bool:
    """A write-ahead log with transactions not yet in the main file."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def persistence_env(db: str, read_only: bool = False) -> dict[str, str]:
    """The eventsourcing environment for a ``--db`` value (``read_only``: create nothing).
    Its recorders and mapper are imported here: a read of stored views (``ledger.storage.lean``)
    imports this package without eventsourcing or pydantic."""
    from eventsourcing.utils import get_topic

    from ledger.storage.chain import ChainedSQLiteRecorder
    from ledger.storage.transcoding import JSONBytesTranscoder, PydanticMapper

    env = {
        "MAPPER_TOPIC": get_topic(PydanticMapper),
        "TRANSCODER_TOPIC": get_topic(JSONBytesTranscoder),
    }
    if read_only:
        env["CREATE_TABLE"] = "no"
    if is_postgres(db):
        from ledger.storage.chain_postgres import SCHEMA, ChainedPostgresRecorder  # psycopg only here

        url = urlparse(db)
        env.update(
            {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_SCHEMA": SCHEMA,
                "POSTGRES_DBNAME": url.path.lstrip("/") or "ledger",
                "POSTGRES_HOST": url.hostname or "127.0.0.1",
                "POSTGRES_PORT": str(url.port or 5432),
                "POSTGRES_USER": unquote(url.username or "ledger"),
                "POSTGRES_PASSWORD": unquote(url.password or ""),
                "POSTGRES_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT_SECONDS),
                # the audit chain's witness (and, through PostgresKeyTable, the personal-data keys)
                # are written in the same transaction as the events
                "APPLICATION_RECORDER_TOPIC": get_topic(ChainedPostgresRecorder),
            }
        )
    else:
        path = sqlite_file(db)
        name = db
        if read_only and path is not None and not asks_read_only(db):
            name = read_only_uri(path)
        env.update(
            {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": name,
                "SQLITE_LOCK_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
                # the audit chain's witness is written in the same transaction as the events
                "APPLICATION_RECORDER_TOPIC": get_topic(ChainedSQLiteRecorder),
            }
        )
    return env

"""Where the ledger lives: eventsourcing's own persistence, chosen by configuration.

``--db PATH`` selects eventsourcing's SQLite module; ``--db postgresql://…`` its
PostgreSQL module. Nothing here stores events itself.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from eventsourcing.utils import get_topic

from ledger.storage.chain import ChainedSQLiteRecorder
from ledger.storage.transcoding import JSONBytesTranscoder, PydanticMapper


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def persistence_env(db: str) -> dict[str, str]:
    """The eventsourcing environment for a ``--db`` value."""
    env = {
        "MAPPER_TOPIC": get_topic(PydanticMapper),
        "TRANSCODER_TOPIC": get_topic(JSONBytesTranscoder),
    }
    if is_postgres(db):
        url = urlparse(db)
        env.update(
            {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": url.path.lstrip("/") or "ledger",
                "POSTGRES_HOST": url.hostname or "127.0.0.1",
                "POSTGRES_PORT": str(url.port or 5432),
                "POSTGRES_USER": unquote(url.username or "ledger"),
                "POSTGRES_PASSWORD": unquote(url.password or ""),
                # the personal-data keys are written in the same transaction as the events
                "APPLICATION_RECORDER_TOPIC": "ledger.storage.keys_postgres:PostgresKeyTable",
            }
        )
    else:
        env.update(
            {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": db,
                "SQLITE_LOCK_TIMEOUT": "10",
                # the audit chain's witness is written in the same transaction as the events
                "APPLICATION_RECORDER_TOPIC": get_topic(ChainedSQLiteRecorder),
            }
        )
    return env

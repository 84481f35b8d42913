"""Opening a ledger (for ``ledger.interface``): for reading and writing when it can be written,
otherwise for reading only (a read never needs to write), and what a storage failure
means to the clerk (``StorageUnusable``, exit 3), never a traceback, never a password."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from urllib.parse import urlparse

from eventsourcing.persistence import IntegrityError, PersistenceError

from aggregates.errors import InvalidInput
from ledger.application import LedgerApp
from ledger.storage import (
    CONNECT_TIMEOUT_SECONDS,
    StorageUnusable,
    asks_read_only,
    cannot_write,
    is_postgres,
    is_sqlite,
    mask,
    pending_log,
    persistence_env,
    sqlite_file,
)

OPEN_ATTEMPTS = 5


def require_existing(db: str) -> None:
    """A read names a ledger that exists: a mistyped path must not become a new, empty ledger."""
    path = None if is_postgres(db) else sqlite_file(db)
    if path is None:
        return
    if path.parent.is_dir() and not path.exists():  # a missing folder is reported on opening
        raise InvalidInput("db", f"no ledger at {db}; `ledger org init` starts one (or set --db / LEDGER_DB)")


def open_app(db: str) -> LedgerApp:
    """The application on ``db``, for reading and writing when it can be written, otherwise
    for reading only (a read never needs to write). A path that cannot hold a ledger is an
    input error (exit 2); a ledger that cannot be used is ``Unusable`` (exit 3), never a crash."""
    try:
        persistence_env(db)
    except ValueError as e:
        raise InvalidInput("db", f"{mask(db)} is not a usable --db value ({mask(str(e), db)})") from None
    if is_postgres(db):
        reach_postgres(db)
        return open_or_read_only(db, read_only=False)
    path = sqlite_file(db)
    if path is None:
        return open_or_read_only(db, read_only=asks_read_only(db))
    if not path.parent.is_dir():
        raise InvalidInput("db", f"{db}: the directory {path.parent} does not exist")
    if path.is_dir():
        raise StorageUnusable(db, "is a folder, not a ledger", "name the ledger's file, e.g. --db ledger.db")
    if path.exists() and path.stat().st_size and not is_sqlite(path):
        raise StorageUnusable(db, "is not a ledger (not an SQLite database)", "check --db / LEDGER_DB")
    read_only = asks_read_only(db) or cannot_write(path)
    if read_only and pending_log(path) and not os.access(path.parent, os.W_OK | os.X_OK):
        raise StorageUnusable(
            db,
            "its write-ahead log (-wal) holds recent entries and its folder cannot be written",
            "copy the file with its -wal and -shm files to a writable folder and read the copy",
        )
    return open_or_read_only(db, read_only)


def open_or_read_only(db: str, read_only: bool) -> LedgerApp:
    """Open ``db``; when creating its tables is refused (a read-only file, a PostgreSQL role
    that may only read), open it again read-only. Processes that open a new PostgreSQL
    ledger at the same moment may trip over each other's ``CREATE … IF NOT EXISTS``: the
    loser opens again."""
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        try:
            app = LedgerApp(db, read_only=read_only)
            break
        except (PersistenceError, sqlite3.Error) as e:
            if not read_only and refuses_writing(e):
                return open_or_read_only(db, read_only=True)
            if attempt == OPEN_ATTEMPTS or not racing_to_create(e):
                raise unusable(db, e) from None
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    if read_only:
        try:
            app.max_position()  # nothing was created: make sure a ledger is there
        except (PersistenceError, sqlite3.Error) as e:
            app.close()
            raise unusable(db, e) from None
    return app


def racing_to_create(error: Exception) -> bool:
    """PostgreSQL's answer to two sessions creating the same table, type or function at once."""
    text = str(error).lower()
    return isinstance(error, IntegrityError) or "concurrently" in text or "already exists" in text


def refuses_writing(error: Exception) -> bool:
    text = str(error).lower()
    return any(s in text for s in ("readonly", "read-only", "read only", "permission denied"))


def unusable(db: str, error: Exception) -> StorageUnusable:
    """What a storage error means to the clerk, and what to do about it (exit 3)."""
    text = mask(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__, db)
    lower = text.lower()
    if "locked" in lower or "lock timeout" in lower:
        return StorageUnusable(db, "is locked by another process", "try again in a moment")
    if refuses_writing(error):
        return StorageUnusable(
            db,
            "cannot be written here (read-only)",
            "nothing was written; write to a copy you may change, or ask for write access",
        )
    if "no such table" in lower or "does not exist" in lower or "not a database" in lower:
        return StorageUnusable(db, f"is not a ledger ({text})", "check --db / LEDGER_DB")
    return StorageUnusable(db, f"cannot be used ({text})", "check --db / LEDGER_DB and try again")


def storage_failure(db: str, error: Exception) -> StorageUnusable | None:
    """An error of the database underneath, as what the clerk can do about it; None otherwise."""
    if isinstance(error, PersistenceError | sqlite3.Error):
        return unusable(db, error)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - installed with the postgres extra
        return None
    return unusable(db, error) if isinstance(error, psycopg.Error) else None


def reach_postgres(db: str) -> None:
    """Connect once, briefly, so an unreachable server, a wrong password or a missing
    database is said at once, in one line without the password (not after a 30 s wait)."""
    import psycopg

    try:
        psycopg.connect(db, connect_timeout=CONNECT_TIMEOUT_SECONDS).close()
    except psycopg.Error as e:
        url = urlparse(db)
        where = f"{url.hostname or '127.0.0.1'}:{url.port or 5432}"
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        reason = mask(first.rsplit("failed: ", 1)[-1].strip(), db)
        lower = reason.lower()
        if "password" in lower or "authentication" in lower:
            remedy = "check the user name and password in --db"
        elif "database" in lower and "does not exist" in lower:
            remedy = "check the database name in --db (or create it)"
        else:
            remedy = f"check the host and port in --db, and that PostgreSQL is running at {where}"
        raise StorageUnusable(db, f"cannot connect to PostgreSQL at {where} ({reason})", remedy) from None

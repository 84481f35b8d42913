"""PostgreSQL for the tests: skipped unless LEDGER_TEST_POSTGRES names a server (`.ci/run` starts one).

A test gets a database of its own, dropped afterwards. Creating one costs a few hundred
milliseconds on a slow disk, so tests that each tamper with the same ledger share one
database, and ``Snapshot`` puts every table back as it was between them (milliseconds).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest

URL = os.environ.get("LEDGER_TEST_POSTGRES")
MARKS = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="set LEDGER_TEST_POSTGRES (see .ci/postgres-up)"),
]


def name_of(url: str) -> str:
    return urlparse(url).path.lstrip("/")


@contextmanager
def database(template: str | None = None) -> Iterator[str]:
    """A fresh database (a copy of ``template``'s URL, if given), dropped afterwards."""
    import psycopg

    assert URL
    name = f"ledger_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(URL, autocommit=True) as admin:
        copy = f' TEMPLATE "{name_of(template)}"' if template else ""
        admin.execute(f'CREATE DATABASE "{name}"{copy}')
        admin.execute(
            f'ALTER DATABASE "{name}" SET synchronous_commit = off'
        )  # a test's commits need no fsync
        try:
            yield urlunparse(urlparse(URL)._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def emptied(url: str) -> str:
    """The database with nothing in it again (faster than a new one): its schema dropped and made anew."""
    sql(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    return url


def sql(url: str, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """What the insider does: one statement through psycopg, committed."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return list(cur.fetchall()) if cur.description else []


def sql_many(url: str, statement: str, rows: Sequence[Sequence[Any]]) -> None:
    """One statement for many rows, in one transaction."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.cursor().executemany(statement, rows)


class Snapshot:
    """Every row of a ledger's tables and its position sequence, to put back between tests."""

    TABLES = ("ledger_events", "audit_chain", "ledger_tracking", "projection_rows")
    SEQUENCE = "ledger_events_notification_id_seq"

    def __init__(self, url: str) -> None:
        self.url = url
        self.rows = {table: sql(url, f"SELECT * FROM public.{table}") for table in self.TABLES}
        self.sequence = sql(url, f"SELECT last_value, is_called FROM public.{self.SEQUENCE}")[0]

    def restore(self) -> None:
        import psycopg

        with psycopg.connect(self.url) as conn:
            conn.execute("SET LOCAL lock_timeout = '5s'")  # a test that left a writer open fails here
            for table in self.TABLES:
                conn.execute(f"DELETE FROM public.{table}")
            for table, rows in self.rows.items():
                if rows:
                    marks = ", ".join(["%s"] * len(rows[0]))
                    conn.cursor().executemany(f"INSERT INTO public.{table} VALUES ({marks})", rows)
            conn.execute(f"SELECT setval('public.{self.SEQUENCE}', %s, %s)", self.sequence)

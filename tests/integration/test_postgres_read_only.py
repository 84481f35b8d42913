"""A PostgreSQL role that may only read: every read works, with the views caught up in
memory, and a write exits 3 with nothing written. Runs when LEDGER_TEST_POSTGRES names a
server whose user may create roles (`.ci/postgres-up` starts one)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import pytest
from click.testing import CliRunner

from cli.main import cli

URL = os.environ.get("LEDGER_TEST_POSTGRES")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="set LEDGER_TEST_POSTGRES (see .ci/postgres-up)"),
]


@pytest.fixture
def writer_and_reader() -> Iterator[tuple[str, str]]:
    """A fresh database (the test's user writes) and a role that may only read it."""
    import psycopg

    assert URL
    name = f"ledger_ro_{uuid.uuid4().hex[:12]}"
    role = f"reader_{uuid.uuid4().hex[:8]}"
    writer = urlunparse(urlparse(URL)._replace(path=f"/{name}"))
    host = urlparse(URL)
    reader = urlunparse(
        host._replace(netloc=f"{role}:pw-{role}@{host.hostname}:{host.port or 5432}", path=f"/{name}")
    )
    with psycopg.connect(URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'")
    try:
        yield writer, reader
    finally:
        with psycopg.connect(URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f"DROP ROLE {role}")


def ledger(db: str, *args: str, actor: str | None = None) -> tuple[int, str]:
    prefix = ["--db", db] + (["--actor", actor] if actor else [])
    result = CliRunner().invoke(cli, [*prefix, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def test_a_role_that_may_only_read_reads_caught_up_views_and_cannot_write(
    writer_and_reader: tuple[str, str],
) -> None:
    import psycopg

    writer, reader = writer_and_reader
    assert ledger(writer, "org", "init", "--bureau", "雁江区金融工作局", "--office-code", "OFFICE",
                  "--actor-name", "王芳", actor="S001")[0] == 0  # fmt: skip
    assert ledger(writer, "org", "list", "--format", "json")[0] == 0  # the views are stored here
    assert (
        ledger(writer, "org", "unit", "add", "--code", "FIN", "--unit-name", "金融股", actor="S001")[0] == 0
    )
    role = urlparse(reader).username
    with psycopg.connect(writer, autocommit=True) as conn:
        conn.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        count = conn.execute("SELECT count(*) FROM ledger_events").fetchone()

    code, out = ledger(reader, "org", "list", "--format", "json")
    assert code == 0, out
    assert "FIN" in {u["code"] for u in json.loads(out)["units"]}  # recorded after the views were stored
    code, err = ledger(reader, "org", "unit", "add", "--code", "FUND", "--unit-name", "基金股", actor="S001")
    assert code == 3 and "is read-only here for this role" in err and err.count("\n") == 1
    assert f"pw-{role}" not in err
    with psycopg.connect(writer, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM ledger_events").fetchone() == count

"""Eight clerks write at the same moment, as eight `ledger` processes: to one decision, and
to eight different ones. Every acknowledged write is stored once, none is lost, nobody sees
the race (eventsourcing's optimistic concurrency makes the loser run its command again
against the new state), and the audit chain still verifies."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.support.clerks import LEDGER, at_once, comment_args, number, published_decisions

pytestmark = pytest.mark.skipif(LEDGER is None, reason="console script not installed")
CLERKS = 8
PG = os.environ.get("LEDGER_TEST_POSTGRES")


@pytest.fixture
def pg_db() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards (LEDGER_TEST_POSTGRES names the server)."""
    import psycopg

    assert PG
    name = f"ledger_race_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(PG)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(PG, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    if not PG:
        pytest.skip("set LEDGER_TEST_POSTGRES (see .ci/postgres-up)")
    return str(request.getfixturevalue("pg_db"))


def read(db: str, *args: str) -> object:
    """A read in this process (the writes are the processes under test)."""
    result = CliRunner().invoke(cli, ["--db", db, *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def comments_of(db: str, decision: str) -> list[dict[str, object]]:
    shown = read(db, "decision", "show", decision)
    assert isinstance(shown, dict)
    return list(shown["comments"])


def event_count(db: str) -> int:
    rows = read(db, "log")
    assert isinstance(rows, list)
    return len(rows)


@pytest.mark.parametrize("one_decision", [True, False], ids=["one-decision", "eight-decisions"])
def test_eight_clerks_at_once_every_acknowledged_write_is_stored_once(db: str, one_decision: bool) -> None:
    published_decisions(db, 1 if one_decision else CLERKS)  # type: ignore[arg-type]
    before = event_count(db)
    texts = [f"第{i}位办事员的意见" for i in range(1, CLERKS + 1)]
    targets = [number(1 if one_decision else i) for i in range(1, CLERKS + 1)]

    results = at_once(db, [comment_args(n, t) for n, t in zip(targets, texts, strict=True)], actor="S002")

    assert [code for code, _, _ in results] == [0] * CLERKS, [err for _, _, err in results]
    assert all(err == "" for _, _, err in results)  # no clerk saw the race
    stored = [c for n in sorted(set(targets)) for c in comments_of(db, n)]
    assert sorted(str(c["text"]) for c in stored) == sorted(texts)  # each once, none lost
    ids = [(n, c["comment_id"]) for n in sorted(set(targets)) for c in comments_of(db, n)]
    assert len(set(ids)) == CLERKS
    assert event_count(db) == before + 2 * CLERKS  # each write and the act that signs it
    if not db.startswith("postgresql://"):
        verified = CliRunner().invoke(cli, ["--db", db, "audit", "verify"])
        assert verified.exit_code == 0 and "verified: the record matches" in verified.stdout, verified.output

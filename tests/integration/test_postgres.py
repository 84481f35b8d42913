"""The same ledger on PostgreSQL, through eventsourcing's own PostgreSQL persistence.

Runs when LEDGER_TEST_POSTGRES names a server (`.ci/run` starts one with .ci/postgres-up).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import pytest
from click.testing import CliRunner

from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import Ledger
from ledger.signing import KeyFolder
from projections.org import Directory
from tests.support.cli import ORG_INIT
from tests.support.ledger import run, setup_bureau

URL = os.environ.get("LEDGER_TEST_POSTGRES")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="set LEDGER_TEST_POSTGRES (see .ci/postgres-up)"),
]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database for each test, dropped afterwards."""
    import psycopg

    assert URL
    name = f"ledger_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(URL, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(URL)._replace(path=f"/{name}"))
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()


def test_bureau_is_recorded_and_read_back_on_postgres(pg_url: str, keys: KeyFolder) -> None:
    app = LedgerApp(pg_url, keys=keys)
    setup_bureau(app)
    app.close()
    ledger = Ledger(pg_url)
    try:
        assert ledger.app.factory.__class__.__module__ == "eventsourcing.postgres"
        rows = ledger.log(aggregate="staff:D01")
        assert [r["event"] for r in rows] == [
            "Staff.Added",
            "Staff.RoleAssigned",
            "Staff.KeyRegistered",
            "Staff.RoleAssigned",
        ]
        staff = {s["staff_id"] for s in ledger.directory()["staff"]}
        assert {"S001", "S002", "P01", "D01"} <= staff
        assert ledger.calendar_year(2026)["source"].startswith("国务院办公厅")
    finally:
        ledger.close()


def test_live_projection_catches_up_incrementally_on_postgres(pg_url: str, keys: KeyFolder) -> None:
    app = LedgerApp(pg_url, keys=keys)
    setup_bureau(app)
    ledger = Ledger(pg_url, app=app)
    first = ledger.directory()
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股", effective="2026-01-06")
    second = ledger.directory()
    assert len(second["units"]) == len(first["units"]) + 1
    rebuilt = ledger.views.history((Directory,)).get(Directory)
    assert rebuilt.digest() == ledger.views.live(Directory).digest()
    app.close()


def test_cli_switches_to_postgres_by_configuration_alone(pg_url: str) -> None:
    runner = CliRunner()
    args = ["--db", pg_url, "--actor", "S001"]
    r = runner.invoke(cli, [*args, *ORG_INIT])
    assert r.exit_code == 0, r.output
    refused = runner.invoke(
        cli, [*args, "org", "init", "--bureau", "x", "--office-code", "X", "--actor-name", "y"]
    )
    assert refused.exit_code == 1
    rows = json.loads(runner.invoke(cli, ["--db", pg_url, "log", "--format", "json"]).output)
    assert [r["event"] for r in rows][:2] == ["Organisation.Founded", "Unit.Established"]

"""Shared fixtures: a ledger with a fixed clock, a small bureau, the CLI against a real file.

Only fixtures live here; the helpers they use are in ``tests/support/``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from ledger.application import LedgerApp
from tests.support.cli import CliRun
from tests.support.clock import FakeClock
from tests.support.ledger import setup_bureau


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture
def app(clock: FakeClock) -> Iterator[LedgerApp]:
    ledger_app = LedgerApp(":memory:", clock=clock)
    yield ledger_app
    ledger_app.close()


@pytest.fixture
def bureau(app: LedgerApp) -> LedgerApp:
    """The bureau; leaders P01 (principal, group), D01 (FIN, FUND), D02 (SERV, OFFICE), G01 (group)."""
    setup_bureau(app)
    return app


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger_cli(db_file: Path) -> CliRun:
    """Invoke `ledger` through click's CliRunner against a real SQLite file."""
    runner = CliRunner()

    def invoke(*args: str, actor: str | None = "S001") -> Result:
        prefix = ["--db", str(db_file)] + (["--actor", actor] if actor else [])
        return runner.invoke(cli, [*prefix, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def bureau_cli(ledger_cli: CliRun, db_file: Path) -> CliRun:
    """The CLI against a file that already holds the bureau."""
    app = LedgerApp(str(db_file))
    setup_bureau(app)
    app.close()
    return ledger_cli

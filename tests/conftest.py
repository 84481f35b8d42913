"""Shared fixtures: a ledger with a fixed clock, a small bureau, the CLI against a real file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from aggregates.base import Stamp
from cli.main import cli
from ledger.application import LedgerApp
from ledger.commands.base import Command
from ledger.demo.org import steps as bureau_steps
from ledger.interface import Ledger, build


class FakeClock:
    """Recording time under the test's control (UTC, like eventsourcing's timestamps)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, when: str) -> None:
        """Set to a Beijing wall-clock time, e.g. '2026-06-30 23:30'."""
        local = datetime.fromisoformat(when)
        self.now = (local - timedelta(hours=8)).replace(tzinfo=UTC)

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def stamp(effective: str = "2026-03-02", actor: str = "S001") -> Stamp:
    """A stamp for unit tests of aggregates (no storage)."""
    return Stamp(actor=actor, effective=date.fromisoformat(effective), at=datetime(2026, 11, 1, tzinfo=UTC))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture
def app(clock: FakeClock) -> Iterator[LedgerApp]:
    ledger_app = LedgerApp(":memory:", clock=clock)
    yield ledger_app
    ledger_app.close()


def run(app: LedgerApp, actor: str, name: str, **fields: Any) -> dict[str, Any]:
    """Run one command by name, as the CLI and the importer do."""
    command: Command = build(name, fields)
    return app.execute([command], actor)[0]


def refused_without_writing(
    app: LedgerApp, error: type[Exception], actor: str, name: str, **fields: Any
) -> str:
    """Run a command that must be refused; nothing may be written. Returns the message."""
    before = app.max_position()
    with pytest.raises(error) as err:
        run(app, actor, name, **fields)
    assert app.max_position() == before
    return str(err.value)


def setup_bureau(app: LedgerApp) -> None:
    """The demo's bureau: OFFICE (S001, S005), FIN (S002), FUND (S003), SERV (S004), LEAD, GROUP."""
    for actor, name, fields in bureau_steps():
        run(app, actor, name, **fields)


@pytest.fixture
def bureau(app: LedgerApp) -> LedgerApp:
    """The bureau; leaders P01 (principal, group), D01 (FIN, FUND), D02 (SERV, OFFICE), G01 (group)."""
    setup_bureau(app)
    return app


CliRun = Callable[..., Result]


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


def stored_events(db_file: Path) -> int:
    ledger = Ledger(str(db_file))
    try:
        return ledger.event_count()
    finally:
        ledger.close()

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


BUREAU_SETUP: list[tuple[str, str, dict[str, Any]]] = [
    ("S001", "org.init", {"bureau": "雁江区金融工作局", "office_code": "OFFICE", "actor_name": "王芳"}),
    ("S001", "calendar.seed", {}),
    ("S001", "policy.seed", {}),
    ("S001", "org.unit.add", {"code": "FIN", "unit_name": "金融股"}),
    ("S001", "org.unit.add", {"code": "FUND", "unit_name": "资金股"}),
    ("S001", "org.unit.add", {"code": "LEAD", "unit_name": "局领导班子", "kind": "leadership_team"}),
    ("S001", "org.unit.add", {"code": "GROUP", "unit_name": "政务公开领导小组", "kind": "leadership_group"}),
    ("S001", "org.staff.add", {"staff_id": "S002", "staff_name": "李明", "unit": "FIN"}),
    ("S001", "org.staff.add", {"staff_id": "S003", "staff_name": "赵强", "unit": "FUND"}),
    ("S001", "org.staff.add", {"staff_id": "P01", "staff_name": "张局长", "unit": "LEAD"}),
    ("S001", "org.role.assign", {"staff_id": "P01", "role": "principal_leader"}),
    ("S001", "org.staff.add", {"staff_id": "D01", "staff_name": "陈副局长", "unit": "LEAD"}),
    ("S001", "org.role.assign", {"staff_id": "D01", "role": "deputy_leader", "areas": ["FIN", "FUND"]}),
    ("S001", "org.staff.add", {"staff_id": "D02", "staff_name": "刘副局长", "unit": "LEAD"}),
    ("S001", "org.role.assign", {"staff_id": "D02", "role": "deputy_leader", "areas": ["OFFICE"]}),
    ("S001", "org.staff.add", {"staff_id": "G01", "staff_name": "周组长", "unit": "GROUP"}),
    ("S001", "org.role.assign", {"staff_id": "G01", "role": "group_member"}),
    ("S001", "org.role.assign", {"staff_id": "P01", "role": "group_member"}),
]


def setup_bureau(app: LedgerApp) -> None:
    for actor, name, fields in BUREAU_SETUP:
        run(app, actor, name, effective="2026-01-05", **fields)


@pytest.fixture
def bureau(app: LedgerApp) -> LedgerApp:
    """A ledger holding the bureau: OFFICE (S001), FIN (S002), FUND (S003), leaders P01, D01, D02, G01."""
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

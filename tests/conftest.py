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
from ledger.demo.__main__ import demo_keys
from ledger.signing import KeyFolder
from tests.support.cli import CliRun
from tests.support.clock import FakeClock
from tests.support.ledger import setup_bureau


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture(scope="session", autouse=True)
def key_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test runs as the demo's staff at one desk: ``$XDG_CONFIG_HOME`` points at a
    folder of its own (never the developer's keys), whose key folder holds a key for each
    of the demo's staff (made once per test run)."""
    home = tmp_path_factory.mktemp("config")
    folder = home / "gongkai-ledger" / "keys"
    demo_keys(folder)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CONFIG_HOME", str(home))
        for var in ("LEDGER_KEY", "LEDGER_KEYS"):
            env.delenv(var, raising=False)
        yield folder


@pytest.fixture
def keys(key_folder: Path) -> KeyFolder:
    """The demo staff's keys, as the write door finds them: every act is signed."""
    return KeyFolder(key_folder)


@pytest.fixture
def app(clock: FakeClock, keys: KeyFolder) -> Iterator[LedgerApp]:
    ledger_app = LedgerApp(":memory:", clock=clock, keys=keys)
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
def ledger_cli(db_file: Path, key_folder: Path) -> CliRun:
    """Invoke `ledger` through click's CliRunner against a real SQLite file, with the demo
    staff's key folder (as each clerk has their own)."""
    runner = CliRunner()

    def invoke(*args: str, actor: str | None = "S001") -> Result:
        prefix = ["--db", str(db_file), "--keys", str(key_folder)] + (["--actor", actor] if actor else [])
        return runner.invoke(cli, [*prefix, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def bureau_cli(ledger_cli: CliRun, db_file: Path, keys: KeyFolder) -> CliRun:
    """The CLI against a file that already holds the bureau."""
    app = LedgerApp(str(db_file), keys=keys)
    setup_bureau(app)
    app.close()
    return ledger_cli


@pytest.fixture(scope="session")
def pg_scratch() -> Iterator[str]:
    """One PostgreSQL database for the tests that each need an empty one (``pg_empty``)."""
    from tests.support.postgres import database

    with database() as url:
        yield url


@pytest.fixture
def pg_empty(pg_scratch: str) -> str:
    """An empty PostgreSQL database: the shared one, emptied (faster than creating one)."""
    from tests.support.postgres import emptied

    return emptied(pg_scratch)

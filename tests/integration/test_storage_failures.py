"""When the database underneath fails, the clerk reads what to do (exit 3), never a
traceback, never a password: a file locked by another writer, a password in any message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import ledger.storage
from cli.main import cli
from ledger.application import LedgerApp
from ledger.storage import mask
from tests.support.ledger import setup_bureau, stored_events


def test_a_write_to_a_file_another_writer_holds_locked_exits_3_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ledger.db"
    app = LedgerApp(str(db))
    setup_bureau(app)
    app.close()
    before = stored_events(db)
    monkeypatch.setattr(ledger.storage, "LOCK_TIMEOUT_SECONDS", 1)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = CliRunner().invoke(
            cli,
            [
                "--db",
                str(db),
                "--actor",
                "S001",
                "org",
                "unit",
                "add",
                "--code",
                "AUDIT",
                "--unit-name",
                "审计股",
            ],
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3
    assert result.stderr == f"Error: db: {db}: is locked by another process; try again in a moment\n"
    assert stored_events(db) == before


@pytest.mark.parametrize(
    ("text", "db", "shown"),
    [
        ("postgresql://clerk:p%40ss@host/ledger failed", None, "postgresql://clerk:***@host/ledger failed"),
        ("password p@ss rejected", "postgresql://clerk:p%40ss@host/ledger", "password *** rejected"),
        ("postgres://u:pw@h:5432/x", None, "postgres://u:***@h:5432/x"),
        ("ledger.db is locked", "ledger.db", "ledger.db is locked"),
    ],
)
def test_a_password_is_masked_wherever_it_appears(text: str, db: str | None, shown: str) -> None:
    assert mask(text, db) == shown

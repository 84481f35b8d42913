"""Driving a ledger as the CLI and the importer do: commands by name, the demo's bureau, counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ledger.application import LedgerApp
from ledger.commands.base import Command
from ledger.demo.org import steps as bureau_steps
from ledger.interface import Ledger, build


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


def stored_events(db_file: Path) -> int:
    """How many events a ledger file holds (to prove a refusal wrote nothing)."""
    ledger = Ledger(str(db_file))
    try:
        return ledger.event_count()
    finally:
        ledger.close()

"""Driving a ledger as the CLI and the importer do: commands by name, the demo's bureau, counts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ledger.application import LedgerApp
from ledger.commands.base import Command
from ledger.demo import Step
from ledger.demo.org import steps as bureau_steps
from ledger.interface import Ledger, build
from projections.base import Fold

V = TypeVar("V", bound=Fold)


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


def play(app: LedgerApp, *lives: Iterable[Step], until: str | None = None) -> None:
    """Run demo lives in order, each step as the importer would; stop before the first command
    named ``until`` (the life up to that step)."""
    for life in lives:
        for actor, name, fields in life:
            if name == until:
                return
            run(app, actor, name, **fields)


def play_into(db_file: Path, *lives: Iterable[Step], until: str | None = None) -> None:
    """`play` into a ledger file, for tests that then read or refuse through the CLI."""
    app = LedgerApp(str(db_file))
    try:
        play(app, *lives, until=until)
    finally:
        app.close()


def rebuilt_equals_live(app: LedgerApp, steps: list[Step], view: type[V]) -> V:
    """Play the first half of ``steps``, then the rest: the live ``view`` must have moved, and
    equal a rebuild from zero of all of it at once. Returns the live view."""
    ledger = Ledger(":memory:", app=app)
    play(app, steps[: len(steps) // 2])
    half = ledger.views.live(view).digest()
    play(app, steps[len(steps) // 2 :])
    live = ledger.views.live(view)
    assert live.digest() != half
    assert live.digest() == ledger.views.history((view,)).get(view).digest()
    return live


def setup_bureau(app: LedgerApp) -> None:
    """The demo's bureau: OFFICE (S001, S005), FIN (S002), FUND (S003), SERV (S004), LEAD, GROUP,
    with every calendar year the package knows (the demo records 2026 late, on purpose)."""
    play(app, bureau_steps())
    run(app, "S001", "calendar.seed", effective="2026-01-05")


def stored_events(db_file: Path) -> int:
    """How many events a ledger file holds (to prove a refusal wrote nothing)."""
    ledger = Ledger(str(db_file))
    try:
        return ledger.event_count()
    finally:
        ledger.close()

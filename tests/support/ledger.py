"""Driving a ledger as the CLI and the importer do: commands by name, the demo's bureau, counts."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ledger.application import LedgerApp
from ledger.commands.base import Command
from ledger.demo import Step
from ledger.demo.__main__ import public_keys
from ledger.demo.org import steps as bureau_steps
from ledger.interface import Ledger, build
from ledger.signing import KeyFolder
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
    """`play` into a ledger file, for tests that then read or refuse through the CLI; each act
    signed with the keys in the key folder (the test session's: see ``conftest.key_folder``)."""
    app = LedgerApp(str(db_file), keys=KeyFolder())
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
    with every calendar year the package knows (the demo records 2026 late, on purpose); each
    member's signing key registered (the app's key folder holds the private halves)."""
    assert isinstance(app.keys, KeyFolder), "the bureau's staff sign their acts: give the app their keys"
    play(app, bureau_steps(public_keys(app.keys)))
    run(app, "S001", "calendar.seed", effective="2026-01-05")


def record_demo(app: LedgerApp) -> None:
    """The demo's whole year, as ``python -m ledger.demo`` records it: every act signed."""
    from ledger.demo import org
    from ledger.systems import demo_modules

    assert isinstance(app.keys, KeyFolder), "the demo's staff sign their acts: give the app their keys"
    for module in demo_modules():
        for actor, name, fields in org.steps(public_keys(app.keys)) if module is org else module.steps():
            run(app, actor, name, **fields)


def stored_events(db_file: Path) -> int:
    """How many events a ledger file holds (to prove a refusal wrote nothing)."""
    ledger = Ledger(str(db_file))
    try:
        return ledger.event_count()
    finally:
        ledger.close()


def copy_of(source: Path, folder: Path) -> Path:
    """A copy of the ledger file ``source`` in ``folder``: each test tampers with its own."""
    copy = folder / "ledger.db"
    copy.write_bytes(source.read_bytes())
    return copy


def read_only_copy(source: Path, folder: Path) -> Path:
    """``source`` copied into ``folder`` (made here) as a clerk without write access finds it:
    the file 0444 in a 0555 folder (a caller that cleans up gives the folder its write bit back)."""
    folder.mkdir()
    copy = folder / "ledger.db"
    shutil.copy(source, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    return copy


def demo_file(folder: Path, key_folder: Path) -> Path:
    """A ledger file in ``folder`` holding the demo's whole year, each act signed by its staff
    (their keys in ``key_folder``)."""
    db = folder / "demo.db"
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    try:
        record_demo(app)
    finally:
        app.close()
    return db

"""What a checkpoint must be before it is written, and what superseding one does not excuse."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from aggregates.base import Stamp
from aggregates.errors import Refused
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.audit.keys import generate_key, load_private, sign, statement
from ledger.interface import Ledger
from ledger.interface.audit import checkpoint, register_key, verify
from tests.support.clock import FakeClock
from tests.support.ledger import refused_without_writing, run, setup_bureau
from tests.support.tamper import junk_checkpoint


@pytest.fixture
def keyed(tmp_path: Path, clock: FakeClock) -> tuple[LedgerApp, Path, Path]:
    """The bureau on a file, with the bureau's key registered by the principal leader."""
    key, pub = tmp_path / "bureau.pem", tmp_path / "bureau.pub"
    generate_key(key, pub)
    app = LedgerApp(str(tmp_path / "ledger.db"), clock=clock)
    setup_bureau(app)
    register_key(Ledger(app.db, app), "P01", pub)
    return app, key, pub


def head_fields(app: LedgerApp, key: Path, size: int | None = None) -> dict[str, object]:
    """A checkpoint of the whole record as the command takes it, signed with ``key``."""
    position = app.max_position()
    head = app.witness_link(position) or ""
    size = position if size is None else size
    public_key, signature = sign(load_private(key), statement("x", position, size, head))
    return {
        "origin": "x",
        "position": position,
        "size": size,
        "head": head,
        "public_key": public_key,
        "signature": signature,
    }


def test_a_checkpoint_with_the_wrong_size_is_refused_even_when_signed(
    keyed: tuple[LedgerApp, Path, Path],
) -> None:
    app, key, _ = keyed
    fields = head_fields(app, key, size=app.max_position() - 1)
    message = refused_without_writing(app, Refused, "S001", "audit.checkpoint", **fields)
    assert "holds" in message and "events up to" in message
    run(app, "S001", "audit.checkpoint", **head_fields(app, key))


def test_a_checkpoint_signed_by_a_key_the_ledger_does_not_hold_is_refused(
    keyed: tuple[LedgerApp, Path, Path], tmp_path: Path
) -> None:
    app, _, _ = keyed
    generate_key(tmp_path / "own.pem", tmp_path / "own.pub")
    fields = head_fields(app, tmp_path / "own.pem")
    message = refused_without_writing(app, Refused, "S001", "audit.checkpoint", **fields)
    assert "is not registered in the ledger" in message
    message = refused_without_writing(
        app, Refused, "S001", "audit.key.register", public_key=fields["public_key"]
    )
    assert "only the principal leader" in message


def test_a_checkpoint_file_signed_by_an_unregistered_key_is_found_without_the_bureaus_key(
    keyed: tuple[LedgerApp, Path, Path], tmp_path: Path
) -> None:
    app, key, _ = keyed
    checkpoint(Ledger(app.db, app), "S001", key, tmp_path / "cp.json")
    app.close()

    data = json.loads((tmp_path / "cp.json").read_text())
    generate_key(tmp_path / "own.pem", tmp_path / "own.pub")
    message = statement(data["origin"], data["position"], data["size"], data["head"])
    data["public_key"], data["signature"] = sign(load_private(tmp_path / "own.pem"), message)
    (tmp_path / "own.json").write_text(json.dumps(data))
    report = verify(app.db, (tmp_path / "own.json",))
    assert (data["position"], findings.UNREGISTERED_KEY) in {
        (f["position"], f["kind"]) for f in report["findings"]
    }


def test_superseding_a_checkpoint_never_excuses_a_change_to_what_it_covers(
    keyed: tuple[LedgerApp, Path, Path], tmp_path: Path, clock: FakeClock
) -> None:
    app, key, _ = keyed
    position = junk_checkpoint(app, Stamp(actor="S001", effective=clock.now.date(), at=clock.now))
    clock.advance(hours=1)
    checkpoint(Ledger(app.db, app), "S001", key, tmp_path / "new.json", supersedes=position)
    app.close()
    assert verify(app.db)["ok"]
    with sqlite3.connect(app.db) as conn:  # a staff name changed under both checkpoints
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid=3").fetchone()
        conn.execute("UPDATE stored_events SET state=? WHERE rowid=3", (state.replace(b"S0", b"X0"),))
    conn.close()
    kinds = {(f["kind"], f["error"]) for f in verify(app.db)["findings"]}
    assert (findings.CHECKPOINT_MISMATCH, True) in kinds and (findings.SUPERSEDED, False) in kinds

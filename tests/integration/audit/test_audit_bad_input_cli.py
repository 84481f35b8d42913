"""`ledger audit verify/replay/receipt/monitor` fed bad input, as a real process: one line
naming the field, an exit code of 2 (malformed) or 3 (not a ledger), never a traceback,
and nothing written — not to the ledger, not to a file handed in."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ledger.application import LedgerApp
from ledger.audit.keys import generate_key
from ledger.signing import KeyFolder
from tests.support.clerks import LEDGER
from tests.support.clerks import ledger as clerk
from tests.support.clock import FakeClock
from tests.support.ledger import setup_bureau


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock, keys: KeyFolder) -> Path:
    path = tmp_path / "ledger.db"
    app = LedgerApp(str(path), clock=clock, keys=keys)
    setup_bureau(app)
    app.close()
    return path


def ledger(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return clerk(db, *args, actor="S001")


def refused(done: subprocess.CompletedProcess[str], code: int, field: str) -> None:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.strip().splitlines()[-1].startswith(f"Error: {field}:"), done.stderr


@pytest.mark.skipif(LEDGER is None, reason="console script not installed")
def test_bad_input_to_the_audit_commands_names_the_field_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    stranger, stranger_pub = tmp_path / "stranger.pem", tmp_path / "stranger.pub"
    generate_key(stranger, stranger_pub)
    before = db.read_bytes()

    refused(ledger(db, "audit", "verify", "--checkpoint", str(junk)), 2, "checkpoint")
    refused(ledger(db, "audit", "verify", "--pubkey", str(junk)), 2, "pubkey")
    refused(ledger(db, "audit", "receipt", "--sign", str(junk)), 2, "sign")
    out = tmp_path / "receipt.json"
    refused(ledger(db, "audit", "receipt", "--sign", str(stranger), "--out", str(out)), 1, "sign")
    assert not out.exists()
    for state in (junk, binary):
        kept = state.read_bytes()
        refused(ledger(db, "audit", "monitor", str(state)), 2, "state")
        assert state.read_bytes() == kept
    assert db.read_bytes() == before

    missing = tmp_path / "missing.db"
    for command in ("verify", "replay"):
        refused(ledger(missing, "audit", command), 2, "db")
    assert not missing.exists()
    for command in ("verify", "replay"):
        refused(ledger(junk, "audit", command), 3, "db")
    assert junk.read_text() == "{not json"

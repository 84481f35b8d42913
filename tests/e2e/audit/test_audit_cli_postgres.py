"""`ledger audit …` against PostgreSQL, as an auditor types it: the same commands, the same answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from ledger.application import LedgerApp
from ledger.interface import Ledger
from tests.support.ledger import setup_bureau
from tests.support.postgres import MARKS, sql

pytestmark = MARKS


@pytest.fixture
def pg_db(pg_empty: str) -> str:
    app = LedgerApp(pg_empty)
    setup_bureau(app)
    Ledger(pg_empty, app).directory()
    app.close()
    return pg_empty


def invoke(db: str, *args: str, actor: str | None = None) -> Result:
    prefix = ["--db", db] + (["--actor", actor] if actor else [])
    return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False)


def test_checkpoint_verify_export_and_replay_run_on_postgres(pg_db: str, tmp_path: Path) -> None:
    key = tmp_path / "bureau.pem"
    assert invoke(pg_db, "audit", "keygen", "--out", str(key)).exit_code == 0
    registered = invoke(pg_db, "audit", "key", "register", "--pub", str(key.with_suffix(".pub")), actor="P01")
    assert registered.exit_code == 0, registered.output
    cp = tmp_path / "cp.json"
    result = invoke(pg_db, "audit", "checkpoint", "--sign", str(key), "--out", str(cp), actor="S001")
    assert result.exit_code == 0, result.output
    checked = ["audit", "verify", "--checkpoint", str(cp), "--pubkey", str(key.with_suffix(".pub"))]
    result = invoke(pg_db, *checked)
    assert result.exit_code == 0 and "verified: the record matches" in result.output, result.output
    assert "ledger:***@" in result.output  # the password is not printed
    out = tmp_path / "export"
    result = invoke(pg_db, "audit", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(out))
    assert result.exit_code == 0, result.output
    offline = invoke(pg_db, "audit", "verify", "--export", str(out), "--checkpoint", str(cp))
    assert offline.exit_code == 0, offline.output
    replay = json.loads(invoke(pg_db, "audit", "replay", "--format", "json").output)
    assert replay["ok"] and replay["events"] > json.loads(cp.read_text())["position"]  # and the checkpoint

    sql(pg_db, "UPDATE ledger_events SET state = state || '\\x20'::bytea WHERE notification_id = 3")
    result = invoke(pg_db, *checked, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["first_problem"]["position"], report["first_problem"]["kind"]) == (3, "payload changed")
    for refused in (
        invoke(pg_db, "audit", "checkpoint", "--out", str(tmp_path / "x.json"), actor="S001"),
        invoke(pg_db, "audit", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(out)),
    ):
        assert refused.exit_code != 0 and "does not verify (position 3: payload changed" in refused.output

"""A person's signing key through the CLI: made in their own key folder, registered by the
office, found again on every write so a clerk's commands read as before."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli.main import cli


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each person's ``$XDG_CONFIG_HOME`` (their key folder is ``…/gongkai-ledger/keys``)."""
    for var in ("LEDGER_KEY", "LEDGER_KEYS", "LEDGER_ACTOR", "LEDGER_DB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "gongkai-ledger" / "keys"


def ledger(db: Path, *args: str, actor: str | None = "S001") -> Result:
    prefix = ["--db", str(db), *(["--actor", actor] if actor else [])]
    return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False)


def public_key(result: Result) -> str:
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("public key "))
    return line.rsplit(" ", 1)[-1]


def test_a_clerk_makes_a_key_the_office_registers_it_and_commands_read_as_before(
    home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ledger.db"
    founder = public_key(ledger(db, "key", "new", "--staff-id", "S001", actor=None))
    assert stat.S_IMODE((home / "S001.pem").stat().st_mode) == 0o600
    founded = ledger(db, "org", "init", "--bureau", "局", "--office-code", "OFFICE", "--actor-name", "王芳")
    assert founded.exit_code == 0 and "every act is signed" in founded.output
    assert ledger(db, "org", "unit", "add", "--code", "FIN", "--unit-name", "金融股").exit_code == 0
    assert (
        ledger(
            db, "org", "staff", "add", "--staff-id", "S002", "--staff-name", "李明", "--unit", "FIN"
        ).exit_code
        == 0
    )

    clerk = public_key(ledger(db, "key", "new", "--staff-id", "S002", actor=None))
    assert clerk != founder
    registered = ledger(db, "org", "staff", "key", "register", "--staff-id", "S002", "--public-key", clerk)
    assert registered.exit_code == 0, registered.output
    shown = json.loads(ledger(db, "show", "staff:S002", "--format", "json", actor=None).output)
    assert shown["state"]["public_key"] == clerk

    # S002 signs with the key in their own folder, no option needed: here, revoking it (a lost laptop)
    revoked = ledger(
        db, "org", "staff", "key", "revoke", "--staff-id", "S002", "--reason", "电脑丢失", actor="S002"
    )
    assert revoked.exit_code == 0, revoked.output
    again = ledger(db, "org", "staff", "key", "register", "--staff-id", "S002", "--public-key", clerk)
    assert again.exit_code == 1 and "a revoked key is never registered again" in again.output

    verified = json.loads(ledger(db, "audit", "verify", "--format", "json", actor=None).output)
    assert verified["ok"] and verified["signing"] == "required" and verified["acts_checked"] == 5


def test_a_key_is_never_overwritten_and_a_key_file_can_be_named(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    public_key(ledger(db, "key", "new", "--staff-id", "S001", actor=None))
    again = ledger(db, "key", "new", "--staff-id", "S001", actor=None)
    assert again.exit_code == 1 and "never overwritten" in again.output
    named = tmp_path / "usb" / "me.pem"
    made = CliRunner().invoke(cli, ["--key", str(named), "key", "new", "--staff-id", "S009"])
    assert made.exit_code == 0 and named.is_file()
    shown = CliRunner().invoke(cli, ["--key", str(named), "key", "show", "--staff-id", "S009"])
    assert shown.output.strip() == public_key(made)


def test_org_init_without_a_key_is_refused_with_the_way_to_make_one(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    result = ledger(db, "org", "init", "--bureau", "局", "--office-code", "OFFICE", "--actor-name", "王芳")
    assert result.exit_code == 1
    assert "ledger key new --staff-id S001" in result.output
    scratch = ledger(
        db,
        "org",
        "init",
        "--bureau",
        "局",
        "--office-code",
        "OFFICE",
        "--actor-name",
        "王芳",
        "--signing",
        "optional",
    )
    assert scratch.exit_code == 0, scratch.output

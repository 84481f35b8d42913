"""`ledger audit …` and `ledger correct` as a user runs them, on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click

from cli.main import cli
from projections.registry import ALL_FOLDS
from tests.conftest import CliRun


def tamper_payload(db: Path, position: int) -> None:
    with sqlite3.connect(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid=?", (position,)).fetchone()
        conn.execute(
            "UPDATE stored_events SET state=? WHERE rowid=?", (state.replace(b"S001", b"S002"), position)
        )
    conn.close()


def test_every_audit_command_has_help() -> None:
    group = cli.commands["audit"]
    assert isinstance(group, click.Group)
    assert set(group.commands) == {"keygen", "checkpoint", "verify", "replay", "export"}
    for command in group.commands.values():
        assert command.help
    assert cli.commands["correct"].help


def test_signed_checkpoint_then_verify_and_a_tampered_byte_fails(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    key = tmp_path / "bureau.pem"
    result = bureau_cli("audit", "keygen", "--out", str(key), actor=None)
    assert result.exit_code == 0 and (tmp_path / "bureau.pub").exists()
    assert bureau_cli("audit", "checkpoint", actor=None).exit_code == 2  # a write names its actor
    cp = tmp_path / "cp.json"
    result = bureau_cli("audit", "checkpoint", "--sign", str(key), "--out", str(cp))
    assert result.exit_code == 0, result.output
    assert "gongkai-ledger checkpoint v1" in result.output and "recorded in the ledger" in result.output
    args = ("audit", "verify", "--checkpoint", str(cp), "--pubkey", str(tmp_path / "bureau.pub"))
    result = bureau_cli(*args, actor=None)
    assert result.exit_code == 0, result.output
    assert "verified" in result.output and "2 checkpoint(s) checked" in result.output
    tamper_payload(db_file, 3)
    result = bureau_cli(*args, actor=None)
    assert result.exit_code == 1
    assert "NOT VERIFIED: first problem at position 3: payload changed" in result.output
    result = bureau_cli(*args, "--format", "json", actor=None)
    assert json.loads(result.output)["first_problem"]["kind"] == "payload changed"


def test_checkpoint_refuses_to_vouch_for_a_tampered_record(bureau_cli: CliRun, db_file: Path) -> None:
    tamper_payload(db_file, 3)
    result = bureau_cli("audit", "checkpoint")
    assert result.exit_code == 1
    assert "does not verify (position 3: payload changed" in result.output


def test_only_office_or_group_may_record_a_checkpoint(bureau_cli: CliRun) -> None:
    result = bureau_cli("audit", "checkpoint", actor="S002")
    assert result.exit_code == 1 and "may not record an audit checkpoint" in result.output


def test_replay_rebuilds_every_projection_and_reports_rate(bureau_cli: CliRun, db_file: Path) -> None:
    result = bureau_cli("audit", "replay", actor=None)
    assert result.exit_code == 0, result.output
    assert "events/s" in result.output
    report = json.loads(bureau_cli("audit", "replay", "--format", "json", actor=None).output)
    assert report["ok"] and {p["projection"] for p in report["projections"]} == {f.name for f in ALL_FOLDS}
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE projection_rows SET value=? WHERE key='staff:S002'", ('{"name": "x"}',))
    conn.close()
    result = bureau_cli("audit", "replay", actor=None)
    assert result.exit_code == 1
    assert "staff:S002: differs" in result.output


def test_correct_records_a_compensating_entry_and_both_stay_on_the_trail(bureau_cli: CliRun) -> None:
    result = bureau_cli(
        "correct",
        "--aggregate",
        "staff:S002",
        "--version",
        "1",
        "--reason",
        "名字录错",
        "--replace",
        '{"name": "李敏"}',
    )
    assert result.exit_code == 0, result.output
    assert "staff:S002 v1 corrected by v3: 名字录错" in result.output
    shown = json.loads(bureau_cli("show", "staff:S002", "--format", "json", actor=None).output)
    assert shown["state"]["name"] == "李敏"
    assert [h["event"] for h in shown["history"]] == [
        "Staff.Added",
        "Staff.RoleAssigned",
        "Staff.EntryCorrected",
    ]
    assert shown["history"][0]["summary"] == "S002 李明 joins FIN"


def test_correct_names_the_bad_field_and_who_may(bureau_cli: CliRun) -> None:
    bad = bureau_cli(
        "correct", "--aggregate", "staff:S002", "--version", "1", "--reason", "x", "--replace", '{"nme": 1}'
    )
    assert bad.exit_code == 2 and "replace.nme: Added has no fact 'nme'" in bad.output
    entry = ("--aggregate", "staff:S002", "--version", "1", "--reason", "x")
    dated = bureau_cli("correct", *entry, "--replace", '{"name": "y"}', "--effective", "2026-01-06")
    assert dated.exit_code == 2 and "effective date of the entry it corrects" in dated.output
    both = bureau_cli(
        "correct",
        "--aggregate",
        "staff:S002",
        "--version",
        "2",
        "--reason",
        "x",
        "--retract",
        "--replace",
        "{}",
    )
    assert both.exit_code == 2
    refused = bureau_cli(
        "correct",
        "--aggregate",
        "staff:S002",
        "--version",
        "1",
        "--reason",
        "x",
        "--replace",
        '{"name": "y"}',
        actor="S003",
    )
    assert refused.exit_code == 1 and "only the staff of the unit" in refused.output


def test_export_verifies_offline_and_an_edited_row_is_found(bureau_cli: CliRun, tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    bureau_cli("audit", "keygen", "--out", str(key), actor=None)
    cp = tmp_path / "cp.json"
    assert bureau_cli("audit", "checkpoint", "--sign", str(key), "--out", str(cp)).exit_code == 0
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"export-{fmt}"
        period = ("--from", "2020-01-01", "--to", "2030-12-31")
        result = bureau_cli(
            "audit", "export", *period, "--format", fmt, "--out", str(out), "--sign", str(key), actor=None
        )
        assert result.exit_code == 0, result.output
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["count"] > 0 and manifest["first_position"] == 1
        check = (
            "audit",
            "verify",
            "--export",
            str(out),
            "--checkpoint",
            str(cp),
            "--pubkey",
            str(tmp_path / "k.pub"),
        )
        result = bureau_cli("--db", str(tmp_path / "absent.db"), *check, actor=None)
        assert result.exit_code == 0, result.output
        data = out / f"events.{fmt}"
        data.write_text(data.read_text(encoding="utf-8").replace("李明", "张三"), encoding="utf-8")
        result = bureau_cli(*check, actor=None)
        assert result.exit_code == 1 and "NOT VERIFIED" in result.output


def test_export_of_a_period_with_nothing_recorded_is_empty(bureau_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "none"
    result = bureau_cli(
        "audit", "export", "--from", "2001-01-01", "--to", "2001-12-31", "--out", str(out), actor=None
    )
    assert result.exit_code == 0 and "exported 0 events" in result.output


def test_read_commands_take_as_of_and_known_at(bureau_cli: CliRun) -> None:
    result = bureau_cli("show", "staff:S002", "--known-at", "2001-01-01", actor=None)
    assert result.exit_code == 1 and "as known at 2001-01-01 23:59:59" in result.output
    assert bureau_cli("show", "staff:S002", "--as-of", "2026-01-05", actor=None).exit_code == 0
    log = json.loads(bureau_cli("log", "--as-of", "2026-01-04", "--format", "json", actor=None).output)
    assert log == []
    org = json.loads(
        bureau_cli("org", "list", "--known-at", "2001-01-01", "--format", "json", actor=None).output
    )
    assert org == {"units": [], "staff": []}

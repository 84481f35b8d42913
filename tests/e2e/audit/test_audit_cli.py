"""`ledger audit …` and `ledger correct` as a user runs them, on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
from click.testing import CliRunner

from cli.main import cli
from ledger.systems import fold_classes
from tests.support.cli import CliRun, correction


def tamper_payload(db: Path, position: int) -> None:
    with sqlite3.connect(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid=?", (position,)).fetchone()
        conn.execute(
            "UPDATE stored_events SET state=? WHERE rowid=?", (state.replace(b"S001", b"S002"), position)
        )
    conn.close()


def test_every_audit_command_has_help() -> None:
    cli.load_all()
    group = cli.commands["audit"]
    assert isinstance(group, click.Group)
    assert set(group.commands) == {
        "keygen",
        "key",
        "checkpoint",
        "receipt",
        "monitor",
        "reestablish",
        "verify",
        "replay",
        "export",
    }
    for command in group.commands.values():
        assert command.help
    key = group.commands["key"]
    assert isinstance(key, click.Group) and key.commands["register"].help
    assert cli.commands["correct"].help
    assert cli.commands["migrate"].help


def test_signed_checkpoint_then_verify_and_a_tampered_byte_fails(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    key = tmp_path / "bureau.pem"
    result = bureau_cli("audit", "keygen", "--out", str(key), actor=None)
    assert result.exit_code == 0 and (tmp_path / "bureau.pub").exists()
    assert bureau_cli("audit", "checkpoint", actor=None).exit_code == 2  # a write names its actor
    register = ("audit", "key", "register", "--pub", str(tmp_path / "bureau.pub"))
    # the office does not choose the key its own checkpoints are checked against
    assert bureau_cli(*register).exit_code == 1
    result = bureau_cli(*register, actor="P01")
    assert result.exit_code == 0 and "registered" in result.output, result.output
    cp = tmp_path / "cp.json"
    result = bureau_cli("audit", "checkpoint", "--sign", str(key), "--out", str(cp))
    assert result.exit_code == 0, result.output
    assert "gongkai-ledger checkpoint v2" in result.output and "recorded in the ledger" in result.output
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
    assert report["ok"] and {p["projection"] for p in report["projections"]} == {
        f.name for f in fold_classes()
    }
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE projection_rows SET value=? WHERE key='staff:S002'", ('{"name": "x"}',))
    conn.close()
    result = bureau_cli("audit", "replay", actor=None)
    assert result.exit_code == 1
    assert "staff:S002: differs" in result.output


def test_correct_records_a_compensating_entry_and_both_stay_on_the_trail(bureau_cli: CliRun) -> None:
    result = bureau_cli(*correction("staff:S002", 1, "--replace", '{"name": "李敏"}', reason="名字录错"))
    assert result.exit_code == 0, result.output
    assert "staff:S002 v1 corrected by v4: 名字录错" in result.output
    shown = json.loads(bureau_cli("show", "staff:S002", "--format", "json", actor=None).output)
    assert shown["state"]["name"] == "李敏"
    assert [h["event"] for h in shown["history"]] == [
        "Staff.Added",
        "Staff.RoleAssigned",
        "Staff.KeyRegistered",
        "Staff.EntryCorrected",
    ]
    assert shown["history"][0]["summary"] == "S002 李明 joins FIN"


def test_correct_names_the_bad_field_and_who_may(bureau_cli: CliRun) -> None:
    bad = bureau_cli(*correction("staff:S002", 1, "--replace", '{"nme": 1}'))
    assert bad.exit_code == 2 and "replace.nme: Added has no fact 'nme'" in bad.output
    dated = bureau_cli(
        *correction("staff:S002", 1, "--replace", '{"name": "y"}', "--effective", "2026-01-06")
    )
    assert dated.exit_code == 2 and "effective date of the entry it corrects" in dated.output
    both = bureau_cli(*correction("staff:S002", 2, "--retract", "--replace", "{}"))
    assert both.exit_code == 2
    refused = bureau_cli(*correction("staff:S002", 1, "--replace", '{"name": "y"}'), actor="S003")
    assert refused.exit_code == 1 and "only the office (办公室) staff may" in refused.output


def test_export_verifies_offline_and_an_edited_row_is_found(bureau_cli: CliRun, tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    bureau_cli("audit", "keygen", "--out", str(key), actor=None)
    bureau_cli("audit", "key", "register", "--pub", str(tmp_path / "k.pub"), actor="P01")
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


def test_an_export_edited_by_hand_is_reported_line_by_line_never_a_traceback(
    bureau_cli: CliRun, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    period = ("--from", "2020-01-01", "--to", "2030-12-31")
    assert bureau_cli("audit", "export", *period, "--out", str(out), actor=None).exit_code == 0
    data = out / "events.jsonl"
    lines = data.read_text(encoding="utf-8").splitlines()
    check = ("audit", "verify", "--export", str(out), "--format", "json")
    for line, edit in ((3, "not json"), (4, lines[3].replace('"position": 4', '"position": "x"'))):
        edited = [*lines]
        edited[line - 1] = edit
        data.write_text("\n".join(edited) + "\n", encoding="utf-8")
        result = bureau_cli(*check, actor=None)
        assert result.exit_code == 1, result.output
        unreadable = [f for f in json.loads(result.output)["findings"] if f["kind"] == "unreadable row"]
        assert [f["detail"].split(":")[0] for f in unreadable] == [f"events.jsonl line {line}"]
    data.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\n")
    result = bureau_cli(*check, actor=None)
    assert result.exit_code == 1 and json.loads(result.output)["first_problem"]["kind"] == "payload changed"
    manifest = out / "manifest.json"
    good = json.loads(manifest.read_text(encoding="utf-8"))
    for broken, field in (
        ("[1, 2]", "not a JSON object"),
        (json.dumps({**good, "format": "xml"}), "format 'xml' is neither jsonl nor csv"),
        (json.dumps({**good, "previous_link": "zz"}), "previous_link is not a SHA-256"),
        (json.dumps({k: v for k, v in good.items() if k != "previous_link"}), "no 'previous_link'"),
    ):
        manifest.write_text(broken, encoding="utf-8")
        result = bureau_cli("audit", "verify", "--export", str(out), actor=None)
        assert result.exit_code == 2 and result.output.startswith("Error: export:"), result.output
        assert field in result.output and result.output.strip().count("\n") == 0


def test_verify_of_a_file_that_is_not_a_ledger_is_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(text), "audit", "verify"], catch_exceptions=False)
    assert result.exit_code == 3
    assert result.output == (
        f"Error: db: {text}: is not a ledger (not an SQLite database file); check --db / LEDGER_DB\n"
    )
    result = runner.invoke(
        cli, ["--db", "postgresql://u:secret@127.0.0.1:1/ledger", "audit", "verify"], catch_exceptions=False
    )
    assert result.exit_code == 3, result.output  # the ledger's place is unusable now, as for every command
    assert result.output.startswith(
        "Error: db: postgresql://u:***@127.0.0.1:1/ledger: cannot connect to PostgreSQL"
    )
    assert result.output.count("\n") == 1 and "secret" not in result.output
    missing = tmp_path / "nowhere" / "ledger.db"
    result = runner.invoke(cli, ["--db", str(missing), "audit", "verify"], catch_exceptions=False)
    assert result.exit_code == 2 and f"no ledger file {missing}" in result.output


def test_export_of_a_period_with_nothing_recorded_is_empty(bureau_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "none"
    result = bureau_cli(
        "audit", "export", "--from", "2001-01-01", "--to", "2001-12-31", "--out", str(out), actor=None
    )
    assert (
        result.exit_code == 0
        and "exported no events (none recorded from 2001-01-01 to 2001-12-31)" in result.output
    )
    assert "None" not in result.output


def test_read_commands_take_as_of_and_known_at(bureau_cli: CliRun) -> None:
    result = bureau_cli("show", "staff:S002", "--known-at", "2001-01-01", actor=None)
    assert result.exit_code == 2 and "as known at 2001-01-01 23:59:59" in result.output
    assert bureau_cli("show", "staff:S002", "--as-of", "2026-01-05", actor=None).exit_code == 0
    log = json.loads(bureau_cli("log", "--as-of", "2026-01-04", "--format", "json", actor=None).output)
    assert log == []
    org = json.loads(
        bureau_cli("org", "list", "--known-at", "2001-01-01", "--format", "json", actor=None).output
    )
    assert org == {"units": [], "staff": []}

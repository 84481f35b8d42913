"""The insider at the command line: an office clerk with the CLI and write access to the file.

Finding 1 of issue 10: the witness dropped after an edit was rebuilt by the next command,
and verify said "verified". Finding 2: one imported checkpoint line (a time of its own, a
junk signature) broke the audit for good.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from aggregates.base import Stamp
from ledger.application import LedgerApp
from ledger.signing import KeyFolder
from tests.support.cli import CliRun
from tests.support.signing import chain_of, forged_json
from tests.support.tamper import junk_checkpoint, rewrite_witness


def sql(db: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(statement, params).fetchall()
    conn.close()
    return rows


def events(db: Path) -> int:
    return int(sql(db, "SELECT COUNT(*) FROM stored_events")[0][0])  # type: ignore[arg-type]


def has_witness(db: Path) -> bool:
    return bool(sql(db, "SELECT 1 FROM sqlite_master WHERE name='audit_chain'"))


def rename_staff(db: Path) -> None:
    """The edit: S002 李明 becomes 张三 in the stored row itself."""
    for position, state in sql(db, "SELECT rowid, state FROM stored_events ORDER BY rowid"):
        assert isinstance(state, bytes)
        if "李明".encode() in state:
            new = state.replace("李明".encode(), "张三".encode())
            sql(db, "UPDATE stored_events SET state=? WHERE rowid=?", (new, position))
            return
    raise AssertionError("no 李明 in the ledger")


def keys(cli: CliRun, tmp_path: Path) -> tuple[Path, Path]:
    key = tmp_path / "bureau.pem"
    assert cli("audit", "keygen", "--out", str(key), actor=None).exit_code == 0
    return key, tmp_path / "bureau.pub"


def test_an_edit_then_a_dropped_witness_is_never_laundered_by_the_next_command(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    rename_staff(db_file)
    sql(db_file, "DROP TABLE audit_chain")
    listed = bureau_cli("org", "list", actor=None)  # any command, even a read
    assert listed.exit_code == 0 and "张三" in listed.output
    assert not has_witness(db_file)  # a read rebuilds nothing
    verified = bureau_cli("audit", "verify", actor=None)
    assert verified.exit_code == 1
    assert "NOT VERIFIED: first problem at position 1: no witness" in verified.output
    before = events(db_file)
    write = bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股")
    assert write.exit_code == 3 and write.output.count("\n") == 1, write.output
    assert "witness (audit_chain) is missing" in write.output
    line = tmp_path / "one.jsonl"
    line.write_text(json.dumps({"command": "org.unit.add", "code": "NEW", "unit_name": "新股"}) + "\n")
    imported = bureau_cli("import", str(line))
    assert imported.exit_code == 3 and imported.output.count("\n") == 1, imported.output
    checkpointed = bureau_cli("audit", "checkpoint")
    assert checkpointed.exit_code == 1  # nothing vouches for a record without its witness
    assert events(db_file) == before and not has_witness(db_file)


def test_only_the_principal_leaders_signed_act_re_establishes_the_witness_and_the_break_stays_visible(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    key, pub = keys(bureau_cli, tmp_path)
    sql(db_file, "DROP TABLE audit_chain")
    reason = ("--reason", "备份恢复时丢失")
    refused = bureau_cli("audit", "reestablish", "--sign", str(key), *reason)  # the office clerk
    assert refused.exit_code == 1 and "only the principal leader" in refused.output
    assert not has_witness(db_file)
    before = events(db_file)
    done = bureau_cli("audit", "reestablish", "--sign", str(key), *reason, actor="P01")
    assert done.exit_code == 0, done.output
    again = bureau_cli("audit", "reestablish", "--sign", str(key), *reason, actor="P01")
    assert again.exit_code == 1 and "nothing to re-establish" in again.output
    assert bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股").exit_code == 0
    report = json.loads(
        bureau_cli("audit", "verify", "--pubkey", str(pub), "--format", "json", actor=None).output
    )
    assert report["ok"], report["findings"]
    (brk,) = [f for f in report["findings"] if f["kind"] == "chain break"]
    assert brk["position"] > before and not brk["error"]
    assert "P01 re-established it" in brk["detail"] and "备份恢复时丢失" in brk["detail"]
    assert f"positions 1–{before}" in brk["detail"]
    shown = bureau_cli("audit", "verify", actor=None)
    assert shown.exit_code == 0 and "chain break" in shown.output  # visible in the table, every time


def checkpoint_line(db: Path, **fields: object) -> str:
    position = events(db)
    (head,) = sql(db, "SELECT link FROM audit_chain WHERE position=?", (position,))[0]
    line = {
        "command": "audit.checkpoint",
        "origin": "x",
        "position": position,
        "size": position,
        "head": head,
    }
    return json.dumps({**line, **fields})


def test_a_checkpoint_with_a_time_of_its_own_or_a_junk_signature_is_refused_and_nothing_written(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    key, pub = keys(bureau_cli, tmp_path)
    poisoned = tmp_path / "poison.jsonl"
    poisoned.write_text(checkpoint_line(db_file, taken="2099-01-01T00:00:00+00:00") + "\n")
    before = events(db_file)
    result = bureau_cli("import", str(poisoned))
    assert result.exit_code == 2 and "taken" in result.output
    junk = {"public_key": "ab" * 32, "signature": "00" * 64}
    poisoned.write_text(checkpoint_line(db_file, **junk) + "\n")
    result = bureau_cli("import", str(poisoned))
    assert result.exit_code == 1 and "no checkpoint key is registered" in result.output
    assert bureau_cli("audit", "key", "register", "--pub", str(pub), actor="P01").exit_code == 0
    registered = pub.read_bytes()
    from ledger.audit.keys import load_public, raw_public

    public = raw_public(load_public(pub)).hex()
    assert registered  # the key the bureau registered …
    poisoned.write_text(checkpoint_line(db_file, public_key=public, signature="00" * 64) + "\n")
    result = bureau_cli("import", str(poisoned))
    assert result.exit_code == 1 and "signature does not verify" in result.output
    poisoned.write_text(checkpoint_line(db_file) + "\n")  # unsigned, now that a key is registered
    result = bureau_cli("import", str(poisoned))
    assert result.exit_code == 1 and "sign the checkpoint" in result.output
    assert events(db_file) == before + 2  # the registration (and the act that signs it) only
    verified = bureau_cli("audit", "verify", actor=None)
    assert verified.exit_code == 0, verified.output
    assert (
        bureau_cli("audit", "checkpoint", "--sign", str(key), "--out", str(tmp_path / "cp.json")).exit_code
        == 0
    )
    export = ("audit", "export", "--from", "2020-01-01", "--to", "2030-12-31", "--out", str(tmp_path / "x"))
    assert bureau_cli(*export, actor=None).exit_code == 0


def test_a_poisoned_checkpoint_from_before_is_superseded_by_a_later_signed_one_and_both_stay(
    bureau_cli: CliRun, db_file: Path, tmp_path: Path
) -> None:
    """A ledger that took the poisoned line before the fix: a time in 2099 and a junk signature."""
    key, pub = keys(bureau_cli, tmp_path)
    app = LedgerApp(str(db_file), keys=KeyFolder())
    stamp = Stamp(actor="S001", effective=datetime.now(UTC).date(), at=datetime.now(UTC))
    position = junk_checkpoint(app, stamp, taken="2099-01-01T00:00:00+00:00")
    app.close()
    assert bureau_cli("audit", "key", "register", "--pub", str(pub), actor="P01").exit_code == 0
    assert bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股").exit_code == 0
    report = json.loads(bureau_cli("audit", "verify", "--format", "json", actor=None).output)
    # the time it states poisons nothing: the later entries are not "backdated"
    assert {f["kind"] for f in report["findings"]} == {"bad signature"}
    assert bureau_cli("audit", "checkpoint", "--sign", str(key)).exit_code == 1
    cp = tmp_path / "cp.json"
    result = bureau_cli(
        "audit", "checkpoint", "--sign", str(key), "--out", str(cp), "--supersedes", str(position)
    )
    assert result.exit_code == 0, result.output
    report = json.loads(
        bureau_cli("audit", "verify", "--pubkey", str(pub), "--format", "json", actor=None).output
    )
    assert report["ok"], report["findings"]
    (note,) = report["findings"]
    assert note["kind"] == "superseded" and not note["error"]
    assert "the signature does not verify" in note["detail"]
    log = json.loads(bureau_cli("log", "--format", "json", actor=None).output)
    assert [e["event"] for e in log].count("Checkpoint.Taken") == 2  # both on the record
    fixed = json.loads(bureau_cli("show", f"checkpoint:{position}", "--format", "json", actor=None).output)
    assert fixed["state"]["signature"] == "00" * 64  # the wrong one stands as recorded …
    corrected = bureau_cli(
        "correct", "--aggregate", f"checkpoint:{position}", "--version", "1", "--reason", "x", "--retract"
    )
    assert corrected.exit_code == 1 and "a checkpoint is never rewritten" in corrected.output  # … for good


def test_a_shortened_witness_is_a_finding_and_no_write_goes_on_top_of_it(
    bureau_cli: CliRun, db_file: Path
) -> None:
    last = events(db_file)
    sql(db_file, "DELETE FROM audit_chain WHERE position > ?", (last - 3,))
    report = json.loads(bureau_cli("audit", "verify", "--format", "json", actor=None).output)
    assert report["first_problem"]["position"] == last - 2
    assert "appended after the last witnessed position" in report["first_problem"]["detail"]
    write = bureau_cli("org", "unit", "add", "--code", "NEW", "--unit-name", "新股")
    assert write.exit_code == 3 and "written outside the ledger" in write.output
    assert events(db_file) == last


def test_an_act_edited_by_hand_stops_its_actors_next_command_and_verify_names_it(
    bureau_cli: CliRun, db_file: Path
) -> None:
    """The clerk edits the principal leader's last act (and recomputes the witness): P01's next
    command would link to it, so it is refused (exit 3, nothing written) and verify names it."""
    position, _, _, state = chain_of(db_file, "P01")[-1]
    sql(
        db_file,
        "UPDATE stored_events SET state=? WHERE rowid=?",
        (forged_json({**json.loads(state), "commands": []}), position),
    )
    rewrite_witness(db_file)
    before = events(db_file)
    ended = bureau_cli(
        "org", "role", "end", "--staff-id", "S004", "--role", "unit_staff", "--reason", "调岗", actor="P01"
    )
    assert ended.exit_code == 3, ended.output
    assert "P01's last act with key" in ended.output and "does not verify" in ended.output
    assert events(db_file) == before
    verified = bureau_cli("audit", "verify", actor=None)
    assert verified.exit_code == 1
    assert f"NOT VERIFIED: first problem at position {position}: act signature invalid" in verified.output

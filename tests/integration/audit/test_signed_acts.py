"""Every act signed by its actor: the insider who edits, forges or reuses a key is caught.

At write time the ledger refuses an act that is not signed by its actor's registered key;
``audit verify`` finds, with no checkpoint and with the witness rewritten to match, any
stored event that differs from what its act signed, an act whose signature is not its
actor's, and an event no act signs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from eventsourcing.utils import get_topic

from aggregates.audit import SignedAct
from aggregates.errors import Refused
from aggregates.org import Staff, key_id
from cli.main import cli
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.interface import Ledger, build
from ledger.interface.audit import checkpoint, verify
from ledger.signing import KeyFolder
from tests.support.clock import FakeClock
from tests.support.ledger import run, setup_bureau
from tests.support.signing import act_by_hand, forged_json
from tests.support.tamper import edit, first, position_of, rewrite_witness, sql

ACT = get_topic(SignedAct.Signed)


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock, keys: KeyFolder) -> Path:
    """The bureau on a real file, every act signed; S002 then records a unit's draft-free act."""
    path = tmp_path / "ledger.db"
    app = LedgerApp(str(path), clock=clock, keys=keys)
    setup_bureau(app)
    clock.advance(hours=1)
    run(app, "S001", "org.unit.add", code="AUD", unit_name="审计股")
    app.close()
    return path


def test_a_signed_ledger_verifies_with_every_act_checked(db: Path) -> None:
    report = verify(str(db))
    assert report["ok"], report["findings"]
    assert report["signing"] == "required"
    acts = sql(db, "SELECT COUNT(*) FROM stored_events WHERE topic=?", (ACT,))[0][0]
    assert report["acts_checked"] == acts > 20  # one per command of the bureau


def test_an_edit_before_the_last_checkpoint_is_found_by_its_signature_without_any_checkpoint(
    db: Path, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    app = LedgerApp(str(db), clock=clock, keys=keys)
    checkpoint(Ledger(str(db), app), "S001", None, tmp_path / "cp.json")
    app.close()
    target = position_of(db, "Staff.Added", "李明")
    edit(db, target, "李明", "张三")
    rewrite_witness(db)
    report = verify(str(db))  # no checkpoint file, no key: the act that added 李明 is enough
    assert first(report) == (target, findings.ACT_MISMATCH)


def test_an_edit_after_the_last_checkpoint_is_found_by_its_signature(
    db: Path, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    app = LedgerApp(str(db), clock=clock, keys=keys)
    checkpoint(Ledger(str(db), app), "S001", None, tmp_path / "cp.json")
    clock.advance(hours=1)
    run(app, "S001", "org.unit.add", code="LATE", unit_name="后来股")
    app.close()
    target = position_of(db, "Unit.Established", "后来股")
    edit(db, target, "后来股", "另一股")
    rewrite_witness(db)
    assert first(verify(str(db), (tmp_path / "cp.json",))) == (target, findings.ACT_MISMATCH)


def test_an_act_in_another_staff_members_name_is_refused_at_write_time(
    bureau: LedgerApp, keys: KeyFolder
) -> None:
    before = bureau.max_position()
    s001 = keys.signer("S001")
    bureau.keys = None  # only the signer given is used
    # S001 revokes S002's key in S002's name (the holder may revoke their own key) …
    revoke = build("org.staff.key.revoke", {"staff_id": "S002", "reason": "冒名"})
    for signer, why in ((s001, "not the key registered for S002"), (None, "S002 has no signing key here")):
        with pytest.raises(Refused, match=why):
            bureau.execute([revoke], "S002", signer)  # … with S001's own key, or with none
    assert bureau.max_position() == before


def test_without_a_key_a_clerk_cannot_write_to_a_ledger_that_requires_signing(
    bureau: LedgerApp, clock: FakeClock, tmp_path: Path
) -> None:
    before = bureau.max_position()
    bureau.keys = KeyFolder(tmp_path / "empty")
    with pytest.raises(Refused, match="S001 has no signing key here"):
        run(bureau, "S001", "org.unit.add", code="NEW", unit_name="新股")
    assert bureau.max_position() == before


def forge(db: Path, actor: str, role: str, timestamp: str) -> int:
    """An event in ``actor``'s name ending S005's office role, written into the file by hand."""
    oid = Staff.id_for("S005").hex
    version = sql(db, "SELECT MAX(originator_version) FROM stored_events WHERE originator_id=?", (oid,))[0][0]
    state = {
        "actor": actor,
        "effective": "2026-11-20",
        "reason": "调岗",
        "role": role,
        "timestamp": timestamp,
    }
    cur = sql(
        db,
        "INSERT INTO stored_events VALUES (?, ?, ?, ?) RETURNING rowid",
        (oid, version + 1, get_topic(Staff.RoleEnded), forged_json(state)),
    )
    return int(cur[0][0])


NOW = "2026-11-20T03:00:00Z"


def test_an_event_forged_in_anothers_name_and_signed_with_the_forgers_key_is_found(
    db: Path, keys: KeyFolder
) -> None:
    forged = forge(db, "P01", "office_staff", NOW)
    act = act_by_hand(db, [forged], "P01", keys.signer("S001"), NOW)  # S001's key, P01's name
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (act, findings.ACT_BAD_SIGNATURE)
    assert "P01's key" in report["first_problem"]["detail"]


def test_an_event_forged_in_anothers_name_under_the_forgers_own_act_is_found(
    db: Path, keys: KeyFolder
) -> None:
    forged = forge(db, "P01", "office_staff", NOW)
    act_by_hand(db, [forged], "S001", keys.signer("S001"), NOW)  # a valid act of S001's own
    rewrite_witness(db)
    assert first(verify(str(db))) == (forged, findings.ACT_WRONG_ACTOR)


def test_an_event_signed_again_by_a_second_act_is_found_at_that_act(db: Path, keys: KeyFolder) -> None:
    unit = position_of(db, "Unit.Established", "审计股")  # already signed by S001's own act
    act = act_by_hand(db, [unit], "S001", keys.signer("S001"), NOW)
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (act, findings.SIGNED_TWICE)
    assert "signed by an earlier act too" in report["first_problem"]["detail"]


def test_an_act_naming_an_event_no_longer_stored_is_found_at_that_act(db: Path, keys: KeyFolder) -> None:
    forged = forge(db, "S001", "office_staff", NOW)
    act = act_by_hand(db, [forged], "S001", keys.signer("S001"), NOW)
    sql(db, "DELETE FROM stored_events WHERE rowid=?", (forged,))
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (act, findings.ACT_MISSING_EVENT)
    assert "is not stored before it" in report["first_problem"]["detail"]


def test_an_event_written_without_any_act_is_found(db: Path) -> None:
    forged = forge(db, "S001", "office_staff", NOW)
    rewrite_witness(db)
    assert first(verify(str(db))) == (forged, findings.UNSIGNED_EVENT)


def test_an_act_deleted_leaves_its_events_unsigned(db: Path) -> None:
    last_act = sql(db, "SELECT MAX(rowid) FROM stored_events WHERE topic=?", (ACT,))[0][0]
    unit = position_of(db, "Unit.Established", "审计股")
    sql(db, "DELETE FROM stored_events WHERE rowid=?", (last_act,))
    rewrite_witness(db)
    assert first(verify(str(db))) == (unit, findings.UNSIGNED_EVENT)


def test_a_junk_signature_is_found(db: Path) -> None:
    forged = forge(db, "S001", "office_staff", NOW)
    act = act_by_hand(db, [forged], "S001", None, NOW)
    rewrite_witness(db)
    assert first(verify(str(db))) == (act, findings.ACT_BAD_SIGNATURE)


def test_an_act_signed_after_its_key_was_revoked_is_refused_and_found(
    db: Path, clock: FakeClock, keys: KeyFolder
) -> None:
    app = LedgerApp(str(db), clock=clock, keys=keys)
    run(app, "S001", "org.staff.key.revoke", staff_id="S005", reason="电脑丢失")
    before = app.max_position()
    with pytest.raises(Refused, match="revoked"):
        run(app, "S005", "org.unit.add", code="NEW", unit_name="新股")
    assert app.max_position() == before
    app.close()
    assert verify(str(db))["ok"]
    # the thief with the lost key writes into the file by hand
    forged = forge(db, "S005", "office_staff", NOW)
    act = act_by_hand(db, [forged], "S005", keys.signer("S005"), NOW)
    rewrite_witness(db)
    assert first(verify(str(db))) == (act, findings.ACT_NO_KEY)


def test_rotation_keeps_the_old_acts_verifiable_and_retires_the_old_key(
    db: Path, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    app = LedgerApp(str(db), clock=clock, keys=keys)
    run(app, "S005", "org.unit.add", code="OLD", unit_name="旧钥股")  # signed with the first key
    new = KeyFolder(tmp_path / "s005-new")
    made = new.new("S005")
    result = run(app, "S001", "org.staff.key.register", staff_id="S005", public_key=made["public_key"])
    assert f"replacing {key_id(keys.signer('S005').public_key)}" in result["message"]  # type: ignore[union-attr]
    with pytest.raises(Refused, match="not the key registered for S005"):
        run(app, "S005", "org.unit.add", code="X", unit_name="x")  # the old key now signs nothing
    app.execute([_unit("NEW")], "S005", new.signer("S005"))
    app.close()
    report = verify(str(db))
    assert report["ok"], report["findings"]


def _unit(code: str) -> Any:
    return build("org.unit.add", {"code": code, "unit_name": code})


def test_a_key_change_is_never_corrected_or_retracted(bureau: LedgerApp) -> None:
    staff = bureau.get(Staff, Staff.id_for("S002"))
    assert staff is not None
    version = next(
        e.originator_version for e in staff.recorded_entries() if type(e).__name__ == "KeyRegistered"
    )
    for how in ({"replace": {"public_key": "00" * 32}}, {"retract": True}):
        with pytest.raises(Refused, match="key change"):
            run(bureau, "S001", "correct", aggregate="staff:S002", version=version, reason="x", **how)


def test_a_scratch_ledger_with_optional_signing_takes_unsigned_acts_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "scratch.db"
    app = LedgerApp(str(path), keys=KeyFolder(tmp_path / "no-keys"))
    run(app, "S001", "org.init", bureau="试验局", office_code="OFFICE", actor_name="王芳", signing="optional")
    run(app, "S001", "org.unit.add", code="FIN", unit_name="金融股")
    assert not sql(path, "SELECT 1 FROM stored_events WHERE topic=?", (ACT,))
    app.close()
    report = verify(str(path))
    assert report["ok"] and report["signing"] == "optional"


def test_audit_verify_says_the_signing_policy_and_how_many_acts_it_checked(db: Path) -> None:
    acts = sql(db, "SELECT COUNT(*) FROM stored_events WHERE topic=?", (ACT,))[0][0]
    result = CliRunner().invoke(cli, ["--db", str(db), "audit", "verify"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{acts} signed act(s) checked (signing required)" in result.output


def test_a_new_ledger_requires_its_founders_key(tmp_path: Path) -> None:
    app = LedgerApp(str(tmp_path / "new.db"), keys=KeyFolder(tmp_path / "no-keys"))
    with pytest.raises(Refused, match="ledger key new --staff-id S001"):
        run(app, "S001", "org.init", bureau="局", office_code="OFFICE", actor_name="王芳")
    assert app.max_position() == 0
    app.close()


def test_the_act_names_what_it_signs(db: Path) -> None:
    (state,) = sql(db, "SELECT state FROM stored_events WHERE topic=? ORDER BY rowid DESC LIMIT 1", (ACT,))[0]
    act = json.loads(state)
    assert act["actor"] == "S001" and [c[0] for c in act["commands"]] == ["org.unit.add"]
    assert len(act["events"]) == 1 and act["events"][0][2].endswith("Unit.Established")
    assert "审计股" not in state.decode()  # the command's text stays out of the act


def test_an_act_whose_own_record_is_edited_no_longer_verifies(db: Path) -> None:
    last_act, state = sql(
        db, "SELECT rowid, state FROM stored_events WHERE topic=? ORDER BY rowid DESC", (ACT,)
    )[0]
    act = json.loads(state)
    act["timestamp"] = "2026-01-05T01:00:00Z"  # the act moved back in time
    sql(db, "UPDATE stored_events SET state=? WHERE rowid=?", (forged_json(act), last_act))
    rewrite_witness(db)
    assert first(verify(str(db))) == (last_act, findings.ACT_BAD_SIGNATURE)

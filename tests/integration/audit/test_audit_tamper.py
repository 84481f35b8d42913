"""Tamper vectors against a real SQLite file: each is detected; the untouched file verifies.

The attacker has write access to the file and uses sqlite3 directly. Verification
reads the raw rows (``ledger.audit``), never the application layer.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.utils import get_topic

from aggregates.audit import SignedAct
from aggregates.errors import Refused, Unusable
from aggregates.org import Staff
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.audit.checkpoints import CHECKPOINT_TOPIC, read_checkpoint_file
from ledger.audit.keys import generate_key, load_private, sign
from ledger.interface import Ledger
from ledger.interface.audit import checkpoint, reestablish, register_key, replay_views, verify
from ledger.signing import KeyFolder
from ledger.storage.chain import WITNESS_TABLE
from tests.support.clock import FakeClock
from tests.support.ledger import refused_without_writing, run, setup_bureau
from tests.support.signing import act_by_hand
from tests.support.tamper import first, found, position_of, rewrite_witness, sql


@dataclass
class Sealed:
    db: Path
    key: Path
    pub: Path
    checkpoint: Path
    covered: int  # the checkpoint covers positions 1..covered
    last: int

    def verify(self, *, files: bool = True, pubkey: bool = True) -> dict[str, Any]:
        return verify(str(self.db), (self.checkpoint,) if files else (), self.pub if pubkey else None)


@pytest.fixture
def sealed(tmp_path: Path, clock: FakeClock, keys: KeyFolder) -> Sealed:
    """The bureau, a signed checkpoint handed out, then a few more entries; views caught up."""
    db = tmp_path / "ledger.db"
    key, pub = tmp_path / "bureau.pem", tmp_path / "bureau.pub"
    generate_key(key, pub)
    app = LedgerApp(str(db), clock=clock, keys=keys)
    setup_bureau(app)
    ledger = Ledger(str(db), app)
    register_key(ledger, "P01", pub)
    clock.advance(hours=1)
    cp = checkpoint(ledger, "S001", key, tmp_path / "checkpoint.json")
    clock.advance(hours=1)
    run(app, "S001", "org.unit.add", code="AUD", unit_name="审计股")
    run(app, "S001", "org.staff.add", staff_id="S010", staff_name="钱七", unit="AUD")
    ledger.directory()
    ledger.deadlines()
    ledger.notices()
    last = app.max_position()
    app.close()
    return Sealed(db, key, pub, tmp_path / "checkpoint.json", cp["position"], last)


def row(db: Path, position: int) -> tuple[Any, ...]:
    found = sql(
        db,
        "SELECT originator_id, originator_version, topic, state FROM stored_events WHERE rowid=?",
        (position,),
    )
    return tuple(found[0])


def act_boundary(db: Path, at_most: int) -> int:
    """The last position, up to ``at_most``, that ends a signed act (a clean cut for a truncation)."""
    topic = get_topic(SignedAct.Signed)
    rows = sql(db, "SELECT MAX(rowid) FROM stored_events WHERE rowid <= ? AND topic=?", (at_most, topic))
    return int(rows[0][0])


def kinds(report: dict[str, Any]) -> set[str]:
    return {f["kind"] for f in report["findings"] if f["error"]}


def test_untouched_file_verifies_clean_against_witness_checkpoints_and_key(sealed: Sealed) -> None:
    report = sealed.verify()
    assert report["ok"], report["findings"]
    assert report["events"] == sealed.last == report["last_position"]
    assert report["checkpoints_checked"] == 2  # the one recorded in the ledger, and the file


def test_changed_payload_byte_is_found_at_its_position(sealed: Sealed) -> None:
    target = position_of(sealed.db, "Staff.Added", "李明")
    state = bytearray(row(sealed.db, target)[3])
    state[state.index("李".encode())] ^= 0x01
    sql(sealed.db, "UPDATE stored_events SET state=? WHERE rowid=?", (bytes(state), target))
    report = sealed.verify()
    assert first(report) == (target, findings.PAYLOAD_CHANGED)
    assert findings.CHECKPOINT_MISMATCH in kinds(report)  # both checkpoints cover it


def test_changed_topic_is_found(sealed: Sealed) -> None:
    target = position_of(sealed.db, "Staff.RoleAssigned", "group_member")
    sql(
        sealed.db,
        "UPDATE stored_events SET topic=? WHERE rowid=?",
        ("aggregates.org:Staff.RoleEnded", target),
    )
    report = sealed.verify()
    assert first(report) == (target, findings.TOPIC_CHANGED)
    assert "Staff.RoleEnded" in report["first_problem"]["detail"]


def test_deleted_middle_event_is_found(sealed: Sealed) -> None:
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid=?", (7,))
    assert first(sealed.verify()) == (7, findings.DELETED)


def test_deleted_last_event_is_found_and_the_ledger_refuses_to_reuse_its_position(
    sealed: Sealed, clock: FakeClock, keys: KeyFolder
) -> None:
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid=?", (sealed.last,))
    report = sealed.verify()
    assert (sealed.last, findings.TRUNCATED) in found(report)
    assert (sealed.last - 1, findings.UNSIGNED_EVENT) in found(report)  # the act gone, its event unsigned
    assert findings.TRACKING_AHEAD in kinds(report)
    app = LedgerApp(str(sealed.db), clock=clock, keys=keys)
    with pytest.raises(Unusable, match=f"position {sealed.last} is already on the audit chain"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    assert app.max_position() == sealed.last - 1
    app.close()


def test_inserted_event_is_found(sealed: Sealed) -> None:
    _oid, _, topic, state = row(sealed.db, sealed.last)
    forged = Staff.id_for("S999").hex
    sql(sealed.db, "INSERT INTO stored_events VALUES (?, ?, ?, ?)", (forged, 1, topic, state))
    assert first(sealed.verify()) == (sealed.last + 1, findings.INSERTED)


def test_event_put_into_the_gap_of_a_deleted_one_is_found(sealed: Sealed) -> None:
    _, _, topic, state = row(sealed.db, 9)
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid=9")
    sql(
        sealed.db,
        "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) "
        "VALUES (9, ?, 1, ?, ?)",
        (Staff.id_for("S999").hex, topic, state),
    )
    assert first(sealed.verify()) == (9, findings.REPLACED)


def test_two_swapped_events_are_found(sealed: Sealed) -> None:
    a, b = row(sealed.db, 10), row(sealed.db, 11)
    with sqlite3.connect(sealed.db) as conn:
        update = (
            "UPDATE stored_events SET originator_id=?, originator_version=?, topic=?, state=? WHERE rowid=?"
        )
        conn.execute(update, ("tmp", 0, "tmp", b"", 10))
        conn.execute(update, (*a, 11))
        conn.execute(update, (*b, 10))
    conn.close()
    report = sealed.verify()
    assert first(report) == (10, findings.SWAPPED)
    assert "positions 10 and 11" in report["first_problem"]["detail"]


def test_an_event_moved_to_another_position_is_found_where_it_now_stands(sealed: Sealed) -> None:
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid=9")
    sql(sealed.db, "UPDATE stored_events SET rowid=9 WHERE rowid=7")
    report = sealed.verify()
    assert first(report) == (9, findings.MOVED)
    assert "was recorded at position 7" in report["first_problem"]["detail"]
    assert (7, findings.DELETED) not in found(report)  # not lost: it stands elsewhere


def test_tail_truncated_after_a_checkpoint_is_found_even_with_witness_and_tracking_trimmed(
    sealed: Sealed,
) -> None:
    cut = act_boundary(sealed.db, sealed.covered - 3)  # whole acts removed: every signature still holds
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid > ?", (cut,))
    assert first(sealed.verify()) == (cut + 1, findings.TRUNCATED)
    # the forger trims the witness and the projections' tracking too: the handed-out checkpoint remains
    sql(sealed.db, f"DELETE FROM {WITNESS_TABLE} WHERE position > ?", (cut,))
    sql(sealed.db, "UPDATE tracking SET notification_id=? WHERE application_name != '__migration__'", (cut,))
    assert sealed.verify(files=False, pubkey=False)["ok"]
    report = sealed.verify()
    assert first(report) == (cut + 1, findings.TRUNCATED)
    assert "covers positions up to" in report["first_problem"]["detail"]


def test_events_after_the_checkpoint_truncated_are_found_by_witness_and_tracking(sealed: Sealed) -> None:
    sql(sealed.db, "DELETE FROM stored_events WHERE rowid > ?", (sealed.covered + 1,))
    report = sealed.verify()
    assert (sealed.covered + 2, findings.TRUNCATED) in found(report)
    assert findings.TRACKING_AHEAD in kinds(report)


def forged_role(db: Path, timestamp: str) -> tuple[str, int, str, bytes]:
    """A RoleAssigned making S002 office staff, as the forger would write it."""
    oid = Staff.id_for("S002").hex
    version = sql(db, "SELECT MAX(originator_version) FROM stored_events WHERE originator_id=?", (oid,))[0][0]
    state = {
        "actor": "S001",
        "effective": "2026-06-30",
        "grant": {"areas": [], "role": "office_staff", "unit": "OFFICE"},
        "timestamp": timestamp,
    }
    data = json.dumps(state, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return oid, version + 1, "aggregates.org:Staff.RoleAssigned", data


def test_backdated_forged_event_appended_with_a_recomputed_chain_is_found_by_the_checkpoint_time(
    sealed: Sealed,
) -> None:
    sql(
        sealed.db,
        "INSERT INTO stored_events VALUES (?, ?, ?, ?)",
        forged_role(sealed.db, "2026-06-30T02:00:00Z"),
    )
    rewrite_witness(sealed.db)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (sealed.last + 1, findings.BACKDATED)


def test_forged_event_covered_by_a_forged_checkpoint_is_found_by_the_bureaus_key(
    sealed: Sealed, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    clock.advance(hours=1)
    forged = forged_role(sealed.db, clock.now.isoformat().replace("+00:00", "Z"))
    sql(sealed.db, "INSERT INTO stored_events VALUES (?, ?, ?, ?)", forged)
    # the forger is S001 and signs the forged entry with their own key, as their own act
    act_by_hand(
        sealed.db,
        [sealed.last + 1],
        "S001",
        keys.signer("S001"),
        clock.now.isoformat().replace("+00:00", "Z"),
    )
    rewrite_witness(sealed.db)
    # …registers a key of the forger's own in the principal leader's name (with P01's signing
    # key too: without it, that act is refused, see test_signed_acts), and records a
    # checkpoint over it signed with that key
    generate_key(tmp_path / "forger.pem", tmp_path / "forger.pub")
    app = LedgerApp(str(sealed.db), clock=clock, keys=keys)
    register_key(Ledger(str(sealed.db), app), "P01", tmp_path / "forger.pub")
    checkpoint(Ledger(str(sealed.db), app), "S001", tmp_path / "forger.pem", tmp_path / "forged.json")
    app.close()
    assert sealed.verify(files=False, pubkey=False)["ok"]  # self-consistent: only the key can tell
    report = sealed.verify(files=False, pubkey=True)
    # forged event, its act, the key registration and its act, then the checkpoint
    assert first(report) == (sealed.last + 5, findings.FOREIGN_KEY)
    report = verify(str(sealed.db), (tmp_path / "forged.json",), sealed.pub)
    assert findings.FOREIGN_KEY in kinds(report)


def test_derived_tables_rewritten_to_match_a_forged_history_are_found_by_the_signed_checkpoints(
    sealed: Sealed, clock: FakeClock, keys: KeyFolder
) -> None:
    target = position_of(sealed.db, "Staff.Added", "李明")
    _oid, _version, _topic, state = row(sealed.db, target)
    sql(
        sealed.db,
        "UPDATE stored_events SET state=? WHERE rowid=?",
        (state.decode().replace("李明", "张三").encode(), target),
    )
    rewrite_witness(sealed.db)
    # the forger re-records the in-ledger checkpoint's head for the forged history …
    forged_head = sql(sealed.db, f"SELECT link FROM {WITNESS_TABLE} WHERE position=?", (sealed.covered,))[0][
        0
    ]
    cp_row, cp_state = sql(
        sealed.db, "SELECT rowid, state FROM stored_events WHERE topic=?", (CHECKPOINT_TOPIC,)
    )[0]
    data = json.loads(cp_state)
    data["head"] = forged_head
    encoded = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    sql(sealed.db, "UPDATE stored_events SET state=? WHERE rowid=?", (encoded, cp_row))
    rewrite_witness(sealed.db)
    # … and the directory's live rows, so a replay agrees with the forged log
    key = "staff:S002"
    value = json.loads(sql(sealed.db, "SELECT value FROM projection_rows WHERE key=?", (key,))[0][0])
    value["name"] = "张三"
    sql(
        sealed.db,
        "UPDATE projection_rows SET value=? WHERE key=?",
        (json.dumps(value, ensure_ascii=False, sort_keys=True), key),
    )
    app = LedgerApp(str(sealed.db), clock=clock, keys=keys)
    assert replay_views(Ledger(str(sealed.db), app))["ok"]  # replay alone proves consistency, not integrity
    app.close()

    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (target, findings.ACT_MISMATCH)  # the act that added 李明 signed his name
    assert (cp_row, findings.BAD_SIGNATURE) in found(report)  # the old signature does not cover the new head
    report = sealed.verify(files=True, pubkey=False)
    assert (sealed.covered, findings.CHECKPOINT_MISMATCH) in {
        (f["position"], f["kind"]) for f in report["findings"]
    }

    # stripping the signature: the ledger never records an unsigned checkpoint once a key is registered
    data["public_key"] = data["signature"] = None
    encoded = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    sql(sealed.db, "UPDATE stored_events SET state=? WHERE rowid=?", (encoded, cp_row))
    rewrite_witness(sealed.db)
    assert (cp_row, findings.UNSIGNED) in found(sealed.verify(files=False, pubkey=False))
    assert (cp_row, findings.UNSIGNED) in found(sealed.verify(files=False, pubkey=True))
    assert first(sealed.verify()) == (target, findings.ACT_MISMATCH)  # and the signed act still anchors


def test_checkpoint_file_with_a_bad_signature_is_found(sealed: Sealed, tmp_path: Path) -> None:
    data = json.loads(sealed.checkpoint.read_text())
    data["signature"] = ("0" if data["signature"][0] != "0" else "1") + data["signature"][1:]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    report = verify(str(sealed.db), (bad,), None)
    assert first(report) == (sealed.covered, findings.BAD_SIGNATURE)


def test_checkpoint_file_claiming_another_head_with_a_matching_self_signature_is_found(
    sealed: Sealed, tmp_path: Path
) -> None:
    generate_key(tmp_path / "other.pem", tmp_path / "other.pub")
    data = json.loads(sealed.checkpoint.read_text())
    claim = read_checkpoint_file(sealed.checkpoint)
    data["public_key"], data["signature"] = sign(load_private(tmp_path / "other.pem"), claim.message())
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data))
    assert findings.FOREIGN_KEY in kinds(verify(str(sealed.db), (other,), sealed.pub))


def test_witness_edited_without_relinking_is_found(sealed: Sealed) -> None:
    sql(sealed.db, f"UPDATE {WITNESS_TABLE} SET state_sha256=? WHERE position=5", ("00" * 32,))
    report = sealed.verify()
    assert (5, findings.WITNESS_ALTERED) in {(f["position"], f["kind"]) for f in report["findings"]}


def test_a_change_between_two_checkpoints_is_narrowed_to_the_positions_between_them(
    sealed: Sealed, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    app = LedgerApp(str(sealed.db), clock=clock, keys=keys)
    clock.advance(hours=1)
    later = checkpoint(Ledger(str(sealed.db), app), "S001", sealed.key, tmp_path / "later.json")
    app.close()
    target = sealed.covered + 3  # after the first checkpoint, before the second
    state = row(sealed.db, target)[3]
    sql(
        sealed.db, "UPDATE stored_events SET state=? WHERE rowid=?", (state.replace(b"S001", b"S005"), target)
    )
    rewrite_witness(sealed.db)  # the witness cannot say where: the checkpoints bound it
    report = verify(str(sealed.db), (sealed.checkpoint, tmp_path / "later.json"), sealed.pub)
    mismatches = [f for f in report["findings"] if f["kind"] == findings.CHECKPOINT_MISMATCH]
    assert mismatches and all(f["position"] == later["position"] for f in mismatches)
    assert f"the change is in positions {sealed.covered + 1}–{later['position']}" in mismatches[0]["detail"]


def test_a_ledger_recorded_before_the_witness_existed_is_not_witnessed_silently_but_by_a_signed_act(
    tmp_path: Path, clock: FakeClock, keys: KeyFolder
) -> None:
    """Opening a file without a witness never rebuilds it: that would launder whatever is stored."""
    from eventsourcing.application import Application
    from eventsourcing.sqlite import SQLiteApplicationRecorder
    from eventsourcing.utils import get_topic

    from ledger.storage import persistence_env

    db = tmp_path / "old.db"

    class OldApp(LedgerApp):
        def __init__(self) -> None:
            self.db, self.clock, self.keys = str(db), clock, keys
            env = {
                **persistence_env(str(db)),
                "APPLICATION_RECORDER_TOPIC": get_topic(SQLiteApplicationRecorder),
            }
            Application.__init__(self, env=env)

    old = OldApp()
    setup_bureau(old)
    old.close()
    assert first(verify(str(db))) == (1, findings.NO_WITNESS)
    app = LedgerApp(str(db), clock=clock, keys=keys)
    assert first(verify(str(db))) == (1, findings.NO_WITNESS)  # opened, still not witnessed
    with pytest.raises(Unusable, match=r"witness .* is missing"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    key, pub = tmp_path / "bureau.pem", tmp_path / "bureau.pub"
    generate_key(key, pub)
    ledger = Ledger(str(db), app)
    with pytest.raises(Refused, match="only the principal leader"):
        reestablish(ledger, "S001", key, "written before the audit chain existed")
    reestablish(ledger, "P01", key, "written before the audit chain existed")
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    report = verify(str(db), (), pub)
    assert report["ok"], report["findings"]
    breaks = [f for f in report["findings"] if f["kind"] == findings.CHAIN_BREAK]
    assert len(breaks) == 1 and "P01 re-established it" in breaks[0]["detail"]


def test_a_checkpoint_of_a_head_the_chain_never_had_is_refused_and_nothing_written(bureau: LedgerApp) -> None:
    """The insider who runs the command by hand to vouch for a history of their own making."""
    position = bureau.max_position()
    real = bureau.witness_link(position)
    assert real is not None
    fields = {"origin": "x", "size": position}
    for at, head in ((position, "0" * 64), (position + 5, real)):
        message = refused_without_writing(
            bureau, Refused, "S001", "audit.checkpoint", position=at, head=head, **fields
        )
        assert "does not have head" in message
    run(bureau, "S001", "audit.checkpoint", position=position, head=real, **fields)


def test_an_in_memory_ledger_is_verified_and_checkpointed_through_its_own_connection(
    bureau: LedgerApp, tmp_path: Path
) -> None:
    result = checkpoint(Ledger(":memory:", bureau), "S001", None, tmp_path / "cp.json")
    assert result["position"] == bureau.max_position() - 2  # the checkpoint event and its act follow
    assert result["head"] == bureau.witness_link(result["position"])

"""An actor's acts under one key are chained: each names the one before it, so the signature
on the latest vouches for all, and ``audit verify`` checks one signature per chain.

The insider has write access to the file, the source code, and their own key (S001, the
office). They edit, delete, insert, swap and relink other people's acts and rewrite the
witness to match; each is found, at the position of what they changed, without any
checkpoint. A ledger signed before acts were chained still verifies, act by act.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from aggregates.audit import SignedAct
from aggregates.errors import Unusable
from aggregates.org import Staff, key_id
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.interface.audit import verify
from ledger.signing import KeyFolder
from tests.support.clock import FakeClock
from tests.support.ledger import run, setup_bureau
from tests.support.signing import ACT, act_by_hand, chain_of, digest, forged_json
from tests.support.tamper import first, found, rewrite_witness, sql

DATA = Path(__file__).resolve().parents[2] / "data"
NOW = "2026-11-20T05:00:00Z"


@pytest.fixture
def db(tmp_path: Path, clock: FakeClock, keys: KeyFolder) -> Path:
    """The bureau on a real file; then S001 adds three units, one act each."""
    path = tmp_path / "ledger.db"
    app = LedgerApp(str(path), clock=clock, keys=keys)
    setup_bureau(app)
    for code in ("A1", "A2", "A3"):
        clock.advance(hours=1)
        run(app, "S001", "org.unit.add", code=code, unit_name=f"{code}股")
    app.close()
    return path


def actors(db: Path) -> set[str]:
    states = sql(db, "SELECT state FROM stored_events WHERE topic=?", (ACT,))
    return {json.loads(state)["actor"] for (state,) in states}


def replace_state(db: Path, position: int, state: bytes) -> None:
    sql(db, "UPDATE stored_events SET state=? WHERE rowid=?", (state, position))


def edited(state: bytes, **fields: object) -> bytes:
    return forged_json({**json.loads(state), **fields})


def unit_act(db: Path, code: str) -> tuple[int, int]:
    """(the Unit.Established of ``code``, the act that signs it)."""
    for position, _oid, _v, state in chain_of(db, "S001"):
        (oid, version, _topic, _digest) = json.loads(state)["events"][0]
        row = sql(
            db,
            "SELECT rowid, state FROM stored_events WHERE originator_id=? AND originator_version=?",
            (oid, version),
        )
        if row and f'"code":"{code}"'.encode() in row[0][1]:
            return int(row[0][0]), position
    raise AssertionError(f"no unit {code}")


def test_each_act_follows_its_actors_last_act_with_the_same_key(db: Path, keys: KeyFolder) -> None:
    for actor in actors(db):
        chain = chain_of(db, actor)
        signer = keys.signer(actor)
        assert signer is not None
        stream = SignedAct.chain_for(actor, key_id(signer.public_key)).hex
        assert [(oid, version) for _, oid, version, _ in chain] == [
            (stream, n) for n in range(1, len(chain) + 1)
        ]
        links = [json.loads(state)["previous"] for _, _, _, state in chain]
        assert links == [None] + [digest(state) for _, _, _, state in chain[:-1]]


def test_verify_checks_every_link_and_one_signature_per_chain(db: Path) -> None:
    report = verify(str(db))
    assert report["ok"], report["findings"]
    assert report["signatures_checked"] == len(actors(db)) < report["acts_checked"]


def test_an_early_act_of_another_staff_member_edited_is_found_at_its_position(db: Path) -> None:
    chain = chain_of(db, "P01")
    (early, _, _, state), (after, _, _, _) = chain[0], chain[1]
    replace_state(db, early, edited(state, timestamp="2026-01-04T01:00:00Z"))  # the act moved back a day
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (early, findings.ACT_BAD_SIGNATURE)
    assert "P01's key" in report["first_problem"]["detail"]
    assert (after, findings.ACT_CHAIN_BROKEN) in found(report)


def test_an_edit_relinked_through_every_later_act_is_found_at_the_first_act_changed(db: Path) -> None:
    """The insider rewrites each later act's link to match: only P01's key could re-sign them."""
    chain = chain_of(db, "P01")
    previous: str | None = None
    for n, (position, _, _, state) in enumerate(chain):
        changes: dict[str, object] = {"previous": previous}
        if n == 1:
            changes["timestamp"] = "2026-01-04T01:00:00Z"
        new = edited(state, **changes)
        replace_state(db, position, new)
        previous = digest(new)
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (chain[1][0], findings.ACT_BAD_SIGNATURE)  # the act edited, no earlier
    bad = {p for p, kind in found(report) if kind == findings.ACT_BAD_SIGNATURE}
    assert bad == {p for p, _, _, _ in chain[1:]}  # every act relinked after it, none before
    assert not {kind for _, kind in found(report)} - {findings.ACT_BAD_SIGNATURE}


def test_an_act_in_anothers_name_signed_with_the_insiders_key_and_linked_into_their_chain_is_found(
    db: Path, clock: FakeClock, keys: KeyFolder
) -> None:
    """S001 ends S005's office role in P01's name, signs it with S001's own key, and links it
    after P01's last act in P01's own stream, so that P01's next act would follow it."""
    oid = Staff.id_for("S005").hex
    version = sql(db, "SELECT MAX(originator_version) FROM stored_events WHERE originator_id=?", (oid,))[0][0]
    role = {
        "actor": "P01",
        "effective": "2026-11-20",
        "reason": "调岗",
        "role": "office_staff",
        "timestamp": NOW,
    }
    (event,) = sql(
        db,
        "INSERT INTO stored_events VALUES (?, ?, ?, ?) RETURNING rowid",
        (oid, version + 1, "aggregates.org:Staff.RoleEnded", forged_json(role)),
    )[0]
    _, stream, last, state = chain_of(db, "P01")[-1]
    act = act_by_hand(db, [event], "P01", keys.signer("S001"), NOW, digest(state), (stream, last + 1))
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (act, findings.ACT_BAD_SIGNATURE)
    assert "P01's key" in report["first_problem"]["detail"]
    # P01's own next act will not follow it: refused, nothing written
    app = LedgerApp(str(db), clock=clock, keys=keys)
    before = app.max_position()
    with pytest.raises(Unusable, match=r"P01's last act with key .* does not verify"):
        run(app, "P01", "org.role.end", staff_id="S004", role="unit_staff", reason="调岗")
    assert app.max_position() == before
    app.close()


def test_a_last_act_edited_is_never_vouched_for_by_the_next_one(
    db: Path, clock: FakeClock, keys: KeyFolder
) -> None:
    position, _, _, state = chain_of(db, "S001")[-1]
    replace_state(db, position, edited(state, commands=[]))
    rewrite_witness(db)
    app = LedgerApp(str(db), clock=clock, keys=keys)
    with pytest.raises(Unusable, match=r"S001's last act .* does not verify"):
        run(app, "S001", "org.unit.add", code="A4", unit_name="A4股")
    app.close()
    assert first(verify(str(db))) == (position, findings.ACT_BAD_SIGNATURE)


def test_an_act_deleted_with_its_events_from_the_middle_of_a_chain_is_found_without_any_checkpoint(
    db: Path,
) -> None:
    event, act = unit_act(db, "A2")
    _, next_act = unit_act(db, "A3")
    sql(db, "DELETE FROM stored_events WHERE rowid IN (?, ?)", (event, act))
    rewrite_witness(db)
    report = verify(str(db))
    assert first(report) == (next_act, findings.ACT_CHAIN_BROKEN)
    a1 = unit_act(db, "A1")[1]
    assert f"their last act with it is at position {a1}" in report["first_problem"]["detail"]


def test_a_link_forged_to_skip_a_deleted_act_is_found(db: Path) -> None:
    _, a1 = unit_act(db, "A1")
    event, a2 = unit_act(db, "A2")
    _, a3 = unit_act(db, "A3")
    sql(db, "DELETE FROM stored_events WHERE rowid IN (?, ?)", (event, a2))
    (a1_state,) = sql(db, "SELECT state FROM stored_events WHERE rowid=?", (a1,))[0]
    (a3_state,) = sql(db, "SELECT state FROM stored_events WHERE rowid=?", (a3,))[0]
    replace_state(db, a3, edited(a3_state, previous=digest(a1_state)))  # A3 now follows A1
    rewrite_witness(db)
    assert first(verify(str(db))) == (a3, findings.ACT_BAD_SIGNATURE)


def test_two_acts_of_one_chain_swapped_are_found(db: Path) -> None:
    _, a1 = unit_act(db, "A1")
    _, a2 = unit_act(db, "A2")
    (s1,), (s2,) = (sql(db, "SELECT state FROM stored_events WHERE rowid=?", (p,))[0] for p in (a1, a2))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE stored_events SET state=? WHERE rowid=?", (s2, a1))
        conn.execute("UPDATE stored_events SET state=? WHERE rowid=?", (s1, a2))
    conn.close()
    rewrite_witness(db)
    report = verify(str(db))
    assert (a1, findings.ACT_CHAIN_BROKEN) in found(report)  # A2 now comes before the act it follows
    assert first(report)[0] == a1


def test_the_last_act_before_a_rotation_is_checked_at_the_key_boundary(
    db: Path, clock: FakeClock, keys: KeyFolder, tmp_path: Path
) -> None:
    app = LedgerApp(str(db), clock=clock, keys=keys)
    run(app, "S005", "org.unit.add", code="OLD", unit_name="旧钥股")  # S005's last act with the first key
    new = KeyFolder(tmp_path / "s005-new")
    run(app, "S001", "org.staff.key.register", staff_id="S005", public_key=new.new("S005")["public_key"])
    app.keys = new
    run(app, "S005", "org.unit.add", code="NEW", unit_name="新钥股")
    app.close()
    report = verify(str(db))
    assert report["ok"], report["findings"]
    assert report["signatures_checked"] == len(actors(db)) + 1  # S005 has two chains, one per key
    old_last, _, _, state = chain_of(db, "S005")[-2]
    replace_state(db, old_last, edited(state, commands=[]))
    rewrite_witness(db)
    assert first(verify(str(db))) == (old_last, findings.ACT_BAD_SIGNATURE)


def old_signed_copy(tmp_path: Path) -> Path:
    """``tests/data/signed-before-chains.sqlite``: the bureau and two acts of S001's, each act
    signed as the code before chained acts signed them (one aggregate per act, no ``previous``),
    with the staff's keys beside it in ``signed-before-chains-keys``."""
    db = tmp_path / "old-signed.sqlite"
    shutil.copyfile(DATA / "signed-before-chains.sqlite", db)
    return db


def test_a_ledger_signed_before_acts_were_chained_verifies_act_by_act(tmp_path: Path) -> None:
    db = old_signed_copy(tmp_path)
    report = verify(str(db))
    assert report["ok"], report["findings"]
    assert report["signing"] == "required"
    assert report["signatures_checked"] == report["acts_checked"] > 20  # no links: each on its own
    early, _, _, state = chain_of(db, "P01")[0]
    replace_state(db, early, edited(state, timestamp="2026-01-04T01:00:00Z"))
    rewrite_witness(db)
    assert first(verify(str(db))) == (early, findings.ACT_BAD_SIGNATURE)


def test_acts_written_on_a_ledger_signed_before_chains_start_their_chains_and_verify(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = old_signed_copy(tmp_path)
    old = verify(str(db))["acts_checked"]
    app = LedgerApp(str(db), clock=clock, keys=KeyFolder(DATA / "signed-before-chains-keys"))
    for code in ("N1", "N2"):
        run(app, "S001", "org.unit.add", code=code, unit_name=f"{code}股")
    app.close()
    new = chain_of(db, "S001")[-2:]
    assert [json.loads(state)["previous"] for _, _, _, state in new] == [None, digest(new[0][3])]
    report = verify(str(db))
    assert report["ok"], report["findings"]
    assert report["signatures_checked"] == old + 1  # the old acts one by one, the new chain once

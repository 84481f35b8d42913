"""Tamper vectors against a real PostgreSQL database: the twins of ``test_audit_tamper``.

The attacker has the database role the ledger uses and edits ``ledger_events`` with
psycopg: edit, delete, insert, swap, truncate, with and without the witness rewritten.
Verification reads the raw rows in one read-only snapshot, never the application layer.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner

from aggregates.audit import SignedAct
from aggregates.errors import Refused, Unusable
from aggregates.org import Staff, key_id
from cli.main import cli
from ledger.application import LedgerApp
from ledger.audit import findings
from ledger.audit.keys import generate_key
from ledger.audit.raw import open_raw
from ledger.audit.verify import verify_connection
from ledger.interface import Ledger
from ledger.interface.audit import checkpoint, monitor, receipt, reestablish, register_key, verify
from ledger.signing import KeyFolder
from ledger.storage.chain import GENESIS, WITNESS_TABLE, witness_rows
from ledger.storage.chain_postgres import EVENTS_TABLE, TRACKING_TABLE, raw_row
from tests.support.clock import FakeClock
from tests.support.ledger import refused_without_writing, run, setup_bureau
from tests.support.postgres import MARKS, Snapshot, database, sql, sql_many
from tests.support.signing import ACT, act_state, digest
from tests.support.tamper import first, found

pytestmark = MARKS
EVENTS = EVENTS_TABLE  # ledger_events: eventsourcing names it after the application
START = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@dataclass
class Sealed:
    url: str
    key: Path
    pub: Path
    checkpoint: Path
    covered: int  # the checkpoint covers positions 1..covered
    last: int
    clock: FakeClock

    def verify(self, *, files: bool = True, pubkey: bool = True) -> dict[str, Any]:
        return verify(self.url, (self.checkpoint,) if files else (), self.pub if pubkey else None)

    def app(self) -> LedgerApp:
        return LedgerApp(self.url, clock=self.clock)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Sealed, Snapshot]]:
    """The bureau, a signed checkpoint handed out, then a few more entries; views caught up. Built once."""
    folder = tmp_path_factory.mktemp("sealed")
    generate_key(folder / "bureau.pem", folder / "bureau.pub")
    clock = FakeClock(START)
    with database() as url:
        app = LedgerApp(url, clock=clock)
        setup_bureau(app)
        ledger = Ledger(url, app)
        register_key(ledger, "P01", folder / "bureau.pub")
        clock.advance(hours=1)
        cp = checkpoint(ledger, "S001", folder / "bureau.pem", folder / "checkpoint.json")
        clock.advance(hours=1)
        run(app, "S001", "org.unit.add", code="AUD", unit_name="审计股")
        run(app, "S001", "org.staff.add", staff_id="S010", staff_name="钱七", unit="AUD")
        ledger.directory()
        ledger.deadlines()
        last = app.max_position()
        app.close()
        files = (folder / "bureau.pem", folder / "bureau.pub", folder / "checkpoint.json")
        yield Sealed(url, *files, cp["position"], last, clock), Snapshot(url)


@pytest.fixture
def sealed(built: tuple[Sealed, Snapshot]) -> Iterator[Sealed]:
    """The sealed ledger as built, whatever the test before did to it."""
    ledger, snapshot = built
    snapshot.restore()
    yield replace(ledger, clock=FakeClock(ledger.clock.now))


def row(url: str, position: int) -> tuple[Any, ...]:
    rows = sql(
        url,
        f"SELECT originator_id, originator_version, topic, state FROM {EVENTS} WHERE notification_id=%s",
        (position,),
    )
    return tuple(rows[0])


def position_of(url: str, topic_suffix: str, text: str) -> int:
    for position, topic, state in sql(url, f"SELECT notification_id, topic, state FROM {EVENTS} ORDER BY 1"):
        if topic.endswith(topic_suffix) and text in bytes(state).decode():
            return int(position)
    raise AssertionError(f"no {topic_suffix} with {text}")


def rewrite_witness(url: str) -> None:
    """What a forger with the source code does: recompute the whole witness from the forged rows."""
    rows = [
        raw_row(r)
        for r in sql(
            url,
            f"SELECT notification_id, originator_id, originator_version, topic, state "
            f"FROM {EVENTS} ORDER BY 1",
        )
    ]
    sql(url, f"DELETE FROM {WITNESS_TABLE}")
    sql_many(url, f"INSERT INTO {WITNESS_TABLE} VALUES (%s, %s, %s, %s, %s, %s)", witness_rows(rows, GENESIS))


def act_boundary(url: str, at_most: int) -> int:
    """The last position up to ``at_most`` that ends a signed act: a cut there removes whole acts."""
    from eventsourcing.utils import get_topic

    from aggregates.audit import SignedAct

    topic = get_topic(SignedAct.Signed)
    rows = sql(
        url,
        f"SELECT MAX(notification_id) FROM {EVENTS} WHERE notification_id <= %s AND topic=%s",
        (at_most, topic),
    )
    return int(rows[0][0])


def kinds(report: dict[str, Any]) -> set[str]:
    return {f["kind"] for f in report["findings"] if f["error"]}


def forged_role(url: str, timestamp: str, actor: str = "S001") -> tuple[str, int, str, bytes]:
    """A RoleAssigned making S002 office staff, recorded in ``actor``'s name, as the forger would write it."""
    oid = Staff.id_for("S002")
    version = sql(url, f"SELECT MAX(originator_version) FROM {EVENTS} WHERE originator_id=%s", (oid,))[0][0]
    state = {
        "actor": actor,
        "effective": "2026-06-30",
        "grant": {"areas": [], "role": "office_staff", "unit": "OFFICE"},
        "timestamp": timestamp,
    }
    data = json.dumps(state, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    return str(oid), version + 1, "aggregates.org:Staff.RoleAssigned", data


def insert(url: str, values: tuple[Any, ...], position: int | None = None) -> int:
    """A row slipped in by hand (its position from the ledger's own sequence, or one chosen)."""
    if position is None:
        statement = (
            f"INSERT INTO {EVENTS} (originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)"
        )
        return int(sql(url, statement + " RETURNING notification_id", values)[0][0])
    sql(
        url,
        f"INSERT INTO {EVENTS} (notification_id, originator_id, originator_version, topic, state) "
        "VALUES (%s, %s, %s, %s, %s)",
        (position, *values),
    )
    return position


def test_untouched_database_verifies_clean_against_witness_checkpoints_and_key(sealed: Sealed) -> None:
    report = sealed.verify()
    assert report["ok"], report["findings"]
    assert report["events"] == sealed.last == report["last_position"]
    assert report["checkpoints_checked"] == 2  # the one recorded in the ledger, and the file
    assert sealed.url.rsplit("/", 1)[-1] in report["source"] and "ledger:***@" in report["source"]
    # the acts' links all checked, one signature per actor's chain: the same path as on SQLite
    chains = sql(sealed.url, f"SELECT COUNT(DISTINCT originator_id) FROM {EVENTS} WHERE topic=%s", (ACT,))
    assert report["signatures_checked"] == chains[0][0] < report["acts_checked"]


def test_changed_payload_byte_is_found_at_its_position(sealed: Sealed) -> None:
    target = position_of(sealed.url, "Staff.Added", "李明")
    state = bytearray(row(sealed.url, target)[3])
    state[state.index("李".encode())] ^= 0x01
    sql(sealed.url, f"UPDATE {EVENTS} SET state=%s WHERE notification_id=%s", (bytes(state), target))
    report = sealed.verify()
    assert first(report) == (target, findings.PAYLOAD_CHANGED)
    assert findings.CHECKPOINT_MISMATCH in kinds(report)


def test_changed_topic_is_found(sealed: Sealed) -> None:
    target = position_of(sealed.url, "Staff.RoleAssigned", "group_member")
    sql(
        sealed.url,
        f"UPDATE {EVENTS} SET topic=%s WHERE notification_id=%s",
        ("aggregates.org:Staff.RoleEnded", target),
    )
    report = sealed.verify()
    assert first(report) == (target, findings.TOPIC_CHANGED)


def test_deleted_middle_event_is_found_and_deleted_positions_are_never_handed_out_again(
    sealed: Sealed,
) -> None:
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id=7")
    assert first(sealed.verify()) == (7, findings.DELETED)
    cut = sealed.last - 5  # the insider deletes the last few rows and winds the sequence back over them
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id > %s", (cut,))
    sql(sealed.url, "SELECT setval('ledger_events_notification_id_seq', %s)", (cut,))
    app = sealed.app()
    with pytest.raises(Unusable, match=f"position {cut + 1} is already on the audit chain"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    assert sql(sealed.url, f"SELECT MAX(notification_id) FROM {EVENTS}")[0][0] == cut  # nothing written


def test_deleted_last_event_is_found_and_stays_found_after_later_writes(sealed: Sealed) -> None:
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id=%s", (sealed.last,))
    report = sealed.verify()
    assert (sealed.last, findings.TRUNCATED) in found(report)
    assert findings.TRACKING_AHEAD in kinds(report)
    # a sequence never hands a position out twice: the ledger writes on, the hole stays a deletion
    app = sealed.app()
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    assert (sealed.last, findings.DELETED) in found(sealed.verify())


def test_inserted_event_is_found_and_the_ledger_refuses_to_chain_over_it(sealed: Sealed) -> None:
    _oid, _, topic, state = row(sealed.url, sealed.last)
    forged = insert(sealed.url, (Staff.id_for("S999"), 1, topic, state))
    assert first(sealed.verify()) == (forged, findings.INSERTED)
    app = sealed.app()
    with pytest.raises(Unusable, match=f"stored event at position {forged} was written outside the ledger"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    assert app.max_position() == forged  # the refused write left nothing: events and witness roll back
    app.close()
    assert sql(sealed.url, f"SELECT MAX(position) FROM {WITNESS_TABLE}")[0][0] == sealed.last


def test_event_put_far_ahead_of_the_sequence_is_never_witnessed_by_a_later_write(sealed: Sealed) -> None:
    """Not the next position: the sequence would hand out the ones before it, and a write
    that chained every row after the witness's head would vouch for the forged one."""
    _oid, _, topic, state = row(sealed.url, sealed.last)
    ahead = insert(sealed.url, (Staff.id_for("S999"), 1, topic, state), position=sealed.last + 1000)
    app = sealed.app()
    with pytest.raises(Unusable, match=f"stored event at position {ahead} was written outside the ledger"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    report = sealed.verify()
    assert first(report) == (ahead, findings.INSERTED)
    assert sql(sealed.url, f"SELECT MAX(position) FROM {WITNESS_TABLE}")[0][0] == sealed.last


def test_event_put_into_the_gap_of_a_deleted_one_is_found(sealed: Sealed) -> None:
    _, _, topic, state = row(sealed.url, 9)
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id=9")
    insert(sealed.url, (Staff.id_for("S999"), 1, topic, state), position=9)
    assert first(sealed.verify()) == (9, findings.REPLACED)


def test_two_swapped_events_are_found(sealed: Sealed) -> None:
    for old, new in ((10, -1), (11, 10), (-1, 11)):
        sql(sealed.url, f"UPDATE {EVENTS} SET notification_id=%s WHERE notification_id=%s", (new, old))
    report = sealed.verify()
    assert first(report) == (10, findings.SWAPPED)
    assert "positions 10 and 11" in report["first_problem"]["detail"]


def test_tail_truncated_after_a_checkpoint_is_found_even_with_witness_and_tracking_trimmed(
    sealed: Sealed,
) -> None:
    cut = act_boundary(sealed.url, sealed.covered - 3)  # whole acts removed: every signature still holds
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id > %s", (cut,))
    assert first(sealed.verify()) == (cut + 1, findings.TRUNCATED)
    sql(sealed.url, f"DELETE FROM {WITNESS_TABLE} WHERE position > %s", (cut,))
    sql(
        sealed.url,
        f"UPDATE {TRACKING_TABLE} SET notification_id=%s WHERE application_name != '__migration__'",
        (cut,),
    )
    assert sealed.verify(files=False, pubkey=False)["ok"]
    report = sealed.verify()
    assert first(report) == (cut + 1, findings.TRUNCATED)
    assert "covers positions up to" in report["first_problem"]["detail"]


def test_events_after_the_checkpoint_truncated_are_found_by_witness_and_tracking(sealed: Sealed) -> None:
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id > %s", (sealed.covered + 1,))
    report = sealed.verify()
    assert (sealed.covered + 2, findings.TRUNCATED) in found(report)
    assert findings.TRACKING_AHEAD in kinds(report)


def test_backdated_forged_event_appended_with_a_recomputed_chain_is_found_by_the_checkpoint_time(
    sealed: Sealed,
) -> None:
    forged = insert(sealed.url, forged_role(sealed.url, "2026-06-30T02:00:00Z"))
    rewrite_witness(sealed.url)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (forged, findings.BACKDATED)


def test_forged_event_with_a_recomputed_witness_is_found_unsigned_and_no_checkpoint_covers_it(
    sealed: Sealed, tmp_path: Path
) -> None:
    """The forger with the database and the source code, but not a staff member's key."""
    forged = insert(sealed.url, forged_role(sealed.url, sealed.clock.now.isoformat().replace("+00:00", "Z")))
    rewrite_witness(sealed.url)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (forged, findings.UNSIGNED_EVENT)  # no act signs it
    generate_key(tmp_path / "forger.pem", tmp_path / "forger.pub")
    app = sealed.app()
    with pytest.raises(Refused, match=f"position {forged}: not signed"):
        checkpoint(Ledger(sealed.url, app), "S001", tmp_path / "forger.pem", tmp_path / "forged.json")
    assert app.max_position() == forged  # nothing recorded over it
    app.close()


def last_act(url: str, actor: str) -> tuple[UUID, int, bytes]:
    """(stream, version, stored state) of ``actor``'s last act with their registered key."""
    signer = KeyFolder().signer(actor)
    assert signer is not None
    stream = SignedAct.chain_for(actor, key_id(signer.public_key))
    version, state = sql(
        url,
        f"SELECT originator_version, state FROM {EVENTS} WHERE originator_id=%s "
        "ORDER BY originator_version DESC LIMIT 1",
        (stream,),
    )[0]
    return stream, int(version), bytes(state)


def test_an_event_in_anothers_name_signed_with_the_insiders_own_key_is_found_as_forged(
    sealed: Sealed,
) -> None:
    """The insider S001, with the database role, the source code and their own registered key,
    records a grant in the principal leader's name and the act that signs it, also in P01's
    name, signed with S001's key over the canonical act and linked after P01's last act in
    P01's own chain, the witness recomputed: no key but P01's could have signed it."""
    now = sealed.clock.now.isoformat().replace("+00:00", "Z")
    forged = insert(sealed.url, forged_role(sealed.url, now, actor="P01"))
    stream, version, state = last_act(sealed.url, "P01")
    insider = KeyFolder().signer("S001")
    act_row = act_state([row(sealed.url, forged)], "P01", insider, now, digest(state))
    act = insert(sealed.url, (stream, version + 1, ACT, act_row))
    rewrite_witness(sealed.url)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (act, findings.ACT_BAD_SIGNATURE)
    assert "P01's key" in report["first_problem"]["detail"]
    result = CliRunner().invoke(cli, ["--db", sealed.url, "audit", "verify"], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"NOT VERIFIED: first problem at position {act}: {findings.ACT_BAD_SIGNATURE}" in result.output
    app = sealed.app()  # and P01's next act will not follow the forged one
    with pytest.raises(Unusable, match=r"P01's last act with key .* does not verify"):
        run(app, "P01", "org.role.end", staff_id="S004", role="unit_staff", reason="调岗")
    assert app.max_position() == act
    app.close()


def test_an_event_in_anothers_name_under_the_insiders_own_act_is_found(sealed: Sealed) -> None:
    """The same grant in P01's name, signed by S001's valid act of their own."""
    now = sealed.clock.now.isoformat().replace("+00:00", "Z")
    forged = insert(sealed.url, forged_role(sealed.url, now, actor="P01"))
    stream, version, state = last_act(sealed.url, "S001")
    act_row = act_state([row(sealed.url, forged)], "S001", KeyFolder().signer("S001"), now, digest(state))
    insert(sealed.url, (stream, version + 1, ACT, act_row))
    rewrite_witness(sealed.url)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (forged, findings.ACT_WRONG_ACTOR)
    assert "recorded in P01's name, but signed by S001's act" in report["first_problem"]["detail"]


def test_an_act_deleted_with_its_events_from_the_middle_of_a_chain_is_found(sealed: Sealed) -> None:
    """A whole act of S001's and the unit it recorded cut out, the witness recomputed: the next
    act of S001's names the one cut as the act it follows."""
    unit = position_of(sealed.url, "Unit.Established", "审计股")
    query = f"SELECT notification_id FROM {EVENTS} WHERE topic=%s ORDER BY 1"
    acts = [int(p) for (p,) in sql(sealed.url, query, (ACT,))]
    cut = next(p for p in acts if p > unit)
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id IN (%s, %s)", (unit, cut))
    rewrite_witness(sealed.url)
    report = sealed.verify(files=False, pubkey=False)
    assert first(report) == (next(p for p in acts if p > cut), findings.ACT_CHAIN_BROKEN)


def test_witness_edited_without_relinking_is_found(sealed: Sealed) -> None:
    sql(sealed.url, f"UPDATE {WITNESS_TABLE} SET state_sha256=%s WHERE position=5", ("00" * 32,))
    report = sealed.verify()
    assert (5, findings.WITNESS_ALTERED) in {(f["position"], f["kind"]) for f in report["findings"]}


def test_a_write_rolled_back_after_taking_its_position_leaves_a_gap_that_is_no_finding(
    sealed: Sealed,
) -> None:
    """A sequence is not transactional: a version conflict burns a position; the witness never had it."""
    from eventsourcing.persistence import IntegrityError, StoredEvent

    app = sealed.app()
    taken = next(app.notifications())
    clash = StoredEvent(taken.originator_id, taken.originator_version, taken.topic, taken.state)
    with pytest.raises(IntegrityError):
        app.recorder.insert_events([clash])
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    after = app.max_position()
    app.close()
    stored = [
        r[0]
        for r in sql(
            sealed.url, f"SELECT notification_id FROM {EVENTS} WHERE notification_id > %s", (sealed.last,)
        )
    ]
    assert sealed.last + 1 not in stored and stored  # position last + 1 was burnt by the conflict
    report = sealed.verify()
    assert report["ok"], report["findings"]
    assert (report["events"], report["last_position"]) == (sealed.last + len(stored), after)
    # …but a row slipped into that gap is not a rolled-back write
    insert(sealed.url, (Staff.id_for("S999"), 1, taken.topic, taken.state), position=sealed.last + 1)
    inserted = [f for f in sealed.verify()["findings"] if f["kind"] == findings.INSERTED]
    assert [f["position"] for f in inserted] == [sealed.last + 1]
    assert "put in a gap" in inserted[0]["detail"]


def units(url: str) -> int:
    return int(sql(url, f"SELECT COUNT(*) FROM {EVENTS} WHERE topic LIKE %s", ("%Unit.Established",))[0][0])


def test_concurrent_writers_leave_one_unbroken_chain(sealed: Sealed) -> None:
    """The table lock serialises the writers, so each extends the witness from the last one's head."""
    errors: list[BaseException] = []
    before = units(sealed.url)
    apps = [sealed.app() for _ in range(4)]  # opened one by one: creating tables is not what is tested

    def writer(n: int) -> None:
        try:
            for i in range(4):
                run(apps[n], "S001", "org.unit.add", code=f"C{n}{i}", unit_name=f"并发{n}{i}")
        except BaseException as e:
            errors.append(e)
        finally:
            apps[n].close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    report = sealed.verify()
    assert report["ok"], report["findings"]
    assert report["events"] == sql(sealed.url, f"SELECT COUNT(*) FROM {EVENTS}")[0][0]
    assert units(sealed.url) == before + 16


def test_verify_reads_one_read_only_snapshot_while_the_ledger_writes_on(sealed: Sealed) -> None:
    import psycopg

    app = sealed.app()
    with open_raw(sealed.url) as source:

        class WritesMidway:
            """The events, then a write committed before the witness and tracking are read."""

            def events(self, first: int = 1) -> Iterator[tuple[Any, ...]]:
                yield from source.events(first)
                run(app, "S001", "org.unit.add", code="MID", unit_name="中途")

            witness = source.witness
            tracking = source.tracking

        report = verify_connection(WritesMidway())
        assert report.ok, report.findings  # the new event is in neither half of the snapshot
        assert report.events == sealed.last
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            source.conn.execute(f"DELETE FROM {EVENTS}")  # type: ignore[attr-defined]
    app.close()
    assert sealed.verify()["events"] > sealed.last


def test_a_checkpoint_of_a_head_the_postgres_chain_never_had_is_refused_and_nothing_written(
    sealed: Sealed,
) -> None:
    """The insider who records a checkpoint by hand to vouch for a history of their own making."""
    app = sealed.app()
    real = app.witness_link(sealed.last)
    assert real is not None and real == sealed.verify()["head"]
    fields = {"origin": "x", "size": sealed.last}
    for at, head in ((sealed.last, "0" * 64), (sealed.last + 5, real)):
        message = refused_without_writing(
            app, Refused, "S001", "audit.checkpoint", position=at, head=head, **fields
        )
        assert "does not have head" in message
    app.close()


def test_an_edit_then_a_dropped_witness_is_never_laundered_and_only_the_principal_leader_restores_it(
    sealed: Sealed,
) -> None:
    """Finding 1 of issue 10 on PostgreSQL: opening, reading and writing never rebuild a dropped witness."""
    target = position_of(sealed.url, "Staff.Added", "李明")
    state = row(sealed.url, target)[3]
    sql(
        sealed.url,
        f"UPDATE {EVENTS} SET state=%s WHERE notification_id=%s",
        (bytes(state).replace("李明".encode(), "张三".encode()), target),
    )
    sql(sealed.url, f"DROP TABLE {WITNESS_TABLE}")
    app = sealed.app()  # opening creates no witness …
    ledger = Ledger(sealed.url, app)
    staff = app.get(Staff, Staff.id_for("S002"))
    assert staff is not None and staff.name == "张三"  # … nor does a read
    assert first(sealed.verify(files=False, pubkey=False)) == (1, findings.NO_WITNESS)
    with pytest.raises(Unusable, match=r"witness \(audit_chain\) is missing"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    with pytest.raises(Refused, match="only the principal leader"):
        reestablish(ledger, "S001", sealed.key, "备份恢复时丢失")
    assert app.max_position() == sealed.last and app.witness_missing()
    reestablish(ledger, "P01", sealed.key, "备份恢复时丢失")
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    report = sealed.verify(files=False, pubkey=True)
    (brk,) = [f for f in report["findings"] if f["kind"] == findings.CHAIN_BREAK]
    assert brk["position"] == sealed.last + 1 and "P01 re-established it" in brk["detail"]
    # the witness vouches for the edited rows now; the checkpoint signed before the edit and the
    # act that recorded the name do not
    assert (sealed.covered, findings.CHECKPOINT_MISMATCH) in found(report)
    assert (target, findings.ACT_MISMATCH) in found(report)


def test_a_postgres_ledger_recorded_before_the_witness_existed_is_witnessed_only_by_a_signed_act(
    tmp_path: Path, pg_empty: str
) -> None:
    from eventsourcing.application import Application
    from eventsourcing.postgres import PostgresApplicationRecorder
    from eventsourcing.utils import get_topic

    from ledger.storage import persistence_env

    url = pg_empty
    clock = FakeClock(START)

    class OldApp(LedgerApp):
        name = "ledger"  # the same tables, written by eventsourcing's plain recorder

        def __init__(self) -> None:
            self.db, self.clock, self.keys, self.read_only = url, clock, KeyFolder(), False
            env = {
                **persistence_env(url),
                "APPLICATION_RECORDER_TOPIC": get_topic(PostgresApplicationRecorder),
            }
            Application.__init__(self, env=env)

    old = OldApp()
    setup_bureau(old)
    old.close()
    app = LedgerApp(url, clock=clock)
    assert first(verify(url)) == (1, findings.NO_WITNESS)  # opened, still not witnessed
    with pytest.raises(Unusable, match=r"witness .* is missing"):
        run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    key, pub = tmp_path / "bureau.pem", tmp_path / "bureau.pub"
    generate_key(key, pub)
    reestablish(Ledger(url, app), "P01", key, "written before the audit chain existed")
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    report = verify(url, (), pub)
    assert report["ok"], report["findings"]
    assert [f["kind"] for f in report["findings"]].count(findings.CHAIN_BREAK) == 1


def test_an_edit_and_a_cut_after_the_last_checkpoint_are_caught_by_a_receipt_and_the_monitor(
    sealed: Sealed, tmp_path: Path
) -> None:
    """Finding 3 of issue 10 on PostgreSQL: what the checkpoint does not cover, a receipt and a monitor do."""
    app = sealed.app()
    receipt(Ledger(sealed.url, app), sealed.key, tmp_path / "receipts" / "receipt.json")
    app.close()
    state = tmp_path / "monitor.json"
    assert monitor(sealed.url, state)["ok"]
    target = position_of(sealed.url, "Staff.Added", "钱七")
    assert sealed.covered < target <= sealed.last
    state_bytes = bytes(row(sealed.url, target)[3])
    edited = state_bytes.replace("钱七".encode(), "钱九".encode())
    sql(sealed.url, f"UPDATE {EVENTS} SET state=%s WHERE notification_id=%s", (edited, target))
    rewrite_witness(sealed.url)
    alone = sealed.verify()  # the checkpoint covers only the prefix it signs; the act signed the name
    assert first(alone) == (target, findings.ACT_MISMATCH)
    report = verify(sealed.url, (sealed.checkpoint,), sealed.pub, receipts=tmp_path / "receipts")
    assert (sealed.last, findings.CHECKPOINT_MISMATCH) in {
        (f["position"], f["kind"]) for f in report["findings"]
    }
    assert [f["kind"] for f in monitor(sealed.url, state)["findings"]] == [findings.FORK]

    cut = act_boundary(sealed.url, target - 1)  # and the cut, of whole acts: every signature left holds
    sql(sealed.url, f"DELETE FROM {EVENTS} WHERE notification_id > %s", (cut,))
    rewrite_witness(sealed.url)
    sql(
        sealed.url,
        f"UPDATE {TRACKING_TABLE} SET notification_id=%s WHERE application_name != '__migration__'",
        (cut,),
    )
    assert sealed.verify()["ok"]
    report = verify(sealed.url, (sealed.checkpoint,), sealed.pub, receipts=tmp_path / "receipts")
    assert (cut + 1, findings.TRUNCATED) in found(report)
    assert [f["kind"] for f in monitor(sealed.url, state)["findings"]] == [findings.ROLLBACK]

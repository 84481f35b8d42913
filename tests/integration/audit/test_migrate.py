"""`ledger migrate SRC DST`: the same record in another database, every position kept, verified on both sides.

The SQLite-to-SQLite tests run everywhere; the PostgreSQL ones when LEDGER_TEST_POSTGRES is set.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli.main import cli
from ledger.application import LedgerApp
from ledger.audit.keys import generate_key
from ledger.audit.raw import open_raw
from ledger.interface import Ledger
from ledger.interface.audit import checkpoint, receipt, register_key, verify
from ledger.storage.chain import GENESIS, RAW_COLUMNS, WITNESS_TABLE, witness_rows
from projections.org import Directory
from tests.support.clock import FakeClock
from tests.support.ledger import run, setup_bureau
from tests.support.postgres import MARKS, sql


def postgres(test: Any) -> Any:
    """Runs when LEDGER_TEST_POSTGRES names a server (see tests/support/postgres.py)."""
    for mark in MARKS:
        test = mark(test)
    return test


@pytest.fixture
def source(tmp_path: Path, clock: FakeClock) -> Path:
    """The bureau, a signed checkpoint handed out, one more entry and a receipt for it; views caught up."""
    db = tmp_path / "src.db"
    generate_key(tmp_path / "bureau.pem", tmp_path / "bureau.pub")
    app = LedgerApp(str(db), clock=clock)
    setup_bureau(app)
    ledger = Ledger(str(db), app)
    register_key(ledger, "P01", tmp_path / "bureau.pub")
    clock.advance(hours=1)
    checkpoint(ledger, "S001", tmp_path / "bureau.pem", tmp_path / "checkpoint.json")
    run(app, "S001", "org.unit.add", code="AUD", unit_name="审计股")
    receipt(ledger, tmp_path / "bureau.pem", tmp_path / "receipts" / "receipt.json")
    ledger.directory()
    app.close()
    return db


def migrate(src: str, dst: str) -> Result:
    return CliRunner().invoke(cli, ["migrate", src, dst, "--format", "json"], catch_exceptions=False)


def raw(db: str) -> list[tuple[Any, ...]]:
    with open_raw(db) as rows:
        return [tuple(r) for r in rows.events()]


def directory_digest(db: str) -> str:
    ledger = Ledger(db)
    try:
        return ledger.views.live(Directory).digest()
    finally:
        ledger.close()


def stored_positions(db: Path) -> list[int]:
    with sqlite3.connect(db) as conn:
        found = [r[0] for r in conn.execute("SELECT rowid FROM stored_events ORDER BY rowid")]
    conn.close()
    return found


def test_a_copy_keeps_every_row_and_position_and_hashes_to_the_same_head(
    source: Path, tmp_path: Path
) -> None:
    dst = tmp_path / "dst.db"
    result = migrate(str(source), str(dst))
    assert result.exit_code == 0, result.output
    copied = json.loads(result.output)
    handed = (tmp_path / "checkpoint.json",)
    before = verify(str(source))
    after = verify(str(dst), handed, tmp_path / "bureau.pub", receipts=tmp_path / "receipts")
    assert after["ok"], after["findings"]
    assert copied["head"] == before["head"] == after["head"]
    assert raw(str(dst)) == raw(str(source))  # positions, ids, versions, topics, state bytes
    assert after["checkpoints_checked"] == 3  # the checkpoint and the receipt handed out vouch for it too
    with open_raw(str(dst)) as rows:  # every projection rebuilt up to the last position, before any read
        tracked = dict(rows.tracking())
    stored = {name.split("@")[0] for name in tracked}  # stored under the rules' version (VIEWS_VERSION)
    assert stored == set(copied["projections"]) and set(tracked.values()) == {after["last_position"]}
    assert directory_digest(str(dst)) == directory_digest(str(source))


def test_a_ledger_with_positions_missing_is_copied_with_the_same_gaps(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A copy fills no gap: the chain hashes positions, so renumbering would be a different record."""
    src = tmp_path / "src.db"
    app = LedgerApp(str(src), clock=clock)
    setup_bureau(app)
    app.close()
    with sqlite3.connect(src) as conn:  # as a ledger copied from PostgreSQL, with its sequence's gaps
        conn.execute("UPDATE stored_events SET rowid = -rowid WHERE rowid > 20")
        conn.execute("UPDATE stored_events SET rowid = 5 - rowid WHERE rowid < 0")
        rows = conn.execute(f"SELECT {RAW_COLUMNS} FROM stored_events ORDER BY rowid").fetchall()
        conn.execute(f"DELETE FROM {WITNESS_TABLE}")
        conn.executemany(
            f"INSERT INTO {WITNESS_TABLE} VALUES (?, ?, ?, ?, ?, ?)", witness_rows(rows, GENESIS)
        )
    conn.close()
    assert verify(str(src))["ok"]
    dst = tmp_path / "dst.db"
    assert migrate(str(src), str(dst)).exit_code == 0
    assert stored_positions(dst) == stored_positions(src) and 21 not in stored_positions(dst)
    app = LedgerApp(str(dst), clock=clock)
    run(
        app, "S001", "org.unit.add", code="NEW", unit_name="新股"
    )  # the copy writes on after its last position
    app.close()
    assert verify(str(dst))["ok"]


def test_a_copy_into_a_ledger_that_holds_anything_is_refused_and_nothing_written(
    source: Path, tmp_path: Path, clock: FakeClock
) -> None:
    dst = tmp_path / "dst.db"
    app = LedgerApp(str(dst), clock=clock)
    run(app, "S001", "org.init", bureau="别的局", office_code="OFFICE", actor_name="王芳")
    app.close()
    before = raw(str(dst))
    result = migrate(str(source), str(dst))
    assert result.exit_code == 1 and "already holds a ledger" in result.output
    assert raw(str(dst)) == before


def test_a_source_that_does_not_verify_is_not_copied(source: Path, tmp_path: Path) -> None:
    """Copying would launder the edit under a fresh witness."""
    with sqlite3.connect(source) as conn:
        conn.execute("UPDATE stored_events SET topic = topic || ' ' WHERE rowid = 4")
    conn.close()
    dst = tmp_path / "dst.db"
    result = migrate(str(source), str(dst))
    assert result.exit_code == 1 and "the source does not verify (position 4: topic changed" in result.output
    assert not dst.exists()


def test_a_copy_onto_itself_or_into_memory_is_malformed(source: Path) -> None:
    assert migrate(str(source), str(source)).exit_code == 2
    assert migrate(str(source), ":memory:").exit_code == 2


@pytest.fixture
def pg_db(pg_empty: str) -> str:
    return pg_empty


@postgres
def test_sqlite_to_postgres_and_back_is_the_same_record(source: Path, tmp_path: Path, pg_db: str) -> None:
    result = migrate(str(source), pg_db)
    assert result.exit_code == 0, result.output
    assert "ledger:***@" in json.loads(result.output)["destination"]  # the password is never printed
    on_pg = verify(pg_db, (tmp_path / "checkpoint.json",), tmp_path / "bureau.pub")
    assert on_pg["ok"], on_pg["findings"]
    assert on_pg["head"] == verify(str(source))["head"]
    assert raw(pg_db) == raw(str(source))
    assert directory_digest(pg_db) == directory_digest(str(source))
    # the copy is a ledger: it writes on, and its chain continues from the copied head
    app = LedgerApp(pg_db)
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    app.close()
    assert verify(pg_db)["ok"]
    back = tmp_path / "back.db"
    assert migrate(pg_db, str(back)).exit_code == 0
    assert raw(str(back)) == raw(pg_db)
    assert verify(str(back))["head"] == verify(pg_db)["head"]


@postgres
def test_postgres_gaps_survive_the_copy_and_a_nonempty_postgres_is_refused(
    source: Path, tmp_path: Path, pg_db: str
) -> None:
    assert migrate(str(source), pg_db).exit_code == 0
    sql(
        pg_db,
        "SELECT setval('ledger_events_notification_id_seq', "
        "(SELECT MAX(notification_id) + 3 FROM ledger_events))",
    )
    app = LedgerApp(pg_db)  # as after three rolled-back writes: the next position skips three
    run(app, "S001", "org.unit.add", code="NEW", unit_name="新股")
    last = app.max_position()
    app.close()
    assert verify(pg_db)["ok"]
    back = tmp_path / "back.db"
    assert migrate(pg_db, str(back)).exit_code == 0
    assert stored_positions(back)[-1] == last and verify(str(back))["head"] == verify(pg_db)["head"]
    result = migrate(str(source), pg_db)
    assert result.exit_code == 1 and "already holds a ledger" in result.output


def sealed_ledger(tmp_path: Path, clock: FakeClock) -> tuple[Path, str, str]:
    """A published decision with commenters (their data sealed per subject), one of them erased."""
    from ledger.demo.decision import life

    db = tmp_path / "personal.db"
    app = LedgerApp(str(db), clock=clock)
    setup_bureau(app)
    for actor, name, fields in life("YJJR-2026-01"):
        run(app, actor, name, **fields)
    kept, erased = "decision:YJJR-2026-01:comment:C001", "decision:YJJR-2026-01:comment:C002"
    run(app, "S001", "privacy.erase", subject=erased, reason="本人申请删除")
    app.close()
    return db, kept, erased


def personal(db: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The subjects and their status, and the decision's comments as a reader sees them."""
    from ledger.interface.decision import decision_show
    from ledger.interface.privacy import subjects

    ledger = Ledger(db)
    try:
        return subjects(ledger), decision_show(ledger, "YJJR-2026-01")["comments"]
    finally:
        ledger.close()


def test_personal_data_goes_across_with_its_keys_and_an_erased_subject_stays_erased(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Without the key table the copy would hold ciphertext no one can open: every subject erased."""
    src, kept, erased = sealed_ledger(tmp_path, clock)
    dst = tmp_path / "dst.db"
    assert migrate(str(src), str(dst)).exit_code == 0
    assert personal(str(dst)) == personal(str(src))
    status = {s["subject"]: s["status"] for s in personal(str(dst))[0]}
    assert (status[kept], status[erased]) == ("kept", "erased")
    with open_raw(str(dst)) as rows:
        assert dict((s, k) for s, k, _, _ in rows.personal_keys())[erased] is None


@postgres
def test_personal_data_goes_across_to_postgres_and_back(tmp_path: Path, clock: FakeClock, pg_db: str) -> None:
    src, _, _ = sealed_ledger(tmp_path, clock)
    assert migrate(str(src), pg_db).exit_code == 0
    assert personal(pg_db) == personal(str(src))
    back = tmp_path / "back.db"
    assert migrate(pg_db, str(back)).exit_code == 0
    with open_raw(str(back)) as b, open_raw(str(src)) as s:
        assert b.personal_keys() == s.personal_keys()

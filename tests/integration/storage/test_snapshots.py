"""Snapshots (eventsourcing's own, ``ledger.snapshots``): a decision with many comments loads
from its latest snapshot; every read equals the fold of the events; snapshots stay out of
the audit chain, and one an insider edits is reported by `audit verify`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aggregates.base import Aggregate
from aggregates.decision import Decision
from ledger.application import LedgerApp
from ledger.audit import snapshots as snapshot_audit
from ledger.audit.snapshots import check_snapshots
from ledger.demo import load
from ledger.interface import build
from ledger.interface.audit import migrate_ledger, verify
from ledger.signing import KeyFolder
from ledger.snapshots import LedgerSnapshot, snapshot_state
from ledger.storage.opening import open_app
from tests.support.cli import CliRun
from tests.support.ledger import copy_of, play, record_demo, run, setup_bureau
from tests.support.tamper import sql

NUMBER = "YJJR-2026-01"
ID = Decision.id_for(NUMBER)
COMMENTS = 230
INTERVAL = 100  # this module's interval, a tenth of the ledger's, so a few hundred events exercise it


@pytest.fixture(scope="module", autouse=True)
def short_interval() -> Iterator[None]:
    """The same classes snapshotted, every ``INTERVAL`` events."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            LedgerApp, "snapshotting_intervals", dict.fromkeys(LedgerApp.snapshotting_intervals, INTERVAL)
        )
        yield


def with_comments(app: LedgerApp, comments: int, batch: int = 40) -> None:
    """The bureau, the demo decision up to its first comment, then ``comments`` comments."""
    setup_bureau(app)
    life = [s for s in load("decision") if s[2].get("decision") == NUMBER]
    play(app, life, until="decision.comment.receive")
    actor, _, first = next(s for s in life if s[1] == "decision.comment.receive")
    for start in range(0, comments, batch):
        fields = {"decision": NUMBER, "channel": "email", "effective": first["effective"]}
        app.execute(
            [
                build("decision.comment.receive", {**fields, "text": f"第{i + 1}条意见"})
                for i in range(start, min(comments, start + batch))
            ],
            actor,
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, key_folder: Path) -> Path:
    db = tmp_path_factory.mktemp("snapshots") / "ledger.db"
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    with_comments(app, COMMENTS)
    app.close()
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    return copy_of(built, tmp_path)


def same(a: Aggregate | None, b: Aggregate | None) -> bool:
    assert a is not None and b is not None
    return {k: v for k, v in vars(a).items() if k != "_pending"} == {
        k: v for k, v in vars(b).items() if k != "_pending"
    }


def test_a_decision_is_snapshotted_when_a_save_reaches_a_multiple_of_the_interval_and_the_latest_kept(
    db: Path,
) -> None:
    app = LedgerApp(str(db))
    taken = app.snapshot_versions(ID)
    latest = app.fold(Decision, ID)
    assert latest is not None and len(latest.comments) == COMMENTS
    assert len(taken) == 1, "only the latest is kept"
    assert taken[0] // INTERVAL == latest.version // INTERVAL < taken[0] / INTERVAL + 1
    app.close()


def test_snapshots_stay_out_of_the_notification_log_and_the_audit_chain(db: Path) -> None:
    ((events,),) = sql(db, "SELECT count(*) FROM stored_events")
    ((snapshots,),) = sql(db, "SELECT count(*) FROM stored_snapshots")
    app = LedgerApp(str(db))
    assert snapshots == 1 and app.max_position() == events
    assert all(not n.topic.endswith("LedgerSnapshot") for n in app.notifications())
    app.close()
    report = verify(str(db))
    assert report["ok"] and report["snapshots_checked"] == snapshots and report["events"] == events


@pytest.mark.parametrize("version", [1, 99, 100, 101, 150, 200, 210, None])
def test_an_aggregate_read_at_any_version_equals_the_fold_of_its_events(
    db: Path, version: int | None
) -> None:
    """eventsourcing uses a snapshot only at or below the version asked for."""
    app = LedgerApp(str(db))
    assert same(app.get(Aggregate, ID, version), app.fold(Aggregate, ID, version))
    app.close()


def test_a_correction_of_an_entry_below_the_latest_snapshot_is_loaded_as_the_fold(db: Path) -> None:
    app = LedgerApp(str(db), keys=KeyFolder())
    before = app.fold(Decision, ID)
    assert before is not None and app.snapshot_versions(ID)[-1] > 50
    entry = before.recorded_entry(50)
    assert isinstance(entry, Decision.CommentReceived)
    run(
        app, "S002", "correct", aggregate=str(ID), version=50, reason="录错", replace={"text": "更正后的意见"}
    )
    after = app.get(Decision, ID)
    assert same(after, app.fold(Decision, ID))
    assert after is not None and after.comments[entry.comment_id].text == "更正后的意见"
    app.close()


def edit_latest_snapshot(db: Path, change: Any) -> None:
    ((version, state),) = sql(
        db, "SELECT originator_version, state FROM stored_snapshots ORDER BY originator_version DESC LIMIT 1"
    )
    sql(
        db,
        "UPDATE stored_snapshots SET state = ? WHERE originator_version = ?",
        (change(bytes(state)), version),
    )


def drop_a_comment(state: bytes) -> bytes:
    data = json.loads(state)
    comments = data["state"]["attributes"]["comments"]
    comments.pop(next(iter(comments)))
    return json.dumps(data, ensure_ascii=False).encode()


def test_a_snapshot_an_insider_edits_is_reported_by_audit_verify_and_deleting_snapshots_repairs(
    db: Path,
) -> None:
    """Writes load from the latest snapshot, so an edited one would change what commands see:
    `audit verify` re-derives every snapshot from the chained events and names the one that differs."""
    edit_latest_snapshot(db, drop_a_comment)
    report = verify(str(db))
    assert not report["ok"]
    assert [f["kind"] for f in report["findings"]] == ["snapshot differs from its events"]
    sql(db, "DELETE FROM stored_snapshots")
    app = LedgerApp(str(db))
    assert same(app.get(Aggregate, ID), app.fold(Aggregate, ID))
    app.close()
    assert verify(str(db))["ok"]


def test_a_snapshot_of_garbage_is_reported_not_a_crash(db: Path) -> None:
    edit_latest_snapshot(db, lambda _: b"\x00not json")
    report = verify(str(db))
    assert not report["ok"] and report["findings"][0]["kind"] == "snapshot unreadable"


def test_a_read_only_ledger_folds_without_its_snapshots(db: Path) -> None:
    """Opened read-only nothing may be created, and an older file has no snapshot table."""
    expected = LedgerApp(str(db)).fold(Decision, ID)
    app = open_app(f"file:{db}?mode=ro")
    assert app.read_only and app.snapshots is None
    assert same(app.get(Aggregate, ID), expected)
    app.close()


def test_an_older_ledger_without_a_snapshot_table_verifies_and_gains_one_when_written(db: Path) -> None:
    sql(db, "DROP TABLE stored_snapshots")
    assert verify(str(db))["snapshots_checked"] == 0
    app = LedgerApp(str(db))
    assert app.snapshot_versions(ID) == []
    assert app.get(Decision, ID) is not None
    app.close()
    assert sql(db, "SELECT name FROM sqlite_master WHERE name = 'stored_snapshots'")


def test_migrate_copies_the_record_not_the_snapshots(db: Path, tmp_path: Path) -> None:
    dst = tmp_path / "copy.db"
    migrate_ledger(str(db), str(dst))
    app = LedgerApp(str(dst))
    assert app.snapshot_versions(ID) == []
    assert same(app.get(Aggregate, ID), LedgerApp(str(db)).fold(Aggregate, ID))
    app.close()
    assert verify(str(dst))["ok"]


def test_the_state_snapshot_compares_equals_for_equal_aggregates(db: Path) -> None:
    app = LedgerApp(str(db))
    assert snapshot_state(app.get(Aggregate, ID)) == snapshot_state(app.fold(Aggregate, ID))  # type: ignore[arg-type]
    app.close()


def test_every_aggregate_of_the_demo_year_is_restored_from_its_snapshot_as_it_was(app: LedgerApp) -> None:
    """Each attribute goes back by its declared type (an open ``dict[str, Any]`` with its
    values' types named): dates stay dates, enums enums, models models, entries events."""
    record_demo(app)
    ids = {n.originator_id for n in app.notifications()}
    kinds = set()
    for oid in ids:
        agg = app.fold(Aggregate, oid)
        assert agg is not None
        stored = app.mapper.to_stored_event(LedgerSnapshot.take(agg))  # type: ignore[arg-type]
        back = app.mapper.to_domain_event(stored).mutate(None)  # type: ignore[attr-defined]
        assert same(back, agg), type(agg).__qualname__
        kinds.add(type(agg))
    assert set(LedgerApp.snapshotting_intervals) <= kinds


def test_the_clerk_sees_the_snapshots_checked_and_an_edited_one_fails_verify_with_exit_1(
    db: Path, ledger_cli: CliRun
) -> None:
    result = ledger_cli("audit", "verify", actor=None)
    assert result.exit_code == 0 and "; 1 snapshot(s) checked" in result.output
    edit_latest_snapshot(db, drop_a_comment)
    result = ledger_cli("audit", "verify", actor=None)
    assert result.exit_code == 1 and "snapshot differs from its events" in result.output
    assert "Traceback" not in result.output


def test_the_snapshotted_classes_are_named_not_imported_so_a_cold_command_loads_only_its_system() -> None:
    """A clerk's one write pays for its own system's classes, not for every snapshotted one."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, ledger.application; print(sorted(m for m in sys.modules if 'aggregates.' in m))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for system in ("decision", "request", "openday", "catalogue"):
        assert f"'aggregates.{system}" not in loaded
    assert LedgerApp.snapshotting_intervals.get(Decision) is not None  # resolved by name when asked


def test_a_snapshot_taken_by_older_code_is_passed_over_and_the_aggregate_folded_from_its_events(
    db: Path,
) -> None:
    """A snapshot is derived data: one holding an attribute the class no longer declares (code
    renamed it since) must not stop every command that loads the decision."""

    def renamed(state: bytes) -> bytes:
        data = json.loads(state)
        attributes = data["state"]["attributes"]
        attributes["comments_before_rename"] = attributes.pop("comments")
        return json.dumps(data, ensure_ascii=False).encode()

    edit_latest_snapshot(db, renamed)
    app = LedgerApp(str(db))
    assert same(app.get(Aggregate, ID), app.fold(Aggregate, ID))
    app.close()


def test_every_snapshot_is_checked_a_page_at_a_time_and_an_edited_one_on_a_late_page_is_named(
    tmp_path: Path, key_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province keeps thousands of snapshots: verify reads them a page at a time and folds
    one aggregate at a time, and still finds the one an insider edited on the last page."""
    db = tmp_path / "ledger.db"
    intervals = dict.fromkeys(LedgerApp.snapshotting_intervals, 5)
    monkeypatch.setattr(LedgerApp, "snapshotting_intervals", intervals)
    app = LedgerApp(str(db), keys=KeyFolder(key_folder))
    record_demo(app)
    app.close()
    stored = sql(db, "SELECT originator_id, originator_version FROM stored_snapshots ORDER BY 1, 2")
    assert len(stored) >= 5, "the demo year, snapshotted every 5 events, keeps several aggregates' snapshots"
    monkeypatch.setattr(snapshot_audit, "SNAPSHOTS_AT_ONCE", 2)
    app = LedgerApp(str(db), read_only=True)
    assert check_snapshots(app) == (len(stored), [])
    app.close()
    last_id, last_version = stored[-1]
    sql(db, "UPDATE stored_snapshots SET state = ? WHERE originator_id = ?", (b"\x00not json", last_id))
    app = LedgerApp(str(db), read_only=True)
    checked, findings = check_snapshots(app)
    app.close()
    assert checked == len(stored)
    assert [(f.kind, f"v{last_version}" in f.detail) for f in findings] == [("snapshot unreadable", True)]

"""Snapshots on PostgreSQL (eventsourcing's own ``ledger_snapshots`` table): taken, used,
outside the audit chain, and an edited one reported by `audit verify`.

Runs when LEDGER_TEST_POSTGRES names a server (`.ci/run` starts one with .ci/postgres-up)."""

from __future__ import annotations

import json

import pytest

from aggregates.base import Aggregate
from ledger.application import LedgerApp
from ledger.audit import snapshots as snapshot_audit
from ledger.audit.snapshots import POSTGRES_TABLE, check_snapshots
from ledger.interface.audit import verify
from ledger.signing import KeyFolder
from ledger.storage.chain_postgres import SCHEMA
from tests.integration.storage.test_snapshots import (  # short_interval: that module's interval here too
    COMMENTS,
    ID,
    drop_a_comment,
    same,
    short_interval,  # noqa: F401
    with_comments,
)
from tests.support.ledger import record_demo
from tests.support.postgres import MARKS, sql

pytestmark = MARKS


def test_a_decision_with_many_comments_is_snapshotted_and_checked_on_postgres(
    pg_empty: str, keys: KeyFolder
) -> None:
    app = LedgerApp(pg_empty, keys=keys)
    with_comments(app, COMMENTS)
    taken = app.snapshot_versions(ID)
    assert len(taken) == 1
    assert same(app.get(Aggregate, ID), app.fold(Aggregate, ID))
    assert same(app.get(Aggregate, ID, 150), app.fold(Aggregate, ID, 150))
    events = app.max_position()
    app.close()
    report = verify(pg_empty)
    assert report["ok"] and report["snapshots_checked"] == 1 and report["events"] == events

    table = f"{SCHEMA}.{POSTGRES_TABLE}"
    ((state,),) = sql(pg_empty, f"SELECT state FROM {table} WHERE originator_version = %s", (taken[-1],))
    edited = drop_a_comment(bytes(state))
    sql(pg_empty, f"UPDATE {table} SET state = %s WHERE originator_version = %s", (edited, taken[-1]))
    report = verify(pg_empty)
    assert not report["ok"]
    assert [f["kind"] for f in report["findings"]] == ["snapshot differs from its events"]
    assert json.loads(edited)  # the forger's row is well-formed: only re-deriving it finds it out


def test_snapshots_are_checked_a_page_at_a_time_on_postgres(
    pg_empty: str, keys: KeyFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        LedgerApp, "snapshotting_intervals", dict.fromkeys(LedgerApp.snapshotting_intervals, 5)
    )
    app = LedgerApp(pg_empty, keys=keys)
    record_demo(app)
    app.close()
    stored = sql(pg_empty, f"SELECT originator_id FROM {SCHEMA}.{POSTGRES_TABLE} ORDER BY 1")
    assert len(stored) >= 5
    monkeypatch.setattr(snapshot_audit, "SNAPSHOTS_AT_ONCE", 2)
    app = LedgerApp(pg_empty, read_only=True)
    assert check_snapshots(app) == (len(stored), [])
    app.close()

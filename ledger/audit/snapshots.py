"""Snapshots checked against the record: each must equal the fold of its aggregate's events
up to its version (``ledger.snapshots``).

A snapshot lives outside the audit chain (``stored_snapshots``; ``ledger_snapshots`` on
PostgreSQL) and a write loads an aggregate from its latest snapshot, so an insider who
edits one would change what later commands see. `audit verify` therefore re-derives
every snapshot from the chained events and reports each that differs, or cannot be read,
as an error: the record itself is intact, the snapshot is not to be trusted. Snapshots
are derived data: deleting them (all, or the one named) loses nothing; the next saves
take them again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError, StoredEvent
from eventsourcing.utils import get_topic

from aggregates.base import Aggregate, Event
from ledger.application import LedgerApp
from ledger.audit.findings import Finding
from ledger.audit.raw import POSTGRES_SNAPSHOTS_TABLE, SNAPSHOTS_TABLE
from ledger.snapshots import LedgerSnapshot, snapshot_state
from ledger.storage import is_postgres

SNAPSHOT_DIFFERS = "snapshot differs from its events"
SNAPSHOT_UNREADABLE = "snapshot unreadable"
SQLITE_TABLE = SNAPSHOTS_TABLE
POSTGRES_TABLE = POSTGRES_SNAPSHOTS_TABLE


SNAPSHOTS_AT_ONCE = 500  # snapshots read in one query: a province keeps thousands, each a whole state


def stored_snapshots(app: LedgerApp) -> Iterator[StoredEvent]:
    """Every stored snapshot, by aggregate and version (none where the table was never made),
    read a page at a time, each page in a short transaction of its own."""
    datastore: Any = app.recorder.datastore  # type: ignore[attr-defined]
    if is_postgres(app.db):
        from ledger.storage.chain_postgres import SCHEMA

        table, mark = f"{SCHEMA}.{POSTGRES_TABLE}", "%s"
        exists = "SELECT to_regclass(%s) IS NOT NULL AS present"
    else:
        table, mark = SQLITE_TABLE, "?"
        exists = "SELECT count(*) AS present FROM sqlite_master WHERE type='table' AND name=?"
    with datastore.transaction(commit=False) as c:
        c.execute(exists, (table,))
        row = c.fetchone()
        if not row or not row["present"]:
            return
    columns = f"SELECT originator_id, originator_version, topic, state FROM {table}"
    order = f"ORDER BY originator_id, originator_version LIMIT {SNAPSHOTS_AT_ONCE}"
    after: tuple[Any, ...] = ()
    while True:
        with datastore.transaction(commit=False) as c:
            past = f"WHERE (originator_id, originator_version) > ({mark}, {mark}) " if after else ""
            c.execute(f"{columns} {past}{order}", after)
            rows = c.fetchall()
        for r in rows:
            yield StoredEvent(
                originator_id=r["originator_id"],
                originator_version=r["originator_version"],
                topic=r["topic"],
                state=bytes(r["state"]),
            )
        if len(rows) < SNAPSHOTS_AT_ONCE:
            return
        after = (rows[-1]["originator_id"], rows[-1]["originator_version"])


def check_snapshots(app: LedgerApp) -> tuple[int, list[Finding]]:
    """(snapshots checked, findings): each snapshot against the fold of its events, every
    aggregate folded once however many snapshots it has, one aggregate held at a time."""
    checked, findings = 0, []
    current: tuple[UUID, Aggregate | None, Iterator[Any]] | None = None
    stored = stored_snapshots(app)
    while True:
        try:
            row = next(stored, None)
        except (PersistenceError, sqlite3.Error) as e:
            findings.append(Finding(0, SNAPSHOT_UNREADABLE, f"the snapshot table cannot be read ({e})"))
            break
        if row is None:
            break
        checked += 1
        oid = UUID(str(row.originator_id))
        where = f"snapshot of {oid} at v{row.originator_version}"
        remedy = "the record is intact; delete the snapshots, which the next saves take again"
        try:
            snapshot = app.mapper.to_domain_event(row)
            if not isinstance(snapshot, LedgerSnapshot):
                raise TypeError(f"stored as {row.topic}")
            claimed = snapshot.state
        except Exception as e:  # any damage: a tampered row must be reported, never crash verify
            findings.append(Finding(0, SNAPSHOT_UNREADABLE, f"{where}: {e}; {remedy}"))
            continue
        if current is None or current[0] != oid:  # snapshots come by aggregate: the last one is done
            current = (oid, None, iter(app.events.get(oid)))
        _, agg, events = current
        while agg is None or agg.version < row.originator_version:
            event = next(events, None)
            if event is None:
                break
            agg = event.mutate(agg) if isinstance(event, Event) else agg
        current = (oid, agg, events)
        if (
            agg is None
            or agg.version != row.originator_version
            or snapshot.topic != get_topic(type(agg))
            or snapshot_state(agg) != claimed
        ):
            findings.append(Finding(0, SNAPSHOT_DIFFERS, f"{where} is not the fold of its events; {remedy}"))
    return checked, findings


def verify_snapshots(db: str) -> tuple[int, list[Finding]]:
    """``check_snapshots`` on the ledger at ``db``, opened for reading only."""
    app = LedgerApp(db, read_only=True)
    try:
        return check_snapshots(app)
    finally:
        app.close()

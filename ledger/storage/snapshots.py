"""Keeping one snapshot per aggregate: the latest (``ledger.snapshots``).

eventsourcing keeps every snapshot it is given; one of an aggregate that carries its
every entry grows with the aggregate, so keeping them all would cost the square of its
events (a decision commented on one comment at a time: a snapshot at v100, v200, … each
larger than the last). Older ones are deleted once a newer one is stored: a read at an
older version folds from the first event instead, as it would without snapshots.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID


def keep_latest(recorder: Any, latest: Mapping[UUID, int]) -> None:
    """Delete each aggregate's snapshots below the version of the one just stored."""
    datastore = recorder.datastore
    table = recorder.events_table_name
    if hasattr(datastore, "schema"):  # PostgreSQL: the schema eventsourcing writes in
        from psycopg.sql import SQL, Identifier

        statement: Any = SQL("DELETE FROM {}.{} WHERE originator_id = %s AND originator_version < %s").format(
            Identifier(datastore.schema), Identifier(table)
        )
        rows: list[tuple[Any, int]] = list(latest.items())
    else:
        statement = f"DELETE FROM {table} WHERE originator_id = ? AND originator_version < ?"
        rows = [(id.hex, version) for id, version in latest.items()]  # as eventsourcing stores it
    with datastore.transaction(commit=True) as c:
        for row in rows:
            c.execute(statement, row)

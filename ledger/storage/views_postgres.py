"""The live projection store on PostgreSQL (imported only when PostgreSQL is in use)."""

from __future__ import annotations

import json
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from ledger.storage.views_sqlite import VIEW_TABLE
from projections.base import Row


class PostgresViewRecorder(PostgresTrackingRecorder):
    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.table = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(VIEW_TABLE))
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0} (projection text NOT NULL, key text NOT NULL, "
                "value text NOT NULL, PRIMARY KEY (projection, key))"
            ).format(self.table)
        )

    def load(self, projection: str) -> dict[str, Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(SQL("SELECT key, value FROM {0} WHERE projection=%s").format(self.table), (projection,))
            return {r["key"]: json.loads(r["value"]) for r in c.fetchall()}

    def position(self, projection: str) -> int:
        return self.max_tracking_id(projection) or 0

    def write(self, projection: str, rows: dict[str, Row | None], tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as c:
            for key, value in rows.items():
                if value is None:
                    c.execute(
                        SQL("DELETE FROM {0} WHERE projection=%s AND key=%s").format(self.table),
                        (projection, key),
                    )
                else:
                    c.execute(
                        SQL(
                            "INSERT INTO {0} VALUES (%s, %s, %s) ON CONFLICT (projection, key) "
                            "DO UPDATE SET value = EXCLUDED.value"
                        ).format(self.table),
                        (projection, key, json.dumps(value, ensure_ascii=False, sort_keys=True)),
                    )
            self._insert_tracking(c, tracking)

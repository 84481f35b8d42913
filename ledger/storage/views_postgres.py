"""The live projection store on PostgreSQL (imported only when PostgreSQL is in use)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString, cast

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from ledger.storage.view_index import INDEX_TABLE, IndexSQL
from ledger.storage.views_sqlite import VIEW_TABLE, ViewRows


class PostgresViewRecorder(ViewRows, PostgresTrackingRecorder):
    def stream(self, projection: str) -> Iterator[tuple[str, str]]:
        """Streamed through a server-side cursor, in code-point order whatever the collation."""
        with self.datastore.transaction(commit=False) as c:
            cursor = c.connection.cursor(name="view_rows")
            cursor.itersize = 5000
            try:
                cursor.execute(self.select_ordered, (projection,))
                for r in cursor:
                    yield r["key"], r["value"]
            finally:
                cursor.close()

    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.table = SQL("{0}.{1}").format(Identifier(datastore.schema), Identifier(VIEW_TABLE))
        self.select_rows = SQL("SELECT key, value FROM {0} WHERE projection=%s").format(self.table)
        self.select_ordered = SQL(
            'SELECT key, value FROM {0} WHERE projection=%s ORDER BY key COLLATE "C"'
        ).format(self.table)
        self.delete_row = SQL("DELETE FROM {0} WHERE projection=%s AND key=%s").format(self.table)
        self.upsert_row = SQL(
            "INSERT INTO {0} VALUES (%s, %s, %s) "
            "ON CONFLICT (projection, key) DO UPDATE SET value = EXCLUDED.value"
        ).format(self.table)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0} (projection text NOT NULL, key text NOT NULL, "
                "value text NOT NULL, PRIMARY KEY (projection, key))"
            ).format(self.table)
        )
        # the rows' key compared in code-point order (a prefix's range, ``IndexSQL.get_under``):
        # the primary key serves that only in a C-collated database, this index in any
        self.sql_create_statements.append(
            SQL('CREATE INDEX IF NOT EXISTS {0} ON {1} (projection, (key COLLATE "C"))').format(
                Identifier(f"{VIEW_TABLE}_key_c"), self.table
            )
        )
        schema = datastore.schema
        rows = f'"{schema}"."{VIEW_TABLE}"' if schema else VIEW_TABLE
        index = f'"{schema}"."{INDEX_TABLE}"' if schema else INDEX_TABLE
        self.index_sql = IndexSQL("%s", rows, index, collate=' COLLATE "C"')  # code-point order
        create = self.index_sql.create()
        self.sql_create_statements.extend(SQL(cast(LiteralString, s)).format() for s in create)
        self.upsert_index = (
            f"INSERT INTO {index} VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (projection, key) DO UPDATE "
            "SET unit = EXCLUDED.unit, state = EXCLUDED.state, sort = EXCLUDED.sort, day = EXCLUDED.day"
        )

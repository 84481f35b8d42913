"""The live projection store on PostgreSQL (imported only when PostgreSQL is in use)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, LiteralString, cast

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier, Literal

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
        # the key in code-point order (``COLLATE "C"``: a prefix's range, ``IndexSQL.get_under``, and
        # the order rows are streamed in), so the primary key serves it in any database collation
        self.sql_create_statements.append(
            SQL(
                'CREATE TABLE IF NOT EXISTS {0} (projection text NOT NULL, key text COLLATE "C" NOT NULL, '
                "value text NOT NULL, PRIMARY KEY (projection, key))"
            ).format(self.table)
        )
        # a table made before, its key in the database's collation: an index in code-point order
        # beside its primary key (a prefix read would otherwise scan the whole projection)
        self.sql_create_statements.append(
            SQL(
                "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_collation c "
                "ON c.oid = a.attcollation WHERE a.attrelid = {0}::regclass AND a.attname = 'key' "
                "AND c.collname <> 'C') THEN "
                'CREATE INDEX IF NOT EXISTS {1} ON {2} (projection, (key COLLATE "C")); END IF; END $$'
            ).format(
                Literal(f'"{datastore.schema}"."{VIEW_TABLE}"' if datastore.schema else VIEW_TABLE),
                Identifier(f"{VIEW_TABLE}_key_c"),
                self.table,
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

"""The few columns a read filters and sorts a projection's rows on, beside the rows themselves.

A fold that is read a page at a time (the board, a register) declares for each row its
``Columns``: the unit it belongs to, a state, a sort key and a day. They are kept in their
own table (``projection_index``), written in the same transaction as the rows, indexed by
``(projection, unit, state, sort)`` and ``(projection, state, sort)``, so a read asks for
the rows it shows (``Where`` … ``ORDER BY sort, key LIMIT n``) and never loads the rest.
The same statements serve SQLite and PostgreSQL (only the placeholder differs).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")

if TYPE_CHECKING:  # a read of stored rows needs no projection (nor the aggregates it folds)
    from projections.base import Columns

VIEW_TABLE = "projection_rows"  # each projection's rows: (projection, key, value as JSON)
INDEX_TABLE = "projection_index"


@dataclass(frozen=True)
class Where:
    """Rows in one of ``states`` (any state when empty) with ``sort`` in [``sort_from``,
    ``sort_before``) and ``day`` in [``day_from``, ``day_to``]; bounds left out are open."""

    states: tuple[str, ...] = ()
    sort_from: str | None = None
    sort_before: str | None = None
    day_from: str | None = None
    day_to: str | None = None

    def admits(self, cols: Columns) -> bool:
        """The same test in Python (rows folded in memory, not yet stored)."""
        if self.states and cols.state not in self.states:
            return False
        if self.sort_from is not None and cols.sort < self.sort_from:
            return False
        if self.sort_before is not None and cols.sort >= self.sort_before:
            return False
        if self.day_from is not None and (cols.day is None or cols.day < self.day_from):
            return False
        return not (self.day_to is not None and (cols.day is None or cols.day > self.day_to))


def admitted(cols: Columns, unit: str | None, group: Sequence[Where]) -> bool:
    return (unit is None or cols.unit == unit) and any(w.admits(cols) for w in group)


class IndexSQL:
    """The statements over ``projection_index``, for a dialect's placeholder and table names."""

    def __init__(self, mark: str, rows: str, index: str, collate: str = "") -> None:
        """``collate``: what makes a comparison code-point order (PostgreSQL: ``COLLATE "C"``),
        declared on the columns of the index table (so its indexes serve the order) and said
        where the rows' own table is compared."""
        self.mark, self.rows, self.index, self.collate = mark, rows, index, collate

    def create(self) -> list[str]:
        text = f"TEXT{self.collate}"
        return [
            f"CREATE TABLE IF NOT EXISTS {self.index} (projection {text} NOT NULL, key {text} NOT NULL, "
            f"unit {text}, state {text} NOT NULL, sort {text} NOT NULL, day {text}, "
            "PRIMARY KEY (projection, key))",
            f"CREATE INDEX IF NOT EXISTS {INDEX_TABLE}_unit ON {self.index} (projection, unit, state, sort)",
            f"CREATE INDEX IF NOT EXISTS {INDEX_TABLE}_state ON {self.index} (projection, state, sort)",
            # a read of the past asks which aggregates changed in effect after a day (``times``)
            f"CREATE INDEX IF NOT EXISTS {INDEX_TABLE}_day ON {self.index} (projection, state, day)",
        ]

    def _where(self, projection: str, unit: str | None, group: Sequence[Where]) -> tuple[str, list[Any]]:
        m = self.mark
        sql, params = [f"i.projection={m}"], [projection]
        if unit is not None:
            sql.append(f"i.unit={m}")
            params.append(unit)
        alternatives = []
        for w in group:
            parts = []
            if w.states:
                parts.append(f"i.state IN ({', '.join([m] * len(w.states))})")
                params.extend(w.states)
            for column, op, value in (
                ("sort", ">=", w.sort_from),
                ("sort", "<", w.sort_before),
                ("day", ">=", w.day_from),
                ("day", "<=", w.day_to),
            ):
                if value is not None:
                    parts.append(f"i.{column} {op} {m}")
                    params.append(value)
            alternatives.append("(" + (" AND ".join(parts) or "1=1") + ")")
        sql.append("(" + " OR ".join(alternatives or ["1=0"]) + ")")
        return " AND ".join(sql), params

    def select(
        self, projection: str, unit: str | None, group: Sequence[Where], limit: int | None, offset: int
    ) -> tuple[str, list[Any]]:
        where, params = self._where(projection, unit, group)
        sql = (
            f"SELECT i.key AS key, r.value AS value FROM {self.index} i JOIN {self.rows} r "
            f"ON r.projection=i.projection AND r.key=i.key WHERE {where} "
            "ORDER BY i.sort, i.key"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return sql, params

    def count(self, projection: str, unit: str | None, group: Sequence[Where]) -> tuple[str, list[Any]]:
        where, params = self._where(projection, unit, group)
        sql = f"SELECT i.unit AS unit, COUNT(*) AS n FROM {self.index} i WHERE {where} GROUP BY i.unit"
        return sql, params

    def columns_of(self, projection: str, keys: Sequence[str]) -> tuple[str, list[Any]]:
        marks = ", ".join([self.mark] * len(keys))
        return (
            f"SELECT key, unit, state, sort, day FROM {self.index} WHERE projection={self.mark} "
            f"AND key IN ({marks})",
            [projection, *keys],
        )

    def get(self, projection: str, keys: Sequence[str]) -> tuple[str, list[Any]]:
        marks = ", ".join([self.mark] * len(keys))
        return (
            f"SELECT key, value FROM {self.rows} WHERE projection={self.mark} AND key IN ({marks})",
            [projection, *keys],
        )

    def get_under(self, projection: str, prefix: str) -> tuple[str, list[Any]]:
        """Rows whose key starts with ``prefix`` (a range of the primary key: ``prefix`` ≤ key < next)."""
        m = self.mark
        return (
            f"SELECT key, value FROM {self.rows} WHERE projection={m} "
            f"AND key{self.collate} >= {m} AND key{self.collate} < {m}",
            [projection, prefix, prefix + "\U0010ffff"],
        )

    def delete(self) -> str:
        return f"DELETE FROM {self.index} WHERE projection={self.mark} AND key={self.mark}"

    def ordered(self) -> str:
        """Every indexed key of a projection with its columns, by key in code-point order."""
        return (
            f"SELECT key, unit, state, sort, day FROM {self.index} WHERE projection={self.mark} "
            f"ORDER BY key{self.collate}"
        )


CHUNK = 500  # keys per IN (…) list: well under SQLite's limit on parameters


def chunks(items: Iterable[T]) -> Iterator[list[T]]:
    """``items`` in lists of ``CHUNK``: one IN (…) query each."""
    whole = list(items)
    for i in range(0, len(whole), CHUNK):
        yield whole[i : i + CHUNK]


class IndexedRows:
    """Reads of the rows a page shows, mixed into ``ViewRows`` (which gives ``datastore``)."""

    datastore: Any
    index_sql: IndexSQL
    upsert_index: Any

    def query(
        self, projection: str, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, dict[str, Any]]]:
        """(key, row) of the rows ``group`` admits, by sort then key, ``limit`` of them from ``offset``."""
        sql, params = self.index_sql.select(projection, unit, group, limit, offset)
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return [(r["key"], json.loads(r["value"])) for r in c.fetchall()]

    def count(self, projection: str, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]:
        """How many rows ``group`` admits, by unit."""
        sql, params = self.index_sql.count(projection, unit, group)
        with self.datastore.transaction(commit=False) as c:
            c.execute(sql, params)
            return {r["unit"]: int(r["n"]) for r in c.fetchall()}

    def columns_of(self, projection: str, keys: Iterable[str]) -> dict[str, Columns]:
        """The stored columns of ``keys`` (those stored)."""
        from projections.base import Columns

        out: dict[str, Columns] = {}
        wanted = list(keys)
        with self.datastore.transaction(commit=False) as c:
            for batch in chunks(wanted):
                c.execute(*self.index_sql.columns_of(projection, batch))
                for r in c.fetchall():
                    out[r["key"]] = Columns(r["unit"], r["state"], r["sort"], r["day"])
        return out

    def get(self, projection: str, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored rows of ``keys`` (those stored), by key."""
        out: dict[str, dict[str, Any]] = {}
        wanted = list(keys)
        with self.datastore.transaction(commit=False) as c:
            for batch in chunks(wanted):
                c.execute(*self.index_sql.get(projection, batch))
                out.update((r["key"], json.loads(r["value"])) for r in c.fetchall())
        return out

    def under(self, projection: str, prefix: str) -> dict[str, dict[str, Any]]:
        """The stored rows whose key starts with ``prefix`` (read through the primary key)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(*self.index_sql.get_under(projection, prefix))
            return {r["key"]: json.loads(r["value"]) for r in c.fetchall()}

    def index_stream(self, projection: str) -> Iterator[tuple[str, Columns]]:
        """(key, columns) of every indexed row, by key in code-point order: audit replay checks
        them against the rebuild's, as it checks the rows (a read of a page, or of the past,
        trusts them to say which rows to show)."""
        from projections.base import Columns

        with self.datastore.transaction(commit=False) as c:
            c.execute(self.index_sql.ordered(), (projection,))
            while (r := c.fetchone()) is not None:  # SQLite steps row by row
                yield r["key"], Columns(r["unit"], r["state"], r["sort"], r["day"])

    def write_index(self, c: Any, projection: str, columns: dict[str, Columns | None]) -> None:
        """Within the rows' transaction: each key's columns (None: the row is not indexed)."""
        for key, cols in columns.items():
            if cols is None:
                c.execute(self.index_sql.delete(), (projection, key))
            else:
                c.execute(self.upsert_index, (projection, key, *cols))

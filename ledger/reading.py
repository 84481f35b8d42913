"""Reading a page of a projection: the rows a query admits, in order, ``limit`` from ``offset``.

``StoredRows`` asks the store (the live copy is caught up: SQL on the indexed columns, only
the rows shown are read). ``OverlaidRows`` answers for a live copy that is behind on a ledger
that cannot be written: the events since the stored position are folded into a small overlay
of the rows they changed (memory O(events since), not O(rows)), and each query is the stored
answer with the changed rows' stored versions taken out and their new versions put in.
With no store at all (a scratch fold, or a ledger with no view tables) the overlay is everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ledger.storage.view_index import Where, admitted
from ledger.storage.views_sqlite import ViewStore
from projections.base import Columns, Fold, Row


class RowSource(Protocol):
    def query(
        self, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, Row]]: ...
    def count(self, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]: ...
    def get(self, keys: Sequence[str]) -> dict[str, Row]: ...
    def under(self, prefix: str) -> dict[str, Row]: ...


class StoredRows:
    """A caught-up live copy, read through the store."""

    def __init__(self, store: ViewStore, name: str) -> None:
        self.store, self.name = store, name

    def query(
        self, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, Row]]:
        return self.store.query(self.name, unit, group, limit, offset)

    def count(self, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]:
        return self.store.count(self.name, unit, group)

    def get(self, keys: Sequence[str]) -> dict[str, Row]:
        return self.store.get(self.name, keys)

    def under(self, prefix: str) -> dict[str, Row]:
        return self.store.under(self.name, prefix)


class OverlaidRows:
    """The stored rows (``store``, or none) under the rows ``fold`` changed since (all of a
    fold's rows when there is no store)."""

    def __init__(self, store: ViewStore | None, name: str, fold: Fold) -> None:
        self.store, self.name, self.fold = store, name, fold
        changed = sorted(fold.changed) if store is not None else sorted(fold.rows)
        self.changed = set(changed)
        self.old: dict[str, Columns] = store.columns_of(name, changed) if store is not None else {}
        self.new: dict[str, Columns] = {}
        for key in changed:
            row = fold.rows.get(key)
            cols = fold.columns(key, row) if row is not None else None
            if cols is not None:
                self.new[key] = cols

    def count(self, unit: str | None, group: Sequence[Where]) -> dict[str | None, int]:
        out = dict(self.store.count(self.name, unit, group)) if self.store is not None else {}
        for cols in self.old.values():
            if admitted(cols, unit, group):
                out[cols.unit] -= 1
        for cols in self.new.values():
            if admitted(cols, unit, group):
                out[cols.unit] = out.get(cols.unit, 0) + 1
        return {u: n for u, n in out.items() if n}

    def query(
        self, unit: str | None, group: Sequence[Where], limit: int | None, offset: int = 0
    ) -> list[tuple[str, Row]]:
        mine = [(cols.sort, key) for key, cols in self.new.items() if admitted(cols, unit, group)]
        found = [(s, k, self.fold.rows[k]) for s, k in mine]
        if self.store is not None:
            hidden = sum(1 for cols in self.old.values() if admitted(cols, unit, group))
            wanted = None if limit is None else offset + limit + hidden
            for key, row in self.store.query(self.name, unit, group, wanted, 0):
                if key not in self.changed:
                    cols = self.fold.columns(key, row)
                    found.append((cols.sort if cols else "", key, row))
        found.sort(key=lambda f: (f[0], f[1]))
        end = None if limit is None else offset + limit
        return [(k, r) for _, k, r in found[offset:end]]

    def get(self, keys: Sequence[str]) -> dict[str, Row]:
        out = {k: self.fold.rows[k] for k in keys if k in self.fold.rows}
        rest = [k for k in keys if k not in self.changed]
        if self.store is not None and rest:
            out.update(self.store.get(self.name, rest))
        return out

    def under(self, prefix: str) -> dict[str, Row]:
        out = self.store.under(self.name, prefix) if self.store is not None else {}
        for key in self.changed:
            out.pop(key, None)
        out.update((k, r) for k, r in self.fold.rows.items() if k.startswith(prefix))
        return out

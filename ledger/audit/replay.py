"""Replay: rebuild every projection from position 0 and compare it with the live copy.

Unlike verification this goes through the application (the domain events, the folds):
it proves the projections are derived from the record, not that the record is intact.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ledger.storage.scratch import ScratchRows

if TYPE_CHECKING:
    from projections.base import Columns, Fold


@dataclass
class ReplayReport:
    position: int
    events: int
    seconds: float
    projections: list[dict[str, Any]]

    @property
    def ok(self) -> bool:
        return all(p["same"] for p in self.projections)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "position": self.position,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "events_per_second": round(self.events / self.seconds) if self.seconds else None,
            "projections": self.projections,
        }


def compare_rows(live: Mapping[str, Any], rebuilt: Mapping[str, Any], limit: int = 5) -> list[str]:
    """What differs between a live copy and a rebuild, key by key (the first few)."""
    return compare_streams(
        ((k, live[k]) for k in sorted(live)), ((k, rebuilt[k]) for k in sorted(rebuilt)), limit
    )


def compare_streams(
    live: Iterable[tuple[str, Any]], rebuilt: Iterable[tuple[str, Any]], limit: int = 5
) -> list[str]:
    """What differs between two copies streamed as (key, row) in key order (the first few);
    neither is held in memory."""
    out: list[str] = []
    end = ("", None)
    a, b = iter(live), iter(rebuilt)
    x, y = next(a, None), next(b, None)
    while (x is not None or y is not None) and len(out) < limit:
        if y is None or (x is not None and x[0] < y[0]):
            out.append(f"{(x or end)[0]}: in the live copy only")
            x = next(a, None)
        elif x is None or y[0] < x[0]:
            out.append(f"{y[0]}: missing from the live copy")
            y = next(b, None)
        else:
            if x[1] != y[1]:
                out.append(f"{x[0]}: differs")
            x, y = next(a, None), next(b, None)
    return out


def _parsed(rows: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    return ((key, json.loads(text)) for key, text in rows)


def _rebuilt_rows(rebuilt: Fold) -> Iterator[tuple[str, Any]]:
    """A rebuild's (key, row), by key: streamed from its scratch file, or sorted in memory."""
    if isinstance(rebuilt.rows, ScratchRows):
        return _parsed(rebuilt.rows.stream())
    return ((k, rebuilt.rows[k]) for k in sorted(rebuilt.rows))


def index_differences(stored: Iterable[tuple[str, Columns]], rebuilt: Fold) -> list[str]:
    """What differs between the stored index of a live copy (the columns a read of a page, or
    of the past, filters and sorts by) and the columns of the rebuild's rows (the first few):
    an index row edited, deleted or added by hand would make a read show other rows than
    the ones it stands for, while the rows themselves stay equal to their rebuild."""
    derived = (
        (key, cols) for key, row in _rebuilt_rows(rebuilt) if (cols := rebuilt.columns(key, row)) is not None
    )
    return [f"index: {d}" for d in compare_streams(stored, derived)]


def replay(app: Any, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Rebuild every projection from position 0 and compare it with the live copy, at its position.

    The live copies are caught up first, together in one pass; where one is stored (a ledger that may be
    written) it is then compared through a digest read row by row from the store. The rebuild
    is written batch by batch to scratch files and read back in key order, so neither copy is
    held in memory at any size (on a ledger that cannot be written the caught-up copy exists
    only in memory and is compared there). Where they differ, both are streamed side by side
    to name the first rows that differ."""
    from ledger.systems import fold_classes
    from ledger.views import Views

    views = Views(app)
    classes = fold_classes()
    held: dict[str, Fold] = {}
    for _ in range(3):
        held = views.caught_up_together(classes)
        positions = {views.position(cls) for cls in classes}
        if len(positions) == 1:
            break
    position = max(positions)
    total = position

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    started = time.perf_counter()
    history = views.history(classes, stop=position, progress=tick, scratch=True)
    seconds = time.perf_counter() - started
    tick(total)
    results = []
    try:
        for cls in classes:
            rebuilt = history.folds[cls.name]
            rebuilt_digest = rebuilt.digest()
            live = held.get(cls.name)
            name = views.stored_name(cls)
            if live is not None:
                rows, live_digest = len(live.rows), live.digest()
            else:
                rows, live_digest = views.store.digest(name)
            same = live_digest == rebuilt_digest
            differences: list[str] = []
            if not same:  # only then are both read again, side by side, to say which rows differ
                theirs = (
                    ((k, live.rows[k]) for k in sorted(live.rows))
                    if live is not None
                    else _parsed(views.store.stream(name))
                )
                differences = compare_streams(theirs, _rebuilt_rows(rebuilt))
            if rebuilt.indexed and live is None and views.position(cls) == position:
                differences += index_differences(views.store.index_stream(name), rebuilt)
                same = not differences
            results.append(
                {
                    "projection": cls.name,
                    "rows": rows,
                    "live_digest": live_digest,
                    "rebuilt_digest": rebuilt_digest,
                    "same": same,
                    "differences": differences,
                }
            )
    finally:
        history.close()
    return ReplayReport(position, history.events, seconds, results)

"""Replay: rebuild every projection from position 0 and compare it with the live copy.

Unlike verification this goes through the application (the domain events, the folds):
it proves the projections are derived from the record, not that the record is intact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from projections.base import Fold


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


def compare_rows(live: dict[str, Any], rebuilt: dict[str, Any], limit: int = 5) -> list[str]:
    """What differs between a live copy and a rebuild, key by key (the first few)."""
    out = []
    for key in sorted(set(live) | set(rebuilt)):
        if key not in rebuilt:
            out.append(f"{key}: in the live copy only")
        elif key not in live:
            out.append(f"{key}: missing from the live copy")
        elif live[key] != rebuilt[key]:
            out.append(f"{key}: differs")
        if len(out) >= limit:
            break
    return out


def replay(app: Any, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """Rebuild every projection from position 0 and compare it with the live copy, at its position.

    The live copies are caught up first, together in one pass; where one is stored (a ledger that may be
    written) it is then compared through a digest read row by row from the store, so only the
    rebuild is held in memory. On a ledger that cannot be written the caught-up copy exists
    only in memory and is compared there."""
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
    history = views.history(classes, stop=position, progress=tick)
    seconds = time.perf_counter() - started
    tick(total)
    results = []
    for cls in classes:
        rebuilt = history.folds[cls.name]
        rebuilt_digest = rebuilt.digest()
        live = held.get(cls.name)
        if live is not None:
            rows, live_digest = len(live.rows), live.digest()
        else:
            rows, live_digest = views.store.digest(views.stored_name(cls))
        same = live_digest == rebuilt_digest
        differences: list[str] = []
        if not same:  # only then are the live rows read whole, to say which differ
            live_rows = live.rows if live is not None else views.store.load(views.stored_name(cls))
            differences = compare_rows(live_rows, rebuilt.rows)
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
    return ReplayReport(position, history.events, seconds, results)

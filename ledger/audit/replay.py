"""Replay: rebuild every projection from position 0 and compare it with the live copy.

Unlike verification this goes through the application (the domain events, the folds):
it proves the projections are derived from the record, not that the record is intact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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
    """Rebuild every projection from position 0 and compare it with the live copy, at its position."""
    from ledger.systems import fold_classes
    from ledger.views import Views

    views = Views(app)
    for _ in range(3):
        live = {cls.name: views.live(cls) for cls in fold_classes()}
        positions = {views.position(cls) for cls in fold_classes()}
        if len(positions) == 1:
            break
    position = max(positions)
    total = position

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, total)

    started = time.perf_counter()
    history = views.history(fold_classes(), stop=position, progress=tick)
    seconds = time.perf_counter() - started
    tick(total)
    results = []
    for name, fold in live.items():
        rebuilt = history.folds[name]
        same = fold.digest() == rebuilt.digest()
        results.append(
            {
                "projection": name,
                "rows": len(fold.rows),
                "live_digest": fold.digest(),
                "rebuilt_digest": rebuilt.digest(),
                "same": same,
                "differences": [] if same else compare_rows(fold.rows, rebuilt.rows),
            }
        )
    return ReplayReport(position, history.events, seconds, results)

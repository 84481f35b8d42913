"""Copy a ledger to another database (SQLite ↔ PostgreSQL), keeping every position.

The raw rows go across as stored: positions (notification ids, gaps included),
originator ids, versions, topics and state bytes. The chain hashes exactly those
columns, so the copy must hash to the source's head; nothing else would be the same
record. In order:

1. the source is verified in one snapshot (a record that does not verify is not copied:
   the copy would launder it under a fresh witness), and its rows and its personal-data
   keys (beside the log, never on the chain) are read from it;
2. the destination must be empty; the rows, their recomputed witness and the keys (an
   erased subject's stays erased) are written in one transaction, refused unless the
   witness ends on the source's head;
3. the projections are rebuilt from the copied log (they are derived, never copied);
4. the destination is verified from its own raw rows: same events, same last position,
   same head.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from aggregates.errors import InvalidInput, Refused
from ledger.audit.raw import open_raw
from ledger.audit.verify import verify_connection
from ledger.storage import mask
from ledger.storage.chain import ChainBroken

if TYPE_CHECKING:
    from ledger.application import LedgerApp


def _checked(row: tuple[Any, ...]) -> tuple[int, str, int, str, bytes]:
    """A raw row in the form both databases can store it; one that has no such form is refused."""
    position, oid, version, topic, state = row
    try:
        hex_id = UUID(hex=str(oid)).hex
    except ValueError:
        hex_id = ""
    if hex_id != str(oid) or not isinstance(version, int) or not isinstance(state, bytes):
        raise InvalidInput("src", f"position {position}: a row of a shape the ledger never writes")
    return int(position), hex_id, version, str(topic), state


def migrate(src: str, dst: str, open_dst: Callable[[str], LedgerApp]) -> dict[str, Any]:
    """Copy the ledger at ``src`` into the empty ledger at ``dst`` (see the module docstring)."""
    from ledger.systems import fold_classes
    from ledger.views import Views

    started = time.perf_counter()
    if src == dst:
        raise InvalidInput("dst", "the destination is the source")
    if dst == ":memory:":
        raise InvalidInput("dst", "a copy in memory would be gone when the command ends")
    with open_raw(src) as source:
        before = verify_connection(source)
        if not before.ok:
            first = before.first
            assert first is not None
            raise Refused("src", f"the source does not verify ({first.line()}); nothing was copied")
        rows = [_checked(tuple(r)) for r in source.events()]
        keys = source.personal_keys()  # the data subjects' keys, or their sealed facts would be lost
    app = open_dst(dst)
    try:
        views = Views(app)
        folds = fold_classes()
        if app.max_position() or any(views.position(cls) for cls in folds):
            raise Refused("dst", f"{mask(dst)} already holds a ledger; a ledger is copied into an empty one")
        app.copy_in(rows, before.head, keys)
        history = views.history(folds)  # every projection from position 0 in one pass over the log
        for cls in folds:
            if history.position:
                fold = history.folds[cls.name]
                tracking = Tracking(views.stored_name(cls), history.position)
                views.write_rows(cls, fold, list(fold.rows), tracking)
    finally:
        app.close()
    with open_raw(dst) as target:
        after = verify_connection(target)
    same = (after.events, after.last_position, after.head) == (
        before.events,
        before.last_position,
        before.head,
    )
    if not after.ok or not same:
        problem = after.first.line() if after.first is not None else f"its head is {after.head}"
        raise ChainBroken(f"the copy at {mask(dst)} does not verify as the source's record ({problem})")
    return {
        "source": mask(src),
        "destination": mask(dst),
        "events": after.events,
        "last_position": after.last_position,
        "head": after.head,
        "checkpoints_checked": before.checkpoints,
        "projections": [cls.name for cls in folds],
        "seconds": round(time.perf_counter() - started, 3),
    }

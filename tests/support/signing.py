"""The insider's tools against signed acts: an act made by hand, with whatever key they hold,
for rows they wrote into the file themselves, and the chains the ledger links acts into."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

from eventsourcing.utils import get_topic

from aggregates.audit import SignedAct
from aggregates.org import key_id
from ledger.signing import Signer, act_message, canonical

ACT = get_topic(SignedAct.Signed)
UNLINKED = object()  # an act made as the code before chained acts made it: no ``previous`` at all


def act_state(
    rows: Sequence[tuple[Any, int, str, bytes]],
    actor: str,
    signer: Signer | None,
    timestamp: str,
    previous: object = UNLINKED,
) -> bytes:
    """The stored state of an act by ``actor`` naming ``rows`` (aggregate id, version, topic,
    state), signed with ``signer`` (None: a signature of junk), as the ledger would store it;
    ``previous``: the link it carries (a digest, or None for a chain's first act)."""
    fields: dict[str, Any] = {
        "actor": actor,
        "commands": [],
        "effective": timestamp[:10],
        "events": [
            [str(oid).replace("-", ""), version, topic, hashlib.sha256(state).hexdigest()]
            for oid, version, topic, state in rows
        ],
        "key_id": key_id(signer.public_key) if signer else "0" * 16,
        "timestamp": timestamp,
    }
    if previous is not UNLINKED:
        fields["previous"] = previous
    fields["signature"] = signer.sign(act_message(fields)) if signer else "00" * 64
    return canonical(fields)


def act_by_hand(
    db: Path,
    positions: list[int],
    actor: str,
    signer: Signer | None,
    timestamp: str,
    previous: object = UNLINKED,
    stream: tuple[str, int] | None = None,
) -> int:
    """Append an act by ``actor`` signing the rows at ``positions`` with ``signer`` (None: a
    signature of junk), as the ledger would have written it; its position. ``stream``: the
    aggregate id and version to store it under (by default an id of its own)."""
    with sqlite3.connect(db) as conn:
        rows = [
            conn.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events WHERE rowid=?",
                (p,),
            ).fetchone()
            for p in positions
        ]
        oid, version = stream or (uuid4().hex, 1)
        cur = conn.execute(
            "INSERT INTO stored_events VALUES (?, ?, ?, ?)",
            (oid, version, ACT, act_state(rows, actor, signer, timestamp, previous)),
        )
        position = int(cur.lastrowid or 0)
    conn.close()
    return position


def forged_json(state: dict[str, object]) -> bytes:
    return json.dumps(state, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def digest(state: bytes) -> str:
    """What the next act of a chain names as its ``previous``."""
    return hashlib.sha256(state).hexdigest()


def chain_of(db: Path, actor: str) -> list[tuple[int, str, int, bytes]]:
    """``actor``'s acts in position order: (position, aggregate id, version, stored state)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT rowid, originator_id, originator_version, state FROM stored_events "
            "WHERE topic=? ORDER BY rowid",
            (ACT,),
        ).fetchall()
    conn.close()
    return [(p, oid, v, s) for p, oid, v, s in rows if json.loads(s)["actor"] == actor]


def act_boundary(db: Path, at_most: int) -> int:
    """The last position up to ``at_most`` that ends a signed act: a cut there removes whole
    acts, so every signature left still holds (only checkpoints, receipts and monitors see it)."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT MAX(rowid) FROM stored_events WHERE rowid <= ? AND topic=?",
            (at_most, get_topic(SignedAct.Signed)),
        ).fetchone()
    conn.close()
    return int(row[0])

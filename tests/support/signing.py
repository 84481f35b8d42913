"""The insider's tools against signed acts: an act made by hand, with whatever key they hold,
for rows they wrote into the file themselves."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from uuid import uuid4

from eventsourcing.utils import get_topic

from aggregates.audit import SignedAct
from aggregates.org import key_id
from ledger.signing import Signer, act_message, canonical


def act_by_hand(db: Path, positions: list[int], actor: str, signer: Signer | None, timestamp: str) -> int:
    """Append an act by ``actor`` signing the rows at ``positions`` with ``signer`` (None: a
    signature of junk), as the ledger would have written it; its position."""
    with sqlite3.connect(db) as conn:
        rows = [
            conn.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events WHERE rowid=?",
                (p,),
            ).fetchone()
            for p in positions
        ]
        fields = {
            "actor": actor,
            "commands": [],
            "effective": timestamp[:10],
            "events": [
                [oid, version, topic, hashlib.sha256(state).hexdigest()]
                for oid, version, topic, state in rows
            ],
            "key_id": key_id(signer.public_key) if signer else "0" * 16,
            "timestamp": timestamp,
        }
        message = act_message(fields)
        fields["signature"] = signer.sign(message) if signer else "00" * 64
        cur = conn.execute(
            "INSERT INTO stored_events VALUES (?, ?, ?, ?)",
            (uuid4().hex, 1, get_topic(SignedAct.Signed), canonical(fields)),
        )
        position = int(cur.lastrowid or 0)
    conn.close()
    return position


def forged_json(state: dict[str, object]) -> bytes:
    return json.dumps(state, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


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

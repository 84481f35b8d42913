"""Checkpoints as claims: what one says (position, size, head, signature) and where it came from.

A claim is read from a checkpoint event's raw row or from a file handed out; either way
it is checked the same way (``ledger.audit.verify``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from eventsourcing.utils import get_topic

from aggregates.audit import Checkpoint
from aggregates.errors import InvalidInput
from ledger.audit.keys import key_id, statement

CHECKPOINT_TOPIC = get_topic(Checkpoint.Taken)


@dataclass(frozen=True)
class CheckpointClaim:
    """A checkpoint read from a raw row or a file: what it says, and where it came from."""

    source: str
    origin: str
    position: int
    size: int
    head: str
    taken: str
    public_key: str | None
    signature: str | None
    recorded_at: int | None = None  # position of the checkpoint event, if in the ledger

    def taken_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.taken)
        except ValueError:
            return None

    def message(self) -> bytes:
        return statement(self.origin, self.position, self.size, self.head, self.taken)

    def as_file(self) -> dict[str, Any]:
        return {
            "statement": self.message().decode(),
            "origin": self.origin,
            "position": self.position,
            "size": self.size,
            "head": self.head,
            "taken": self.taken,
            "key_id": key_id(bytes.fromhex(self.public_key)) if self.public_key else None,
            "public_key": self.public_key,
            "signature": self.signature,
        }


def _claim(data: Any, source: str, recorded_at: int | None = None) -> CheckpointClaim:
    """A claim from a checkpoint's JSON fields (KeyError, TypeError, ValueError when it is none)."""
    return CheckpointClaim(
        source=source,
        origin=str(data["origin"]),
        position=int(data["position"]),
        size=int(data["size"]),
        head=str(data["head"]),
        taken=str(data["taken"]),
        public_key=data.get("public_key"),
        signature=data.get("signature"),
        recorded_at=recorded_at,
    )


def read_checkpoint_file(path: Path) -> CheckpointClaim:
    try:
        return _claim(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InvalidInput("checkpoint", f"{path} is not a checkpoint file ({e})") from None


def claim_from_row(position: int, state: bytes) -> CheckpointClaim | None:
    try:
        return _claim(json.loads(state), f"checkpoint recorded at position {position}", position)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

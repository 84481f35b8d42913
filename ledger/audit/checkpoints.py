"""Checkpoints as claims: what one says (position, size, head, signature) and where it came from.

A claim is read from a checkpoint event's raw row, from a checkpoint file handed out,
or from a receipt (a file, or the footer of a public notice: ``ledger.audit.receipts``);
every one is checked the same way (``ledger.audit.verify``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aggregates.audit_facts import AUDIT_KEY_REGISTERED, CHECKPOINT_TAKEN, WITNESS_REESTABLISHED
from aggregates.errors import InvalidInput
from ledger.audit.keys import key_id, statement

CHECKPOINT_TOPIC = CHECKPOINT_TAKEN
KEY_TOPIC = AUDIT_KEY_REGISTERED
REESTABLISH_TOPIC = WITNESS_REESTABLISHED


@dataclass(frozen=True)
class CheckpointClaim:
    """A checkpoint read from a raw row or a file: what it says, and where it came from."""

    source: str
    origin: str
    position: int
    size: int
    head: str
    public_key: str | None
    signature: str | None
    taken: str | None = None  # v1 checkpoints only: a time the clerk supplied, signed but never trusted
    recorded_at: int | None = None  # position of the checkpoint event, if in the ledger
    supersedes: int | None = None  # the position of an earlier checkpoint it supersedes
    recorded: str | None = None  # when the ledger recorded it (its event's timestamp)

    def message(self) -> bytes:
        return statement(self.origin, self.position, self.size, self.head, self.taken)

    def as_file(self) -> dict[str, Any]:
        data = {
            "statement": self.message().decode(),
            "origin": self.origin,
            "position": self.position,
            "size": self.size,
            "head": self.head,
            "key_id": key_id(bytes.fromhex(self.public_key)) if self.public_key else None,
            "public_key": self.public_key,
            "signature": self.signature,
        }
        if self.taken is not None:
            data["taken"] = self.taken
        if self.recorded is not None:
            data["recorded"] = self.recorded
        return data


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def claim_from(data: Any, source: str, recorded_at: int | None = None) -> CheckpointClaim:
    """A claim from a checkpoint's JSON fields (KeyError, TypeError, ValueError when it is none)."""
    taken = data.get("taken")
    return CheckpointClaim(
        source=source,
        origin=str(data["origin"]),
        position=int(data["position"]),
        size=int(data["size"]),
        head=str(data["head"]),
        public_key=data.get("public_key"),
        signature=data.get("signature"),
        taken=None if taken is None else str(taken),
        recorded_at=recorded_at,
        supersedes=_optional_int(data.get("supersedes")),
        recorded=data.get("recorded") or data.get("timestamp"),
    )


def read_checkpoint_file(path: Path) -> CheckpointClaim:
    try:
        return claim_from(json.loads(path.read_text(encoding="utf-8")), str(path))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InvalidInput("checkpoint", f"{path} is not a checkpoint file ({e})") from None


def claim_from_row(position: int, state: bytes) -> CheckpointClaim | None:
    try:
        return claim_from(json.loads(state), f"checkpoint recorded at position {position}", position)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None

"""What verification finds: each problem as data (position, kind, detail), and the report.

The kinds are plain strings so a report reads the same as JSON, in a test and to a supervisor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledger.storage.chain import GENESIS

PAYLOAD_CHANGED = "payload changed"
TOPIC_CHANGED = "topic changed"
DELETED = "deleted"
TRUNCATED = "truncated"
INSERTED = "inserted"
SWAPPED = "swapped"
MOVED = "moved"
REPLACED = "replaced"
WITNESS_ALTERED = "witness altered"
CHECKPOINT_MISMATCH = "checkpoint mismatch"
BAD_SIGNATURE = "bad signature"
UNSIGNED = "unsigned checkpoint"
FOREIGN_KEY = "signed by another key"
BACKDATED = "backdated"
TRACKING_AHEAD = "projection ahead of the record"
NO_WITNESS = "no witness"
CHAIN_BREAK = "chain break"  # the witness re-established by the principal leader (not an error)
SUPERSEDED = "superseded"  # a checkpoint a later signed one supersedes (not an error)
UNREGISTERED_KEY = "key not registered"
ROLLBACK = "rollback"  # the record is shorter than a monitor last saw it
FORK = "fork"  # the head at a position a monitor saw is no longer the same
UNREADABLE = "unreadable row"
# signed acts (ledger.audit.signatures)
UNSIGNED_EVENT = "not signed"
ACT_MISMATCH = "differs from its signed act"
ACT_WRONG_ACTOR = "not its signer's"
ACT_BAD_SIGNATURE = "act signature invalid"
ACT_NO_KEY = "act signed without a registered key"
ACT_MISSING_EVENT = "signed event missing"
ACT_CHAIN_BROKEN = "act chain broken"  # an act's link to its actor's act before it leads nowhere
SIGNED_TWICE = "signed twice"


@dataclass(frozen=True)
class Finding:
    position: int
    kind: str
    detail: str
    error: bool = True

    def line(self) -> str:
        return f"position {self.position}: {self.kind}: {self.detail}"

    def row(self) -> dict[str, Any]:
        return {"position": self.position, "kind": self.kind, "detail": self.detail, "error": self.error}


@dataclass
class Report:
    events: int = 0
    last_position: int = 0
    head: str = GENESIS.hex()
    checkpoints: int = 0
    acts: int = 0
    signatures: int = 0  # act signatures checked (one per chain of acts, and each act stored unchained)
    signing: str = "optional"
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.error for f in self.findings)

    @property
    def first(self) -> Finding | None:
        errors = sorted((f for f in self.findings if f.error), key=lambda f: f.position)
        return errors[0] if errors else None

    def add(self, position: int, kind: str, detail: str, error: bool = True) -> None:
        self.findings.append(Finding(position, kind, detail, error))

    def chain(self) -> dict[str, Any]:
        """What the chain came to: verified or not, how far, and the head it hashes to."""
        return {"ok": self.ok, "events": self.events, "last_position": self.last_position, "head": self.head}

    def as_dict(self) -> dict[str, Any]:
        first = self.first
        return {
            **self.chain(),
            "checkpoints_checked": self.checkpoints,
            "acts_checked": self.acts,
            "signatures_checked": self.signatures,
            "signing": self.signing,
            "first_problem": None if first is None else first.row(),
            "findings": [f.row() for f in sorted(self.findings, key=lambda f: (f.position, f.kind))],
            "seconds": round(self.seconds, 3),
            "events_per_second": round(self.events / self.seconds) if self.seconds else None,
        }
